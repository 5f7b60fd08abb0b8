import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCompany } from "../../../test/helpers/companies.js";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import {
  buildMunicipality,
  buildTestApp,
  buildUser,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { needsLinks, openingValues, seekerValues } from "../../../test/helpers/skills.js";
import { testSecret } from "../../../test/global-setup.js";
import { inScope } from "../../platform/db/database.js";
import { nextDate } from "../../platform/sweden/business-calendar.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import * as contacts from "../companies/contact-service.js";
import { linkCompany } from "../companies/index.js";
import * as visits from "../companies/visit-service.js";
import * as needs from "./needs-service.js";
import * as matching from "./match-service.js";
import * as openings from "./opening-service.js";
import { createSeeker } from "./seeker-service.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let developer: Session;
let viewer: Session;

const today = () => stockholmParts(new Date()).date;
const year = () => Number(today().slice(0, 4));

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test" });
  await buildUser(db.app, askersund, { roles: ["viewer"], email: "lasare@askersund.test" });
  app = await buildTestApp(db.app);
  developer = await login(app, askersund.host, "utvecklare@askersund.test");
  viewer = await login(app, askersund.host, "lasare@askersund.test");
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const ctx = (municipality = askersund) => systemContext(db.app, municipality);
const post = (session: Session, url: string, values: Record<string, string | string[]>) =>
  app.inject({
    method: "POST",
    url,
    headers: { host: session.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...values, _csrf: session.csrf }),
  });
const get = (url: string, session?: Session, host = askersund.host) =>
  app.inject({ method: "GET", url, headers: { host, ...(session ? { cookie: session.cookie } : {}) } });
/** A company answering behind its link, as a browser without a session posts it. */
const answer = async (token: string, values: Record<string, string>) => {
  const page = await get(`/kompetensbehov/${token}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
  const cookie = [page.headers["set-cookie"]]
    .flat()
    .filter(Boolean)
    .map((line) => String(line).split(";")[0])
    .join("; ");
  return app.inject({
    method: "POST",
    url: `/kompetensbehov/${token}`,
    headers: { host: askersund.host, cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...values, _csrf: csrf }),
  });
};

/** A company on the municipality's own list, with its own address. */
async function ownCompany(name: string, options: { isPerson?: boolean; email?: string | null } = {}) {
  const company = await buildCompany(db.owner, { name, isPerson: options.isPerson ?? false });
  if (options.email !== null) {
    await db.owner
      .updateTable("companies")
      .set({ email: options.email ?? `info@${company.org_number}.se` })
      .where("id", "=", company.id)
      .execute();
  }
  await inScope(db.app, askersund.scope, (tx) => linkCompany(tx, askersund.id, company.id, "manual"));
  return company;
}

describe("the yearly survey", () => {
  it("goes by a mailed link to the own list's companies with an address, never to a sole trader, and once a year", async () => {
    const first = await ownCompany("Första AB");
    const byContact = await ownCompany("Kontaktbolaget AB", { email: null });
    await contacts.createContact(ctx(), byContact.id, {
      name: "Kim Kontakt",
      title: null,
      email: "kim@kontaktbolaget.se",
      phone: null,
      role: null,
      lawful_basis: "public_task",
      source: "Besök",
    });
    await ownCompany("Anna Andersson (enskild firma)", { isPerson: true });
    await ownCompany("Utan adress AB", { email: null });
    await buildCompany(db.owner, { name: "Inte kommunens AB" });

    const overview = await get("/kompetens/behov", developer);
    expect(overview.body).toContain("Årets enkät är inte skickad än.");
    expect(overview.body).toContain("Enkäten går till 2 företag på kommunens lista");
    // Sending mails every company: it asks first, with how many.
    const unconfirmed = await post(developer, "/kompetens/behov/skicka", { closes_on: nextDate(today(), 30) });
    expect(unconfirmed.statusCode).toBe(200);
    expect(unconfirmed.body).toContain("Skicka årets enkät om kompetensbehov?");
    expect(await needsLinks(db.app, askersund)).toEqual([]);

    const sent = await post(developer, "/kompetens/behov/skicka", { closes_on: nextDate(today(), 30), confirmed: "yes" });
    expect(sent.statusCode).toBe(303);
    const links = await needsLinks(db.app, askersund);
    expect(links.map((link) => link.to).sort()).toEqual([`info@${first.org_number}.se`, "kim@kontaktbolaget.se"]);
    const mail = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("mail_outbox").select(["subject", "text_body", "body_id"]).where("purpose", "=", "skills.needs_invite").executeTakeFirstOrThrow(),
    );
    expect(mail.subject).toBe(`Vilka yrken kommer ni att behöva? Kompetensbehov ${year()}`);
    // Once a year: sending again reaches only companies added since.
    expect(await needs.sendNeedsRound(ctx(), nextDate(today(), 20), { base: "http://askersund.test", municipality: "Askersund", secret: testSecret })).toBe(0);
    await ownCompany("Nytillkommen AB");
    expect(await needs.sendNeedsRound(ctx(), nextDate(today(), 20), { base: "http://askersund.test", municipality: "Askersund", secret: testSecret })).toBe(1);
    const state = await get("/kompetens/behov", developer);
    expect(state.body).toContain("Enkäten är skickad till 3 företag och besvarad av 0 via länken.");
    const audit = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("audit_events").select(["action", "changes"]).where("action", "=", "needs.sent").orderBy("at").execute(),
    );
    expect(audit.map((event) => (event.changes as { companies: number }).companies)).toEqual([2, 0, 1]);
  });

  it("refuses a last day to answer that has passed, naming the field and keeping the value", async () => {
    const response = await post(developer, "/kompetens/behov/skicka", { closes_on: "2020-01-01", confirmed: "yes" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("”Sista svarsdag” ska vara i dag eller senare, inom ett år");
    expect(response.body).toContain('value="2020-01-01"');
  });

  it("is read by a viewer but sent only by those who write openings", async () => {
    const page = await get("/kompetens/behov", viewer);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('action="/kompetens/behov/skicka"');
    expect((await post(viewer, "/kompetens/behov/skicka", { closes_on: nextDate(today(), 10), confirmed: "yes" })).statusCode).toBe(403);
  });
});

describe("a company's answer behind its link", () => {
  it("is saved, shown again to be changed, replaced by the change, and audited as the form's", async () => {
    const { token } = (await needsLinks(db.app, askersund))[0]!;
    const page = await get(`/kompetensbehov/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.body).toContain('<datalist id="ssyk-list">');
    expect(page.body).toContain('<option value="5120 Kockar och kallskänkor">');

    expect((await answer(token, { occupation_1: "5120 Kockar och kallskänkor", people_1: "2", occupation_2: "2512", people_2: "1" })).statusCode).toBe(303);
    const again = await get(`/kompetensbehov/${token}`);
    expect(again.body).toContain('value="5120 Kockar och kallskänkor"');
    expect(again.body).toContain('value="2512 Mjukvaru- och systemutvecklare m.fl."');

    expect((await answer(token, { occupation_1: "7411", people_1: "4" })).statusCode).toBe(303);
    const lines = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("skills_needs_lines").select(["occupation", "people"]).execute());
    expect(lines).toEqual([{ occupation: "7411", people: 4 }]);
    const invitation = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_needs_invitations").select("answered_at").where("answered_at", "is not", null).execute(),
    );
    expect(invitation).toHaveLength(1);
    const audit = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("audit_events").select(["actor_label", "changes"]).where("action", "=", "needs.answered").orderBy("at", "desc").executeTakeFirstOrThrow(),
    );
    expect(audit.actor_label).toBe("Kompetensbehovsenkäten (webbformulär)");
    expect(JSON.stringify(audit.changes)).toContain("7411: 4");
  });

  it("names the row and what is wrong, keeps the values, and leaves the saved answer as it was", async () => {
    const { token } = (await needsLinks(db.app, askersund))[0]!;
    const response = await answer(token, { occupation_1: "Drakjägare", people_1: "2", occupation_2: "5120", people_2: "noll" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Välj ett yrke med fyra siffror ur SSYK 2012 i ”Yrke, rad 1”");
    expect(response.body).toContain("Ange ”Antal personer, rad 2” som ett heltal från 1 till 10 000");
    expect(response.body).toContain('value="Drakjägare"');
    const lines = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("skills_needs_lines").select(["occupation", "people"]).execute());
    expect(lines).toEqual([{ occupation: "7411", people: 4 }]);
  });

  it("answers 404 for a link that is not one, and for a real one on another municipality's host", async () => {
    const { token } = (await needsLinks(db.app, askersund))[0]!;
    expect((await get(`/kompetensbehov/${"x".repeat(43)}`)).statusCode).toBe(404);
    expect((await get(`/kompetensbehov/${token}`, undefined, laxa.host)).statusCode).toBe(404);
  });

  it("shows the answer but takes no change once the survey has closed", async () => {
    const { token } = (await needsLinks(db.app, askersund))[0]!;
    const closeOn = (date: string) => inScope(db.app, askersund.scope, (tx) => tx.updateTable("skills_needs_rounds").set({ closes_on: date }).execute());
    await closeOn("2020-01-31");
    const page = await get(`/kompetensbehov/${token}`);
    expect(page.body).toContain("Enkäten stängde 31 januari 2020");
    expect(page.body).toContain("7411 Installations- och serviceelektriker: 4 personer");
    expect(page.body).not.toContain(`action="/kompetensbehov/`);
    const late = await answer(token, { occupation_1: "5120", people_1: "1" });
    expect(late.statusCode).toBe(400);
    await closeOn(nextDate(today(), 30));
  });
});

/** A visit held today at a company, its report from a template that takes in the skills needs. */
let templates = 0;
async function visitAt(companyId: string, sections: string[] = ["skills_needs"]) {
  templates += 1;
  const template = await visits.saveTemplate(ctx(), null, { name: `Mall ${templates}`, questions: ["Hur går det?"], sections });
  return visits.createVisit(ctx(), companyId, {
    date: today(),
    start_time: "09:00",
    end_time: null,
    status: "held",
    purpose: "",
    template_id: template.id,
    staff_ids: [],
    contact_ids: [],
  });
}

describe("the skills needs at a visit", () => {
  it("are a part a template takes in: shown on the visit with a link, filled in on their own page, the latest answer of the year standing", async () => {
    const template = await get("/admin/besoksmallar/ny", developer);
    expect(template.body).toContain('name="sections" value="skills_needs"');
    const refused = await post(developer, "/admin/besoksmallar/ny", { name: "Fel", questions: "Hur går det?", sections: "okand_del" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Delar från andra moduler");

    const company = await ownCompany("Besöksbolaget AB");
    const visit = await visitAt(company.id);
    const before = await get(`/besok/${visit}`, developer);
    expect(before.body).toContain('<h2 id="section-skills_needs">Kompetensbehov</h2>');
    expect(before.body).toContain(`href="/kompetens/behov/besok/${visit}"`);

    const form = await get(`/kompetens/behov/besok/${visit}`, developer);
    expect(form.body).toContain(`Kompetensbehov hos Besöksbolaget AB ${year()}`);
    const saved = await post(developer, `/kompetens/behov/besok/${visit}`, { occupation_1: "kockar och kallskänkor", people_1: "3" });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/besok/${visit}`);
    expect((await get(`/besok/${visit}`, developer)).body).toContain(`5120 Kockar och kallskänkor: 3 personer (${year()})`);

    // The company sees no need after all: said by the box, which the page then says.
    expect((await post(developer, `/kompetens/behov/besok/${visit}`, { no_need: "on" })).statusCode).toBe(303);
    expect((await get(`/besok/${visit}`, developer)).body).toContain(`Inget behov av att anställa (${year()})`);
    const rows = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_needs_answers").select(["source", "visit_id"]).where("company_id", "=", company.id).execute(),
    );
    expect(rows).toEqual([{ source: "visit", visit_id: visit }]);
  });

  it("are not asked of a sole trader, who is a person", async () => {
    const person = await ownCompany("Per Persson (enskild firma)", { isPerson: true });
    const visit = await visitAt(person.id);
    const page = await get(`/besok/${visit}`, developer);
    expect(page.body).toContain("Företaget är en enskild firma, alltså en person");
    expect(page.body).not.toContain(`href="/kompetens/behov/besok/${visit}"`);
    const refused = await post(developer, `/kompetens/behov/besok/${visit}`, { occupation_1: "5120", people_1: "1" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Företaget är en enskild firma, alltså en person");
    const saved = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_needs_answers").select("id").where("company_id", "=", person.id).execute(),
    );
    expect(saved).toEqual([]);
  });

  it("are not shown on a visit whose template does not take them in, nor to a role that does not read openings", async () => {
    const company = await ownCompany("Utan delen AB");
    const visit = await visitAt(company.id, []);
    expect((await get(`/besok/${visit}`, developer)).body).not.toContain("section-skills_needs");
    expect((await get(`/kompetens/behov/besok/${visit}`, viewer)).statusCode).toBe(403);
  });
});

describe("the figures", () => {
  it("show an occupation with three companies behind it, hold back the rest and the total that would give them away, alike on the page, in the CSV and as indicators", async () => {
    for (const name of ["Kök ett AB", "Kök två AB", "Kök tre AB"]) {
      await needs.saveVisitNeeds(ctx(), await visitAt((await ownCompany(name)).id), {
        occupation_1: "5120",
        people_1: "2",
        occupation_2: "2512",
        people_2: "1",
      });
    }
    // This year: the three kitchens; the link's answer (7411, one company); the visit that saw no need.
    const page = await get("/kompetens/behov", viewer);
    expect(page.body).toContain("5120 Kockar och kallskänkor");
    expect(page.body).toContain("2512 Mjukvaru- och systemutvecklare m.fl.");
    expect(page.body).not.toContain("7411 Installations");
    expect(page.body).toContain("Övriga yrken");
    const csv = (await get("/kompetens/behov.csv", viewer)).body;
    expect(csv).toContain(`${year()};5120;Kockar och kallskänkor;3;6`);
    expect(csv).toContain(`${year()};2512;Mjukvaru- och systemutvecklare m.fl.;3;3`);
    // One company behind 7411: held back, and the total with it, or 13 − 9 would give it away.
    expect(csv).toContain(`${year()};;Övriga yrken;..;..`);
    expect(csv).toContain(`${year()};;Totalt;..;..`);
    expect(csv).not.toContain("7411");
    expect(await needs.needsValue(db.app, askersund.scope, "skills.indicator_needs_people", year())).toBeNull();
    expect(await needs.needsValue(db.app, askersund.scope, "skills.indicator_needs_companies", year())).toBe(5);

    // A fourth and fifth company need an electrician: 7411 has three behind it, and everything shows.
    for (const name of ["El ett AB", "El två AB"]) {
      await needs.saveVisitNeeds(ctx(), await visitAt((await ownCompany(name)).id), { occupation_1: "7411", people_1: "1" });
    }
    const all = (await get("/kompetens/behov.csv", viewer)).body;
    expect(all).toContain(`${year()};7411;Installations- och serviceelektriker;3;6`);
    expect(all).not.toContain("Övriga yrken");
    expect(all).toContain(`${year()};;Totalt;6;15`);
    expect(await needs.needsValue(db.app, askersund.scope, "skills.indicator_needs_people", year())).toBe(15);
  });
});

describe("an opening's company", () => {
  it("becomes one of the municipality's own when the opening is published, and its timeline shows the opening and its placements", async () => {
    const company = await buildCompany(db.owner, { name: "Annonsören AB" });
    const id = await openings.createOpening(ctx(), openingValues({ org_number: company.org_number }));
    const linked = () =>
      inScope(db.app, askersund.scope, (tx) => tx.selectFrom("company_links").select("reason").where("company_id", "=", company.id).execute());
    expect(await linked()).toEqual([]);
    await openings.setStatus(ctx(), id, "published");
    expect(await linked()).toEqual([{ reason: "opening" }]);

    // Its timeline shows the opening, and the placement made through it without the person.
    const seeker = await createSeeker(ctx(), seekerValues({ name: "Placerad Person" }));
    const introduction = await matching.propose(ctx(), { seeker_id: seeker, opening_id: id, consent: true });
    for (const status of ["contacted", "placed"] as const) {
      await matching.step(ctx(), introduction, { status, consent: false, starts_on: null, ends_on: null });
    }
    const page = await get(`/foretag/${company.id}`, developer);
    expect(page.body).toContain("Kock till lunchrestaurang (1/1)");
    expect(page.body).toContain("Plats tillsatt");
    expect(page.body).not.toContain("Placerad Person");
  });
});

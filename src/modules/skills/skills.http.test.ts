import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import {
  anonymous,
  buildMunicipality,
  buildTestApp,
  buildUser,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { openingValues, seekerValues } from "../../../test/helpers/skills.js";
import { testSecret } from "../../../test/global-setup.js";
import { formStamp } from "../../platform/http/bot-guard.js";
import { postOpening } from "./posting-service.js";
import { inScope } from "../../platform/db/database.js";
import { erasePerson, registerExtract } from "../../platform/privacy/service.js";
import { skillsJobHandlers } from "./jobs.js";
import * as matching from "./match-service.js";
import * as openings from "./opening-service.js";
import * as seekers from "./seeker-service.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let officer: Session;
let developer: Session;
let admin: Session;
let viewer: Session;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await buildUser(db.app, askersund, { roles: ["labour_market_officer"], email: "arbetsmarknad@askersund.test", name: "Alva Arbetsmarknad" });
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test" });
  await buildUser(db.app, askersund, { roles: ["admin"], email: "admin@askersund.test" });
  await buildUser(db.app, askersund, { roles: ["viewer"], email: "lasare@askersund.test" });
  app = await buildTestApp(db.app);
  officer = await login(app, askersund.host, "arbetsmarknad@askersund.test");
  developer = await login(app, askersund.host, "utvecklare@askersund.test");
  admin = await login(app, askersund.host, "admin@askersund.test");
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
const get = (url: string, session?: Session) =>
  app.inject({ method: "GET", url, headers: { host: askersund.host, ...(session ? { cookie: session.cookie } : {}) } });
const published = async (changes: Parameters<typeof openingValues>[0] = {}) => {
  const id = await openings.createOpening(ctx(), openingValues(changes));
  await openings.setStatus(ctx(), id, "published");
  return id;
};

describe("openings", () => {
  it("are written by staff as drafts, published after a confirmation, and then shown to the public with JobPosting data and in the feed", async () => {
    const created = await post(developer, "/kompetens/annonser/ny", {
      kind: "internship",
      title: "Praktik i köket",
      description: "Åtta veckor i ett restaurangkök.",
      occupation: "5120",
      must_skills: "Livsmedelshygien",
      wanted_skills: "À la carte: 3\nBakning",
      languages: "svenska, engelska",
      licences: ["B"],
      extent: "100",
      places: "2",
      apply_by: "2099-01-31",
      workplace_municipality: "Askersunds kommun",
      org_number: "556677-8899",
      employer: "Hamnkrogen <AB>",
    });
    expect(created.statusCode).toBe(303);
    const id = created.headers.location!.split("/").pop()!;
    const stored = (await openings.getOpening(ctx(), id)).opening;
    expect(stored).toMatchObject({ status: "draft", workplace_municipality: "1882", org_number: "5566778899", languages: ["svenska", "engelska"] });
    expect(stored.skills).toEqual([
      { name: "Livsmedelshygien", must: true, weight: 1 },
      { name: "À la carte", must: false, weight: 3 },
      { name: "Bakning", must: false, weight: 1 },
    ]);
    expect((await get(`/jobb/${id}`)).statusCode).toBe(404);

    const asked = await post(developer, `/kompetens/annonser/${id}/publicera`, {});
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("Publicera ”Praktik i köket”?");
    expect((await openings.getOpening(ctx(), id)).opening.status).toBe("draft");
    expect((await post(developer, `/kompetens/annonser/${id}/publicera`, { confirmed: "yes" })).statusCode).toBe(303);

    const page = await get(`/jobb/${id}`);
    expect(page.statusCode).toBe(200);
    const structured = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]!) as Record<string, unknown>;
    expect(structured).toMatchObject({
      "@type": "JobPosting",
      title: "Praktik i köket",
      employmentType: ["INTERN"],
      totalJobOpenings: 2,
      validThrough: "2099-01-31T22:59:00.000Z",
      hiringOrganization: { name: "Hamnkrogen <AB>" },
      jobLocation: { address: { addressLocality: "Askersund", addressCountry: "SE" } },
    });
    // The employer's name cannot end the data element.
    expect(page.body).not.toContain("Hamnkrogen <AB>");
    expect((await get("/jobb")).body).toContain(`/jobb/${id}`);
    const feed = await get("/jobb/rss.xml");
    expect(feed.headers["content-type"]).toContain("application/rss+xml");
    expect(feed.body).toContain(`/jobb/${id}</link>`);
    expect(feed.body).toContain("<title><![CDATA[Praktik i köket, Hamnkrogen <AB>]]></title>");
  });

  it("names the field and keeps the values when an opening is wrong", async () => {
    const response = await post(developer, "/kompetens/annonser/ny", {
      kind: "job",
      title: "Lagerjobb",
      description: "Lager.",
      occupation: "9999",
      wanted_skills: "Truck: 9",
      extent: "100",
      places: "1",
      workplace_municipality: "Atlantis",
      employer: "Lagret",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Välj ett yrke med fyra siffror ur SSYK 2012 i ”Yrke”");
    expect(response.body).toContain("Skriv vikten i ”Meriterande” som en siffra 1–5 efter kolon");
    expect(response.body).toContain("”Arbetsplatsens kommun” innehåller en kommun som inte finns");
    expect(response.body).toContain('value="Lagerjobb"');
  });

  it("close after their last day to apply, by the job runner, and leave the public list", async () => {
    const id = await published({ title: "Snart stängd", apply_by: "2027-01-10" });
    const handlers = skillsJobHandlers(db.app, undefined, () => new Date("2027-01-10T22:30:00Z"));
    await handlers["skills.close-openings"]!({} as never);
    expect((await openings.getOpening(ctx(), id)).opening.status).toBe("published");
    await skillsJobHandlers(db.app, undefined, () => new Date("2027-01-10T23:30:00Z"))["skills.close-openings"]!({} as never);
    expect((await openings.getOpening(ctx(), id)).opening.status).toBe("closed");
    const page = await get(`/jobb/${id}`);
    expect(page.body).toContain("Annonsen är stängd");
    expect(page.body).not.toContain("application/ld+json");
  });

  it("are read by a viewer but not written", async () => {
    const id = await published();
    expect((await get(`/kompetens/annonser/${id}`, viewer)).statusCode).toBe(200);
    expect((await get("/kompetens/annonser/ny", viewer)).statusCode).toBe(403);
    expect((await post(viewer, `/kompetens/annonser/${id}/stang`, {})).statusCode).toBe(403);
  });
});

describe("a business posting an opening", () => {
  const posting = {
    consent: "on",
    kind: "summer_job",
    title: "Feriejobb på bageriet",
    description: "Tre veckor i juli.",
    occupation: "7612",
    extent: "75",
    places: "2",
    org_number: "556677-8899",
    employer: "Bageriet i Askersund",
    contact_name: "Berit Bagare",
    contact_email: "berit@bageriet.example.se",
  };
  const visitorPost = async (url: string, values: Record<string, string>) => {
    const visitor = await anonymous(app, askersund.host);
    return post(visitor, url, values);
  };

  it("is verified by the mailed link's button, not by fetching the link, and then waits for staff", async () => {
    const sent = await visitorPost("/jobb/annonsera", { ...posting, started: formStamp(testSecret, Date.now() - 60_000) });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe("/jobb/annonsera?klart=1");
    const mail = await inScope(db.app, askersund.scope, (tx) =>
      sql<{ text_body: string }>`select text_body from mail_outbox where to_address = 'berit@bageriet.example.se'`.execute(tx),
    );
    const link = /https?:\/\/askersund\.test\/jobb\/bekrafta\/([A-Za-z0-9_-]{43})/.exec(mail.rows[0]!.text_body)!;
    const token = link[1]!;
    const waiting = () =>
      inScope(db.app, askersund.scope, (tx) =>
        tx.selectFrom("skills_openings").select(["id", "status", "source"]).where("title", "=", "Feriejobb på bageriet").executeTakeFirstOrThrow(),
      );
    expect(await waiting()).toMatchObject({ status: "unverified", source: "business" });
    // Staff cannot publish what the business has not confirmed: it may be anyone's.
    const early = await post(developer, `/kompetens/annonser/${(await waiting()).id}/publicera`, { confirmed: "yes" });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain("Annonsen är inte bekräftad av företaget än");

    const page = await get(`/jobb/bekrafta/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect((await waiting()).status).toBe("unverified");
    expect((await visitorPost(`/jobb/bekrafta/${token}`, {})).statusCode).toBe(303);
    const verified = await waiting();
    expect(verified.status).toBe("review");
    // The link is spent, and the opening is not public before staff publish it.
    expect((await get(`/jobb/bekrafta/${token}`)).statusCode).toBe(404);
    expect((await get(`/jobb/${verified.id}`)).statusCode).toBe(404);
    expect((await get("/kompetens/annonser?status=review", developer)).body).toContain("Feriejobb på bageriet");
  });

  it("is refused when sent faster than a person fills in the form, and when it lacks who to answer", async () => {
    const quick = await visitorPost("/jobb/annonsera", { ...posting, title: "För snabb", started: formStamp(testSecret, Date.now()) });
    expect(quick.statusCode).toBe(400);
    const missing = await visitorPost("/jobb/annonsera", {
      ...posting,
      title: "Utan adress",
      contact_email: "",
      started: formStamp(testSecret, Date.now() - 60_000),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#f-contact_email"');
    expect(missing.body).toContain('value="Utan adress"');
    const count = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_openings").select("id").where("title", "in", ["För snabb", "Utan adress"]).execute(),
    );
    expect(count).toEqual([]);
  });

  it("has a link that ends after a week", async () => {
    const { token, id } = await postOpening(
      db.app,
      askersund.scope,
      openingValues({ contact_email: "x@example.se", org_number: "5566778899" }),
      "sv",
      {
        base: "http://askersund.test",
        municipality: "Askersund",
        secret: testSecret,
      },
      undefined,
    );
    await inScope(db.app, askersund.scope, (tx) =>
      tx
        .updateTable("skills_openings")
        .set({ created_at: new Date(Date.now() - 8 * 86_400_000) } as never)
        .where("id", "=", id)
        .execute(),
    );
    expect((await get(`/jobb/bekrafta/${token}`)).statusCode).toBe(404);
  });
});

describe("job seekers", () => {
  it("are read only by labour-market officers, and every read is logged with who and what", async () => {
    const id = await seekers.createSeeker(ctx(), seekerValues({ name: "Kim Känslig", personal_number: "8501012382" }));
    for (const session of [admin, developer, viewer]) {
      expect((await get(`/kompetens/arbetssokande/${id}`, session)).statusCode).toBe(403);
      expect((await get("/kompetens/arbetssokande", session)).statusCode).toBe(403);
    }
    const page = await get(`/kompetens/arbetssokande/${id}`, officer);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("850101-****");
    expect(page.body).not.toContain("8501012382");
    expect((await get(`/kompetens/arbetssokande/${id}/redigera`, officer)).body).not.toContain("8501012382");
    const list = await get("/kompetens/arbetssokande", officer);
    expect(list.body).toContain("Kim Känslig");
    expect(list.body).not.toContain("850101");

    const log = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_seeker_reads").select(["reader_name", "what"]).where("seeker_id", "=", id).orderBy("read_at").execute(),
    );
    expect(log).toEqual([
      { reader_name: "Alva Arbetsmarknad", what: "record" },
      { reader_name: "Alva Arbetsmarknad", what: "form" },
    ]);
    const extract = await registerExtract(ctx(), { kind: "personal_number", digits: "8501012382" });
    const part = extract.parts.find((entry) => entry.title === "skills.privacy_title");
    const [held] = (part?.records as { job_seekers: Array<{ read_log: Array<{ reader_name: string }> }> }).job_seekers;
    expect(held!.read_log.map((row) => row.reader_name)).toEqual(["Alva Arbetsmarknad", "Alva Arbetsmarknad"]);
  });

  it("keeps a stored personal identity number when its field comes back empty, and refuses an organisation number", async () => {
    const id = await seekers.createSeeker(ctx(), seekerValues({ name: "Nils Nummer", personal_number: "9001011239" }));
    const values = { name: "Nils Nummer", extent: "80", status: "searching", lawful_basis: "consent", basis_source: "Samtycke", places: "Laxå, Örebro kommun" };
    expect((await post(officer, `/kompetens/arbetssokande/${id}/redigera`, values)).statusCode).toBe(303);
    const saved = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("skills_seekers").selectAll().where("id", "=", id).executeTakeFirstOrThrow());
    expect(saved).toMatchObject({ personal_number: "9001011239", extent: 80, places: ["1860", "1880"] });
    const refused = await post(officer, `/kompetens/arbetssokande/${id}/redigera`, { ...values, personal_number: "556677-8899" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("”Personnummer” ska vara ett personnummer, inte ett organisationsnummer");
  });

  it("are erased with their history, introductions and read log, and nothing of them is left in any table", async () => {
    const opening = await published({ title: "Kock i Laxå" });
    const id = await seekers.createSeeker(
      ctx(),
      seekerValues({ name: "Erik Raderas", email: "erik.raderas@example.se", notes: "Ringer på tisdagar", skills: ["Flambering"] }),
    );
    await seekers.getSeeker(ctx(), id);
    // Two looks at a shortlist: one that showed him alone, one that showed him and another.
    const flambering = await published({ title: "Flambering", must_skills: ["Flambering"] });
    const filter = { alla: false, plats: false, i_tid: false };
    await matching.shortlistForOpening(ctx(), flambering, filter);
    const other = await seekers.createSeeker(ctx(), seekerValues({ name: "Olga Annan", skills: ["Flambering"] }));
    await matching.shortlistForOpening(ctx(), flambering, filter);
    await matching.propose(ctx(), { seeker_id: id, opening_id: opening, consent: false });
    const report = await erasePerson(ctx(), { kind: "email", email: "erik.raderas@example.se" });
    expect(report.parts.find((part) => part.title === "skills.privacy_title")).toEqual({
      title: "skills.privacy_title",
      erased: [{ what: "skills.privacy_hit", count: 1 }],
      kept: [{ what: "skills.privacy_introductions", count: 1, why: "skills.privacy_why_introductions" }],
    });
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db.owner);
    for (const { table_name } of tables.rows) {
      const found = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.id(table_name)} t
         where t::text ilike '%erik.raderas%' or t::text ilike '%Erik Raderas%' or t::text ilike '%Ringer på tisdagar%' or t::text like ${`%${id}%`}`.execute(
        db.owner,
      );
      expect(found.rows[0]!.n, table_name).toBe(0);
    }
    const looks = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_shortlist_reads").select("seeker_ids").where("opening_id", "=", flambering).execute(),
    );
    expect(looks.map((look) => look.seeker_ids)).toEqual([[other]]);
  });

  it("are erased by the retention rule two years after they were closed or placed, and not before", async () => {
    const ago = (months: number) => {
      const date = new Date();
      date.setMonth(date.getMonth() - months);
      return date;
    };
    const make = async (name: string, status: "closed" | "placed" | "searching", months: number) => {
      const id = await seekers.createSeeker(ctx(), seekerValues({ name, status }));
      await inScope(db.app, askersund.scope, (tx) =>
        tx
          .updateTable("skills_seekers")
          .set({ updated_at: ago(months) })
          .where("id", "=", id)
          .execute(),
      );
      return id;
    };
    const old = await make("Gammal Avslutad", "closed", 25);
    const recent = await make("Nyss Avslutad", "closed", 23);
    const searching = await make("Söker Länge", "searching", 30);
    await skillsJobHandlers(db.app, undefined)["skills.retention"]!({} as never);
    const left = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("skills_seekers").select("id").where("id", "in", [old, recent, searching]).execute(),
    );
    expect(left.map((row) => row.id).sort()).toEqual([recent, searching].sort());
  });

  it("answer 403 on every route of job seekers and introductions to every role but the labour-market officer's", async () => {
    const seeker = await seekers.createSeeker(ctx(), seekerValues({ name: "Rutt Provare" }));
    const opening = await published({ title: "Rutternas annons" });
    const introduction = await matching.propose(ctx(), { seeker_id: seeker, opening_id: opening, consent: true });
    const guarded = app.registeredRoutes.filter((route) => /^\/kompetens\/(arbetssokande|formedlingar)/.test(route.url) || route.url.endsWith("/matchning"));
    expect(guarded.length).toBeGreaterThanOrEqual(9);
    for (const route of guarded) {
      const url = route.url.replace(
        ":id",
        route.url.startsWith("/kompetens/formedlingar") ? introduction : route.url.startsWith("/kompetens/annonser") ? opening : seeker,
      );
      for (const session of [admin, developer, viewer]) {
        const response =
          route.method === "GET"
            ? await get(url, session)
            : await post(session, url, { seeker_id: seeker, opening_id: opening, status: "withdrawn", follow_up: "other" });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      }
    }
    const untouched = await seekers.getSeeker(ctx(), seeker);
    expect(untouched.introductions[0]!.status).toBe("proposed");
  });

  it("hold an opening's contact person as personal data: found, extracted and erased, and removed a year after the opening closed", async () => {
    const kept = await published({ title: "Öppen med kontakt", contact_name: "Klara Kontakt", contact_email: "klara@example.se" });
    const old = await published({ title: "Stängd för länge sedan", contact_name: "Gustav Gammal", contact_email: "gustav@example.se" });
    await openings.setStatus(ctx(), old, "closed");
    const extract = await registerExtract(ctx(), { kind: "email", email: "klara@example.se" });
    const part = extract.parts.find((entry) => entry.title === "skills.privacy_title")!;
    expect((part.records as { opening_contacts: Array<{ opening_id: string }> }).opening_contacts.map((row) => row.opening_id)).toEqual([kept]);

    await erasePerson(ctx(), { kind: "email", email: "klara@example.se" });
    expect((await openings.getOpening(ctx(), kept)).opening).toMatchObject({ title: "Öppen med kontakt", contact_name: null, contact_email: null });

    await inScope(db.app, askersund.scope, (tx) =>
      tx
        .updateTable("skills_openings")
        .set({ closed_at: new Date(Date.now() - 13 * 30 * 86_400_000) })
        .where("id", "=", old)
        .execute(),
    );
    await skillsJobHandlers(db.app, undefined)["skills.retention"]!({} as never);
    expect((await openings.getOpening(ctx(), old)).opening).toMatchObject({ contact_name: null, contact_email: null });
  });
});

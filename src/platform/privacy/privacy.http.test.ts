import type { FastifyInstance } from "fastify";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildDeskRecords, deskLinks } from "../../../test/helpers/desk.js";
import { buildCompany } from "../../../test/helpers/companies.js";
import { communicationLinks, eventValues } from "../../../test/helpers/communication.js";
import { closeCase, surveyLinks, surveyValues } from "../../../test/helpers/surveys.js";
import {
  buildMunicipality,
  buildTestApp,
  buildUnit,
  buildUser,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { seedDesk } from "../../modules/desk/seed.js";
import * as desk from "../../modules/desk/service.js";
import * as subscribers from "../../modules/communication/subscriber-service.js";
import * as subscriptions from "../../modules/communication/subscription-service.js";
import * as events from "../../modules/communication/event-service.js";
import * as registrations from "../../modules/communication/registration-service.js";
import * as contacts from "../../modules/companies/contact-service.js";
import * as surveys from "../../modules/surveys/survey-service.js";
import { sweep } from "../../modules/surveys/invitation-service.js";
import * as auth from "../auth/service.js";
import { inScope } from "../db/database.js";
import * as privacy from "./service.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let admin: Session;
let developer: Session;
let contactId: string;
let formerId: string;

const pia = "pia.persson@example.se";

async function holdPia(municipality: TestMunicipality, categoryId: string | null) {
  const ctx = systemContext(db.app, municipality);
  const list = await subscriptions.createList(ctx, { name_sv: "Nyheter", name_en: "News", description_sv: null, description_en: null, public: true });
  await subscribers.addSubscriber(ctx, { email: pia, name: "Pia Persson", org_number: null, language: "sv", list_ids: [list], consent_source: "Mässa" });
  if (categoryId === null) {
    return;
  }
  const event = await events.createEvent(ctx, eventValues({ title: "Frukostmöte" }), `http://${municipality.host}`);
  await registrations.register(
    db.app,
    municipality.scope,
    event,
    { name: "Pia Persson", email: pia, company_name: "Persson Konsult", org_number: "1212121212", consent: true },
    "sv",
    communicationLinks(municipality),
  );
  await desk.registerCase(
    ctx,
    {
      org_number: null,
      company_name: "Persson Konsult",
      name: "Pia Persson",
      email: pia,
      phone: null,
      category_id: categoryId,
      subject: "Bygglov för altan",
      description: "Hur gör jag?",
      channel: "mail",
      priority: "normal",
      language: "sv",
    },
    [],
    "sv",
    deskLinks(municipality),
  );
  await surveys.createSurvey(ctx, surveyValues([`${categoryId}:bygglov`]));
  await closeCase(db.app, municipality, categoryId, pia);
  await sweep(db.app, { id: municipality.id }, surveyLinks(municipality));
  const company = await buildCompany(db.app, { name: "Persson Konsult", orgNumber: "1212121212", isPerson: true });
  contactId = (
    await contacts.createContact(ctx, company.id, {
      name: "Pia Persson",
      title: "Ägare",
      email: "Pia.Persson@example.se",
      phone: null,
      role: null,
      lawful_basis: "public_task",
      source: "Företagsbesök",
    })
  ).id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  await seedDesk(db.app, askersund.scope, () => {});
  const unit = await buildUnit(db.app, askersund, { name: "Miljö och bygg" });
  await holdPia(askersund, (await buildDeskRecords(db.app, askersund, { unitId: unit.id })).deskCategory);
  await holdPia(laxa, null);
  const former = await buildUser(db.app, askersund, { roles: ["case_officer"], email: "olle.slutat@askersund.test", name: "Olle Slutat" });
  formerId = former.id;
  await auth.deactivateUser(systemContext(db.app, askersund), former.id);
  app = await buildTestApp(db.app);
  admin = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["admin"] })).email);
  developer = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["business_developer"] })).email);
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const get = (session: Session, url: string) => app.inject({ url, headers: { host: askersund.host, cookie: session.cookie } });
const post = (session: Session, url: string, fields: Record<string, string>) =>
  app.inject({
    method: "POST",
    url,
    headers: { host: askersund.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...fields, _csrf: session.csrf }),
  });
const count = (municipality: TestMunicipality, table: "subscribers" | "event_registrations" | "contacts" | "desk_cases", column: string, value: string) =>
  inScope(db.app, municipality.scope, async (tx) => {
    const row = await tx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where(column as never, "=", value as never)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });

describe("the data-protection page", () => {
  it("finds a person by name in every module that holds them, and only in this municipality", async () => {
    const page = await get(admin, `/admin/dataskydd?q=${encodeURIComponent("persson pia")}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="persson pia"');
    for (const heading of ["Företagslotsen (ärenden)", "Nyhetsbrev och evenemang", "Företagsregistret"]) {
      expect(page.body, heading).toContain(heading);
    }
    expect(page.body).toContain("Prenumerant");
    expect(page.body).toContain("Anmäld till ett evenemang");
    expect(page.body).toContain(`href="/kontakter/${contactId}"`);
    expect(page.body).toContain(`/admin/dataskydd?q=${encodeURIComponent(pia)}`);
    // A name is a search, never a person: no extract and no erasure from it.
    expect(page.body).not.toContain("/admin/dataskydd/radera");
    const laxaAdmin = await login(app, laxa.host, (await buildUser(db.app, laxa, { roles: ["admin"] })).email);
    const there = await app.inject({ url: `/admin/dataskydd?q=${encodeURIComponent("Olle Slutat")}`, headers: { host: laxa.host, cookie: laxaAdmin.cookie } });
    expect(there.body).toContain("Lotsen har inga uppgifter som matchar sökningen.");
  });

  it("shows one register extract by address, with each module's lawful basis, source and retention, and logs the search without its words", async () => {
    const page = await get(admin, `/admin/dataskydd?q=${encodeURIComponent(pia.toUpperCase())}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Registerutdrag för ${pia}`);
    expect(page.body).toContain("Uppgift av allmänt intresse (artikel 6.1 e)");
    expect(page.body).toContain("Samtycke (artikel 6.1 a)");
    expect(page.body).toContain("Bygglov för altan");
    expect(page.body).toContain("Frukostmöte");
    expect(page.body).toContain("Företagsbesök");
    expect(page.body).toContain("Inbjuden till en enkät");
    const json = await get(admin, `/admin/dataskydd/registerutdrag.json?q=${encodeURIComponent(pia)}`);
    expect(json.headers["content-disposition"]).toContain("registerutdrag.json");
    const extract = json.json() as privacy.RegisterExtract;
    expect(extract.person.email).toBe(pia);
    expect(extract.parts.map((part) => part.title).sort()).toEqual([
      "communication.privacy_title",
      "companies.privacy_title",
      "desk.privacy_title",
      "surveys.privacy_title",
    ]);
    const deskPart = extract.parts.find((part) => part.title === "desk.privacy_title")!;
    expect((deskPart.records.cases as Array<{ subject: string }>).map((row) => row.subject)).toContain("Bygglov för altan");
    const logged = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("audit_events").select(["action", "changes"]).where("record_type", "=", "privacy_person").execute(),
    );
    expect(logged.map((row) => row.action)).toEqual(expect.arrayContaining(["search", "extract"]));
    expect(JSON.stringify(logged)).not.toContain("pia");
  });

  it("finds a sole trader by personal number, refuses an organisation number and a wrong check digit by name", async () => {
    const page = await get(admin, "/admin/dataskydd?q=19121212-1212");
    expect(page.body).toContain("Enskild näringsidkare");
    expect(page.body).toContain("Registerutdrag för 121212-****");
    expect(page.body).toContain("Bolagsverkets och SCB:s offentliga register");
    // The attendee who gave the number on a form is found by it too, and leads to her address.
    expect(page.body).toContain(`/admin/dataskydd?q=${encodeURIComponent(pia)}`);
    const organisation = await get(admin, "/admin/dataskydd?q=556036-0793");
    expect(organisation.statusCode).toBe(400);
    expect(organisation.body).toContain("är ett organisationsnummer, inte ett personnummer");
    expect(organisation.body).toContain('value="556036-0793"');
    const wrong = await get(admin, "/admin/dataskydd?q=19121212-1213");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("kontrollsiffran");
  });

  it("is for administrators only", async () => {
    expect((await get(developer, "/admin/dataskydd")).statusCode).toBe(403);
    expect((await get(developer, `/admin/dataskydd/registerutdrag.json?q=${pia}`)).statusCode).toBe(403);
    expect((await post(developer, "/admin/dataskydd/radera", { q: pia, confirmed: "yes" })).statusCode).toBe(403);
    expect(await count(askersund, "subscribers", "email", pia)).toBe(1);
  });

  it("erases everywhere or nowhere: a source that fails leaves every other as it was", async () => {
    const ctx = systemContext(db.app, askersund);
    const failing = { ...ctx.contributions!.personalData![0]!, erase: async () => Promise.reject(new Error("disk full")) };
    const contributions = { ...ctx.contributions, personalData: [...ctx.contributions!.personalData!, failing] };
    await expect(privacy.erasePerson({ ...ctx, contributions }, { kind: "email", email: pia })).rejects.toThrow("disk full");
    expect(await count(askersund, "subscribers", "email", pia)).toBe(1);
    expect(await count(askersund, "contacts", "id", contactId)).toBe(1);
  });

  it("asks first, then erases in every module, keeps the public records and says why, and leaves another municipality's person alone", async () => {
    const asked = await post(admin, "/admin/dataskydd/radera", { q: pia });
    expect(asked.body).toContain(`Radera allt om ${pia}?`);
    expect(await count(askersund, "subscribers", "email", pia)).toBe(1);
    const done = await post(admin, "/admin/dataskydd/radera", { q: pia, confirmed: "yes" });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain("Raderat: Prenumerant (1 post)");
    expect(done.body).toContain("Raderat: Anmäld till ett evenemang (1 post)");
    expect(done.body).toContain("Raderat: Kontaktperson (1 post)");
    expect(done.body).toContain("Raderat: Inbjuden till en enkät (1 post)");
    expect(done.body).toContain("Sparat: ärenden (2 poster), eftersom ärenden är allmänna handlingar");
    expect(done.body).toContain("Sparat: loggens händelser om personen");
    expect(await count(askersund, "subscribers", "email", pia)).toBe(0);
    expect(await count(askersund, "event_registrations", "email", pia)).toBe(0);
    expect(await count(askersund, "contacts", "id", contactId)).toBe(0);
    expect(await count(askersund, "desk_cases", "correspondent_email", pia)).toBe(2);
    expect(await count(laxa, "subscribers", "email", pia)).toBe(1);
    const invitations = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("survey_invitations").select("email").execute());
    expect(invitations.map((row) => row.email)).not.toContain(pia);
    const contactEvents = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("audit_events").select("changes").where("record_id", "=", contactId).execute(),
    );
    expect(JSON.stringify(contactEvents)).not.toContain("Persson");
  });

  it("erases a former employee's account, and keeps an active one with the reason", async () => {
    const former = await post(admin, "/admin/dataskydd/radera", { q: "olle.slutat@askersund.test", confirmed: "yes" });
    expect(former.body).toContain("Raderat: Avslutat personalkonto (1 post)");
    const account = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("users").select(["name", "email"]).where("id", "=", formerId).executeTakeFirstOrThrow(),
    );
    expect(account.name).toBe("Raderat konto");
    const active = await buildUser(db.app, askersund, { roles: ["viewer"], email: "aktiv@askersund.test" });
    const kept = await post(admin, "/admin/dataskydd/radera", { q: "aktiv@askersund.test", confirmed: "yes" });
    expect(kept.body).toContain("personen arbetar här: avsluta kontot först");
    expect((await auth.getUser(systemContext(db.app, askersund), active.id)).email).toBe("aktiv@askersund.test");
  });

  it("refuses to erase by a name, naming the field, with the value kept", async () => {
    const response = await post(admin, "/admin/dataskydd/radera", { q: "Pia Persson" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#f-q"');
    expect(response.body).toContain("ett namn kan höra till flera personer");
    expect(response.body).toContain('value="Pia Persson"');
  });

  it("lists the record of processing activities from every module, on a page and as CSV", async () => {
    const page = await get(admin, "/admin/dataskydd/behandlingar");
    for (const activity of [
      "Personalkonton och inloggning",
      "Händelselogg",
      "Ärenden från företag",
      "Nyhetsbrev",
      "Evenemang",
      "Enkäter om kommunens service",
      "Kontaktpersoner och besök",
      "Enskilda näringsidkare",
      "Stöd till arbetssökande och matchning mot arbetsgivare",
      "Kontaktpersoner i annonser",
      "Näringslivsrådets ledamöter",
    ]) {
      expect(page.body, activity).toContain(activity);
    }
    const csv = await get(admin, "/admin/dataskydd/behandlingar.csv");
    const rows = parse(csv.body.replace(/^\uFEFF/, ""), { delimiter: ";" }) as string[][];
    expect(rows[0]).toEqual(["Del", "Behandling", "Ändamål", "Vilka personer", "Vilka uppgifter", "Rättslig grund", "Hur länge de sparas", "Mottagare"]);
    expect(rows).toHaveLength(1 + 11);
    expect(rows.find((row) => row[1] === "Nyhetsbrev")?.[5]).toBe("Samtycke (artikel 6.1 a)");
  });
});

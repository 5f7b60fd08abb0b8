import { sql } from "kysely";
import ICAL from "ical.js";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildCompany, buildCompanyRecords } from "../../../test/helpers/companies.js";
import { bolagsverketHeaderLine, bolagsverketLine, orgNumber, writeLines } from "../../../test/helpers/company-files.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { importCompanies } from "./import/importer.js";
import { statementsDuring } from "../../../test/helpers/statements.js";
import {
  buildMunicipality,
  buildTestApp,
  buildToken,
  buildUser,
  csrfFrom,
  form,
  login,
  systemContext,
  testPassword,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import * as auth from "../../platform/auth/service.js";
import { inScope } from "../../platform/db/database.js";
import * as contacts from "./contact-service.js";
import * as companies from "./service.js";
import type { CompanyFilter } from "./repo.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let developer: Session;
let viewer: Session;
let laxaDeveloper: Session;
let viewerId: string;
let developerId: string;
const ids: Record<string, string> = {};

const filter = (values: Partial<CompanyFilter>): CompanyFilter => ({
  q: "",
  industry: null,
  size: null,
  status: null,
  tag: null,
  owner: null,
  reach: "all",
  page: 1,
  ...values,
});

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { kommunkod: "1860", host: "laxa.test" });
  const dev = await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test", name: "Ulla Utvecklare" });
  const view = await buildUser(db.app, askersund, { roles: ["viewer"], email: "lasare@askersund.test", name: "Lars Läsare" });
  await buildUser(db.app, laxa, { roles: ["business_developer"], email: "utvecklare@laxa.test" });
  developerId = dev.id;
  viewerId = view.id;
  const c = (name: string, values: Parameters<typeof buildCompany>[1] = {}) =>
    buildCompany(db.app, { name, ...values }).then((company) => (ids[name] = company.id));
  await c("Askersunds Mekaniska Verkstad AB", {
    industryKeys: ["2025:C", "2025:25", "2025:251", "2025:2511", "2025:25110"],
    industryText: "Tillverkning av metallstommar och delar därav",
  });
  await c("Örebro Bygg AB", { town: "ÖREBRO", postcode: "70210" });
  await c("Åmåls Fisk AB", { town: "ÅMÅL", postcode: "66230" });
  await c("Ängelholms Bageri AB", { town: "ÄNGELHOLM", postcode: "26231" });
  await c("Zinkgruvans Café AB", { town: "ZINKGRUVAN", postcode: "69675" });
  await c("Tolvan Tolvansson", { orgNumber: "1212121212", isPerson: true });
  await buildCompany(db.app, { name: "Volvo Personvagnar AB", orgNumber: "5560360793", town: "GÖTEBORG", postcode: "40531" }).then(
    (company) => (ids.volvo = company.id),
  );
  await companies.saveArea(systemContext(db.app, askersund), { postcodes: ["696"], towns: ["ÅMMEBERG"], contact_retention_months: 12 });
  app = await buildTestApp(db.app);
  developer = await login(app, askersund.host, "utvecklare@askersund.test");
  viewer = await login(app, askersund.host, "lasare@askersund.test");
  laxaDeveloper = await login(app, laxa.host, "utvecklare@laxa.test");
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const search = async (values: Partial<CompanyFilter>, municipality = askersund) =>
  (await companies.searchCompanies(systemContext(db.app, municipality), filter(values))).hits.map((hit) => hit.name);

describe("searching the register", () => {
  it("finds words as prefixes in any order", async () => {
    expect(await search({ q: "askersund mek" })).toEqual(["Askersunds Mekaniska Verkstad AB"]);
    expect(await search({ q: "mek askersund" })).toEqual(["Askersunds Mekaniska Verkstad AB"]);
  });

  it("forgives typos, and says it did", async () => {
    const result = await companies.searchCompanies(systemContext(db.app, askersund), filter({ q: "askersnds mekanska" }));
    expect(result.mode).toBe("similar");
    expect(result.hits.map((hit) => hit.name)).toContain("Askersunds Mekaniska Verkstad AB");
  });

  it("matches å, ä and ö, by name and by town", async () => {
    expect(await search({ q: "örebro bygg" })).toEqual(["Örebro Bygg AB"]);
    expect(await search({ q: "åmål" })).toEqual(["Åmåls Fisk AB"]);
    expect(await search({ q: "ängelholm" })).toEqual(["Ängelholms Bageri AB"]);
  });

  it("finds by industry words and by organisation number in any written form", async () => {
    expect(await search({ q: "metallstommar" })).toEqual(["Askersunds Mekaniska Verkstad AB"]);
    expect(await search({ q: "556036-0793" })).toEqual(["Volvo Personvagnar AB"]);
    expect(await search({ q: "16556036 0793" })).toEqual(["Volvo Personvagnar AB"]);
    expect(await search({ q: "556036" })).toEqual(["Volvo Personvagnar AB"]);
  });

  it("sorts in Swedish order: Z before Å, Ä, Ö", async () => {
    const names = await search({ q: "" });
    const order = [
      "Askersunds Mekaniska Verkstad AB",
      "Tolvan Tolvansson",
      "Volvo Personvagnar AB",
      "Zinkgruvans Café AB",
      "Åmåls Fisk AB",
      "Ängelholms Bageri AB",
      "Örebro Bygg AB",
    ];
    expect(names.filter((name) => order.includes(name))).toEqual(order);
  });

  it("filters by industry section, division or code", async () => {
    expect(await search({ industry: "2025:C" })).toEqual(["Askersunds Mekaniska Verkstad AB"]);
    expect(await search({ industry: "2025:25110" })).toEqual(["Askersunds Mekaniska Verkstad AB"]);
    expect(await search({ industry: "2025:A" })).toEqual([]);
  });

  it("defaults to the municipality's own companies: its postcodes and towns, and those linked to it", async () => {
    const own = await search({ reach: "own" });
    expect(own).toContain("Askersunds Mekaniska Verkstad AB");
    expect(own).toContain("Zinkgruvans Café AB");
    expect(own).not.toContain("Örebro Bygg AB");
    await companies.setLinked(systemContext(db.app, askersund), ids["Örebro Bygg AB"]!, true);
    expect(await search({ reach: "own" })).toContain("Örebro Bygg AB");
    expect(await search({ reach: "own" }, laxa)).not.toContain("Örebro Bygg AB");
  });

  it("sorts at most 2 000 matches and says so when more companies match", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "lotsen-cap-"));
    const file = path.join(folder, "many.txt");
    await writeLines(file, [
      bolagsverketHeaderLine,
      ...Array.from({ length: 2_050 }, (_, n) =>
        bolagsverketLine({ org: orgNumber(20_000 + n), name: `Kapsylfabriken ${String(n).padStart(4, "0")} AB`, town: "KUMLA", postcode: "69231" }),
      ),
    ]);
    await importCompanies(db.app, file, { fileName: "many.txt", reject: () => {}, markMissing: false });
    await rm(folder, { recursive: true, force: true });
    const result = await companies.searchCompanies(systemContext(db.app, askersund), filter({ q: "kapsylfabriken" }));
    expect(result.cappedAt).toBe(2_000);
    expect(result.hits).toHaveLength(25);
    expect(result.hasMore).toBe(true);
    const names = result.hits.map((hit) => hit.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "sv")));
    const few = await companies.searchCompanies(systemContext(db.app, askersund), filter({ q: "kapsylfabriken 0042" }));
    expect(few.cappedAt).toBeNull();
    expect(few.hits.map((hit) => hit.name)).toEqual(["Kapsylfabriken 0042 AB"]);
  });

  it("serves the search page with results, and without JavaScript the same form", async () => {
    const page = await app.inject({ method: "GET", url: "/foretag?q=askersund+mek&reach=all", headers: { host: askersund.host, cookie: developer.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Askersunds Mekaniska Verkstad AB");
    expect(page.body).toContain('hx-get="/foretag"');
    expect(page.body).toContain('method="get" action="/foretag"');
  });
});

describe("a search kept until what it read changes", () => {
  const ctxA = () => systemContext(db.app, askersund);

  it("answers the same search again with what it kept, without reading the register", async () => {
    const first = await companies.searchCompanies(ctxA(), filter({ q: "ängelholm" }));
    const statements = await statementsDuring(async () => expect(await companies.searchCompanies(ctxA(), filter({ q: "ängelholm" }))).toBe(first));
    expect(statements.some((statement) => /companies/.test(statement))).toBe(false);
    // Another municipality, or another page of the same words, is a search of its own.
    expect(await companies.searchCompanies(systemContext(db.app, laxa), filter({ q: "ängelholm" }))).not.toBe(first);
    expect(await companies.searchCompanies(ctxA(), filter({ q: "ängelholm", page: 2 }))).not.toBe(first);
  });

  it("shows what changed at once: an imported company, a renamed one, its owner's new name", async () => {
    expect(await search({ q: "kvarnstugan" })).toEqual([]);
    const folder = await mkdtemp(path.join(tmpdir(), "lotsen-kept-"));
    const file = path.join(folder, "one.txt");
    await writeLines(file, [
      bolagsverketHeaderLine,
      bolagsverketLine({ org: orgNumber(40_001), name: "Kvarnstugan i Ammeberg AB", town: "ÅMMEBERG", postcode: "69693" }),
    ]);
    await importCompanies(db.app, file, { fileName: "one.txt", reject: () => {}, markMissing: false });
    await rm(folder, { recursive: true, force: true });
    expect(await search({ q: "kvarnstugan" })).toEqual(["Kvarnstugan i Ammeberg AB"]);
    const id = (await companies.searchCompanies(ctxA(), filter({ q: "kvarnstugan" }))).hits[0]!.id;

    await companies.saveProfile(ctxA(), id, { owner_id: viewerId, tags: [], notes: "" });
    const owned = await companies.searchCompanies(ctxA(), filter({ q: "kvarnstugan" }));
    expect(owned.hits[0]!.owner_name).toBe("Lars Läsare");
    // Statements written by hand, as a command runs them: the register's and the staff's.
    await inScope(db.app, askersund.scope, (tx) => sql`update users set name = 'Lars Läsare Berg' where id = ${viewerId}`.execute(tx));
    expect((await companies.searchCompanies(ctxA(), filter({ q: "kvarnstugan" }))).hits[0]!.owner_name).toBe("Lars Läsare Berg");
    await inScope(db.app, askersund.scope, (tx) => sql`update users set name = 'Lars Läsare' where id = ${viewerId}`.execute(tx));
    await inScope(db.app, askersund.scope, (tx) => sql`update companies set name = 'Kvarnstugan Café AB' where id = ${id}`.execute(tx));
    expect(await search({ q: "kvarnstugan" })).toEqual(["Kvarnstugan Café AB"]);
  });

  it("shows each reader what their rights allow, from the same kept search", async () => {
    const url = "/foretag?q=tolvan&reach=all";
    const page = async (session: Session) => (await app.inject({ method: "GET", url, headers: { host: askersund.host, cookie: session.cookie } })).body;
    const manager = await page(developer);
    expect(manager).toContain("121212-1212");
    const reader = await page(viewer);
    expect(reader).toContain("Tolvan Tolvansson");
    expect(reader).not.toContain("121212-1212");
    expect(reader).toContain("121212-****");
    expect(await page(developer)).toContain("121212-1212");
  });
});

describe("the municipality's own knowledge", () => {
  it("keeps owner, tags and notes per municipality, and filters by them", async () => {
    const id = ids["Zinkgruvans Café AB"]!;
    const response = await app.inject({
      method: "POST",
      url: `/foretag/${id}/profil`,
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ owner_id: developerId, tags: "besöksnäring, export", notes: "Vill växa", _csrf: developer.csrf }),
    });
    expect(response.statusCode).toBe(303);
    expect(await search({ tag: "export" })).toEqual(["Zinkgruvans Café AB"]);
    expect(await search({ owner: developerId })).toEqual(["Zinkgruvans Café AB"]);
    const laxaPage = await app.inject({ method: "GET", url: `/foretag/${id}`, headers: { host: laxa.host, cookie: laxaDeveloper.cookie } });
    expect(laxaPage.statusCode).toBe(200);
    expect(laxaPage.body).not.toContain("Vill växa");
    expect(laxaPage.body).not.toContain("besöksnäring");
    expect(await search({ tag: "export" }, laxa)).toEqual([]);
  });

  it("refuses an owner who is not staff of the municipality, naming the field and keeping the values", async () => {
    const laxaUser = await buildUser(db.app, laxa, { roles: ["viewer"] });
    const id = ids["Zinkgruvans Café AB"]!;
    const response = await app.inject({
      method: "POST",
      url: `/foretag/${id}/profil`,
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ owner_id: laxaUser.id, tags: "ny tagg", notes: "", _csrf: developer.csrf }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Välj ett av alternativen för ”Relationsansvarig”");
    expect(response.body).toContain('value="ny tagg"');
  });

  it("lets a viewer read but not change, and hides a sole trader's personal number from them", async () => {
    const person = ids["Tolvan Tolvansson"]!;
    const forViewer = await app.inject({ method: "GET", url: `/foretag/${person}`, headers: { host: askersund.host, cookie: viewer.cookie } });
    expect(forViewer.body).toContain("121212-****");
    expect(forViewer.body).not.toContain("121212-1212");
    const forDeveloper = await app.inject({ method: "GET", url: `/foretag/${person}`, headers: { host: askersund.host, cookie: developer.cookie } });
    expect(forDeveloper.body).toContain("121212-1212");
    const change = await app.inject({
      method: "POST",
      url: `/foretag/${person}/profil`,
      headers: { host: askersund.host, cookie: viewer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ tags: "x", _csrf: viewer.csrf }),
    });
    expect(change.statusCode).toBe(403);
  });
});

describe("contacts: register extract and erasure", () => {
  it("gives the person's data with its lawful basis, then erases it so that no table holds it", async () => {
    const ctx = systemContext(db.app, askersund);
    const records = await buildCompanyRecords(db.app, askersund, { userId: developerId });
    await contacts.updateContact(
      ctx,
      records.contact,
      {
        name: "Karin Kontakt",
        title: "VD",
        email: "karin.kontakt@bruket.se",
        phone: "0583-999 88",
        role: "Grundare",
        lawful_basis: "legitimate_interest",
        source: "Mässa",
      },
      records.company,
    );
    const extract = await app.inject({
      method: "GET",
      url: `/kontakter/${records.contact}/registerutdrag.json`,
      headers: { host: askersund.host, cookie: developer.cookie },
    });
    expect(extract.statusCode).toBe(200);
    expect(extract.headers["content-disposition"]).toContain("attachment");
    const data = extract.json();
    expect(data.person).toEqual({ name: "Karin Kontakt", title: "VD", email: "karin.kontakt@bruket.se", phone: "0583-999 88" });
    expect(data.lawful_basis).toBe("legitimate_interest");
    expect(data.companies[0].role).toBe("Grundare");
    expect(data.visits).toHaveLength(1);
    expect(JSON.stringify(data.changes)).toContain("karin@bruket.se");
    const page = await app.inject({
      method: "GET",
      url: `/kontakter/${records.contact}/registerutdrag`,
      headers: { host: askersund.host, cookie: developer.cookie },
    });
    expect(page.body).toContain("Berättigat intresse");

    const erase = (fields: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: `/kontakter/${records.contact}/radera`,
        headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ ...fields, _csrf: developer.csrf }),
      });
    const asked = await erase({});
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("Radera kontaktpersonen Karin Kontakt?");
    expect(asked.body).toContain('name="confirmed" value="yes"');
    expect((await contacts.getContact(ctx, records.contact)).contact.name).toBe("Karin Kontakt");
    const erased = await erase({ confirmed: "yes" });
    expect(erased.statusCode).toBe(303);
    const traces = await tablesHolding(["Karin Kontakt", "karin.kontakt@bruket.se", "karin@bruket.se", "0583-999 88", "0583-123 45", "Grundare"]);
    expect(traces).toEqual([]);
    const events = await inScope(db.owner, askersund.scope, (tx) =>
      tx.selectFrom("audit_events").select("action").where("record_id", "=", records.contact).orderBy("at").execute(),
    );
    expect(events.map((event) => event.action)).toEqual(["create", "update", "extract", "extract", "erase"]);
  });

  it("lists contacts past the retention time and purges them", async () => {
    const ctx = systemContext(db.app, askersund);
    const fresh = await contacts.createContact(ctx, ids["Zinkgruvans Café AB"]!, {
      name: "Färsk Person",
      title: null,
      email: null,
      phone: null,
      role: null,
      lawful_basis: "public_task",
      source: "Telefon",
    });
    const old = await contacts.createContact(ctx, ids["Zinkgruvans Café AB"]!, {
      name: "Gammal Person",
      title: null,
      email: "gammal@cafe.se",
      phone: null,
      role: null,
      lawful_basis: "consent",
      source: "Telefon",
    });
    await inScope(db.app, askersund.scope, (tx) =>
      tx
        .updateTable("contacts")
        .set({ touched_at: new Date("2020-01-01") })
        .where("id", "=", old.id)
        .execute(),
    );
    const list = await app.inject({ method: "GET", url: "/kontakter/gallring", headers: { host: askersund.host, cookie: developer.cookie } });
    expect(list.body).toContain("Gammal Person");
    expect(list.body).not.toContain("Färsk Person");
    const purge = await app.inject({
      method: "POST",
      url: "/kontakter/gallring",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: csrfFrom(list.body) }),
    });
    expect(purge.statusCode).toBe(200);
    expect(purge.body).toContain("Radera 1 kontaktperson?");
    expect(purge.body).toContain("Gammal Person");
    expect(purge.body).not.toContain("Färsk Person");
    expect(await tablesHolding(["Gammal Person"])).not.toEqual([]);
    const confirmed = await app.inject({
      method: "POST",
      url: "/kontakter/gallring",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: csrfFrom(purge.body), confirmed: "yes" }),
    });
    expect(confirmed.statusCode).toBe(303);
    expect(await tablesHolding(["Gammal Person", "gammal@cafe.se"])).toEqual([]);
    expect((await contacts.getContact(ctx, fresh.id)).contact.name).toBe("Färsk Person");
  });

  it("links a contact to another company by organisation number and says what is wrong with a bad one", async () => {
    const ctx = systemContext(db.app, askersund);
    const person = await contacts.createContact(ctx, ids["Zinkgruvans Café AB"]!, {
      name: "Två Bolag",
      title: null,
      email: null,
      phone: null,
      role: null,
      lawful_basis: "public_task",
      source: "Telefon",
    });
    const post = (orgNumberWritten: string) =>
      app.inject({
        method: "POST",
        url: `/kontakter/${person.id}/foretag`,
        headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ org_number: orgNumberWritten, role: "Styrelseledamot", _csrf: developer.csrf }),
      });
    const wrong = await post("556036-0794");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("kontrollsiffran (den sista) är fel");
    expect(wrong.body).toContain('value="556036-0794"');
    expect((await post("165560360793")).statusCode).toBe(303);
    expect((await contacts.getContact(ctx, person.id)).companies.map((link) => link.company_name)).toContain("Volvo Personvagnar AB");
  });
});

describe("visits, tasks and the calendar feed", () => {
  it("plans a visit in Swedish time, keeps its report, and gives a task that shows in the owner's list", async () => {
    const company = ids["Askersunds Mekaniska Verkstad AB"]!;
    const templates = await app.inject({
      method: "POST",
      url: "/admin/besoksmallar/ny",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ name: "Företagsbesök", questions: "Näringslivsklimatet?\nBehov?", _csrf: developer.csrf }),
    });
    expect(templates.statusCode).toBe(303);
    const templateId = (
      await inScope(db.app, askersund.scope, (tx) =>
        tx.selectFrom("visit_templates").select("id").where("name", "=", "Företagsbesök").executeTakeFirstOrThrow(),
      )
    ).id;
    const planned = await app.inject({
      method: "POST",
      url: `/foretag/${company}/besok/ny`,
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({
        date: "2026-06-19",
        start_time: "09:30",
        end_time: "08:00",
        status: "planned",
        purpose: "Midsommarbesök",
        template_id: templateId,
        staff_ids: [developerId],
        _csrf: developer.csrf,
      }),
    });
    expect(planned.statusCode).toBe(400);
    expect(planned.body).toContain('value="09:30"');
    const fixed = await app.inject({
      method: "POST",
      url: `/foretag/${company}/besok/ny`,
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({
        date: "2026-12-04",
        start_time: "09:30",
        end_time: "11:00",
        status: "planned",
        purpose: "Julbesök",
        template_id: templateId,
        staff_ids: [developerId],
        _csrf: developer.csrf,
      }),
    });
    expect(fixed.statusCode).toBe(303);
    const visitUrl = String(fixed.headers.location);
    const visitId = visitUrl.split("/").pop()!;
    const stored = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("visits").select("starts_at").where("id", "=", visitId).executeTakeFirstOrThrow(),
    );
    expect(stored.starts_at.toISOString()).toBe("2026-12-04T08:30:00.000Z");

    const report = await app.inject({
      method: "POST",
      url: `${visitUrl}/rapport`,
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ answer_naringslivsklimatet: "Bra", answer_behov: "Svetsare", answer_okand: "ignoreras", _csrf: developer.csrf }),
    });
    expect(report.statusCode).toBe(303);
    const page = await app.inject({ method: "GET", url: visitUrl, headers: { host: askersund.host, cookie: viewer.cookie } });
    expect(page.body).toContain("Svetsare");

    const task = await app.inject({
      method: "POST",
      url: `/foretag/${company}/uppgifter`,
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ title: "Ordna praktikant", owner_id: viewerId, due_on: "2026-12-20", visit_id: visitId, _csrf: developer.csrf }),
    });
    expect(task.headers.location).toBe(visitUrl);
    const mine = await app.inject({ method: "GET", url: "/uppgifter", headers: { host: askersund.host, cookie: viewer.cookie } });
    expect(mine.body).toContain("Ordna praktikant");
    const start = await app.inject({ method: "GET", url: "/", headers: { host: askersund.host, cookie: viewer.cookie } });
    expect(start.body).toContain("Ordna praktikant");

    const taskId = /action="\/uppgifter\/([0-9a-f-]{36})\/klar"/.exec(mine.body)![1]!;
    const otherViewer = await buildUser(db.app, askersund, { roles: ["viewer"], email: "annan@askersund.test" });
    const other = await login(app, askersund.host, otherViewer.email);
    const refused = await app.inject({
      method: "POST",
      url: `/uppgifter/${taskId}/klar`,
      headers: { host: askersund.host, cookie: other.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ done: "1", _csrf: other.csrf }),
    });
    expect(refused.statusCode).toBe(403);
    const done = await app.inject({
      method: "POST",
      url: `/uppgifter/${taskId}/klar`,
      headers: { host: askersund.host, cookie: viewer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ done: "1", back: "/uppgifter", _csrf: viewer.csrf }),
    });
    expect(done.statusCode).toBe(303);
    expect((await app.inject({ method: "GET", url: "/uppgifter", headers: { host: askersund.host, cookie: viewer.cookie } })).body).not.toContain(
      "Ordna praktikant",
    );

    // The calendar feed: the staff member's planned visits, parsed by a real iCalendar parser.
    const feedPage = await app.inject({ method: "GET", url: "/uppgifter", headers: { host: askersund.host, cookie: developer.cookie } });
    const feedUrl = new URL(/href="(https:\/\/askersund\.test\/besok\/kalender\/[^"]+)"/.exec(feedPage.body)![1]!);
    const feed = await app.inject({ method: "GET", url: feedUrl.pathname, headers: { host: askersund.host } });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toContain("text/calendar");
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents("vevent").map((event) => new ICAL.Event(event));
    const julbesok = events.find((event) => event.summary.includes("Julbesök"))!;
    expect(julbesok.startDate.toJSDate().toISOString()).toBe("2026-12-04T08:30:00.000Z");
    expect(julbesok.endDate.toJSDate().toISOString()).toBe("2026-12-04T10:00:00.000Z");
    const forged = await app.inject({
      method: "GET",
      url: feedUrl.pathname.replace(/\/[^/]+$/, "/forged-token-forged-token-forged"),
      headers: { host: askersund.host },
    });
    expect(forged.statusCode).toBe(404);
    const otherHost = await app.inject({ method: "GET", url: feedUrl.pathname, headers: { host: laxa.host } });
    expect(otherHost.statusCode).toBe(404);
    // A link that went astray is ended by giving the calendar a new address.
    const renewed = await app.inject({
      method: "POST",
      url: "/uppgifter/kalender/ny-lank",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: developer.csrf }),
    });
    expect(renewed.statusCode).toBe(303);
    expect((await app.inject({ method: "GET", url: feedUrl.pathname, headers: { host: askersund.host } })).statusCode).toBe(404);
    const newPage = await app.inject({ method: "GET", url: "/uppgifter", headers: { host: askersund.host, cookie: developer.cookie } });
    const newUrl = new URL(/href="(https:\/\/askersund\.test\/besok\/kalender\/[^"]+)"/.exec(newPage.body)![1]!);
    expect(newUrl.pathname).not.toBe(feedUrl.pathname);
    expect((await app.inject({ method: "GET", url: newUrl.pathname, headers: { host: askersund.host } })).statusCode).toBe(200);
  });
});

describe("uploading a company list", () => {
  const multipart = (fileName: string, content: Buffer, csrf: string) => {
    const boundary = "----lotsen-test-boundary";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`;
    return {
      payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      contentType: `multipart/form-data; boundary=${boundary}`,
    };
  };

  it("imports the municipality's own list with the same rules as the command line, reports counts and rejects, and links the companies to the municipality", async () => {
    const lines = ["organisationsnummer;namn;postort;postnummer", `${orgNumber(900)};Uppladdat Företag AB;HALLSBERG;69430`, "5560360794;Fel AB;;"];
    const body = multipart("egen-lista.csv", Buffer.from(lines.join("\n")), developer.csrf);
    const response = await app.inject({
      method: "POST",
      url: "/admin/foretag/import",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Filen är inläst.");
    expect(response.body).toContain("organisationsnumrets kontrollsiffra är fel");
    expect(await search({ reach: "own", q: "uppladdat" })).toEqual(["Uppladdat Företag AB"]);
    expect(await search({ reach: "own", q: "uppladdat" }, laxa)).toEqual([]);
    const events = await inScope(db.owner, askersund.scope, (tx) => tx.selectFrom("audit_events").select(["changes"]).where("action", "=", "import").execute());
    expect(events).toHaveLength(1);
    expect(events[0]!.changes).toMatchObject({ file: "egen-lista.csv", inserted: 1, rejected: 1, linked: 1 });
  });

  it("refuses Bolagsverket's and SCB's files from a municipality's staff: shared data changes by the command line or a system administrator", async () => {
    const lines = [bolagsverketHeaderLine, bolagsverketLine({ org: orgNumber(901), name: "Nationellt Uppladdat AB" })];
    const body = multipart("bolagsverket.txt", Buffer.from(lines.join("\n")), developer.csrf);
    const response = await app.inject({
      method: "POST",
      url: "/admin/foretag/import",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("läses in av systemadministratören");
    const found = await sql<{ n: number }>`select count(*)::int as n from companies where org_number = ${orgNumber(901)}`.execute(db.owner);
    expect(found.rows[0]!.n).toBe(0);
  });

  it("keeps at most 500 of an upload's rejects in memory, and counts them all", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "lotsen-rejects-"));
    const file = path.join(folder, "lista.csv");
    await writeLines(file, ["organisationsnummer;namn", ...Array.from({ length: 700 }, (_, n) => `55603607${String(n % 100).padStart(2, "0")}x;Fel ${n} AB`)]);
    const { actor } = await auth.login(db.app, askersund.scope, "utvecklare@askersund.test", testPassword);
    const result = await companies.uploadCompanies({ db: db.app, actor, scope: askersund.scope }, file, "lista.csv");
    await rm(folder, { recursive: true, force: true });
    expect(result.summary.rejected).toBe(700);
    expect(result.rejects).toHaveLength(500);
  });

  it("says what is wrong with a file in no known format, an empty choice and a file too large", async () => {
    const unknown = multipart("lista.csv", Buffer.from("id,name\n1,x\n"), developer.csrf);
    const wrong = await app.inject({
      method: "POST",
      url: "/admin/foretag/import",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": unknown.contentType },
      payload: unknown.payload,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("har inte ett känt format");
    const empty = multipart("", Buffer.alloc(0), developer.csrf);
    const none = await app.inject({
      method: "POST",
      url: "/admin/foretag/import",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": empty.contentType },
      payload: empty.payload,
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Fyll i ”Fil”");
    const big = multipart("stor.txt", Buffer.alloc(21 * 1024 * 1024, 65), developer.csrf);
    const tooLarge = await app.inject({
      method: "POST",
      url: "/admin/foretag/import",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": big.contentType },
      payload: big.payload,
    });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.body).toContain("är för stor; största tillåtna storlek är 20 MB");
  });
});

/** Every table (and its row text) that still contains any of the values: the erasure proof. */
async function tablesHolding(values: string[]): Promise<string[]> {
  const tables = await sql<{
    table_name: string;
  }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db.owner);
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    for (const municipality of [askersund, laxa]) {
      const hits = await inScope(db.owner, municipality.scope, (tx) =>
        sql<{ n: number }>`select count(*)::int as n from ${sql.id(table_name)} t where ${sql.join(
          values.map((value) => sql`t::text ilike ${`%${value}%`}`),
          sql` or `,
        )}`.execute(tx),
      );
      if ((hits.rows[0]?.n ?? 0) > 0) {
        found.push(`${table_name} (${municipality.host})`);
      }
    }
  }
  return [...new Set(found)];
}

describe("the company register's API", () => {
  it("searches as the register's page does and gives one company, by token, with the people only to those who may read them", async () => {
    const ctx = systemContext(db.app, askersund);
    const records = { company: (await buildCompany(db.app, { name: "Kontaktbolaget i Ammeberg AB" })).id };
    await contacts.createContact(ctx, records.company, {
      name: "Karin Kontakt",
      title: "VD",
      email: "karin@kontaktbolaget.se",
      phone: null,
      role: null,
      lawful_basis: "public_task",
      source: "Företagsbesök",
    });
    const asDeveloper = (await buildToken(db.app, askersund, developerId)).token;
    const asViewer = (await buildToken(db.app, askersund, viewerId)).token;
    const get = (url: string, token: string) => app.inject({ url, headers: { host: askersund.host, authorization: `Bearer ${token}` } });

    const found = await get("/api/v1/companies?q=askersund%20mek&reach=all", asDeveloper);
    expect(found.statusCode).toBe(200);
    expect(found.json().data.map((hit: { name: string }) => hit.name)).toEqual(["Askersunds Mekaniska Verkstad AB"]);
    expect(found.json()).toMatchObject({ page: 1, has_more: false, mode: "words" });

    const person = await get(`/api/v1/companies?q=tolvan&reach=all`, asViewer);
    expect(person.json().data[0]).toMatchObject({ name: "Tolvan Tolvansson", sole_trader: true, org_number: "121212-****" });

    const company = await get(`/api/v1/companies/${records.company}`, asDeveloper);
    expect(company.statusCode).toBe(200);
    expect(company.json().contacts.map((contact: { name: string }) => contact.name)).toContain("Karin Kontakt");
    const forViewer = await get(`/api/v1/companies/${records.company}`, asViewer);
    expect(forViewer.json().contacts).toEqual([]);
    expect(forViewer.json().name).toBe(company.json().name);

    // Another municipality's knowledge of the same company does not cross: Laxå's token sees no Askersund contact.
    const laxaUser = await buildUser(db.app, laxa, { roles: ["business_developer"] });
    const fromLaxa = await app.inject({
      url: `/api/v1/companies/${records.company}`,
      headers: { host: laxa.host, authorization: `Bearer ${(await buildToken(db.app, laxa, laxaUser.id)).token}` },
    });
    expect(fromLaxa.statusCode).toBe(200);
    expect(fromLaxa.json().contacts).toEqual([]);
    expect((await get("/api/v1/companies/00000000-0000-4000-8000-000000000000", asDeveloper)).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import zlib from "node:zlib";
import type { FastifyInstance } from "fastify";
import { systemActor } from "../src/platform/auth/roles.js";
import { inScope, type Scope } from "../src/platform/db/database.js";
import * as programmes from "../src/modules/programme/service.js";
import { presentProgrammeSummary } from "../src/modules/programme/presenter.js";
import { seedDemoContent, seedInstallation } from "../src/seed.js";
import * as companies from "../src/modules/companies/service.js";
import * as visits from "../src/modules/companies/visit-service.js";
import { createTestDatabase, type TestDatabase } from "./helpers/db.js";
import { listMunicipalities, listRegions } from "../src/platform/tenancy/repo.js";
import { regionalLogin } from "../src/platform/regions/service.js";
import { buildTestApp } from "./helpers/factories.js";

let db: TestDatabase;
let scope: Scope;
let app: FastifyInstance;
const quiet = () => undefined;
const seedText = readFileSync(new URL("../src/modules/programme/data/naringslivsprogram-askersund-2020-2023.sv.txt", import.meta.url), "utf8");

beforeAll(async () => {
  db = await createTestDatabase();
  const seeded = await seedInstallation(db.app, { adminPassword: "a long enough password" }, quiet);
  if (!seeded) {
    throw new Error("nothing seeded");
  }
  scope = seeded;
  app = await buildTestApp(db.app);
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const ctx = () => ({ db: db.app, actor: systemActor("test"), scope });

describe("the seed programme", () => {
  it("is Askersund's programme exactly as the seed document adopts it", async () => {
    const [programme] = await programmes.listProgrammes(ctx());
    const detail = await programmes.getProgramme(ctx(), programme?.id ?? "");
    expect(detail.programme).toMatchObject({
      name: "Näringslivsprogram 2020–2023",
      start_year: 2020,
      end_year: 2023,
      status: "adopted",
      adopted_by: "Kommunfullmäktige",
      adopted_on: "2020-06-15",
    });
    expect(seedText).toContain(detail.programme.vision.replace(/\.$/, ""));
    expect(seedText).toContain(detail.programme.goal.replace(/\.$/, ""));
    for (const commitment of detail.commitments) {
      expect(seedText).toContain(commitment.description);
    }
    expect(detail.commitments.map((commitment) => commitment.title)).toEqual(["Tillgänglighet", "Social hållbarhet"]);
    expect(detail.focusAreas.map((area) => area.name)).toEqual(["Företagsklimat", "Kommunikation", "Kompetensförsörjning"]);
    expect(detail.parties.map((party) => party.name).sort()).toEqual(["Business Region Örebro", "Företagarorganisationerna", "Näringslivsrådet"]);
    expect(detail.actions).toEqual([]);
  });

  it("publishes a whole accessibility statement: partly compliant, what is not accessible, and where to write", async () => {
    const page = (await app.inject({ method: "GET", url: "/tillganglighet", headers: { host: "localhost" } })).body;
    expect(page).toContain("delvis förenlig");
    expect(page).toContain("granskas inte för tillgänglighet");
    expect(page).not.toContain("Vi känner inte till några brister");
    expect(page).toContain('href="mailto:kommun@askersund.se"');
    const { settingsInput } = await import("../src/platform/tenancy/schemas.js");
    const partial = settingsInput.safeParse({
      name: "Askersunds kommun",
      contact_email: "",
      accessibility_compliance: "partial",
      accessibility_non_compliant: "",
    });
    expect(partial.error?.issues.map((issue) => [issue.path.join("."), issue.message]).sort()).toEqual([
      ["accessibility_non_compliant", "non_compliant_required"],
      ["contact_email", "required"],
    ]);
    expect(settingsInput.safeParse({ name: "Askersunds kommun", contact_email: "kommun@askersund.se", accessibility_compliance: "full" }).success).toBe(true);
    // An installation saved before the rule: partly compliant with no account of what is not accessible never claims there is nothing.
    await db.owner.updateTable("municipalities").set({ accessibility_non_compliant: "" }).where("id", "=", scope.municipalityId).execute();
    const fresh = await buildTestApp(db.app);
    const missing = (await fresh.inject({ method: "GET", url: "/tillganglighet", headers: { host: "localhost" } })).body;
    await fresh.close();
    expect(missing).toContain("Redogörelsen för vad som inte är tillgängligt saknas");
    expect(missing).not.toContain("Vi känner inte till några brister");
    await db.owner
      .updateTable("municipalities")
      .set({ accessibility_non_compliant: "Bifogade filer granskas inte för tillgänglighet." })
      .where("id", "=", scope.municipalityId)
      .execute();
  });

  it("shows as adopted and ended, not current, on the public page", async () => {
    const [programme] = await programmes.listProgrammes(ctx());
    expect(presentProgrammeSummary(programme!)).toMatchObject({ status: "adopted", phase: "ended", structure_locked: true });
    const page = await app.inject({ method: "GET", url: `/program/${programme?.id}`, headers: { host: "localhost" } });
    expect(page.body).toContain("Antaget");
    expect(page.body).toContain("Perioden har löpt ut");
    expect(page.body).not.toContain("Gäller nu");
  });

  it("lists the region's twelve members, the seed's municipality alone in use", async () => {
    const members = (await listMunicipalities(db.app)).map((municipality) => [municipality.kommunkod, municipality.name, municipality.hosts.length > 0]);
    expect(members.map(([code]) => code).sort()).toEqual(["1814", "1860", "1861", "1862", "1863", "1864", "1880", "1881", "1882", "1883", "1884", "1885"]);
    expect(members.filter(([, , inUse]) => inUse)).toEqual([["1882", "Askersunds kommun", true]]);
    expect(members.map(([, name]) => name)).toEqual(expect.arrayContaining(["Örebro kommun", "Laxå kommun", "Lindesbergs kommun", "Hällefors kommun"]));
  });

  it("prints each demo account's address with its role once, in two members and the region, so a newcomer can try every role", async () => {
    // An installation of its own: the demo is loaded here for the first time.
    const own = await createTestDatabase();
    const ownScope = (await seedInstallation(own.app, { adminPassword: "a long enough password" }, quiet))!;
    const lines: string[] = [];
    await seedDemoContent(own.app, ownScope, (line) => lines.push(line), "test-secret-for-demo-status-links");
    const accounts = lines.filter((line) => /^\s+\S+@\S+\.localhost\s/.test(line)).map((line) => line.trim().split(/\s+/)[0]);
    expect(accounts).toEqual([
      ...["naringsliv", "handlaggare", "arbetsmarknad", "politiker"].map((local) => `${local}@askersund.localhost`),
      ...["naringsliv", "handlaggare", "arbetsmarknad", "politiker"].map((local) => `${local}@laxa.localhost`),
      "analytiker@region.localhost",
    ]);
    expect(lines.find((line) => line.includes("handlaggare@askersund.localhost"))).toContain("case officer");
    const password = /password of every one is (\S+)/.exec(lines.join("\n"))?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(12);
    // The password works for each account: the member's staff in their municipality, the analyst on the region's host.
    const { login } = await import("../src/platform/auth/service.js");
    await expect(login(own.app, ownScope, "politiker@askersund.localhost", password)).resolves.toBeDefined();
    const all = await listMunicipalities(own.app);
    const laxa = all.find((municipality) => municipality.kommunkod === "1860")!;
    expect(laxa.hosts).toEqual(["laxa.localhost"]);
    await expect(login(own.app, { municipalityId: laxa.id }, "politiker@laxa.localhost", password)).resolves.toBeDefined();
    const region = (await listRegions(own.app))[0]!;
    expect(region.hosts).toEqual(["region.localhost"]);
    await expect(regionalLogin(own.app, region.id, "analytiker@region.localhost", password)).resolves.toMatchObject({ actor: { kind: "regional" } });
    // Laxå has demo data of its own, so the region's page compares two members.
    const laxaCases = await inScope(own.app, { municipalityId: laxa.id }, (tx) => tx.selectFrom("desk_cases").select("id").execute());
    expect(laxaCases.length).toBeGreaterThan(10);
    // A year of its own, not Askersund's again: the region's page compares two different members.
    const askersundCases = await inScope(own.app, ownScope, (tx) => tx.selectFrom("desk_cases").select("id").execute());
    expect(laxaCases.length).not.toBe(askersundCases.length);
    // The region's figures are asked for at once, so the demo's analyst sees them within moments.
    const queued = await inScope(own.app, ownScope, (tx) => tx.selectFrom("jobs").select("queue").where("queue", "=", "region.figures").execute());
    expect(queued).toHaveLength(1);
    // A second start loads nothing again and prints no password.
    const again: string[] = [];
    await seedDemoContent(own.app, ownScope, (line) => again.push(line), "test-secret-for-demo-status-links");
    expect(again.join("\n")).not.toContain("password");
    expect(await inScope(own.app, ownScope, (tx) => tx.selectFrom("jobs").select("queue").where("queue", "=", "region.figures").execute())).toHaveLength(1);
    await own.drop();
  });

  it("gets demo actions with owners, indicator values 2020–2023, a published 2022 follow-up, the published 2023 report and a 2024–2027 draft, all marked as demo", async () => {
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    const list = await programmes.listProgrammes(ctx());
    expect(list.map((programme) => [programme.name, programme.status, programme.demo])).toEqual([
      ["Näringslivsprogram 2024–2027", "draft", true],
      ["Näringslivsprogram 2020–2023", "adopted", false],
    ]);
    const seeded = await programmes.getProgramme(ctx(), list[1]?.id ?? "");
    expect(seeded.locked).toBe(true);
    expect(seeded.actions.length).toBeGreaterThan(3);
    expect(seeded.actions.every((action) => action.demo && action.owner_id !== null)).toBe(true);
    expect(
      seeded.indicators.every((indicator) => indicator.demo && [2020, 2021, 2022, 2023].every((year) => indicator.values.some((value) => value.year === year))),
    ).toBe(true);
    expect(seeded.followUps.map((followUp) => [followUp.year, followUp.revision, followUp.demo]).sort()).toEqual([
      [2022, 1, true],
      [2023, 1, true],
    ]);
    const page = await app.inject({ method: "GET", url: `/program/${seeded.programme.id}`, headers: { host: "localhost" } });
    expect(page.body).toContain(`/uppfoljning/${seeded.followUps[0]?.id}`);
    // The 2023 follow-up is the demo's yearly report, written, approved and published: its DOCX and PDF open.
    const report = seeded.followUps.find((followUp) => followUp.year === 2023)!;
    expect((await app.inject({ method: "GET", url: `/uppfoljning/${report.id}`, headers: { host: "localhost" } })).body).toContain("Programmets sista år.");
    for (const [format, magic] of [
      ["docx", "PK"],
      ["pdf", "%PDF"],
    ] as const) {
      const file = await app.inject({ method: "GET", url: `/uppfoljning/${report.id}/rapport.${format}`, headers: { host: "localhost" } });
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.subarray(0, magic.length).toString("latin1")).toBe(magic);
    }
  });
});

describe("the seed company register", () => {
  it("sets Askersund's area and a visit template, and the demo gives its own companies with a visit, run twice without doubling", async () => {
    const area = await companies.getArea(ctx());
    expect(area?.postcodes).toEqual(["696"]);
    expect((await visits.listTemplates(ctx())).map((template) => template.name)).toEqual(["Företagsbesök"]);
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    const own = await companies.searchCompanies(ctx(), { q: "demo", industry: null, size: null, status: null, tag: null, owner: null, reach: "own", page: 1 });
    expect(own.hits).toHaveLength(6);
    expect(own.hits.every((hit) => hit.name.endsWith("(demo)") && hit.industry_text !== "")).toBe(true);
    const detail = await companies.getCompany(ctx(), own.hits.find((hit) => hit.name.startsWith("Askersunds Mekaniska"))!.id);
    expect(detail.visits).toHaveLength(1);
    expect(detail.contacts).toHaveLength(1);
    expect(detail.tasks).toHaveLength(1);
  });
});

describe("the seed desk", () => {
  it("sets the standard calendar and three service-level targets, and the demo gives areas routed to the demo units with cases in three states, run twice without doubling", async () => {
    const { listPolicies, listCategories, getSettings } = await import("../src/modules/desk/settings-service.js");
    const { inbox } = await import("../src/modules/desk/inbox-service.js");
    expect((await listPolicies(ctx())).map((policy) => policy.name).sort()).toEqual(["Brådskande", "Bygglov och förhandsbesked", "Svar inom en arbetsdag"]);
    expect((await getSettings(ctx())).hours[0]).toEqual({ opens: "08:00", closes: "16:30" });
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    const categories = await listCategories(ctx());
    expect(categories).toHaveLength(10);
    expect(categories.find((category) => category.name_sv === "Bygglov")).toMatchObject({ unit_name: "Bygglovsgruppen", statutory: "pbl_decision" });
    expect(categories.find((category) => category.name_sv === "Lokaler hos bostadsbolaget")?.unit_name).toBe("Det kommunala bostadsbolaget");
    const all = await inbox(ctx(), { status: undefined, page: 1 });
    const closed = await inbox(ctx(), { status: "closed", page: 1 });
    expect(all.rows.map((row) => row.status).sort()).toEqual(["new", "waiting"]);
    expect(closed.total).toBeGreaterThan(300);
    expect([...all.rows, ...closed.rows].every((row) => row.subject.endsWith("(demo)"))).toBe(true);
  });

  it("gives the demo desk a year of cases with varied waiting, so every figure of the dashboard shows something", async () => {
    const { dashboard } = await import("../src/modules/desk/report-service.js");
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    const thisYear = new Date().getFullYear();
    const years = await Promise.all([thisYear - 1, thisYear].map((year) => dashboard(ctx(), { year })));
    const total = years.reduce((sum, one) => sum + one.total.cases, 0);
    expect(total).toBeGreaterThan(350);
    expect(total).toBeLessThan(450);
    const months = years.flatMap((one) => one.months.filter((month) => month.cases > 0));
    expect(months.length).toBeGreaterThanOrEqual(12);
    for (const one of years.filter((year) => year.total.cases > 0)) {
      expect(one.total.first_response_median).toBeGreaterThan(0);
      expect(one.total.resolution_median).toBeGreaterThan(0);
      // Some past their targets, most within them: a share a chart can show.
      expect(one.total.first_response_on_time).toBeGreaterThan(0);
      expect(one.total.first_response_on_time).toBeLessThan(one.total.first_response_measured);
      expect(one.byCategory.filter((category) => category.cases > 0).length).toBeGreaterThan(5);
    }
    // Waiting fell over the year: the first months' median above the last's.
    const medians = months.map((month) => month.first_response_median ?? 0);
    expect(medians[0]!).toBeGreaterThan(medians[medians.length - 1]!);
  });
});

describe("the seed communication", () => {
  it("gives the demo two public lists, a published post, a draft newsletter and a breakfast meeting, run twice without doubling", async () => {
    const { listLists } = await import("../src/modules/communication/subscription-service.js");
    const { publishedPage } = await import("../src/modules/communication/news-service.js");
    const { listCampaigns } = await import("../src/modules/communication/campaign-service.js");
    const { upcoming } = await import("../src/modules/communication/event-service.js");
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    const lists = await listLists(ctx());
    expect(lists.map((list) => [list.name_sv.endsWith("(demo)"), list.public])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect((await publishedPage(db.app, scope, 1)).posts.map((post) => post.title)).toEqual(["Ny företagslots öppnar (demo)"]);
    expect((await listCampaigns(ctx())).map((campaign) => [campaign.subject, campaign.status])).toEqual([["Näringslivsnytt december (demo)", "draft"]]);
    expect((await upcoming(db.app, scope)).map((event) => [event.title, event.capacity])).toEqual([["Frukostmöte: kompetensförsörjning (demo)", 30]]);
  });
});

describe("the seed skills needs", () => {
  it("gives the demo's companies answers this year and last, enough for figures, without doubling", async () => {
    const { needsOverview } = await import("../src/modules/skills/needs-service.js");
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    const { figures } = await needsOverview(ctx(), undefined);
    expect(figures.answered.slice(0, 2)).toEqual([6, 6]);
    expect(figures.rows.map((row) => [row.occupation, row.cells[0]])).toEqual([
      ["5120", { people: 7, companies: 4 }],
      ["7411", { people: 4, companies: 3 }],
    ]);
    // Software developers (two companies) and nurses (one) are held back each, and shown together.
    expect(figures.other[0]).toEqual({ people: 7, companies: 3 });
  });
});

describe("the public programme page on the wire", () => {
  it("sends the public programme page with what it loads in under 30 KB, compressed, without htmx, its assets kept for a year", async () => {
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    const programme = (await programmes.listProgrammes(ctx())).find((one) => one.status === "adopted");
    const get = (url: string) => app.inject({ method: "GET", url, headers: { host: "localhost", "accept-encoding": "br, gzip" } });
    const page = await get(`/program/${programme?.id}`);
    expect(page.headers["content-encoding"]).toBe("br");
    const html = zlib.brotliDecompressSync(page.rawPayload).toString("utf8");
    expect(html).toContain("Näringslivsprogram");
    const loaded = [...html.matchAll(/<(?:link[^>]+href|script[^>]+src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
    expect(loaded.some((url) => url.includes("htmx"))).toBe(false);
    let bytes = page.rawPayload.length;
    for (const url of loaded) {
      const asset = await get(url);
      expect(asset.statusCode, url).toBe(200);
      expect(asset.headers["cache-control"], url).toBe("public, max-age=31536000, immutable");
      bytes += asset.rawPayload.length;
    }
    expect(bytes).toBeLessThan(30 * 1024);
    // Uncompressed, the same page and its stylesheet are several times that.
    const plain = await app.inject({ method: "GET", url: `/program/${programme?.id}`, headers: { host: "localhost" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(page.rawPayload.length * 3);
  });

  it("answers a visitor's browser 304 for a page it already has, and another visitor the page", async () => {
    const programme = (await programmes.listProgrammes(ctx())).find((one) => one.status === "adopted");
    const visitor = await app.inject({ method: "GET", url: "/", headers: { host: "localhost" } });
    const cookie = String(visitor.headers["set-cookie"]).split(";")[0]!;
    const first = await app.inject({ method: "GET", url: `/program/${programme?.id}`, headers: { host: "localhost", cookie } });
    expect(first.headers["cache-control"]).toBe("private, no-cache");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await app.inject({ method: "GET", url: `/program/${programme?.id}`, headers: { host: "localhost", cookie, "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    // Another visitor's page carries another CSRF token, so another ETag.
    const other = await app.inject({ method: "GET", url: `/program/${programme?.id}`, headers: { host: "localhost", "if-none-match": etag } });
    expect(other.statusCode).toBe(200);
  });
});

describe("the seed service measurement", () => {
  it("gives the demo a running survey over the desk's categories, with a year of answers beside the demo cases' waiting, run twice without doubling", async () => {
    const { listSurveys } = await import("../src/modules/surveys/survey-service.js");
    const { results } = await import("../src/modules/surveys/results-service.js");
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    await seedDemoContent(db.app, scope, quiet, "test-secret-for-demo-status-links");
    const [survey, ...more] = await listSurveys(ctx());
    expect(more).toEqual([]);
    expect(survey!.active).toBe(true);
    expect(Number(survey!.answered)).toBeGreaterThan(100);
    const thisYear = new Date().getFullYear();
    const shown = await results(ctx(), { year: thisYear, half: null, surveyId: null }, "sv");
    const all = shown.rows.find((row) => row.group === "all")!;
    expect(all.nki.value).not.toBeNull();
    expect(shown.rows.some((row) => row.group === "area" && row.key === "bygglov" && row.nki.value !== null)).toBe(true);
    // Satisfaction falls as waiting grows, as the made-up answers say.
    const bands = shown.waiting.filter((band) => band.nki.value !== null);
    expect(bands.length).toBeGreaterThan(1);
    expect(bands[0]!.nki.value!).toBeGreaterThan(bands.at(-1)!.nki.value!);
  });
});

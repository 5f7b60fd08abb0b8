import type { Page } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as actions from "../../src/modules/programme/action-service.js";
import * as indicators from "../../src/modules/programme/indicator-service.js";
import * as programmes from "../../src/modules/programme/service.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { buildMunicipality, buildTestApp, buildUser, systemContext, testPassword } from "../helpers/factories.js";
import { buildProgramme, buildStatuses } from "../helpers/programme.js";
import { launchBrowser } from "../helpers/browser.js";

let db: TestDatabase;
let app: FastifyInstance;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let base: string;
let programmeId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  const ctx = systemContext(db.app, askersund);
  const statuses = await buildStatuses(db.app, askersund);
  const owner = await buildUser(db.app, askersund, { roles: ["case_officer"], email: "agare@askersund.test", name: "Olle Ägare" });
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test", name: "Nora Näringsliv" });
  const { programme, area } = await buildProgramme(db.app, askersund, { start: 2020, end: 2023, name: "Näringslivsprogram 2020–2023" });
  programmeId = programme.id;
  await actions.createAction(ctx, programme.id, {
    focus_area_id: area.id,
    title: "Snabbare bygglov",
    description: "",
    responsible: null,
    contributors: [],
    owner_id: owner.id,
    start_date: null,
    end_date: null,
    status_id: statuses.open,
    progress: null,
    weight: 1,
    position: null,
  });
  await indicators.createIndicator(ctx, programme.id, {
    name: "Handläggningstid för bygglov",
    description: "",
    unit: "dagar",
    focus_area_id: area.id,
    direction: "lower",
    baseline_value: 31,
    baseline_year: 2019,
    source: "manual",
    owner_id: owner.id,
    position: null,
    targets: [{ year: 2023, value: 21 }],
  });
  await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });
  app = await buildTestApp(db.app);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://askersund.test:${new URL(address).port}`;
  browser = await launchBrowser({ javaScriptEnabled: false });
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.drop();
});

async function logIn(email: string): Promise<void> {
  await page.goto(`${base}/logga-in`);
  await page.fill("#f-email", email);
  await page.fill("#f-password", testPassword);
  await page.press("#f-password", "Enter");
  await page.waitForURL(`${base}/`);
}

async function logOut(): Promise<void> {
  await page.click("nav form[action='/logga-ut'] button");
  await page.waitForURL(`${base}/logga-in`);
}

describe("the yearly follow-up with JavaScript off", () => {
  let snapshotUrl = "";
  let snapshotText = "";

  it("an owner writes the year's note and value from the start page", async () => {
    await logIn("agare@askersund.test");
    expect(await page.textContent("main")).toContain("Att rapportera för 2023 i Näringslivsprogram 2020–2023");
    await page.click("text=Skriv anteckning: Snabbare bygglov");
    expect(await page.inputValue("#f-year")).toBe("2023");
    await page.selectOption("#f-status_id", { label: "Pågår (50 %)" });
    await page.fill("#f-text", "Medianen är nu 22 dagar.");
    await page.press("#f-text", "Tab");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".notice");
    expect(await page.textContent(".log")).toContain("Medianen är nu 22 dagar.");

    await page.goto(`${base}/`);
    await page.click("text=Mata in värde: Handläggningstid för bygglov");
    await page.fill("#f-value", "22");
    // A bad value comes back with the error and the other values kept.
    await page.fill("#f-year", "tjugotre");
    await page.press("#f-value", "Enter");
    await page.waitForSelector(".error-summary");
    expect(await page.inputValue("#f-value")).toBe("22");
    await page.fill("#f-year", "2023");
    await page.press("#f-value", "Enter");
    await page.waitForSelector(".notice");
    expect(await page.textContent("main")).toContain("2023 Helår");
    await page.goto(`${base}/`);
    expect(await page.textContent("main")).not.toContain("Att rapportera för 2023");
    await logOut();
  });

  it("the business developer summarises and publishes the follow-up, and the public page lists it", async () => {
    await logIn("utvecklare@askersund.test");
    await page.goto(`${base}/admin/program/${programmeId}/uppfoljning?year=2023`);
    expect(await page.textContent("main")).toContain("Alla åtgärder har en anteckning och alla indikatorer ett värde för året.");
    await page.fill("textarea[name^='summary_']", "Bygglov går snabbare.");
    await page.click("text=Spara sammanfattningen");
    await page.waitForSelector(".notice");
    await page.click("text=Publicera uppföljningen >> nth=-1");
    // Publishing cannot be undone: a page of its own asks first, and works without JavaScript.
    await page.waitForSelector("h1:has-text('Publicera uppföljningen av 2023?')");
    expect(await page.textContent("main")).toContain("En publicerad uppföljning kan inte ändras.");
    await page.click("main button:has-text('Publicera uppföljningen')");
    await page.waitForURL(/\/uppfoljning\/[0-9a-f-]{36}$/);
    snapshotUrl = page.url();
    expect(await page.textContent(".notice")).toContain("Uppföljningen är publicerad.");
    await page.goto(snapshotUrl);
    snapshotText = (await page.textContent("main")) ?? "";
    expect(snapshotText).toContain("Uppföljning 2023");
    expect(snapshotText).toContain("Medianen är nu 22 dagar.");
    expect(snapshotText).toContain("Bygglov går snabbare.");
    expect(snapshotText).toContain("Bättre än utgångsläget men inte i mål");

    // Signed out, as the public: the programme page lists the follow-up.
    await logOut();
    await page.goto(`${base}/program/${programmeId}`);
    expect(await page.locator(`a[href="${new URL(snapshotUrl).pathname}"]`).textContent()).toContain("Uppföljning 2023, version 1");
  });

  it("prints the published follow-up without the site's navigation and forms, and saves it as PDF", async () => {
    await page.goto(snapshotUrl);
    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible(".site-header")).toBe(false);
    expect(await page.isVisible("form.lang-switch")).toBe(false);
    expect(await page.isVisible("text=Hämta värdena som CSV")).toBe(false);
    expect(await page.isVisible("main h1")).toBe(true);
    expect(await page.isVisible("main table")).toBe(true);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.emulateMedia({ media: "screen" });
  });

  it("copying the programme to a new period leaves the published follow-up unchanged", async () => {
    await logIn("utvecklare@askersund.test");
    await page.goto(`${base}/admin/program/${programmeId}`);
    await page.fill("#f-name", "Näringslivsprogram 2024–2027");
    await page.fill("#f-start_year", "2024");
    await page.fill("#f-end_year", "2027");
    await page.press("#f-end_year", "Enter");
    await page.waitForURL((url) => url.pathname.startsWith("/admin/program/") && !url.pathname.endsWith(programmeId));
    expect(await page.textContent("h1")).toBe("Näringslivsprogram 2024–2027");
    expect(await page.textContent("main")).toContain("Snabbare bygglov");
    await page.goto(snapshotUrl);
    expect(await page.textContent("main")).toBe(snapshotText);
  });
});

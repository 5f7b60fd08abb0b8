import type { Page } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as companies from "../../src/modules/companies/service.js";
import * as visits from "../../src/modules/companies/visit-service.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { buildCompany } from "../helpers/companies.js";
import { buildMunicipality, buildTestApp, buildUser, systemContext, testPassword } from "../helpers/factories.js";
import { launchBrowser } from "../helpers/browser.js";

let db: TestDatabase;
let app: FastifyInstance;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  const ctx = systemContext(db.app, askersund);
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test", name: "Nora Näringsliv" });
  await buildCompany(db.app, { name: "Askersunds Mekaniska Verkstad AB", postcode: "69633" });
  await buildCompany(db.app, { name: "Örebro Mekaniska AB", town: "ÖREBRO", postcode: "70210" });
  await companies.saveArea(ctx, { postcodes: ["696"], towns: [], contact_retention_months: 36 });
  await visits.saveTemplate(ctx, null, { name: "Företagsbesök", questions: ["Vad behöver företaget?"], sections: [] });
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

describe("the company register with JavaScript off, by keyboard", () => {
  it("searches, opens a company, adds a contact, plans a visit and writes its report", async () => {
    await page.goto(`${base}/logga-in`);
    await page.fill("#f-email", "utvecklare@askersund.test");
    await page.fill("#f-password", testPassword);
    await page.press("#f-password", "Enter");
    await page.waitForURL(`${base}/`);

    // The default search is the municipality's own companies; the whole country is one choice away.
    await page.goto(`${base}/foretag`);
    await page.fill("#f-q", "mekaniska");
    await page.press("#f-q", "Enter");
    await page.waitForURL(/q=mekaniska/);
    expect(await page.locator("tbody tr").allTextContents()).toHaveLength(1);
    await page.check("#f-reach-1");
    await page.focus("#f-q");
    await page.press("#f-q", "Enter");
    await page.waitForURL(/reach=all/);
    expect(await page.locator("tbody tr").count()).toBe(2);

    await page.click("text=Askersunds Mekaniska Verkstad AB");
    await page.waitForSelector("h1:has-text('Askersunds Mekaniska Verkstad AB')");
    await page.click("text=Ny kontaktperson");
    await page.fill("#f-name", "Karin Kontakt");
    await page.fill("#f-email", "inte-en-adress");
    await page.press("#f-email", "Enter");
    await page.waitForSelector(".error-summary");
    expect(await page.inputValue("#f-name")).toBe("Karin Kontakt");
    await page.fill("#f-email", "karin@verkstaden.se");
    await page.press("#f-email", "Enter");
    await page.waitForSelector("h1:has-text('Karin Kontakt')");
    await page.click("main >> text=Askersunds Mekaniska Verkstad AB");

    await page.click("text=Planera besök");
    await page.fill("#f-date", "2026-12-04");
    await page.fill("#f-start_time", "09:30");
    await page.check("text=Karin Kontakt");
    await page.press("#f-start_time", "Enter");
    await page.waitForURL(/\/besok\/[0-9a-f-]{36}$/);
    expect(await page.textContent("main")).toContain("Karin Kontakt");
    await page.fill("textarea[name='answer_vad_behover_foretaget']", "Svetsare");
    await page.click("text=Spara rapporten");
    await page.waitForSelector(".notice");
    expect(await page.inputValue("textarea[name='answer_vad_behover_foretaget']")).toBe("Svetsare");
  });
});

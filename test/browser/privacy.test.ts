import type { Page } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCompany } from "../helpers/companies.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { buildMunicipality, buildTestApp, buildUser, systemContext, testPassword, type TestMunicipality } from "../helpers/factories.js";
import { axeViolations, launchBrowser, passSecondStep } from "../helpers/browser.js";
import * as contacts from "../../src/modules/companies/contact-service.js";
import * as subscribers from "../../src/modules/communication/subscriber-service.js";
import { inScope } from "../../src/platform/db/database.js";

let db: TestDatabase;
let app: FastifyInstance;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let base: string;
let askersund: TestMunicipality;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  const ctx = systemContext(db.app, askersund);
  await buildUser(db.app, askersund, { roles: ["admin"], email: "dataskydd@askersund.test" });
  const company = await buildCompany(db.app, { name: "Berg Konsult", orgNumber: "1212121212", isPerson: true });
  await contacts.createContact(ctx, company.id, {
    name: "Bo Berg",
    title: "Ägare",
    email: "bo.berg@example.se",
    phone: "070-123 45 67",
    role: null,
    lawful_basis: "public_task",
    source: "Besök",
  });
  await subscribers.addSubscriber(ctx, {
    email: "bo.berg@example.se",
    name: "Bo Berg",
    org_number: null,
    language: "sv",
    list_ids: [],
    consent_source: "Mässa",
  });
  app = await buildTestApp(db.app);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://askersund.test:${new URL(address).port}`;
  // The page carries no script of its own: search, extract and erasure are plain links and forms.
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(10_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.drop();
});

describe("a person's data in one place, in Chromium", () => {
  it("finds a person by name, reads the extract, and erases by keyboard; axe finds nothing on any step", async () => {
    await page.goto(`${base}/logga-in`);
    await page.fill("#f-email", "dataskydd@askersund.test");
    await page.fill("#f-password", testPassword);
    await page.click("button[type=submit].button-primary");
    await passSecondStep(page, base, "dataskydd@askersund.test");

    await page.goto(`${base}/admin/dataskydd`);
    await page.focus("#f-q");
    await page.keyboard.type("berg bo");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#hits");
    expect(await page.textContent("main")).toContain("Kontaktperson: Bo Berg");
    expect(await axeViolations(page)).toEqual([]);

    await page.click('a[href="/admin/dataskydd?q=bo.berg%40example.se"] >> nth=0');
    await page.waitForSelector("#extract");
    expect(await page.textContent("main")).toContain("070-123 45 67");
    expect(await axeViolations(page)).toEqual([]);

    await page.focus("form[action='/admin/dataskydd/radera'] button");
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1");
    expect(await page.textContent("h1")).toBe("Radera allt om bo.berg@example.se?");
    expect(await axeViolations(page)).toEqual([]);
    await page.focus("main form button.button-danger");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[role=status]");
    expect(await page.textContent("main")).toContain("Raderat: Kontaktperson (1 post)");
    expect(await axeViolations(page)).toEqual([]);
    const left = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("contacts").select("id").execute());
    expect(left).toEqual([]);
  });

  it("shows a sole trader's extract at 390 px without sideways scrolling", async () => {
    const narrow = await launchBrowser();
    try {
      const phone = await narrow.context.newPage();
      await phone.setViewportSize({ width: 390, height: 800 });
      await phone.context().addCookies(await browser.context.cookies());
      await phone.goto(`${base}/admin/dataskydd?q=19121212-1212`);
      expect(await phone.textContent("main")).toContain("Enskild näringsidkare");
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    } finally {
      await narrow.close();
    }
  });
});

import type { Page } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { buildDeskRecords, pdf } from "../helpers/desk.js";
import { buildMunicipality, buildTestApp, buildUnit, buildUser, testPassword } from "../helpers/factories.js";
import { launchBrowser } from "../helpers/browser.js";

let db: TestDatabase;
let app: FastifyInstance;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  const unit = await buildUnit(db.app, askersund, { name: "Bygg och miljö" });
  await buildUser(db.app, askersund, { roles: ["case_officer"], unitIds: [unit.id], email: "handlaggare@askersund.test", name: "Hugo Handläggare" });
  await buildDeskRecords(db.app, askersund, { unitId: unit.id });
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

describe("the business desk with JavaScript off, by keyboard", () => {
  it("a business asks with a file, an officer answers and waits, the business replies on its status page", async () => {
    await page.goto(`${base}/foretagslots`);
    await page.fill("#f-org_number", "556036-0793");
    await page.fill("#f-name", "Ada Företagare");
    await page.fill("#f-email", "ada@example.se");
    await page.selectOption("#f-category_id", { index: 1 });
    await page.fill("#f-subject", "Skylt på fasaden");
    await page.fill("#f-description", "Får vi sätta upp en skylt?");
    await page.setInputFiles("#f-files", { name: "skylt.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.check("#f-consent");
    // A person takes a moment; the form refuses a post faster than a person types.
    await page.waitForTimeout(2200);
    await page.press("#f-subject", "Enter");
    await page.waitForURL(/\/foretagslots\/status\/[A-Za-z0-9_-]{43}\?ny=1$/);
    const statusUrl = page.url().replace("?ny=1", "");
    expect(await page.textContent("main")).toContain("Tack, vi har tagit emot din fråga");
    const number = /Ärende (\d{4}-\d{4})/.exec((await page.textContent("h1")) ?? "")![1]!;

    await page.goto(`${base}/logga-in`);
    await page.fill("#f-email", "handlaggare@askersund.test");
    await page.fill("#f-password", testPassword);
    await page.press("#f-password", "Enter");
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/arenden`);
    await page.click(`text=${number}`);
    await page.waitForSelector(`h1:has-text('${number}')`);
    expect(await page.textContent("main")).toContain("skylt.pdf");
    await page.fill("#f-reply-body", "Skicka gärna en skiss.");
    await page.check("#f-reply-then-1");
    await page.focus("form[action$='/svar'] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Skicka gärna en skiss.");
    expect(await page.textContent(".badges")).toContain("Klockan står");

    await page.goto(statusUrl);
    expect(await page.textContent("main")).toContain("Skicka gärna en skiss.");
    expect(await page.textContent("main")).toContain("Väntar på svar från dig");
    await page.fill("#f-body", "Skissen kommer i morgon.");
    await page.focus("form[action$='/svar'] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Skissen kommer i morgon.");
    expect(await page.textContent("main")).toContain("Under handläggning");
  }, 60_000);
});

import type { Page } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventValues } from "../helpers/communication.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { buildMunicipality, buildTestApp, buildUser, systemContext, testPassword } from "../helpers/factories.js";
import { launchBrowser } from "../helpers/browser.js";
import * as events from "../../src/modules/communication/event-service.js";
import * as subscriptions from "../../src/modules/communication/subscription-service.js";
import * as subscribers from "../../src/modules/communication/subscriber-service.js";

let db: TestDatabase;
let app: FastifyInstance;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let base: string;
let eventId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test", name: "Ulla Utvecklare" });
  const ctx = systemContext(db.app, askersund);
  const list = await subscriptions.createList(ctx, {
    name_sv: "Nyhetsbrevet",
    name_en: "The newsletter",
    description_sv: "En gång i månaden",
    description_en: null,
    public: true,
  });
  await subscribers.addSubscriber(ctx, { email: "las@example.se", name: null, org_number: null, language: "sv", list_ids: [list], consent_source: "Mässa" });
  eventId = await events.createEvent(ctx, eventValues({ title: "Frukostmöte om handel", capacity: 1, questions: "Specialkost" }), "http://askersund.test");
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

describe("communication with JavaScript off, by keyboard", () => {
  it("a business subscribes, registers for an event, and a second person joins the waiting list; staff check the first in", async () => {
    await page.goto(`${base}/nyhetsbrev`);
    await page.check("#f-list_ids");
    await page.fill("#f-email", "ny@foretaget.se");
    await page.check("#f-consent");
    // A person takes a couple of seconds: the bot guard refuses a form sent at once.
    await page.waitForTimeout(2200);
    await page.press("#f-email", "Enter");
    await page.waitForURL(/\/nyhetsbrev\?klart=1$/);
    expect(await page.textContent("[role=status]")).toContain("Titta i din e-post");

    await page.goto(`${base}/evenemang`);
    await page.click("text=Frukostmöte om handel");
    await page.fill("#f-name", "Ada Först");
    await page.fill("#f-email", "ada@foretaget.se");
    await page.fill("#f-q1", "Glutenfritt");
    await page.check("#f-consent");
    await page.waitForTimeout(2200);
    await page.focus("form[action^='/evenemang/'] button[type=submit]");
    await page.keyboard.press("Enter");
    // The answer comes back to the same address as the form, so waiting for the address
    // would read the form's page before the answer: wait for the answer itself.
    await page.waitForSelector("[role=status]:has-text('Tack för din anmälan')");
    expect(page.url()).toBe(`${base}/evenemang/${eventId}`);

    await page.goto(`${base}/evenemang/${eventId}`);
    expect(await page.textContent("main")).toContain("Fullbokat");
    await page.fill("#f-name", "Bo Sedan");
    await page.fill("#f-email", "bo@foretaget.se");
    await page.check("#f-consent");
    await page.waitForTimeout(2200);
    await page.press("#f-email", "Enter");
    await page.waitForSelector("text=du står på väntelistan");

    await page.goto(`${base}/logga-in`);
    await page.fill("#f-email", "utvecklare@askersund.test");
    await page.fill("#f-password", testPassword);
    await page.press("#f-password", "Enter");
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/kommunikation/evenemang/${eventId}/incheckning`);
    await page.check("label:has-text('Ada Först')");
    await page.focus(".check-in-form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=1 av 1 har kommit");
  }, 60_000);
});

import type { Page } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { buildMunicipality, buildTestApp, buildUser, systemContext, testPassword, type TestMunicipality } from "../helpers/factories.js";
import { launchBrowser } from "../helpers/browser.js";
import { councilMailLinks, dayFromToday, memberValues } from "../helpers/council.js";
import { inScope } from "../../src/platform/db/database.js";
import * as members from "../../src/modules/council/member-service.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test", name: "Nora Näringsliv" });
  const ctx = systemContext(db.app, askersund);
  await members.createMember(ctx, memberValues({ name: "Maria Ordförande", email: "maria@example.se", role: "chair" }));
  await members.createMember(ctx, memberValues({ name: "Johan Ledamot", email: "johan@example.se" }));
  await members.createMember(ctx, memberValues({ name: "Sara Ledamot", email: "sara@example.se" }));
  app = await buildTestApp(db.app);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://askersund.test:${new URL(address).port}`;
  browser = await launchBrowser({ javaScriptEnabled: false });
  page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.drop();
});

/** Submits the form around an element by keyboard and waits for the page the post leads to and its notice. */
async function submitFrom(selector: string, notice: string): Promise<void> {
  await page.focus(selector);
  const answered = page.waitForResponse((response) => response.request().isNavigationRequest() && response.request().method() === "GET");
  await page.keyboard.press("Enter");
  await answered;
  await page.waitForLoadState();
  await page.waitForSelector(`[role=status]:has-text("${notice}")`);
}

/** Presses a step's button on the meeting's page, and the confirmation's when it asks first. */
async function step(action: string, notice: string, asks: string | null): Promise<void> {
  if (asks) {
    await page.focus(`form[action$='/${action}'] button`);
    await page.keyboard.press("Enter");
    await page.waitForSelector(`h1:has-text('${asks}')`);
    await submitFrom("main form button.button-danger", notice);
  } else {
    await submitFrom(`form[action$='/${action}'] button`, notice);
  }
}

describe("the business council with JavaScript off, by keyboard", () => {
  it("invites, takes a member's answer, holds the meeting, has the minutes approved by two people and publishes them", async () => {
    await page.goto(`${base}/logga-in`);
    await page.fill("#f-email", "utvecklare@askersund.test");
    await page.fill("#f-password", testPassword);
    await page.press("#f-password", "Enter");
    await page.waitForURL(`${base}/`);

    // Plan the meeting and its agenda.
    await page.goto(`${base}/radet/moten/ny`);
    await page.fill("#f-title", "Rådsmöte i juni");
    await page.fill("#f-date", dayFromToday(7));
    await page.fill("#f-place", "Kommunhuset");
    await submitFrom("#f-place", "Ändringarna är sparade");
    const meetingPath = new URL(page.url()).pathname;
    await page.goto(`${base}${meetingPath}/punkter/ny`);
    await page.fill("#f-title", "Sommarjobb för unga");
    await page.fill("#f-presenter", "Näringslivsenheten");
    await submitFrom("#f-presenter", "Ändringarna är sparade");

    // Call the council: asked first, with how many get a mail.
    await step("kalla", "Kallelsen är skickad", "Skicka kallelsen?");
    const invitation = (await councilMailLinks(db.app, askersund, "council.invitation")).find((mail) => mail.to === "johan@example.se")!;

    // A member answers behind their own link.
    const memberPage = await browser.context.newPage();
    await memberPage.goto(`${base}/radet/kallelse/${invitation.token}`);
    expect(await memberPage.textContent("main")).toContain("Sommarjobb för unga");
    await memberPage.check("label:has-text('Jag kommer') >> nth=0");
    await memberPage.focus("main form button[type=submit]");
    await memberPage.keyboard.press("Enter");
    await memberPage.waitForSelector("[role=status]:has-text('Tack för ditt svar')");
    await memberPage.close();

    // The meeting takes place.
    await inScope(db.app, askersund.scope, (tx) =>
      tx
        .updateTable("council_meetings")
        .set({ starts_at: new Date(Date.now() - 2 * 3_600_000), ends_at: new Date(Date.now() - 3_600_000) })
        .where("title", "=", "Rådsmöte i juni")
        .execute(),
    );
    await page.goto(`${base}${meetingPath}`);
    expect(await page.textContent("main")).toContain("Jag kommer");
    await step("hallet", "Mötet är markerat som hållet", null);

    // Write the minutes: the adjuster, the section and a decision; then send them for approval.
    await page.goto(`${base}${meetingPath}/protokoll`);
    await page.selectOption("#f-attendance-adjuster_id", { label: "Johan Ledamot" });
    await submitFrom(`form[action='${meetingPath}/protokoll'] button`, "Ändringarna är sparade");
    await page.fill("textarea[name=minutes]", "Rådet diskuterade hur fler unga kan få sommarjobb hos kommunens företag.");
    await submitFrom("form:has(textarea[name=minutes]) button", "Ändringarna är sparade");
    await page.fill("textarea[name=text]", "Kommunen och företagen erbjuder tillsammans trettio sommarjobb.");
    await submitFrom("form:has(textarea[name=text]) button", "Ändringarna är sparade");
    await page.goto(`${base}${meetingPath}/protokoll`);
    await page.focus("form[action$='/justering'] button");
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1:has-text('för justering?')");
    await submitFrom("main form button.button-danger", "Protokollet är skickat för justering");

    // The chair and the adjuster approve, each behind their own link (a page of its own, as a mail's link opens).
    for (const approval of await councilMailLinks(db.app, askersund, "council.approval")) {
      const approverPage = await browser.context.newPage();
      await approverPage.goto(`${base}/radet/justera/${approval.token}`);
      expect(await approverPage.textContent("main")).toContain("trettio sommarjobb");
      await approverPage.focus("main form button[type=submit]");
      await approverPage.keyboard.press("Enter");
      await approverPage.waitForSelector("[role=status]:has-text('Din justering är registrerad')");
      await approverPage.close();
    }

    // Approved by both: locked, and published for everyone.
    await page.goto(`${base}${meetingPath}`);
    expect(await page.textContent("main")).toContain("Protokoll justerat");
    await step("publicera", "Protokollet är publicerat", "Publicera protokollet");
    // Anyone reads it, signed in or not.
    await browser.context.clearCookies();
    await page.goto(`${base}/naringslivsradet`);
    await page.click("text=Rådsmöte i juni");
    expect(await page.textContent("main")).toContain("Kommunen och företagen erbjuder tillsammans trettio sommarjobb.");
  }, 120_000);
});

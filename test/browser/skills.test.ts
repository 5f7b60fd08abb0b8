import type { Page } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { buildMunicipality, buildTestApp, buildUser, testPassword, type TestMunicipality } from "../helpers/factories.js";
import { launchBrowser } from "../helpers/browser.js";
import { inScope } from "../../src/platform/db/database.js";
import { skillsJobHandlers } from "../../src/modules/skills/jobs.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await buildUser(db.app, askersund, { roles: ["labour_market_officer"], email: "arbetsmarknad@askersund.test", name: "Alva Arbetsmarknad" });
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

const mailTo = async (address: string, purpose: string) =>
  (
    await inScope(db.app, askersund.scope, (tx) =>
      sql<{ text_body: string }>`select text_body from mail_outbox where to_address = ${address} and purpose = ${purpose}`.execute(tx),
    )
  ).rows;

/**
 * Submits the form around a field by keyboard and waits for the page the post leads to and
 * its notice. The page is waited for by its own response: an answer may come back to the
 * address the form was on, with the same notice as the step before.
 */
async function submitFrom(selector: string, notice: string): Promise<void> {
  await page.focus(selector);
  const answered = page.waitForResponse((response) => response.request().isNavigationRequest() && response.request().method() === "GET");
  await page.keyboard.press("Enter");
  await answered;
  await page.waitForLoadState();
  await page.waitForSelector(`[role=status]:has-text("${notice}")`);
}

describe("skills supply with JavaScript off, by keyboard", () => {
  it("a business posts an opening, staff publish it, an officer matches a seeker, introduces and places them, and the follow-up falls due", async () => {
    // The business posts and confirms by the mailed link.
    await page.goto(`${base}/jobb/annonsera`);
    await page.fill("#f-title", "Kock till lunchrestaurangen");
    await page.fill("#f-employer", "Hamnkrogen");
    await page.fill("#f-org_number", "556677-8899");
    await page.selectOption("#f-occupation", "5120");
    await page.fill("#f-description", "Lunch för hundra gäster om dagen.");
    await page.fill("#f-must_skills", "Livsmedelshygien");
    await page.fill("#f-workplace_municipality", "Askersund");
    await page.fill("#f-contact_name", "Henrik Hamn");
    await page.fill("#f-contact_email", "henrik@hamnkrogen.example.se");
    await page.check("#f-consent");
    // A person takes a couple of seconds: the bot guard refuses a form sent at once.
    await page.waitForTimeout(2200);
    await submitFrom("#f-contact_email", "Titta i kontaktpersonens e-post");
    const [mail] = await mailTo("henrik@hamnkrogen.example.se", "skills.posting_verify");
    const link = /https?:\/\/askersund\.test(\/jobb\/bekrafta\/[A-Za-z0-9_-]{43})/.exec(mail!.text_body)![1]!;
    await page.goto(`${base}${link}`);
    await submitFrom("main button[type=submit]", "annonsen är bekräftad");

    // The officer signs in, reviews and publishes it (asked first), and registers a seeker.
    await page.goto(`${base}/logga-in`);
    await page.fill("#f-email", "arbetsmarknad@askersund.test");
    await page.fill("#f-password", testPassword);
    await page.press("#f-password", "Enter");
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/kompetens/annonser?status=review`);
    await page.click("text=Kock till lunchrestaurangen");
    await page.focus("form[action$='/publicera'] button");
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1:has-text('Publicera ”Kock till lunchrestaurangen”?')");
    await submitFrom("main form button.button-danger", "Annonsen är publicerad");
    expect((await page.goto(`${base}/jobb`))?.status()).toBe(200);
    expect(await page.textContent("main")).toContain("Kock till lunchrestaurangen");

    await page.goto(`${base}/kompetens/arbetssokande/ny`);
    await page.fill("#f-name", "Sara Sommar");
    await page.fill("#f-occupations", "5120");
    await page.fill("#f-skills", "Livsmedelshygien, Bakning");
    await page.selectOption("#f-officer_id", { label: "Alva Arbetsmarknad" });
    await page.fill("#f-basis_source", "Samtycke vid inskrivning");
    await submitFrom("#f-basis_source", "Ändringarna är sparade");

    // Matching: the opening is the best for her, explained; she consents and is proposed.
    await page.focus("a:has-text('Matchande annonser')");
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1:has-text('Annonser för Sara Sommar')");
    expect(await page.textContent("main")).toContain("Uppfyller kravet: Livsmedelshygien");
    await page.check("label:has-text('Personen samtycker')");
    await submitFrom("form[action='/kompetens/formedlingar'] button", "Förslaget är sparat");

    // The introduction's steps: contacted, then placed for the summer.
    await page.selectOption("select[name=status]", "contacted");
    await submitFrom("form[action^='/kompetens/formedlingar/'] button", "Ändringarna är sparade");
    await page.selectOption("select[name=status]", "placed");
    await page.fill("input[name=starts_on]", "2027-06-01");
    await page.fill("input[name=ends_on]", "2027-08-31");
    await submitFrom("input[name=ends_on]", "Ändringarna är sparade");
    expect(await page.textContent("main")).toContain("Följs upp senast");

    // 90 days after the end the officer is reminded, and records how it went.
    await skillsJobHandlers(db.app, undefined, () => new Date("2027-11-29T08:00:00Z"))["skills.follow-ups"]!({} as never);
    expect(await mailTo("arbetsmarknad@askersund.test", "skills.follow_up_due")).toHaveLength(1);
    // On a phone's width (every page is checked with axe-core by the route-wide test, with JavaScript on).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.selectOption("select[name=follow_up]", "in_work");
    await submitFrom("form[action$='/uppfoljning'] button", "Ändringarna är sparade");
    expect(await page.textContent("main")).toContain("Uppföljning: I arbete");
  }, 90_000);
});

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { buildMunicipality, buildTestApp, buildUser, testPassword } from "../helpers/factories.js";
import { launchBrowser, passSecondStep } from "../helpers/browser.js";
import type { FastifyInstance } from "fastify";

let db: TestDatabase;
let app: FastifyInstance;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  await buildUser(db.app, askersund, { roles: ["admin"], email: "admin@askersund.test" });
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

/** Presses Tab until the element with `id` has focus; fails if it is never reached. */
async function tabTo(id: string, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.id ?? "")) === id) {
      return;
    }
  }
  throw new Error(`#${id} was not reached by Tab`);
}

describe("with JavaScript off, by keyboard only", () => {
  it("the skip link is the first stop and moves to the main content", async () => {
    await page.goto(`${base}/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    await page.keyboard.press("Enter");
    // Following an in-page link is a navigation Chromium reports a moment after
    // the key press; wait for it rather than read the address at once.
    await page.waitForURL(`${base}/#main`, { timeout: 5_000 });
    expect(await page.evaluate(() => document.querySelector(":target")?.id)).toBe("main");
  });

  it("a staff member logs in, and a wrong password comes back with the e-mail kept", async () => {
    await page.goto(`${base}/logga-in`);
    await tabTo("f-email");
    await page.keyboard.type("admin@askersund.test");
    await tabTo("f-password");
    await page.keyboard.type("not the password");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".error-summary");
    expect(await page.inputValue("#f-email")).toBe("admin@askersund.test");
    await tabTo("f-password");
    await page.keyboard.type(testPassword);
    await page.keyboard.press("Enter");
    await passSecondStep(page, base, "admin@askersund.test");
    expect(await page.textContent("h1")).toContain("Välkommen");
  });

  it("an administrator creates a unit under a department with the keyboard", async () => {
    await page.goto(`${base}/admin/enheter/ny`);
    await tabTo("f-name");
    await page.keyboard.type("Näringslivsförvaltningen");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${base}/admin/enheter`);
    expect(await page.textContent("main")).toContain("Näringslivsförvaltningen");

    await page.goto(`${base}/admin/enheter/ny`);
    await tabTo("f-kind");
    await page.keyboard.press("ArrowDown");
    await tabTo("f-parent_id");
    await page.keyboard.press("ArrowDown");
    // An empty name: the form comes back with the error summary and the choices kept.
    await tabTo("f-name");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".error-summary");
    expect(await page.inputValue("#f-kind")).toBe("section");
    await page.focus(".error-summary a");
    await page.keyboard.press("Enter");
    await page.waitForURL(/#f-name$/, { timeout: 5_000 });
    await tabTo("f-name");
    await page.keyboard.type("Näringslivsenheten");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${base}/admin/enheter`);
    const rows = await page.locator("tbody tr").allTextContents();
    expect(rows.some((row) => row.includes("Näringslivsenheten") && row.includes("Avdelning"))).toBe(true);
  });

  it("switches language with the keyboard and keeps the page", async () => {
    await page.goto(`${base}/tillganglighet`);
    await page.focus("form.lang-switch button");
    await page.keyboard.press("Enter");
    await page.waitForSelector('html[lang="en"]');
    expect(page.url()).toBe(`${base}/tillganglighet`);
    expect(await page.textContent("h1")).toContain("Accessibility");
  });
});

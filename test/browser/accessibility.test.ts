import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { testPassword } from "../helpers/factories.js";
import { axeViolations, launchBrowser, passSecondStep } from "../helpers/browser.js";
import { routeCoverage } from "../helpers/route-coverage.js";
import { buildWorld, concretePath, type World } from "../helpers/world.js";

let db: TestDatabase;
let world: World;
let browser: { context: BrowserContext; close: () => Promise<void> };
let visitorBrowser: { context: BrowserContext; close: () => Promise<void> };
let base: string;
let signedIn: Page;
let anonymousPage: Page;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await buildWorld(db);
  const address = await world.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://askersund.test:${new URL(address).port}`;
  // Two browsers: cookies of a persistent context are shared by its pages.
  browser = await launchBrowser();
  visitorBrowser = await launchBrowser();
  anonymousPage = await visitorBrowser.context.newPage();
  signedIn = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await visitorBrowser?.close();
  await world?.app.close();
  await db?.drop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${base}/logga-in`);
  await page.fill("#f-email", "admin@askersund.test");
  await page.fill("#f-password", testPassword);
  await page.click("button[type=submit].button-primary");
  await passSecondStep(page, base, "admin@askersund.test");
}

const pages = Object.entries(routeCoverage).filter(([, coverage]) => coverage.page);

describe("axe-core on every page in Chromium", () => {
  it.each(pages)("%s has no violations", async (route, coverage) => {
    const registered = world.app.registeredRoutes.find((candidate) => `${candidate.method} ${candidate.url}` === route)!;
    const page = coverage.page?.public ? anonymousPage : signedIn;
    if (page === signedIn && !page.url().startsWith(base)) {
      await signIn(page);
    }
    const response = await page.goto(`${base}${concretePath(registered, world.records.a)}`);
    expect(response?.status(), route).toBe(200);
    expect(await axeViolations(page)).toEqual([]);
  });

  it.each(pages.filter(([, coverage]) => coverage.page?.public))("%s has no violations in English", async (route) => {
    const english = await visitorBrowser.context.newPage();
    await english.goto(`${base}/`);
    if ((await english.getAttribute("html", "lang")) === "sv") {
      await english.click("form.lang-switch button");
      await english.waitForSelector('html[lang="en"]');
    }
    await english.goto(`${base}${route.split(" ")[1]}`);
    expect(await english.getAttribute("html", "lang")).toBe("en");
    expect(await axeViolations(english)).toEqual([]);
    await english.close();
  });

  it("has no violations on the region's own host: its sign-in, its figures and its password page", async () => {
    const regional = await launchBrowser();
    try {
      const page = await regional.context.newPage();
      const regionBase = base.replace("askersund.test", world.region.host);
      await page.goto(`${regionBase}/`);
      expect(new URL(page.url()).pathname).toBe("/logga-in");
      expect(await axeViolations(page)).toEqual([]);
      await page.fill("#f-email", "analytiker@region.test");
      await page.fill("#f-password", testPassword);
      await page.click("button[type=submit].button-primary");
      await page.waitForURL(/\/region$/);
      await page.waitForSelector("table");
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${regionBase}/konto/losenord`);
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${regionBase}/tillganglighet`);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await regional.close();
    }
  });

  it("has no violations on a form re-shown with errors", async () => {
    if (!signedIn.url().startsWith(base)) {
      await signIn(signedIn);
    }
    await signedIn.goto(`${base}/admin/enheter/ny`);
    await signedIn.fill("#f-name", "");
    await signedIn.click("main button[type=submit]");
    await signedIn.waitForSelector(".error-summary");
    expect(await axeViolations(signedIn)).toEqual([]);
  });

  it("asks before a delete on a page with no violations, whose buttons work by keyboard, and goes back unchanged", async () => {
    if (!signedIn.url().startsWith(base)) {
      await signIn(signedIn);
    }
    await signedIn.goto(`${base}/admin/parter/${world.records.a.party}`);
    await signedIn.click("main button.button-danger");
    await signedIn.waitForSelector("h1:has-text('Ta bort ”Företagarna”?')");
    expect(await axeViolations(signedIn)).toEqual([]);
    await signedIn.focus("main a.button-secondary");
    await signedIn.keyboard.press("Enter");
    await signedIn.waitForURL(`${base}/admin/parter/${world.records.a.party}`);
    expect(await signedIn.inputValue("#f-name")).toBe("Företagarna");
  });

  it("filters the audit log with htmx in place, under the strict CSP", async () => {
    if (!signedIn.url().startsWith(base)) {
      await signIn(signedIn);
    }
    const violations: string[] = [];
    signedIn.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) {
        violations.push(message.text());
      }
    });
    await signedIn.goto(`${base}/admin/logg`);
    await signedIn.evaluate(() => {
      (window as unknown as { marker: string }).marker = "same page";
    });
    await signedIn.selectOption("#f-record_type", "org_unit");
    await signedIn.click("form.filters button[type=submit]");
    await signedIn.waitForURL(/record_type=org_unit/);
    await signedIn.waitForFunction(() => [...document.querySelectorAll("#audit-results tbody tr")].every((row) => row.textContent?.includes("enheten")));
    expect(await signedIn.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same page");
    expect(violations).toEqual([]);
  });

  it("serves pages whose CSP blocks inline script and style, and the pages need neither", async () => {
    const messages: string[] = [];
    const page = await browser.context.newPage();
    page.on("console", (message) => messages.push(message.text()));
    const response = await page.goto(`${base}/logga-in`);
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(messages.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
    await page.close();
  });
});

import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { testPassword } from "../helpers/factories.js";
import { launchBrowser, passSecondStep } from "../helpers/browser.js";
import { routeCoverage } from "../helpers/route-coverage.js";
import { buildWorld, concretePath, type World } from "../helpers/world.js";

/** A phone, a tablet and a laptop: every page fits each without scrolling sideways. */
const widths = [390, 768, 1280];

let db: TestDatabase;
let world: World;
let browser: { context: BrowserContext; close: () => Promise<void> };
let base: string;
let signedIn: Page;
let visitor: Page;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await buildWorld(db);
  const address = await world.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://askersund.test:${new URL(address).port}`;
  browser = await launchBrowser();
  signedIn = await browser.context.newPage();
  await signedIn.goto(`${base}/logga-in`);
  await signedIn.fill("#f-email", "admin@askersund.test");
  await signedIn.fill("#f-password", testPassword);
  await signedIn.click("button[type=submit].button-primary");
  await passSecondStep(signedIn, base, "admin@askersund.test");
  const other = await launchBrowser();
  visitor = await other.context.newPage();
  const close = browser.close;
  browser.close = async () => {
    await other.close();
    await close();
  };
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.app.close();
  await db?.drop();
});

/**
 * What is wider than the window: the page itself, and the elements that stick out of it.
 * A wide table is fine inside a region that scrolls on its own (`overflow-x: auto`).
 */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) {
      return [];
    }
    const scrollsItself = (element: Element | null): boolean => {
      for (let node = element?.parentElement; node; node = node.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(node).overflowX)) {
          return true;
        }
      }
      return false;
    };
    const culprits = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && !scrollsItself(element))
      .filter((element) => ![...element.children].some((child) => child.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(" ").join(".")}` : ""} (${Math.round(element.getBoundingClientRect().right)} px)`,
      );
    return [`page ${document.documentElement.scrollWidth} px wide`, ...culprits];
  });
}

const pages = Object.entries(routeCoverage).filter(([, coverage]) => coverage.page);

describe("every page at 390, 768 and 1280 px", () => {
  it.each(pages)("%s is no wider than the window", async (route, coverage) => {
    const registered = world.app.registeredRoutes.find((candidate) => `${candidate.method} ${candidate.url}` === route)!;
    const page = coverage.page?.public ? visitor : signedIn;
    const found: string[] = [];
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      const response = await page.goto(`${base}${concretePath(registered, world.records.a)}`);
      expect(response?.status(), route).toBe(200);
      const wide = await overflow(page);
      if (wide.length > 0) {
        found.push(`${width}: ${wide.join(", ")}`);
      }
    }
    expect(found).toEqual([]);
  });
});

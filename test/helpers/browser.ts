import { AxeBuilder } from "@axe-core/playwright";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { nextRecoveryCode } from "./second-factor.js";

/**
 * Debian's Chromium driven by playwright-core. Host names ending in .test resolve to the
 * loopback server, so host-based tenants work as in production.
 */
export async function launchBrowser(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const profile = mkdtempSync(path.join(os.tmpdir(), "lotsen-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    locale: "sv-SE",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP *.test 127.0.0.1",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The sign-in's second step in the browser, for an administrator the factories gave a second
 * factor: the code page, a recovery code typed and sent with Enter, as a person does.
 */
export async function passSecondStep(page: import("playwright-core").Page, base: string, email: string): Promise<void> {
  await page.waitForURL(/\/logga-in\/kod/);
  await page.focus("#f-code");
  await page.keyboard.type(nextRecoveryCode(email));
  await page.keyboard.press("Enter");
  await page.waitForURL(`${base}/`);
}

/** What axe-core finds against WCAG 2.1 AA (and its best practices) on the page, one line per rule: an empty list is a pass. */
export async function axeViolations(page: import("playwright-core").Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

import type { FastifyInstance } from "fastify";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSecret } from "../global-setup.js";
import { axeViolations, launchBrowser } from "../helpers/browser.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { buildMunicipality, buildTestApp, buildUnit, systemContext, type TestMunicipality } from "../helpers/factories.js";
import { startProvider, type TestProvider } from "../helpers/oidc.js";
import { inScope } from "../../src/platform/db/database.js";
import { saveSettings } from "../../src/platform/sso/settings.js";

let db: TestDatabase;
let app: FastifyInstance;
let provider: TestProvider;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let base: string;
let askersund: TestMunicipality;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await buildUnit(db.app, askersund, { name: "Näringslivsenheten" });
  app = await buildTestApp(db.app);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://askersund.test:${new URL(address).port}`;
  provider = await startProvider({
    clientId: "lotsen",
    clientSecret: "lotsen-browser-test-secret-0123456789abcdef",
    redirectUris: [`${base}/logga-in/sso/svar`],
    postLogoutRedirectUris: [`${base}/logga-in`],
    accounts: {
      admin: { email: "it.admin@askersund.test", email_verified: true, name: "Ida It", groups: ["lotsen-admin"] },
      handlaggare: { email: "hans.h@askersund.test", email_verified: true, name: "Hans Handläggare", groups: ["lotsen-handlaggare"] },
      nekad: { email: "nils.n@askersund.test", email_verified: true, name: "Nils Nekad", groups: ["ekonomi"] },
    },
  });
  await saveSettings(systemContext(db.app, askersund), testSecret, {
    enabled: true,
    issuer: provider.issuer,
    client_id: "lotsen",
    client_secret: "lotsen-browser-test-secret-0123456789abcdef",
    scopes: "openid profile email groups",
    roles_claim: "groups",
    role_map: "lotsen-admin = admin\nlotsen-handlaggare = case_officer @ Näringslivsenheten",
    passwords_off: true,
  });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
  await db?.drop();
});

/** From Lotsen's sign-in page, by keyboard, to the provider and its development pages. */
async function signInAs(login: string): Promise<void> {
  await page.goto(`${base}/logga-in`);
  expect(await axeViolations(page)).toEqual([]);
  await page.focus("a[href^='/logga-in/sso']");
  await page.keyboard.press("Enter");
  await page.waitForURL(`${provider.issuer}/**`);
  if (await page.locator("input[name=login]").count()) {
    await page.fill("input[name=login]", login);
    await page.fill("input[name=password]", "vad som helst");
    await page.click("button[type=submit]");
  }
  // Consent, the first time this account meets the client.
  if (await page.locator("input[name=prompt][value=consent]").count()) {
    await page.click("button[type=submit]");
  }
}

describe("single sign-on in the browser, against a real OpenID provider", () => {
  it("signs an administrator in with roles from the provider's groups, with no second factor of Lotsen's to set up", async () => {
    await signInAs("admin");
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/admin/inloggning`);
    expect(await page.textContent("h1")).toBe("Inloggning med kommunens konton");
    expect(await page.isChecked("#f-passwords_off")).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("logs out of Lotsen and then of the provider, so the next sign-in asks for the login again", async () => {
    await page.click("form[action='/logga-ut'] button");
    await page.waitForURL(`${base}/logga-ut/leverantor`);
    expect(await axeViolations(page)).toEqual([]);
    await page.click("a.button-primary");
    await page.waitForURL(`${provider.issuer}/**`);
    // The provider's own confirmation of its logout.
    await page.click("button[type=submit]");
    await page.waitForURL(`${base}/logga-in`);
    await page.focus("a[href^='/logga-in/sso']");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${provider.issuer}/**`);
    expect(await page.locator("input[name=login]").count()).toBe(1);
  });

  it("gives a case officer the role and the unit the map says, and nothing of an administrator's", async () => {
    await page.context().clearCookies();
    await signInAs("handlaggare");
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/konto`);
    expect(await page.textContent("main")).toContain("Näringslivsenheten");
    const denied = await page.goto(`${base}/admin/inloggning`);
    expect(denied?.status()).toBe(403);
    const user = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("users").select("roles").where("email", "=", "hans.h@askersund.test").executeTakeFirstOrThrow(),
    );
    expect(user.roles).toEqual(["case_officer"]);
  });

  it("turns away a person in a group that gives no role, on a page that says why, at 390 px", async () => {
    await page.context().clearCookies();
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs("nekad");
    await page.waitForURL(`${base}/logga-in/sso/svar**`);
    expect(await page.textContent("h1")).toBe("Inloggningen gick inte");
    expect(await page.textContent("main")).toContain("Ditt konto hos kommunen ger ingen roll i Lotsen");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

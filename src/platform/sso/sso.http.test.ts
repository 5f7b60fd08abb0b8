import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import {
  buildMunicipality,
  buildTestApp,
  buildUnit,
  buildUser,
  form,
  login,
  systemContext,
  testPassword,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { testSecret } from "../../../test/global-setup.js";
import { injectBrowser } from "../../../test/helpers/inject-browser.js";
import { signInAtProvider, startProvider, type TestProvider } from "../../../test/helpers/oidc.js";
import { inScope } from "../db/database.js";
import * as auth from "../auth/service.js";
import { saveSettings } from "./settings.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let provider: TestProvider;
let unitId: string;

const host = "askersund.test";
const roleMap = "lotsen-admin = admin\nlotsen-handlaggare = case_officer, viewer @ Näringslivsenheten\nlotsen-lasare = viewer";

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host });
  laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  unitId = (await buildUnit(db.app, askersund, { name: "Näringslivsenheten" })).id;
  await buildUser(db.app, askersund, { roles: ["admin"], email: "admin@askersund.test" });
  provider = await startProvider({
    clientId: "lotsen-askersund",
    clientSecret: "lotsen-askersund-hemlighet-0123456789abcdef",
    redirectUris: ["http://askersund.test/logga-in/sso/svar", "http://laxa.test/logga-in/sso/svar"],
    postLogoutRedirectUris: ["http://askersund.test/logga-in"],
    accounts: {
      "sub-eva": { email: "eva.ek@askersund.test", email_verified: true, name: "Eva Ek", groups: ["lotsen-handlaggare", "annan-grupp"] },
      "sub-olle": { email: "olle@askersund.test", email_verified: true, name: "Olle Utan Roll", groups: ["personal"] },
      "sub-sys": { email: "sys@askersund.test", email_verified: true, name: "Sys Admin", groups: ["lotsen-admin"] },
      "sub-linked": { email: "lokal@askersund.test", email_verified: true, name: "Lena Lokal", groups: ["lotsen-lasare"] },
    },
  });
  app = await buildTestApp(db.app);
  await saveSettings(systemContext(db.app, askersund), testSecret, {
    enabled: true,
    issuer: provider.issuer,
    client_id: "lotsen-askersund",
    client_secret: "lotsen-askersund-hemlighet-0123456789abcdef",
    scopes: "openid profile email groups",
    roles_claim: "groups",
    role_map: roleMap,
    passwords_off: false,
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await provider?.close();
  await db?.drop();
});

/** The whole round: Lotsen's start, the provider's pages, and Lotsen's answer, in one person's browser. */
async function signInWithProvider(login: string, options: { next?: string; person?: ReturnType<typeof injectBrowser> } = {}) {
  const person = options.person ?? injectBrowser(app, host);
  const start = await person.get(`/logga-in/sso${options.next ? `?next=${encodeURIComponent(options.next)}` : ""}`);
  expect(start.statusCode, start.body.slice(0, 200)).toBe(303);
  const back = await signInAtProvider(String(start.headers.location), login);
  expect(back.href.startsWith("http://askersund.test/logga-in/sso/svar?")).toBe(true);
  const answer = await person.get(`${back.pathname}${back.search}`);
  return { person, answer, back };
}

/** The sealed state cookie a start set, as `name=value`, and its whole header line. */
function stateCookie(response: { headers: Record<string, unknown> }): { pair: string; line: string } {
  const line = [response.headers["set-cookie"]]
    .flat()
    .map(String)
    .find((cookie) => cookie.startsWith("lotsen_sso="))!;
  return { pair: line.split(";")[0]!, line };
}

const auditOf = (action: string) =>
  inScope(db.app, askersund.scope, (tx) => tx.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("at", "desc").execute());
const userByEmail = (email: string) =>
  inScope(db.app, askersund.scope, (tx) => tx.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst());

describe("single sign-on with OpenID Connect", () => {
  it("asks for the code with PKCE, state and nonce, creates the account from the claims, and lands where the person was going", async () => {
    const { person, answer } = await signInWithProvider("sub-eva", { next: "/konto" });
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe("/konto");
    const account = await person.get("/konto");
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain("Eva Ek");
    expect(account.body).toContain("Näringslivsenheten");
    const user = await userByEmail("eva.ek@askersund.test");
    expect(user).toMatchObject({ name: "Eva Ek", external_subject: "sub-eva", password_hash: null, active: true });
    expect([...user!.roles].sort()).toEqual(["case_officer", "viewer"]);
    const units = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("user_units").select("unit_id").where("user_id", "=", user!.id).execute());
    expect(units.map((row) => row.unit_id)).toEqual([unitId]);
    expect((await auditOf("login")).find((event) => event.record_id === user!.id)?.changes).toEqual({ via: "single_sign_on" });
    expect((await auditOf("create")).some((event) => event.record_id === user!.id)).toBe(true);
  });

  it("sends the authorisation request a provider expects: PKCE by S256, state, nonce, the scopes and the registered address", async () => {
    const start = await injectBrowser(app, host).get("/logga-in/sso");
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("scope")).toBe("openid profile email groups");
    expect(url.searchParams.get("redirect_uri")).toBe("http://askersund.test/logga-in/sso/svar");
    // The state cookie is sealed: nothing of the verifier or the state can be read from it.
    const cookie = stateCookie(start).line;
    expect(cookie).toMatch(/^lotsen_sso=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax/);
    expect(cookie).not.toContain(url.searchParams.get("state")!);
  });

  it("gives an administrator from a group no Lotsen second factor to set up: the provider's stands for it", async () => {
    const { person, answer } = await signInWithProvider("sub-sys");
    expect(answer.headers.location).toBe("/");
    const users = await person.get("/admin/konton");
    expect(users.statusCode).toBe(200);
  });

  it("sets roles and units again at every sign-in, from the groups the provider sends then, and logs what changed", async () => {
    provider.accounts["sub-eva"]!.groups = ["lotsen-lasare"];
    try {
      await signInWithProvider("sub-eva");
      const user = await userByEmail("eva.ek@askersund.test");
      expect(user!.roles).toEqual(["viewer"]);
      const update = (await auditOf("update")).find((event) => event.record_id === user!.id);
      expect(update?.changes).toMatchObject({ roles: { from: ["case_officer", "viewer"], to: ["viewer"] }, unit_ids: { from: [unitId], to: [] } });
    } finally {
      provider.accounts["sub-eva"]!.groups = ["lotsen-handlaggare", "annan-grupp"];
    }
  });

  it("turns away a person whose groups give no role, creates no account, and logs the attempt", async () => {
    const { answer } = await signInWithProvider("sub-olle");
    expect(answer.statusCode).toBe(403);
    expect(answer.body).toContain("Ditt konto hos kommunen ger ingen roll i Lotsen");
    expect(answer.body).toContain('href="/logga-in"');
    expect(String(answer.headers["set-cookie"] ?? "")).not.toContain("lotsen_session=");
    expect(await userByEmail("olle@askersund.test")).toBeUndefined();
    expect((await auditOf("login_denied"))[0]?.changes).toEqual({ reason: "sso_no_role", subject: "sub-olle" });
  });

  it("links an existing local account by its e-mail the first time, keeping its id, and never a system administrator's", async () => {
    const local = await buildUser(db.app, askersund, { roles: ["viewer"], email: "lokal@askersund.test", name: "Lena Lokal" });
    await signInWithProvider("sub-linked");
    expect(await userByEmail("lokal@askersund.test")).toMatchObject({ id: local.id, external_subject: "sub-linked" });

    await buildUser(db.app, askersund, { roles: ["system_admin"], email: "root@askersund.test" });
    provider.accounts["sub-root"] = { email: "root@askersund.test", email_verified: true, name: "Falsk Root", groups: ["lotsen-admin"] };
    const { answer } = await signInWithProvider("sub-root");
    expect(answer.statusCode).toBe(403);
    expect(answer.body).toContain("Systemadministratörer loggar in med lösenord");
    expect(await userByEmail("root@askersund.test")).toMatchObject({ external_subject: null, roles: ["system_admin"] });
  });

  it("forgets the provider's subject when a former employee's account is erased, so a later sign-in starts a new account", async () => {
    provider.accounts["sub-gone"] = { email: "gone@askersund.test", email_verified: true, name: "Gunnar Gått", groups: ["lotsen-lasare"] };
    await signInWithProvider("sub-gone");
    const before = (await userByEmail("gone@askersund.test"))!;
    await auth.eraseUser(systemContext(db.app, askersund), before.id);
    const erased = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("users").selectAll().where("id", "=", before.id).executeTakeFirstOrThrow());
    expect(erased).toMatchObject({ external_subject: null, name: "Raderat konto", active: false });
    await signInWithProvider("sub-gone");
    expect((await userByEmail("gone@askersund.test"))!.id).not.toBe(before.id);
  });

  it("refuses an answer without its state cookie, a replayed answer, and another municipality's cookie", async () => {
    const { back } = await signInWithProvider("sub-eva");
    // The same answer again, in the same browser: the cookie was spent, the code was used.
    const stranger = injectBrowser(app, host);
    const replay = await stranger.get(`${back.pathname}${back.search}`);
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain("Inloggningen tog för lång tid eller startades i en annan flik");

    const start = await injectBrowser(app, host).get("/logga-in/sso");
    const cookie = [start.headers["set-cookie"]]
      .flat()
      .map((line) => String(line).split(";")[0]!)
      .join("; ");
    expect(cookie).toContain(stateCookie(start).pair);
    const elsewhere = await app.inject({ url: "/logga-in/sso/svar?code=x&state=y", headers: { host: "laxa.test", cookie } });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.body).toContain("Inloggningen tog för lång tid");

    const forged = await app.inject({ url: "/logga-in/sso/svar?code=x&state=y", headers: { host, cookie } });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain("Identitetsleverantörens svar kunde inte godtas");
  });

  it("ends Lotsen's session at logout and offers the provider's logout, with the client and the address to come back to", async () => {
    const { person } = await signInWithProvider("sub-eva");
    await person.get("/konto");
    const out = await person.post("/logga-ut", {});
    expect(out.headers.location).toBe("/logga-ut/leverantor");
    expect((await person.get("/konto")).statusCode).toBe(303);
    const page = await person.get("/logga-ut/leverantor");
    const link = new URL(/href="([^"]+session\/end[^"]*)"/.exec(page.body)![1]!.replace(/&amp;/g, "&"));
    expect(link.origin).toBe(provider.issuer);
    expect(link.searchParams.get("client_id")).toBe("lotsen-askersund");
    expect(link.searchParams.get("post_logout_redirect_uri")).toBe("http://askersund.test/logga-in");
    // A password session's logout goes straight to the sign-in page.
    const local = await login(app, host, "admin@askersund.test");
    const localOut = await app.inject({
      method: "POST",
      url: "/logga-ut",
      headers: { host, cookie: local.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${local.csrf}`,
    });
    expect(localOut.headers.location).toBe("/logga-in");
  });

  it("answers a provider that does not answer with a page that says so, and another municipality's off switch with its own", async () => {
    await inScope(db.app, laxa.scope, (tx) =>
      tx
        .insertInto("municipality_sso")
        .values({ municipality_id: laxa.id, enabled: true, issuer: "http://127.0.0.1:9/", client_id: "x", client_secret: null })
        .execute(),
    );
    const down = await app.inject({ url: "/logga-in/sso", headers: { host: "laxa.test" } });
    expect(down.statusCode).toBe(502);
    expect(down.body).toContain("Kommunens identitetsleverantör svarar inte just nu");
    await inScope(db.app, laxa.scope, (tx) => tx.updateTable("municipality_sso").set({ enabled: false }).execute());
    const off = await app.inject({ url: "/logga-in/sso", headers: { host: "laxa.test" } });
    expect(off.statusCode).toBe(404);
    expect(off.body).toContain("Inloggning med kommunens konto är inte på här");
  });
});

describe("the administrator's sign-in settings", () => {
  const valid = {
    enabled: "on",
    issuer: "",
    client_id: "lotsen-askersund",
    client_secret: "",
    scopes: "openid profile email groups",
    roles_claim: "groups",
    role_map: roleMap,
  };
  async function post(fields: Record<string, string>, as = "admin@askersund.test") {
    const admin = await login(app, host, as);
    return app.inject({
      method: "POST",
      url: "/admin/inloggning",
      headers: { host, cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ ...fields, _csrf: admin.csrf }),
    });
  }
  const stored = () => inScope(db.app, askersund.scope, (tx) => tx.selectFrom("municipality_sso").selectAll().executeTakeFirstOrThrow());

  it("shows the addresses to register, never the client secret, and keeps it sealed at rest", async () => {
    const admin = await login(app, host, "admin@askersund.test");
    const page = await app.inject({ url: "/admin/inloggning", headers: { host, cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<code>http://askersund.test/logga-in/sso/svar</code>");
    expect(page.body).toContain("En klienthemlighet är sparad.");
    expect(page.body).not.toContain("lotsen-askersund-hemlighet");
    expect((await stored()).client_secret).not.toContain("lotsen-askersund-hemlighet");
  });

  it("names what is wrong, keeps the values and saves nothing: a role map line, a plain-HTTP issuer, a provider that does not answer", async () => {
    const before = await stored();
    const badLine = await post({ ...valid, issuer: provider.issuer, role_map: "lotsen-admin = admin\nlotsen-chef = chef" });
    expect(badLine.statusCode).toBe(400);
    expect(badLine.body).toContain("”Grupper och roller” nämner en roll som Lotsen inte har");
    expect(badLine.body).toContain("Felet finns på rad 2.");
    expect(badLine.body).toContain("lotsen-chef = chef</textarea>");
    const sysAdmin = await post({ ...valid, issuer: provider.issuer, role_map: "it = system_admin" });
    expect(sysAdmin.body).toContain("kan inte ge rollen systemadministratör");
    const unit = await post({ ...valid, issuer: provider.issuer, role_map: "g = viewer @ Finns Inte" });
    expect(unit.body).toContain("nämner en enhet som kommunen inte har");
    const plain = await post({ ...valid, issuer: "http://login.askersund.test" });
    expect(plain.body).toContain("”Utfärdare (issuer)” måste börja med https://");
    expect(plain.body).toContain('value="http://login.askersund.test"');
    const down = await post({ ...valid, issuer: "http://127.0.0.1:9/" });
    expect(down.body).toContain("svarade inte som en OpenID Connect-leverantör");
    const noPasswordsWithout = await post({ ...valid, enabled: "", issuer: provider.issuer, passwords_off: "on" });
    expect(noPasswordsWithout.body).toContain("Lösenord kan bara stängas av när inloggning med leverantören är på");
    expect(await stored()).toEqual(before);
  });

  it("saves a change with an audit event that hides the secret, and keeps the stored secret when the field is left blank", async () => {
    const before = await stored();
    const saved = await post({ ...valid, issuer: provider.issuer, role_map: `${roleMap}\nlotsen-utv = business_developer` });
    expect(saved.statusCode).toBe(303);
    const after = await stored();
    expect(after.client_secret).toBe(before.client_secret);
    expect(after.role_map).toContainEqual({ group: "lotsen-utv", roles: ["business_developer"], units: [] });
    const event = (await auditOf("single_sign_on"))[0]!;
    expect(Object.keys(event.changes)).toEqual(["role_map"]);
    await post({ ...valid, issuer: provider.issuer, client_secret: "lotsen-askersund-hemlighet-0123456789abcdef" });
    expect((await auditOf("single_sign_on"))[0]!.changes).toMatchObject({ client_secret: { from: "[hidden]", to: "[hidden]" } });
  });

  it("with passwords off, offers the provider's button, refuses a staff password and still lets a system administrator in", async () => {
    await buildUser(db.app, askersund, { roles: ["case_officer"], email: "handlaggare@askersund.test" });
    await buildUser(db.app, askersund, { roles: ["system_admin"], email: "reserv@askersund.test" });
    expect((await post({ ...valid, issuer: provider.issuer, passwords_off: "on" })).statusCode).toBe(303);
    const person = injectBrowser(app, host);
    const page = await person.get("/logga-in");
    expect(page.body).toContain('href="/logga-in/sso"');
    expect(page.body).toContain("<summary>Reservinloggning för systemadministratörer</summary>");
    const refused = await person.post("/logga-in", { email: "handlaggare@askersund.test", password: testPassword });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Kommunen loggar in med sina egna konton");
    expect(refused.body).toContain('value="handlaggare@askersund.test"');
    expect(String(refused.headers["set-cookie"] ?? "")).not.toContain("lotsen_session=");
    // The way in when the provider is down: a system administrator's password, and then the second factor.
    const fallback = await login(app, host, "reserv@askersund.test");
    expect((await app.inject({ url: "/admin/inloggning", headers: { host, cookie: fallback.cookie } })).statusCode).toBe(200);
    expect((await post({ ...valid, issuer: provider.issuer }, "reserv@askersund.test")).statusCode).toBe(303);
    const again = await injectBrowser(app, host).get("/logga-in");
    expect(again.body).toContain("Eller logga in med lösenord");
  });
});

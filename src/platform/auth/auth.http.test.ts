import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import {
  anonymous,
  buildMunicipality,
  csrfFrom,
  buildTestApp,
  buildToken,
  buildUser,
  form,
  login,
  testPassword,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import * as auth from "./service.js";
import { systemActor } from "./roles.js";
import { inScope } from "../db/database.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  app = await buildTestApp(db.app);
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const post = (session: { cookie: string; host: string }, url: string, payload: Record<string, string | string[]>) =>
  app.inject({
    method: "POST",
    url,
    headers: { host: session.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form(payload),
  });

describe("login", () => {
  it("sets an HttpOnly SameSite=Lax session cookie and a new session id at every login", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const visitor = await anonymous(app, askersund.host);
    const first = await post(visitor, "/logga-in", { email: user.email, password: testPassword, _csrf: visitor.csrf });
    expect(first.statusCode).toBe(303);
    const cookie = String([first.headers["set-cookie"]].flat().find((c) => String(c).startsWith("lotsen_session=")));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const second = await post(visitor, "/logga-in", { email: user.email, password: testPassword, _csrf: visitor.csrf });
    const cookie2 = String([second.headers["set-cookie"]].flat().find((c) => String(c).startsWith("lotsen_session=")));
    expect(cookie2.split(";")[0]).not.toBe(cookie.split(";")[0]);
  });

  it("names the session cookie __Host- and marks it Secure behind one TLS proxy", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const tlsApp = await (
      await import("../../server.js")
    ).createServer({ db: db.app, secret: "test-secret-test-secret-test-secret-0123", logLevel: "silent", trustProxy: 1 });
    const overTls = { host: askersund.host, "x-forwarded-proto": "https" };
    const page = await tlsApp.inject({ method: "GET", url: "/logga-in", headers: overTls });
    const anon = String([page.headers["set-cookie"]].flat().find((c) => String(c).startsWith("__Host-lotsen_anon=")));
    expect(anon).toMatch(/Secure/);
    const response = await tlsApp.inject({
      method: "POST",
      url: "/logga-in",
      headers: { ...overTls, cookie: anon.split(";")[0]!, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ email: user.email, password: testPassword, _csrf: csrfFrom(page.body) }),
    });
    await tlsApp.close();
    const session = String([response.headers["set-cookie"]].flat().find((c) => String(c).startsWith("__Host-lotsen_session=")));
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Domain=/i);
  });

  it("believes X-Forwarded-For from the one proxy it is told of, not an address the client put before it", async () => {
    const proxied = await (
      await import("../../server.js")
    ).createServer({ db: db.app, secret: "test-secret-test-secret-test-secret-0123", logLevel: "silent", trustProxy: 1 });
    proxied.get("/vem", { config: { tenant: false, access: "public" }, schema: { hide: true } }, async (request) => ({ ip: request.ip }));
    const response = await proxied.inject({ method: "GET", url: "/vem", remoteAddress: "10.0.0.2", headers: { "x-forwarded-for": "1.2.3.4, 203.0.113.9" } });
    await proxied.close();
    // The client wrote 1.2.3.4; the proxy appended the address it saw.
    expect(response.json().ip).toBe("203.0.113.9");
  });

  it("spends the login limit of one address however the client spoofs X-Forwarded-For behind one proxy", async () => {
    const proxied = await (
      await import("../../server.js")
    ).createServer({ db: db.app, secret: "test-secret-test-secret-test-secret-0123", logLevel: "silent", trustProxy: 1 });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 25; attempt += 1) {
      const response = await proxied.inject({
        method: "POST",
        url: "/logga-in",
        remoteAddress: "10.0.0.2",
        headers: { host: askersund.host, "x-forwarded-for": `198.51.100.${attempt}, 203.0.113.77`, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ email: "nobody@askersund.test", password: "wrong password!" }),
      });
      statuses.push(response.statusCode);
    }
    await proxied.close();
    expect(statuses).toContain(429);
  });

  it("re-shows the form with the e-mail kept and a Swedish message on a wrong password", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const visitor = await anonymous(app, askersund.host);
    const response = await post(visitor, "/logga-in", { email: user.email, password: "wrong password!", _csrf: visitor.csrf });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain("Fel e-postadress eller lösenord");
    expect(response.body).toContain(`value="${user.email}"`);
    expect(response.body).toContain('class="error-summary"');
  });

  it("rejects a form post without a valid CSRF token", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const visitor = await anonymous(app, askersund.host);
    const response = await post(visitor, "/logga-in", { email: user.email, password: testPassword, _csrf: "forged" });
    expect(response.statusCode).toBe(403);
    expect(response.headers["set-cookie"] ?? "").not.toMatch(/lotsen_session/);
  });

  it("never sends a signed-in visitor off the site, whatever next= holds (a tab, backslashes, another scheme)", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const visitor = await anonymous(app, askersund.host);
    const signedIn = await post(visitor, "/logga-in", { email: user.email, password: testPassword, next: "/\t/evil.example/x", _csrf: visitor.csrf });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe("/");
    const session = String([signedIn.headers["set-cookie"]].flat().find((c) => String(c).startsWith("lotsen_session="))).split(";")[0]!;
    for (const next of ["/%09/evil.example/x", "/\\evil.example", "//evil.example", "https://evil.example", "/.//evil.example"]) {
      const response = await app.inject({
        method: "GET",
        url: `/logga-in?next=${encodeURIComponent(next)}`,
        headers: { host: askersund.host, cookie: session },
      });
      expect(response.statusCode).toBe(303);
      expect(new URL(String(response.headers.location), "https://askersund.test").host, next).toBe("askersund.test");
    }
  });

  it("locks the account after five wrong passwords, even with the right one", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const visitor = await anonymous(app, askersund.host);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await post(visitor, "/logga-in", { email: user.email, password: `wrong-${attempt}-password`, _csrf: visitor.csrf });
    }
    const response = await post(visitor, "/logga-in", { email: user.email, password: testPassword, _csrf: visitor.csrf });
    expect(response.statusCode).toBe(429);
    expect(response.body).toContain("För många misslyckade inloggningar");
  });

  it("limits login attempts per address", async () => {
    const visitor = await anonymous(app, askersund.host);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 22; attempt += 1) {
      const response = await app.inject({
        method: "POST",
        url: "/logga-in",
        remoteAddress: "203.0.113.9",
        headers: { host: askersund.host, cookie: visitor.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ email: `nobody${attempt}@askersund.test`, password: "whatever-password", _csrf: visitor.csrf }),
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  it("does not let an account of one municipality log in on another's host", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["admin"] });
    await expect(login(app, "laxa.test", user.email)).rejects.toThrow(/login failed/);
  });

  it("ends the session at logout", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const session = await login(app, askersund.host, user.email);
    const out = await post(session, "/logga-ut", { _csrf: session.csrf });
    expect(out.statusCode).toBe(303);
    const after = await app.inject({ method: "GET", url: "/konto", headers: { host: askersund.host, cookie: session.cookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/logga-in/);
  });

  it("ends a session that has been idle for 31 minutes, and one past its absolute expiry", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const idle = await login(app, askersund.host, user.email);
    await inScope(db.owner, askersund.scope, (tx) =>
      tx
        .updateTable("sessions")
        .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
        .where("user_id", "=", user.id)
        .execute(),
    );
    expect((await app.inject({ method: "GET", url: "/konto", headers: { host: askersund.host, cookie: idle.cookie } })).statusCode).toBe(303);
    const old = await login(app, askersund.host, user.email);
    await inScope(db.owner, askersund.scope, (tx) =>
      tx
        .updateTable("sessions")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("user_id", "=", user.id)
        .execute(),
    );
    expect((await app.inject({ method: "GET", url: "/konto", headers: { host: askersund.host, cookie: old.cookie } })).statusCode).toBe(303);
  });

  it("ends every session and token of an account that is deactivated, and refuses its login", async () => {
    const admin = await buildUser(db.app, askersund, { roles: ["admin"] });
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const session = await login(app, askersund.host, user.email);
    const { token } = await buildToken(db.app, askersund, user.id);
    const adminSession = await login(app, askersund.host, admin.email);
    const response = await post(adminSession, `/admin/konton/${user.id}`, { _csrf: adminSession.csrf, name: user.name, email: user.email, roles: ["viewer"] });
    expect(response.statusCode, response.body).toBe(303);
    expect((await app.inject({ method: "GET", url: "/konto", headers: { host: askersund.host, cookie: session.cookie } })).statusCode).toBe(303);
    expect((await app.inject({ method: "GET", url: "/api/v1/me", headers: { host: askersund.host, authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    await expect(login(app, askersund.host, user.email)).rejects.toThrow(/login failed/);
  });

  it("makes an account with a temporary password change it before anything else", async () => {
    const admin = await buildUser(db.app, askersund, { roles: ["admin"] });
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const adminSession = await login(app, askersund.host, admin.email);
    const set = await post(adminSession, `/admin/konton/${user.id}/losenord`, { _csrf: adminSession.csrf, password: "temporary password 1" });
    expect(set.statusCode).toBe(303);
    const session = await login(app, askersund.host, user.email, "temporary password 1");
    const home = await app.inject({ method: "GET", url: "/konto", headers: { host: askersund.host, cookie: session.cookie } });
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe("/konto/losenord");
    const changed = await post(session, "/konto/losenord", {
      _csrf: session.csrf,
      current_password: "temporary password 1",
      new_password: "my own new password",
      confirm_password: "my own new password",
    });
    expect(changed.statusCode).toBe(303);
    expect((await app.inject({ method: "GET", url: "/konto", headers: { host: askersund.host, cookie: session.cookie } })).statusCode).toBe(200);
  });
});

describe("the API with a session cookie", () => {
  it("needs the CSRF token in a header for a change, and accepts it there", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["admin"] });
    const session = await login(app, askersund.host, user.email);
    const headers = { host: askersund.host, cookie: session.cookie };
    const without = await app.inject({ method: "POST", url: "/api/v1/parties", headers, payload: { name: "Handelsföreningen", kind: "business_association" } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe("csrf");
    const withToken = await app.inject({
      method: "POST",
      url: "/api/v1/parties",
      headers: { ...headers, "x-csrf-token": session.csrf },
      payload: { name: "Handelsföreningen", kind: "business_association" },
    });
    expect(withToken.statusCode).toBe(201);
  });
});

describe("sessions", () => {
  it("sweeps dead sessions of the municipality at the next login", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    await login(app, askersund.host, user.email);
    await inScope(db.owner, askersund.scope, (tx) =>
      tx
        .updateTable("sessions")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("user_id", "=", user.id)
        .execute(),
    );
    await login(app, askersund.host, user.email);
    const left = await inScope(db.owner, askersund.scope, (tx) => tx.selectFrom("sessions").select("expires_at").where("user_id", "=", user.id).execute());
    expect(left).toHaveLength(1);
    expect(left[0]?.expires_at.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("API tokens", () => {
  it("authenticates a Bearer token stored only as a hash, and lists it on the account page", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["business_developer"] });
    const { token, row } = await buildToken(db.app, askersund, user.id);
    const stored = await inScope(db.owner, askersund.scope, (tx) =>
      tx.selectFrom("api_tokens").select("token_hash").where("id", "=", row.id).executeTakeFirstOrThrow(),
    );
    expect(stored.token_hash).not.toContain(token);
    const me = await app.inject({ method: "GET", url: "/api/v1/me", headers: { host: askersund.host, authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: user.email, roles: ["business_developer"] });
    const session = await login(app, askersund.host, user.email);
    const page = await app.inject({ method: "GET", url: "/konto", headers: { host: askersund.host, cookie: session.cookie } });
    expect(page.body).toContain(`lotsen_${row.prefix}_…`);
  });

  it("refuses a token on another municipality's host, an expired token and a revoked one", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const { token, row } = await buildToken(db.app, askersund, user.id);
    expect((await app.inject({ method: "GET", url: "/api/v1/me", headers: { host: "laxa.test", authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    await inScope(db.owner, askersund.scope, (tx) =>
      tx
        .updateTable("api_tokens")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("id", "=", row.id)
        .execute(),
    );
    expect((await app.inject({ method: "GET", url: "/api/v1/me", headers: { host: askersund.host, authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const fresh = await buildToken(db.app, askersund, user.id);
    await auth.revokeToken({ db: db.app, actor: systemActor("test"), scope: askersund.scope }, fresh.row.id);
    const revoked = await app.inject({ method: "GET", url: "/api/v1/me", headers: { host: askersund.host, authorization: `Bearer ${fresh.token}` } });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe("unauthorized");
  });

  it("acts with the account's roles: a viewer's token reads units but cannot create one", async () => {
    const viewer = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const { token } = await buildToken(db.app, askersund, viewer.id);
    const headers = { host: askersund.host, authorization: `Bearer ${token}` };
    expect((await app.inject({ method: "GET", url: "/api/v1/units", headers })).statusCode).toBe(200);
    const create = await app.inject({ method: "POST", url: "/api/v1/units", headers, payload: { name: "Ny", kind: "department" } });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe("forbidden");
    expect((await app.inject({ method: "GET", url: "/api/v1/users", headers })).statusCode).toBe(403);
  });

  it("creates a token through the API and returns the secret once", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const { token } = await buildToken(db.app, askersund, user.id);
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { host: askersund.host, authorization: `Bearer ${token}` },
      payload: { name: "integration", days: 7 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().token).toMatch(/^lotsen_[0-9a-f]{8}_/);
    const list = await app.inject({ method: "GET", url: "/api/v1/tokens", headers: { host: askersund.host, authorization: `Bearer ${token}` } });
    expect(JSON.stringify(list.json())).not.toContain(created.json().token);
  });
});

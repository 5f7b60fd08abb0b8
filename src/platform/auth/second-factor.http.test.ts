import type { FastifyInstance } from "fastify";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import {
  buildMunicipality,
  buildTestApp,
  buildUser,
  form,
  login,
  systemContext,
  testPassword,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { injectBrowser } from "../../../test/helpers/inject-browser.js";
import { inScope } from "../db/database.js";
import * as auth from "./service.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  app = await buildTestApp(db.app);
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const host = "askersund.test";
const browser = () => injectBrowser(app, host);

async function passwordStep(email: string) {
  const person = browser();
  await person.get("/logga-in");
  const response = await person.post("/logga-in", { email, password: testPassword });
  return { person, response };
}

/** An account without a second factor yet (made as an administrator makes one, not by the test factories). */
async function newAccount(email: string, roles: Array<"admin" | "viewer">) {
  await auth.createUser(systemContext(db.app, askersund), { name: email, email, roles, unit_ids: [], active: true }, { password: testPassword });
}

async function enrol(email: string): Promise<{ person: ReturnType<typeof browser>; secret: string; codes: string[] }> {
  const { person } = await passwordStep(email);
  const page = await person.get("/konto/tvastegs");
  const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/ /g, "");
  const done = await person.post("/konto/tvastegs", { code: await generate({ secret }) });
  const codes = [...done.body.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((match) => match[1]!);
  return { person, secret, codes };
}

describe("the second factor", () => {
  it("makes an administrator set it up before anything else, with a QR code and the key in words, and gives ten recovery codes", async () => {
    await newAccount("ny.admin@askersund.test", ["admin"]);
    const { person, response } = await passwordStep("ny.admin@askersund.test");
    expect(response.headers.location).toBe("/");
    const home = await person.get("/konto");
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe("/konto/tvastegs");
    const page = await person.get("/konto/tvastegs");
    expect(page.body).toContain("Ditt konto kräver tvåstegsverifiering");
    expect(page.body).toMatch(/<svg[^>]*viewBox/);
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/ /g, "");
    const wrong = await person.post("/konto/tvastegs", { code: "000000" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('href="#f-code"');
    const done = await person.post("/konto/tvastegs", { code: await generate({ secret }) });
    expect([...done.body.matchAll(/<li><code>[a-z0-9]{5}-[a-z0-9]{5}<\/code><\/li>/g)]).toHaveLength(10);
    expect((await person.get("/konto")).statusCode).toBe(200);
    // At rest the key is sealed: the database alone does not give the codes.
    const stored = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("users").select(["totp_secret", "recovery_codes"]).where("email", "=", "ny.admin@askersund.test").executeTakeFirstOrThrow(),
    );
    expect(stored.totp_secret).not.toContain(secret);
    expect(stored.recovery_codes.join()).not.toMatch(/[a-z0-9]{5}-[a-z0-9]{5}/);
  });

  it("signs in with the app's code, takes each code once, and a recovery code once", async () => {
    await newAccount("kod@askersund.test", ["admin"]);
    const { secret, codes } = await enrol("kod@askersund.test");
    const first = await passwordStep("kod@askersund.test");
    expect(first.response.headers.location).toBe("/logga-in/kod");
    expect(first.person.has("lotsen_session")).toBe(false);
    // The password alone gives no session: the waiting sign-in is not one.
    expect((await first.person.get("/konto")).headers.location).toMatch(/^\/logga-in/);
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await first.person.get("/logga-in/kod");
    const signedIn = await first.person.post("/logga-in/kod", { code });
    expect(signedIn.statusCode).toBe(303);
    expect((await first.person.get("/konto")).statusCode).toBe(200);
    const again = await passwordStep("kod@askersund.test");
    await again.person.get("/logga-in/kod");
    const replay = await again.person.post("/logga-in/kod", { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain("stämmer inte");
    expect((await again.person.post("/logga-in/kod", { code: codes[0]!.toUpperCase() })).statusCode).toBe(303);
    const third = await passwordStep("kod@askersund.test");
    await third.person.get("/logga-in/kod");
    expect((await third.person.post("/logga-in/kod", { code: codes[0]! })).statusCode).toBe(401);
    expect((await third.person.post("/logga-in/kod", { code: codes[1]! })).statusCode).toBe(303);
  });

  it("locks after five wrong codes and ends the waiting sign-in; a sign-in waits five minutes at most", async () => {
    await newAccount("las@askersund.test", ["admin"]);
    const { codes } = await enrol("las@askersund.test");
    const { person } = await passwordStep("las@askersund.test");
    await person.get("/logga-in/kod");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push((await person.post("/logga-in/kod", { code: "111111" })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await person.post("/logga-in/kod", { code: codes[0]! })).statusCode).toBe(401);
    await inScope(db.app, askersund.scope, (tx) => tx.deleteFrom("login_throttle").execute());
    const late = await passwordStep("las@askersund.test");
    await inScope(db.app, askersund.scope, (tx) =>
      tx
        .updateTable("sessions")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("second_factor_pending", "=", true)
        .execute(),
    );
    await late.person.get("/logga-in/kod");
    const expired = await late.person.post("/logga-in/kod", { code: codes[1]! });
    expect(expired.body).toContain("Inloggningen har gått ut");
  });

  it("is asked of everyone where the municipality says so, and can be turned off only where it is not required", async () => {
    await newAccount("lasare@askersund.test", ["viewer"]);
    const { person: viewer, secret } = await enrol("lasare@askersund.test");
    const off = await viewer.get("/konto/tvastegs");
    expect(off.body).toContain("Stäng av tvåstegsverifiering");
    await inScope(db.app, askersund.scope, (tx) => tx.updateTable("municipalities").set({ second_factor: "everyone" }).execute());
    const required = await viewer.post("/konto/tvastegs/stang-av", { off_code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) });
    expect(required.statusCode).toBe(400);
    await newAccount("annan.lasare@askersund.test", ["viewer"]);
    const { person } = await passwordStep("annan.lasare@askersund.test");
    expect((await person.get("/konto")).headers.location).toBe("/konto/tvastegs");
    await inScope(db.app, askersund.scope, (tx) => tx.updateTable("municipalities").set({ second_factor: "admins" }).execute());
    expect((await person.get("/konto")).statusCode).toBe(200);
    const turnedOff = await viewer.post("/konto/tvastegs/stang-av", { off_code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) });
    expect(turnedOff.statusCode).toBe(303);
    expect((await passwordStep("lasare@askersund.test")).response.headers.location).toBe("/");
  });

  it("lets an administrator reset a lost second factor: the person's sessions end and they set up a new one", async () => {
    await newAccount("tappat@askersund.test", ["admin"]);
    const { person: lost } = await enrol("tappat@askersund.test");
    const admin = await login(app, host, (await buildUser(db.app, askersund, { roles: ["admin"] })).email);
    const id = (await auth.findUserIdByEmail(db.app, askersund.scope, "tappat@askersund.test"))!;
    const page = await app.inject({ url: `/admin/konton/${id}`, headers: { host, cookie: admin.cookie } });
    expect(page.body).toContain(`/admin/konton/${id}/tvastegs`);
    const reset = await app.inject({
      method: "POST",
      url: `/admin/konton/${id}/tvastegs`,
      headers: { host, cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ confirmed: "yes", _csrf: admin.csrf }),
    });
    expect(reset.statusCode).toBe(303);
    expect((await lost.get("/konto")).headers.location).toMatch(/^\/logga-in/);
    const { person } = await passwordStep("tappat@askersund.test");
    expect((await person.get("/konto")).headers.location).toBe("/konto/tvastegs");
  });

  it("goes with the account when a former employee's data is erased", async () => {
    await newAccount("slutat@askersund.test", ["viewer"]);
    await enrol("slutat@askersund.test");
    const id = (await auth.findUserIdByEmail(db.app, askersund.scope, "slutat@askersund.test"))!;
    const ctx = systemContext(db.app, askersund);
    await auth.deactivateUser(ctx, id);
    await auth.eraseUser(ctx, id);
    const row = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("users").select(["totp_secret", "totp_pending_secret", "totp_enabled_at", "recovery_codes"]).where("id", "=", id).executeTakeFirstOrThrow(),
    );
    expect(row).toEqual({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, recovery_codes: [] });
  });
});

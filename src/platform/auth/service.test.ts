import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, buildToken, buildUser, systemContext, testPassword, type TestMunicipality } from "../../../test/helpers/factories.js";
import { inScope } from "../db/database.js";
import { listAuditEvents } from "../audit/service.js";
import * as auth from "./service.js";
import { hashPassword, verifyPassword } from "./password.js";
import { signInWithCodes } from "../../../test/helpers/second-factor.js";

let db: TestDatabase;
let askersund: TestMunicipality;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { kommunkod: "1882", host: "askersund.test" });
});

afterAll(async () => db.drop());

describe("passwords", () => {
  it("hashes with scrypt and a salt of its own, and verifies only the right password", async () => {
    const first = await hashPassword("en lång fras med åäö");
    const second = await hashPassword("en lång fras med åäö");
    expect(first).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("en lång fras med åäö", first)).toBe(true);
    expect(await verifyPassword("en lång fras med aao", first)).toBe(false);
  });
});

describe("failed logins", () => {
  const wrong = (email: string, address: string) =>
    auth.login(db.app, askersund.scope, email, "wrong password!", undefined, address).then(
      () => "ok",
      (error: { code?: string }) => error.code,
    );

  it("counts failures that arrive at once each, and locks the address out of the account at five", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => wrong(user.email, "198.51.100.1")));
    expect(outcomes.filter((code) => code === "invalid_login").length).toBeLessThanOrEqual(4);
    await expect(auth.login(db.app, askersund.scope, user.email, testPassword, undefined, "198.51.100.1")).rejects.toMatchObject({ code: "account_locked" });
  });

  it("does not lock the account for everyone: the owner signs in from another address", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await wrong(user.email, "198.51.100.2");
    }
    const { actor } = await auth.login(db.app, askersund.scope, user.email, testPassword, undefined, "192.0.2.44");
    expect(actor.kind === "user" && actor.id).toBe(user.id);
  });

  it("answers a locked, an unknown and a wrong login alike, hashing the password each time", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await wrong(user.email, "198.51.100.3");
      await wrong("finns-inte@askersund.test", "198.51.100.3");
    }
    expect(await wrong(user.email, "198.51.100.3")).toBe("account_locked");
    expect(await wrong("finns-inte@askersund.test", "198.51.100.3")).toBe("account_locked");
    const timed = async (email: string, address: string) => {
      const started = performance.now();
      await wrong(email, address);
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const locked: number[] = [];
    const unlocked: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      locked.push(await timed(user.email, "198.51.100.3"));
      unlocked.push(await timed(`annan${round}@askersund.test`, "198.51.100.4"));
    }
    // A locked answer without the hash would take a few milliseconds against scrypt's hundreds.
    expect(median(locked)).toBeGreaterThan(median(unlocked) * 0.5);
  });

  it("makes a hash of a lower cost again at the next login", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const old = await new Promise<string>((resolve) => {
      import("node:crypto").then(({ scrypt, randomBytes }) => {
        const salt = randomBytes(16);
        scrypt(testPassword, salt, 64, { N: 16384, r: 8, p: 1 }, (_error, key) =>
          resolve(["scrypt", 16384, 8, 1, salt.toString("base64"), key.toString("base64")].join("$")),
        );
      });
    });
    await inScope(db.app, askersund.scope, (tx) => tx.updateTable("users").set({ password_hash: old }).where("id", "=", user.id).execute());
    await auth.login(db.app, askersund.scope, user.email, testPassword);
    const stored = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow(),
    );
    expect(stored.password_hash).toMatch(/^scrypt\$16384\$8\$5\$/);
  });
});

describe("staff accounts", () => {
  it("revokes the account's API tokens when its password is changed or set by an administrator", async () => {
    const user = await buildUser(db.app, askersund, { roles: ["viewer"] });
    const first = await buildToken(db.app, askersund, user.id);
    const { actor, sessionToken } = await auth.login(db.app, askersund.scope, user.email, testPassword);
    await auth.changeOwnPassword(
      { db: db.app, actor, scope: askersund.scope },
      { current_password: testPassword, new_password: "ett nytt långt lösenord", confirm_password: "ett nytt långt lösenord" },
      sessionToken,
    );
    expect(await auth.authenticateToken(db.app, askersund.scope, first.token)).toBeUndefined();
    const second = await buildToken(db.app, askersund, user.id);
    await auth.setTemporaryPassword(systemContext(db.app, askersund), user.id, "ett tillfälligt lösenord");
    expect(await auth.authenticateToken(db.app, askersund.scope, second.token)).toBeUndefined();
  });

  it("gives a new account without a password a temporary one that must be changed", async () => {
    const ctx = systemContext(db.app, askersund);
    const { user, temporaryPassword } = await auth.createUser(ctx, {
      name: "Ny Person",
      email: "ny@askersund.test",
      roles: ["viewer"],
      unit_ids: [],
      active: true,
    });
    expect(temporaryPassword).toMatch(/^[\w-]{20}$/);
    expect(user.must_change_password).toBe(true);
    const { actor } = await auth.login(db.app, askersund.scope, "NY@askersund.test", temporaryPassword ?? "");
    expect(actor.kind === "user" && actor.mustChangePassword).toBe(true);
  });

  it("refuses a second account with the same e-mail in the municipality", async () => {
    const ctx = systemContext(db.app, askersund);
    const user = await buildUser(db.app, askersund);
    await expect(auth.createUser(ctx, { name: "Dubblett", email: user.email, roles: ["viewer"], unit_ids: [], active: true })).rejects.toMatchObject({
      status: 409,
      fields: [{ path: "email", message: "email_taken" }],
    });
  });

  it("keeps passwords out of the audit log", async () => {
    const ctx = systemContext(db.app, askersund);
    const user = await buildUser(db.app, askersund);
    await auth.setTemporaryPassword(ctx, user.id, "a secret temporary one");
    const { rows } = await listAuditEvents(ctx, { recordType: "user", recordId: user.id, page: 1, pageSize: 10 });
    expect(JSON.stringify(rows)).not.toContain("a secret temporary one");
    expect(rows[0]?.changes).toEqual({ password: { from: "[hidden]", to: "[hidden]" } });
  });

  it("erases a person's data, redacting their values in the audit log but keeping the events", async () => {
    const ctx = systemContext(db.app, askersund);
    const user = await buildUser(db.app, askersund, { name: "Greta Gone", email: "greta@askersund.test", roles: ["viewer"] });
    await buildToken(db.app, askersund, user.id);
    await auth.login(db.app, askersund.scope, "greta@askersund.test", testPassword);
    await auth.eraseUser(ctx, user.id);
    const erased = await auth.getUser(ctx, user.id);
    expect(erased).toMatchObject({ name: "Raderat konto", active: false, roles: [], password_hash: null });
    const { rows } = await listAuditEvents(ctx, { recordType: "user", recordId: user.id, page: 1, pageSize: 20 });
    expect(rows.map((row) => row.action)).toEqual(["erase", "login", "create"]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain("Greta");
    expect(text).not.toContain("greta@askersund.test");
    const sessions = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("sessions").select("id_hash").where("user_id", "=", user.id).execute());
    expect(sessions).toEqual([]);
    await expect(auth.login(db.app, askersund.scope, "greta@askersund.test", testPassword)).rejects.toMatchObject({ code: "invalid_login" });
  });

  it("lets nobody but a system administrator give the system administrator role", async () => {
    const admin = await buildUser(db.app, askersund, { roles: ["admin"] });
    const { actor } = await signInWithCodes(db.app, askersund.scope, admin.email, testPassword);
    const ctx = { db: db.app, actor, scope: askersund.scope };
    await expect(auth.createUser(ctx, { name: "Sys", email: "sys@askersund.test", roles: ["system_admin"], unit_ids: [], active: true })).rejects.toMatchObject(
      { fields: [{ path: "roles", message: "system_admin_only" }] },
    );
  });

  it("does not let an administrator remove their own administrator role", async () => {
    const admin = await buildUser(db.app, askersund, { roles: ["admin"] });
    const { actor } = await signInWithCodes(db.app, askersund.scope, admin.email, testPassword);
    const ctx = { db: db.app, actor, scope: askersund.scope };
    await expect(auth.updateUser(ctx, admin.id, { name: admin.name, email: admin.email, roles: ["viewer"], unit_ids: [], active: true })).rejects.toMatchObject(
      { fields: [{ path: "roles", message: "cannot_demote_self" }] },
    );
  });
});

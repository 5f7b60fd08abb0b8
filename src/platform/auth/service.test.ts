import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, buildToken, buildUser, systemContext, testPassword, type TestMunicipality } from "../../../test/helpers/factories.js";
import { inScope } from "../db/database.js";
import { listAuditEvents } from "../audit/service.js";
import * as auth from "./service.js";
import { hashPassword, verifyPassword } from "./password.js";

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
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("en lång fras med åäö", first)).toBe(true);
    expect(await verifyPassword("en lång fras med aao", first)).toBe(false);
  });
});

describe("staff accounts", () => {
  it("gives a new account without a password a temporary one that must be changed", async () => {
    const ctx = systemContext(db.app, askersund);
    const { user, temporaryPassword } = await auth.createUser(ctx, { name: "Ny Person", email: "ny@askersund.test", roles: ["viewer"], unit_ids: [], active: true });
    expect(temporaryPassword).toMatch(/^[\w-]{20}$/);
    expect(user.must_change_password).toBe(true);
    const { actor } = await auth.login(db.app, askersund.scope, "NY@askersund.test", temporaryPassword ?? "");
    expect(actor.kind === "user" && actor.mustChangePassword).toBe(true);
  });

  it("refuses a second account with the same e-mail in the municipality", async () => {
    const ctx = systemContext(db.app, askersund);
    const user = await buildUser(db.app, askersund);
    await expect(auth.createUser(ctx, { name: "Dubblett", email: user.email, roles: ["viewer"], unit_ids: [], active: true })).rejects.toMatchObject({ status: 409, fields: [{ path: "email", message: "email_taken" }] });
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
    const { actor } = await auth.login(db.app, askersund.scope, admin.email, testPassword);
    const ctx = { db: db.app, actor, scope: askersund.scope };
    await expect(auth.createUser(ctx, { name: "Sys", email: "sys@askersund.test", roles: ["system_admin"], unit_ids: [], active: true })).rejects.toMatchObject({ fields: [{ path: "roles", message: "system_admin_only" }] });
  });

  it("does not let an administrator remove their own administrator role", async () => {
    const admin = await buildUser(db.app, askersund, { roles: ["admin"] });
    const { actor } = await auth.login(db.app, askersund.scope, admin.email, testPassword);
    const ctx = { db: db.app, actor, scope: askersund.scope };
    await expect(auth.updateUser(ctx, admin.id, { name: admin.name, email: admin.email, roles: ["viewer"], unit_ids: [], active: true })).rejects.toMatchObject({ fields: [{ path: "roles", message: "cannot_demote_self" }] });
  });
});

/**
 * A region as the home of its own accounts. A regional analyst belongs to the region, not to
 * a member municipality: their account, sessions and log live in tables that only a
 * transaction bound to the region (`inRegion`) can read, on the region's own host. Such a
 * transaction sees no row of any municipality's tables, so whatever a regional account is
 * shown is an aggregate by construction.
 */
import { createHash, randomBytes } from "node:crypto";
import { authorize } from "../auth/policy.js";
import type { Actor } from "../auth/roles.js";
import { lockout, sessionLimits } from "../auth/service.js";
import { decoyHash, hashPassword, needsRehash, randomPassword, verifyPassword } from "../auth/password.js";
import type { PasswordChangeInput } from "../auth/schemas.js";
import type { OperationContext } from "../context.js";
import { inRegion, type Db, type RegionTx } from "../db/database.js";
import { AppError, ConflictError, NotFoundError, ValidationError } from "../errors.js";
import { isId, newId } from "../ids.js";
import { listMunicipalities, listRegions, type Region } from "../tenancy/repo.js";
import * as repo from "./repo.js";

/** What the installation's tasks on a region need: no municipality's scope, as a region is none. */
export type InstallationContext = Pick<OperationContext, "db" | "actor" | "requestId">;

export type { RegionAccount, RegionAuditEvent } from "./repo.js";
export type { Region } from "../tenancy/repo.js";

/** The actor of a regional account: it holds one role, reading its region's figures. */
export type RegionalActor = Extract<Actor, { kind: "regional" }>;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

const actorOf = (account: { id: string; region_id: string; name: string; email: string; must_change_password: boolean }): RegionalActor => ({
  kind: "regional",
  id: account.id,
  regionId: account.region_id,
  name: account.name,
  email: account.email,
  roles: ["regional_analyst"],
  via: "session",
  mustChangePassword: account.must_change_password,
});

const labelOf = (actor: Actor) => (actor.kind === "system" ? actor.label : `${actor.name} <${actor.email}>`);

function audit(tx: RegionTx, actor: Actor, action: string, recordId: string | null, changes: Record<string, unknown> = {}, requestId?: string) {
  return repo.insertAuditEvent(tx, {
    id: newId(),
    actor_label: labelOf(actor),
    action,
    record_type: "region_account",
    record_id: recordId,
    changes: JSON.stringify(changes),
    request_id: requestId ?? null,
  });
}

/** The regional actor behind a live session cookie on the region's host, or undefined. */
export async function authenticateRegionalSession(db: Db, regionId: string, sessionToken: string): Promise<RegionalActor | undefined> {
  const now = new Date();
  return inRegion(db, regionId, async (tx) => {
    const idHash = sha256(sessionToken);
    const session = await repo.findLiveSession(tx, idHash, now, new Date(now.getTime() - sessionLimits.idleMs));
    if (!session) {
      return undefined;
    }
    if (now.getTime() - session.last_seen_at.getTime() > sessionLimits.touchEveryMs) {
      await repo.touchSession(tx, idHash, now);
    }
    return actorOf(session);
  });
}

/**
 * Checks a regional account's e-mail and password and opens a session. Failures are throttled
 * per e-mail and client address, as staff's are: five in fifteen minutes lock that pair, so
 * nobody can lock an analyst out for everyone (the route's rate limit per address bounds
 * guessing across accounts). The password is always hashed, so a locked, an unknown and a
 * wrong sign-in cost the same, and a lock is told alike whether the account exists or not.
 */
export async function regionalLogin(
  db: Db,
  regionId: string,
  email: string,
  password: string,
  requestId?: string,
  clientAddress = "unknown",
): Promise<{ sessionToken: string; actor: RegionalActor }> {
  const now = new Date();
  const key = sha256(`login:${email.trim().toLowerCase()}|${clientAddress}`);
  const outcome = await inRegion(db, regionId, async (tx) => {
    const account = await repo.findAccountByEmail(tx, email);
    const usable = account?.active ? account : undefined;
    const matches = await verifyPassword(password, usable?.password_hash ?? decoyHash);
    if (await repo.lockedUntil(tx, key, now)) {
      return { ok: false as const, reason: "account_locked" as const };
    }
    if (!usable || !matches) {
      const minutes = lockout.minutes * 60_000;
      const locked = await repo.countFailure(tx, key, now, { limit: lockout.failures, windowMs: minutes, lockMs: minutes });
      if (locked && usable) {
        await audit(tx, { kind: "system", label: "login" }, "lock", usable.id, { reason: "failed_logins" }, requestId);
      }
      return { ok: false as const, reason: locked ? ("account_locked" as const) : ("invalid_login" as const) };
    }
    const sessionToken = randomBytes(32).toString("base64url");
    await repo.clearFailures(tx, key);
    if (needsRehash(usable.password_hash)) {
      await repo.updateAccount(tx, usable.id, { password_hash: await hashPassword(password) });
    }
    await repo.deleteDeadSessions(tx, now, new Date(now.getTime() - sessionLimits.idleMs));
    await repo.insertSession(tx, {
      id_hash: sha256(sessionToken),
      account_id: usable.id,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + sessionLimits.absoluteMs),
    });
    const actor = actorOf(usable);
    await audit(tx, actor, "login", usable.id, {}, requestId);
    return { ok: true as const, sessionToken, actor };
  });
  if (!outcome.ok) {
    // The failure counted above is committed; the error only tells the user.
    const status = outcome.reason === "account_locked" ? 429 : 401;
    throw new AppError(status, outcome.reason, outcome.reason, [{ path: "email", message: outcome.reason }]);
  }
  return { sessionToken: outcome.sessionToken, actor: outcome.actor };
}

export async function regionalLogout(db: Db, regionId: string, sessionToken: string): Promise<void> {
  await inRegion(db, regionId, (tx) => repo.deleteSession(tx, sha256(sessionToken)));
}

/** A regional account changes its own password; its other sessions end. */
export async function changeRegionalPassword(
  db: Db,
  actor: RegionalActor,
  input: PasswordChangeInput,
  keepSessionToken: string | undefined,
  requestId?: string,
): Promise<void> {
  authorize(actor, "account.self");
  await inRegion(db, actor.regionId, async (tx) => {
    const account = await repo.findAccount(tx, actor.id);
    if (!account || !(await verifyPassword(input.current_password, account.password_hash))) {
      throw new ValidationError([{ path: "current_password", message: "wrong_password" }]);
    }
    await repo.updateAccount(tx, account.id, { password_hash: await hashPassword(input.new_password), must_change_password: false });
    await repo.deleteAccountSessions(tx, account.id, keepSessionToken === undefined ? undefined : sha256(keepSessionToken));
    await audit(tx, actor, "change_password", account.id, { password: { from: "[hidden]", to: "[hidden]" } }, requestId);
  });
}

/** The region's accounts and its latest log, for the installation's administrator. */
export async function regionAccounts(ctx: InstallationContext, regionId: string): Promise<{ accounts: repo.RegionAccount[]; events: repo.RegionAuditEvent[] }> {
  authorize(ctx.actor, "installation.manage");
  return inRegion(ctx.db, regionId, async (tx) => ({ accounts: await repo.listAccounts(tx), events: await repo.listAuditEvents(tx, 50) }));
}

/** Adds a regional account. Without a password it gets a temporary one, to change at first sign-in. */
export async function createRegionalAccount(
  ctx: InstallationContext,
  regionId: string,
  input: { email: string; name: string },
  options: { password?: string; demo?: boolean } = {},
): Promise<{ account: repo.RegionAccount; temporaryPassword?: string }> {
  authorize(ctx.actor, "installation.manage");
  return inRegion(ctx.db, regionId, async (tx) => {
    const email = input.email.trim().toLowerCase();
    if (await repo.findAccountByEmail(tx, email)) {
      throw new ConflictError([{ path: "email", message: "email_taken" }]);
    }
    const temporaryPassword = options.password ? undefined : randomPassword();
    const id = newId();
    await repo.insertAccount(tx, {
      id,
      email,
      name: input.name.trim(),
      password_hash: await hashPassword(options.password ?? temporaryPassword ?? ""),
      must_change_password: temporaryPassword !== undefined,
      demo: options.demo ?? false,
    });
    await audit(tx, ctx.actor, "create", id, { email, name: input.name.trim() }, ctx.requestId);
    const account = (await repo.listAccounts(tx)).find((row) => row.id === id)!;
    return temporaryPassword ? { account, temporaryPassword } : { account };
  });
}

async function accountIn(tx: RegionTx, id: string): Promise<repo.RegionAccountRow> {
  const account = isId(id) ? await repo.findAccount(tx, id) : undefined;
  if (!account) {
    throw new NotFoundError();
  }
  return account;
}

/** Turns a regional account off (its sessions end) or on again. */
export async function setRegionalAccountActive(ctx: InstallationContext, regionId: string, id: string, active: boolean): Promise<void> {
  authorize(ctx.actor, "installation.manage");
  await inRegion(ctx.db, regionId, async (tx) => {
    const account = await accountIn(tx, id);
    await repo.updateAccount(tx, account.id, { active });
    if (!active) {
      await repo.deleteAccountSessions(tx, account.id);
    }
    await audit(tx, ctx.actor, active ? "activate" : "deactivate", account.id, { active: { from: account.active, to: active } }, ctx.requestId);
  });
}

/** Everything Lotsen holds about a regional account: the account and what its log says about it (GDPR art. 15). */
export async function regionalAccountExtract(ctx: InstallationContext, regionId: string, id: string) {
  authorize(ctx.actor, "installation.manage");
  return inRegion(ctx.db, regionId, async (tx) => {
    const { password_hash: _hidden, ...account } = await accountIn(tx, id);
    const events = await repo.auditEventsAbout(tx, account.id);
    return { account, events: events.map(({ region_id: _region, ...event }) => event), exported_at: new Date().toISOString() };
  });
}

/**
 * Erases a regional account (GDPR art. 17): the account and its sessions go, and its name and
 * address leave the log where it acted; the events stay, saying what was done and when.
 */
export async function eraseRegionalAccount(ctx: InstallationContext, regionId: string, id: string): Promise<void> {
  authorize(ctx.actor, "installation.manage");
  await inRegion(ctx.db, regionId, async (tx) => {
    const account = await accountIn(tx, id);
    await repo.redactActor(tx, `${account.name} <${account.email}>`);
    await repo.deleteAccount(tx, account.id);
    await audit(tx, ctx.actor, "erase", account.id, {}, ctx.requestId);
  });
}

/** The hosts a region's accounts sign in on; a host another municipality or region has is refused, the field named. */
export function setRegionHosts(ctx: InstallationContext, regionId: string, hosts: string[]): Promise<void> {
  return setRegionSettings(ctx, regionId, { hosts });
}

/** The region's hosts, and the contact its pages give when one is given. */
export async function setRegionSettings(ctx: InstallationContext, regionId: string, input: { hosts: string[]; contact_email?: string }): Promise<void> {
  authorize(ctx.actor, "installation.manage");
  const clean = [...new Set(input.hosts.map((host) => host.trim().toLowerCase()).filter(Boolean))];
  const values = { hosts: clean, ...(input.contact_email ? { contact_email: input.contact_email } : {}) };
  try {
    await inRegion(ctx.db, regionId, async (tx) => {
      await repo.setRegionSettings(tx, values);
      await audit(tx, ctx.actor, "set_settings", null, values, ctx.requestId);
    });
  } catch (error) {
    if ((error as { constraint?: string }).constraint === "municipality_hosts_pkey") {
      throw new ConflictError([{ path: "hosts", message: "host_taken" }]);
    }
    throw error;
  }
}

export interface RegionForSystem {
  region: Region;
  members: Array<{ name: string; inUse: boolean }>;
  accounts: repo.RegionAccount[];
  events: repo.RegionAuditEvent[];
}

/** A region as its page for the installation's administrator shows it: members, hosts, accounts, latest log. */
export async function regionForSystem(ctx: InstallationContext, id: string): Promise<RegionForSystem> {
  authorize(ctx.actor, "installation.manage");
  const region = isId(id) ? (await listRegions(ctx.db)).find((candidate) => candidate.id === id) : undefined;
  if (!region) {
    throw new NotFoundError();
  }
  const members = (await listMunicipalities(ctx.db))
    .filter((municipality) => municipality.region_id === region.id)
    .map((municipality) => ({ name: municipality.name, inUse: municipality.hosts.length > 0 }));
  return { region, members, ...(await regionAccounts(ctx, region.id)) };
}

/** The regions of the installation, for the list beside its municipalities. */
export async function regionsForSystem(ctx: InstallationContext): Promise<Region[]> {
  authorize(ctx.actor, "installation.manage");
  return listRegions(ctx.db);
}

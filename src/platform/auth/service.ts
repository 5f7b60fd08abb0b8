import { createHash, randomBytes } from "node:crypto";
import { authorize } from "./policy.js";
import { diff, recordAudit, redactAuditActor, redactAuditValues } from "../audit/audit.js";
import type { OperationContext } from "../context.js";
import { inScope, scopeOf, type Db, type Scope, type ScopedTx } from "../db/database.js";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors.js";
import { isId, newId } from "../ids.js";
import { decoyHash, hashPassword, needsRehash, randomPassword, verifyPassword } from "./password.js";
import * as repo from "./repo.js";
import { passwordsOff as passwordsOffIn } from "../sso/repo.js";
import { isRole, type Actor } from "./roles.js";
import type { PasswordChangeInput, UserInput } from "./schemas.js";

export const sessionLimits = {
  // ASVS level 2 (3.3.2): at most 30 minutes idle; 12 hours at most in all.
  idleMs: 30 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  touchEveryMs: 60 * 1000,
};
export const lockout = { failures: 5, minutes: 15 };

/** How long a password sign-in waits for its second factor's code. */
export const secondFactorWaitMs = 5 * 60_000;

/**
 * The password was right and the account has a second factor: the sign-in continues on the
 * code page with this token (a session not yet valid), never with a session of its own.
 */
export class SecondFactorNeeded extends AppError {
  constructor(readonly pendingToken: string) {
    super(401, "second_factor", "second_factor");
  }
}

export type { UserWithUnits, TokenRow } from "./repo.js";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** How a sign-in check gets its transaction: `inScope`, or the request's own left open (`inRequestTransaction`). */
type ScopeRunner = <T>(db: Db, scope: Scope, work: (tx: ScopedTx) => Promise<T>) => Promise<T>;

/** The actor behind a live session cookie, or undefined when it has expired or never was. */
export async function authenticateSession(db: Db, scope: Scope, sessionToken: string, within: ScopeRunner = inScope): Promise<Actor | undefined> {
  const now = new Date();
  return within(db, scope, async (tx) => {
    const session = await repo.findLiveSession(tx, sha256(sessionToken), now, new Date(now.getTime() - sessionLimits.idleMs));
    if (!session) {
      return undefined;
    }
    if (now.getTime() - session.last_seen_at.getTime() > sessionLimits.touchEveryMs) {
      await repo.touchSession(tx, session.id_hash, now);
    }
    // The account came with the session, in one statement: a signed-in page costs one query before its own.
    // A session the identity provider opened had the provider's second factor, never Lotsen's.
    const mustEnrol = session.must_enrol_second_factor && !session.single_sign_on;
    return actorOf(scope, { ...session, id: session.user_id, must_enrol_second_factor: mustEnrol }, "session");
  });
}

/** The actor behind an API token (`Authorization: Bearer …`), within the request's municipality. */
export async function authenticateToken(db: Db, scope: Scope, token: string, within: ScopeRunner = inScope): Promise<Actor | undefined> {
  const now = new Date();
  return within(db, scope, async (tx) => {
    const row = await repo.findLiveTokenByHash(tx, sha256(token), now);
    if (!row) {
      return undefined;
    }
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > sessionLimits.touchEveryMs) {
      await repo.markTokenUsed(tx, row.id, now);
    }
    return actorOf(scope, { ...row, id: row.user_id }, "token");
  });
}

/** The actor of an active account, for a session just opened (the second step of a sign-in). */
export const actorForUser = (tx: ScopedTx, scope: Scope, userId: string) => actorFor(tx, scope, userId, "session");

async function actorFor(tx: ScopedTx, scope: Scope, userId: string, via: "session" | "token"): Promise<Actor | undefined> {
  const user = await repo.findActiveAccount(tx, userId);
  return user ? actorOf(scope, user, via) : undefined;
}

type Account = {
  id: string;
  name: string;
  email: string;
  roles: string[];
  unit_ids: string[];
  must_change_password: boolean;
  must_enrol_second_factor: boolean;
};

function actorOf(scope: Scope, user: Account, via: "session" | "token"): Actor {
  return {
    kind: "user",
    id: user.id,
    municipalityId: scope.municipalityId,
    name: user.name,
    email: user.email,
    roles: user.roles.filter(isRole),
    unitIds: user.unit_ids,
    via,
    mustChangePassword: user.must_change_password,
    mustEnrolSecondFactor: user.must_enrol_second_factor,
  };
}

/**
 * Checks e-mail and password and opens a new session (a fresh id: the old one, if any, is
 * not reused). Failures are throttled per e-mail and client address: five in fifteen
 * minutes lock that pair, so nobody can lock an account for everyone else (the route's
 * rate limit per address bounds guessing across accounts). The password is always hashed,
 * so a locked, an unknown and a wrong login cost the same, and a lock is told alike whether
 * the account exists or not.
 */
export async function login(
  db: Db,
  scope: Scope,
  email: string,
  password: string,
  requestId?: string,
  clientAddress = "unknown",
): Promise<{ sessionToken: string; actor: Actor }> {
  const now = new Date();
  const address = email.trim().toLowerCase();
  const key = sha256(`login:${address}|${clientAddress}`);
  const outcome = await inScope(db, scope, async (tx) => {
    const user = await repo.findUserByEmail(tx, email);
    const usable = user && user.active && user.password_hash ? user : undefined;
    const matches = await verifyPassword(password, usable?.password_hash ?? decoyHash);
    if (await repo.lockedUntil(tx, [key], now)) {
      return { ok: false as const, reason: "account_locked" as const };
    }
    // Where staff sign in with the identity provider, a password opens only a system administrator's
    // account (the way in when the provider is down); any other attempt still counts as a failure.
    const passwordsOff = await passwordsOffIn(tx, scope.municipalityId);
    if (passwordsOff && !(usable && matches && usable.roles.includes("system_admin"))) {
      const minutes = lockout.minutes * 60_000;
      await repo.countFailure(tx, scope.municipalityId, key, now, { limit: lockout.failures, windowMs: minutes, lockMs: minutes });
      return { ok: false as const, reason: "passwords_off" as const };
    }
    if (!usable || !matches) {
      const minutes = lockout.minutes * 60_000;
      const locked = await repo.countFailure(tx, scope.municipalityId, key, now, { limit: lockout.failures, windowMs: minutes, lockMs: minutes });
      if (locked && usable) {
        await recordAudit(
          tx,
          { kind: "system", label: "login" },
          { action: "lock", recordType: "user", recordId: usable.id, changes: { reason: "failed_logins" } },
          requestId,
        );
      }
      return { ok: false as const, reason: locked ? ("account_locked" as const) : ("invalid_login" as const) };
    }
    const sessionToken = randomBytes(32).toString("base64url");
    await repo.clearFailures(tx, [key]);
    if (needsRehash(usable.password_hash!)) {
      await repo.updateUser(tx, usable.id, { password_hash: await hashPassword(password) });
    }
    // Each login sweeps the municipality's dead sessions, so the table does not grow without end.
    await repo.deleteDeadSessions(tx, now, new Date(now.getTime() - sessionLimits.idleMs));
    // With a second factor the password opens a session that is not one yet: it waits minutes for the code.
    const pending = usable.totp_enabled_at !== null;
    await repo.insertSession(tx, {
      id_hash: sha256(sessionToken),
      municipality_id: scope.municipalityId,
      user_id: usable.id,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + (pending ? secondFactorWaitMs : sessionLimits.absoluteMs)),
      second_factor_pending: pending,
    });
    if (pending) {
      return { ok: "second_factor" as const, sessionToken };
    }
    const actor = await actorFor(tx, scope, usable.id, "session");
    if (!actor) {
      return { ok: false as const, reason: "invalid_login" as const };
    }
    await recordAudit(tx, actor, { action: "login", recordType: "user", recordId: usable.id }, requestId);
    return { ok: true as const, sessionToken, actor };
  });
  if (outcome.ok === "second_factor") {
    throw new SecondFactorNeeded(outcome.sessionToken);
  }
  if (!outcome.ok) {
    // The failure counter above is committed; the error only tells the user.
    const status = outcome.reason === "account_locked" ? 429 : outcome.reason === "passwords_off" ? 403 : 401;
    throw new AppError(status, outcome.reason, outcome.reason, [{ path: "email", message: outcome.reason }]);
  }
  return { sessionToken: outcome.sessionToken, actor: outcome.actor };
}

/** Ends a session; says whether the identity provider opened it (its own session may be ended too). */
export async function logout(db: Db, scope: Scope, sessionToken: string): Promise<{ singleSignOn: boolean }> {
  return inScope(db, scope, (tx) => repo.deleteSession(tx, sha256(sessionToken)));
}

/** A staff member changes their own password; other sessions end. */
export async function changeOwnPassword(ctx: OperationContext, input: PasswordChangeInput, keepSessionToken?: string): Promise<void> {
  authorize(ctx.actor, "account.self");
  const actor = ctx.actor;
  if (actor.kind !== "user") {
    throw new ForbiddenError();
  }
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const user = await repo.findUser(tx, actor.id);
    if (!user?.password_hash || !(await verifyPassword(input.current_password, user.password_hash))) {
      throw new ValidationError([{ path: "current_password", message: "wrong_password" }]);
    }
    await repo.updateUser(tx, user.id, { password_hash: await hashPassword(input.new_password), must_change_password: false });
    await repo.deleteOtherSessions(tx, user.id, keepSessionToken === undefined ? undefined : sha256(keepSessionToken));
    // A password changed because it may be known to someone else ends what it gave them: tokens too.
    await repo.revokeUserTokens(tx, user.id, new Date());
    await recordAudit(
      tx,
      ctx.actor,
      { action: "change_password", recordType: "user", recordId: user.id, changes: { password: { from: "[hidden]", to: "[hidden]" } } },
      ctx.requestId,
    );
  });
}

export async function listUsers(ctx: OperationContext): Promise<repo.UserWithUnits[]> {
  authorize(ctx.actor, "users.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listUsers(tx));
}

/** Staff accounts as choices (e.g. a unit's manager): names only, for anyone who may read units. */
export async function listStaffChoices(ctx: OperationContext): Promise<Array<{ id: string; name: string }>> {
  authorize(ctx.actor, "units.read");
  return inScope(ctx.db, ctx.scope, async (tx) => (await repo.listUsers(tx)).filter((user) => user.active).map((user) => ({ id: user.id, name: user.name })));
}

export async function getUser(ctx: OperationContext, id: string): Promise<repo.UserWithUnits> {
  authorize(ctx.actor, "users.read");
  return inScope(ctx.db, ctx.scope, (tx) => loadUser(tx, id));
}

/** Creates a staff account. Without a password it gets a temporary one, to change at first login. */
export async function createUser(
  ctx: OperationContext,
  input: UserInput,
  options: { password?: string; demo?: boolean } = {},
): Promise<{ user: repo.UserWithUnits; temporaryPassword?: string }> {
  authorize(ctx.actor, "users.manage");
  guardSystemAdmin(ctx.actor, input.roles);
  return inScope(ctx.db, ctx.scope, async (tx) => {
    await checkUnits(tx, input.unit_ids);
    if (await repo.findUserByEmail(tx, input.email)) {
      throw new ConflictError([{ path: "email", message: "email_taken" }]);
    }
    const temporaryPassword = options.password ? undefined : randomPassword();
    const id = newId();
    await repo.insertUser(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      name: input.name,
      email: input.email,
      roles: input.roles,
      active: input.active,
      password_hash: await hashPassword(options.password ?? temporaryPassword ?? ""),
      must_change_password: temporaryPassword !== undefined,
      demo: options.demo ?? false,
      updated_at: new Date(),
    });
    await repo.replaceUserUnits(tx, ctx.scope.municipalityId, id, input.unit_ids);
    await recordAudit(tx, ctx.actor, { action: "create", recordType: "user", recordId: id, changes: diff({}, input) }, ctx.requestId);
    const user = await loadUser(tx, id);
    return temporaryPassword ? { user, temporaryPassword } : { user };
  });
}

/** Changes an account's name, e-mail, roles, units and whether it is active. Deactivating ends its sessions and tokens. */
export async function updateUser(ctx: OperationContext, id: string, input: UserInput): Promise<repo.UserWithUnits> {
  authorize(ctx.actor, "users.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => saveUser(tx, ctx, await loadUser(tx, id), input));
}

export async function deactivateUser(ctx: OperationContext, id: string): Promise<repo.UserWithUnits> {
  authorize(ctx.actor, "users.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const user = await loadUser(tx, id);
    return saveUser(tx, ctx, user, { name: user.name, email: user.email, roles: user.roles.filter(isRole), unit_ids: user.unit_ids, active: false });
  });
}

/** Writes an account's new fields; shared by editing and deactivating, inside the caller's transaction. */
async function saveUser(tx: ScopedTx, ctx: OperationContext, before: repo.UserWithUnits, input: UserInput): Promise<repo.UserWithUnits> {
  const id = before.id;
  guardSystemAdmin(ctx.actor, [...input.roles, ...before.roles]);
  if (ctx.actor.kind === "user" && ctx.actor.id === id && (!input.active || !input.roles.includes("admin")) && before.roles.includes("admin")) {
    throw new ValidationError([{ path: "roles", message: "cannot_demote_self" }]);
  }
  await checkUnits(tx, input.unit_ids);
  const other = await repo.findUserByEmail(tx, input.email);
  if (other && other.id !== id) {
    throw new ConflictError([{ path: "email", message: "email_taken" }]);
  }
  await repo.updateUser(tx, id, { name: input.name, email: input.email, roles: input.roles, active: input.active });
  await repo.replaceUserUnits(tx, ctx.scope.municipalityId, id, input.unit_ids);
  if (!input.active) {
    await repo.deleteUserSessions(tx, id);
    await repo.revokeUserTokens(tx, id, new Date());
  }
  await recordAudit(
    tx,
    ctx.actor,
    { action: input.active ? "update" : "deactivate", recordType: "user", recordId: id, changes: diff(before, input) },
    ctx.requestId,
  );
  return loadUser(tx, id);
}

/** An administrator sets a temporary password; the account must change it at next login, and its sessions end. */
export async function setTemporaryPassword(ctx: OperationContext, id: string, password: string, options: { temporary?: boolean } = {}): Promise<void> {
  authorize(ctx.actor, "users.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const user = await loadUser(tx, id);
    guardSystemAdmin(ctx.actor, user.roles);
    await repo.updateUser(tx, id, { password_hash: await hashPassword(password), must_change_password: options.temporary ?? true });
    await repo.deleteUserSessions(tx, id);
    await repo.revokeUserTokens(tx, id, new Date());
    await recordAudit(
      tx,
      ctx.actor,
      { action: "set_password", recordType: "user", recordId: id, changes: { password: { from: "[hidden]", to: "[hidden]" } } },
      ctx.requestId,
    );
  });
}

export { createToken, listOwnTokens, revokeToken } from "./token-service.js";

/**
 * Erases a staff account's personal data (GDPR Art. 17; the lawful basis for staff data is
 * the employment, so erasure follows when the person has left): name and e-mail are
 * replaced, the password, roles, units, sessions and tokens go, and the audit log keeps
 * its events about and by the person with the values redacted.
 */
export async function eraseUser(ctx: OperationContext, id: string): Promise<void> {
  authorize(ctx.actor, "users.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const user = await loadUser(tx, id);
    guardSystemAdmin(ctx.actor, user.roles);
    if (ctx.actor.kind === "user" && ctx.actor.id === id) {
      throw new ValidationError([{ path: "id", message: "cannot_demote_self" }]);
    }
    await eraseUserIn(tx, ctx.actor, id, ctx.requestId);
  });
}

/** The erasure itself, in the caller's transaction (the data-protection page erases a former employee with the rest). */
export async function eraseUserIn(tx: ScopedTx, actor: Actor, id: string, requestId: string | undefined): Promise<void> {
  await repo.updateUser(tx, id, {
    name: "Raderat konto",
    email: `raderad-${id}@lotsen.invalid`,
    password_hash: null,
    roles: [],
    active: false,
    must_change_password: false,
    // The second factor goes with the password: its sealed key and recovery codes belong to the person.
    totp_secret: null,
    totp_pending_secret: null,
    totp_enabled_at: null,
    totp_last_step: null,
    recovery_codes: [],
    // The identity provider's subject too: it names the person there.
    external_subject: null,
  });
  await repo.replaceUserUnits(tx, scopeOf(tx).municipalityId, id, []);
  await repo.deleteUserSessions(tx, id);
  await repo.revokeUserTokens(tx, id, new Date());
  await redactAuditValues(tx, "user", id);
  await redactAuditActor(tx, id);
  await recordAudit(tx, actor, { action: "erase", recordType: "user", recordId: id }, requestId);
}

async function loadUser(tx: ScopedTx, id: string): Promise<repo.UserWithUnits> {
  const user = isId(id) ? await repo.findUser(tx, id) : undefined;
  if (!user) {
    throw new NotFoundError();
  }
  return user;
}

async function checkUnits(tx: ScopedTx, unitIds: string[]): Promise<void> {
  if ((await repo.countUnits(tx, [...new Set(unitIds)])) !== new Set(unitIds).size) {
    throw new ValidationError([{ path: "unit_ids", message: "invalid_choice" }]);
  }
}

/** Only a system administrator gives or touches the system administrator role. */
function guardSystemAdmin(actor: Actor, rolesInvolved: readonly string[]): void {
  if (rolesInvolved.includes("system_admin") && actor.kind === "user" && !actor.roles.includes("system_admin")) {
    throw new ValidationError([{ path: "roles", message: "system_admin_only" }]);
  }
}

export async function findUserIdByEmail(db: Db, scope: Scope, email: string): Promise<string | undefined> {
  return inScope(db, scope, async (tx) => (await repo.findUserByEmail(tx, email))?.id);
}

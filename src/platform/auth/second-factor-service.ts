import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../audit/audit.js";
import type { OperationContext } from "../context.js";
import { inScope, scopeOf, type Db, type Scope, type ScopedTx } from "../db/database.js";
import { AppError, ForbiddenError, NotFoundError, ValidationError } from "../errors.js";
import { isId } from "../ids.js";
import { authorize } from "./policy.js";
import * as repo from "./repo.js";
import type { Actor } from "./roles.js";
import * as factors from "./second-factor-repo.js";
import { actorForUser, lockout, sessionLimits } from "./service.js";
import { acceptedStep, enrolment, hashRecoveryCode, matchingRecoveryCode, newRecoveryCodes, newTotpSecret, openSecret, sealSecret } from "./totp.js";

/**
 * The second factor of a local account: set up with an authenticator app (a QR code, or the
 * secret typed in) and confirmed with its first code; ten one-time recovery codes for a lost
 * phone; required of administrators, and of everyone where the municipality says so.
 */
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const requiredRoles: readonly string[] = ["admin", "system_admin"];

export interface SecondFactorView {
  enabled: boolean;
  required: boolean;
  recoveryLeft: number;
  /** While not yet on: the secret to set up, as text, as an `otpauth://` address and as a QR code. */
  enrolment: { secret: string; uri: string; svg: string } | null;
}

function userOf(ctx: OperationContext): Extract<Actor, { kind: "user" }> {
  authorize(ctx.actor, "account.self");
  if (ctx.actor.kind !== "user") {
    throw new ForbiddenError();
  }
  return ctx.actor;
}

async function loadFactor(tx: ScopedTx, userId: string) {
  const row = await factors.secondFactorOf(tx, userId);
  if (!row) {
    throw new NotFoundError();
  }
  const everyone = (await factors.municipalitySecondFactor(tx, scopeOf(tx).municipalityId)) === "everyone";
  return { row, required: everyone || row.roles.some((role) => requiredRoles.includes(role)) };
}

/** The account's second factor; while it is off, a secret waiting to be confirmed (made once, kept until then). */
export async function secondFactorView(ctx: OperationContext, installationSecret: string, issuer: string): Promise<SecondFactorView> {
  const user = userOf(ctx);
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const { row, required } = await loadFactor(tx, user.id);
    if (row.totp_enabled_at) {
      return { enabled: true, required, recoveryLeft: row.recovery_codes.length, enrolment: null };
    }
    let secret = row.totp_pending_secret ? openSecret(installationSecret, row.totp_pending_secret) : null;
    if (!secret) {
      secret = newTotpSecret();
      await factors.saveSecondFactor(tx, user.id, { totp_pending_secret: sealSecret(installationSecret, secret) });
    }
    return { enabled: false, required, recoveryLeft: 0, enrolment: { secret, ...(await enrolment(issuer, row.email, secret)) } };
  });
}

const wrongCode = () => new ValidationError([{ path: "code", message: "wrong_code" }]);

/** Turns the second factor on with the app's first code; answers the recovery codes, shown this once. */
export async function confirmEnrolment(ctx: OperationContext, installationSecret: string, code: string): Promise<string[]> {
  const user = userOf(ctx);
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const { row } = await loadFactor(tx, user.id);
    if (row.totp_enabled_at || !row.totp_pending_secret) {
      throw new ValidationError([{ path: "code", message: "second_factor_state" }]);
    }
    const step = await acceptedStep(openSecret(installationSecret, row.totp_pending_secret), code, null);
    if (step === null) {
      throw wrongCode();
    }
    const codes = newRecoveryCodes();
    await factors.saveSecondFactor(tx, user.id, {
      totp_secret: row.totp_pending_secret,
      totp_pending_secret: null,
      totp_enabled_at: new Date(),
      totp_last_step: step,
      recovery_codes: codes.map(hashRecoveryCode),
    });
    await recordAudit(tx, ctx.actor, { action: "second_factor_on", recordType: "user", recordId: user.id }, ctx.requestId);
    return codes;
  });
}

/** Checks a code of the app the account has, taking its time step. */
async function checkCurrentCode(tx: ScopedTx, installationSecret: string, row: NonNullable<Awaited<ReturnType<typeof factors.secondFactorOf>>>, code: string) {
  if (!row.totp_enabled_at || !row.totp_secret) {
    throw new ValidationError([{ path: "code", message: "second_factor_state" }]);
  }
  const step = await acceptedStep(openSecret(installationSecret, row.totp_secret), code, row.totp_last_step);
  if (step === null) {
    throw wrongCode();
  }
  await factors.saveSecondFactor(tx, row.id, { totp_last_step: step });
}

/** Ten new recovery codes for ten old ones, against a code of the app. */
export async function replaceRecoveryCodes(ctx: OperationContext, installationSecret: string, code: string): Promise<string[]> {
  const user = userOf(ctx);
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const { row } = await loadFactor(tx, user.id);
    await checkCurrentCode(tx, installationSecret, row, code);
    const codes = newRecoveryCodes();
    await factors.saveSecondFactor(tx, user.id, { recovery_codes: codes.map(hashRecoveryCode) });
    await recordAudit(tx, ctx.actor, { action: "recovery_codes", recordType: "user", recordId: user.id }, ctx.requestId);
    return codes;
  });
}

/** Turns the second factor off, against a code of the app; never where it is required. */
export async function turnOff(ctx: OperationContext, installationSecret: string, code: string): Promise<void> {
  const user = userOf(ctx);
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const { row, required } = await loadFactor(tx, user.id);
    if (required) {
      throw new ValidationError([{ path: "code", message: "second_factor_required" }]);
    }
    await checkCurrentCode(tx, installationSecret, row, code);
    await factors.saveSecondFactor(tx, user.id, {
      totp_secret: null,
      totp_pending_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      recovery_codes: [],
    });
    await recordAudit(tx, ctx.actor, { action: "second_factor_off", recordType: "user", recordId: user.id }, ctx.requestId);
  });
}

/** An administrator clears a lost second factor: the account sets up a new one at its next sign-in, and its sessions end. */
export async function resetSecondFactor(ctx: OperationContext, userId: string): Promise<void> {
  authorize(ctx.actor, "users.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const row = isId(userId) ? await factors.secondFactorOf(tx, userId) : undefined;
    if (!row) {
      throw new NotFoundError();
    }
    await factors.saveSecondFactor(tx, userId, {
      totp_secret: null,
      totp_pending_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      recovery_codes: [],
    });
    await repo.deleteUserSessions(tx, userId);
    await recordAudit(tx, ctx.actor, { action: "second_factor_reset", recordType: "user", recordId: userId }, ctx.requestId);
  });
}

/**
 * The second step of a sign-in: the waiting session's code, from the app or a recovery code
 * (each taken once). Failures are throttled per account as passwords are; a lock ends the
 * waiting session. Success replaces it with a real session under a new token.
 */
export async function completeSignIn(
  db: Db,
  scope: Scope,
  installationSecret: string,
  pendingToken: string,
  code: string,
  requestId?: string,
): Promise<{ sessionToken: string; actor: Actor }> {
  const now = new Date();
  const outcome = await inScope(db, scope, async (tx) => {
    const pending = await factors.findPendingSession(tx, sha256(pendingToken), now);
    if (!pending || !pending.totp_secret) {
      return { ok: false as const, reason: "second_factor_expired" as const };
    }
    const key = sha256(`second-factor:${pending.user_id}`);
    if (await repo.lockedUntil(tx, [key], now)) {
      await repo.deleteSession(tx, pending.id_hash);
      return { ok: false as const, reason: "account_locked" as const };
    }
    const written = code.trim();
    let used: "totp" | "recovery" | null = null;
    if (/^\d[\d\s]*$/.test(written)) {
      const step = await acceptedStep(openSecret(installationSecret, pending.totp_secret), written, pending.totp_last_step, now);
      if (step !== null) {
        await factors.saveSecondFactor(tx, pending.user_id, { totp_last_step: step });
        used = "totp";
      }
    } else {
      const index = matchingRecoveryCode(pending.recovery_codes, written);
      if (index >= 0) {
        await factors.saveSecondFactor(tx, pending.user_id, { recovery_codes: pending.recovery_codes.filter((_hash, at) => at !== index) });
        used = "recovery";
      }
    }
    if (!used) {
      const locked = await repo.countFailure(tx, scope.municipalityId, key, now, {
        limit: lockout.failures,
        windowMs: lockout.minutes * 60_000,
        lockMs: lockout.minutes * 60_000,
      });
      if (locked) {
        await repo.deleteSession(tx, pending.id_hash);
      }
      return { ok: false as const, reason: locked ? ("account_locked" as const) : ("wrong_code" as const) };
    }
    await repo.clearFailures(tx, [key]);
    await repo.deleteSession(tx, pending.id_hash);
    const sessionToken = randomBytes(32).toString("base64url");
    await repo.insertSession(tx, {
      id_hash: sha256(sessionToken),
      municipality_id: scope.municipalityId,
      user_id: pending.user_id,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + sessionLimits.absoluteMs),
    });
    const actor = await actorForUser(tx, scope, pending.user_id);
    if (!actor) {
      return { ok: false as const, reason: "second_factor_expired" as const };
    }
    await recordAudit(tx, actor, { action: "login", recordType: "user", recordId: pending.user_id, changes: { second_factor: used } }, requestId);
    return { ok: true as const, sessionToken, actor };
  });
  if (!outcome.ok) {
    const status = outcome.reason === "account_locked" ? 429 : 401;
    throw new AppError(status, outcome.reason, outcome.reason, [{ path: "code", message: outcome.reason }]);
  }
  return { sessionToken: outcome.sessionToken, actor: outcome.actor };
}

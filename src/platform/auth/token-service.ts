import { createHash, randomBytes } from "node:crypto";
import { diff, recordAudit } from "../audit/audit.js";
import type { OperationContext } from "../context.js";
import { inScope } from "../db/database.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.js";
import { isId, newId } from "../ids.js";
import { authorize } from "./policy.js";
import * as repo from "./repo.js";
import type { TokenInput } from "./schemas.js";

/** API tokens: `lotsen_<prefix>_<secret>`, shown once, stored as a hash, revocable, with an expiry. */
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** Creates an API token for the acting account; the token itself is shown once and stored hashed. */
export async function createToken(ctx: OperationContext, input: TokenInput, forUserId?: string): Promise<{ token: string; row: repo.TokenRow }> {
  authorize(ctx.actor, "account.self");
  const userId = forUserId ?? (ctx.actor.kind === "user" ? ctx.actor.id : undefined);
  if (!userId) {
    throw new ForbiddenError();
  }
  if (ctx.actor.kind === "user" && userId !== ctx.actor.id) {
    throw new NotFoundError();
  }
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const user = await repo.findUser(tx, userId);
    if (!user) {
      throw new NotFoundError();
    }
    if (!user.active) {
      throw new ValidationError([{ path: "user", message: "account_inactive" }]);
    }
    const prefix = randomBytes(4).toString("hex");
    const token = `lotsen_${prefix}_${randomBytes(24).toString("base64url")}`;
    const id = newId();
    await repo.insertToken(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      user_id: userId,
      name: input.name,
      prefix,
      token_hash: sha256(token),
      expires_at: new Date(Date.now() + input.days * 86_400_000),
    });
    await recordAudit(
      tx,
      ctx.actor,
      { action: "create", recordType: "api_token", recordId: id, changes: diff({}, { name: input.name, days: input.days, user_id: userId }) },
      ctx.requestId,
    );
    const row = await repo.findToken(tx, id);
    if (!row) {
      throw new NotFoundError();
    }
    return { token, row };
  });
}

export async function listOwnTokens(ctx: OperationContext): Promise<repo.TokenRow[]> {
  authorize(ctx.actor, "account.self");
  const actor = ctx.actor;
  if (actor.kind !== "user") {
    return [];
  }
  return inScope(ctx.db, ctx.scope, (tx) => repo.listTokens(tx, actor.id));
}

/** Revokes a token: its owner may, and so may an administrator; anyone else gets "not found". */
export async function revokeToken(ctx: OperationContext, id: string): Promise<void> {
  authorize(ctx.actor, "account.self");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const token = isId(id) ? await repo.findToken(tx, id) : undefined;
    const mayManageOthers = ctx.actor.kind === "system" || ctx.actor.roles.includes("admin") || ctx.actor.roles.includes("system_admin");
    if (!token || (ctx.actor.kind === "user" && token.user_id !== ctx.actor.id && !mayManageOthers)) {
      throw new NotFoundError();
    }
    if (token.revoked_at) {
      return;
    }
    await repo.revokeToken(tx, id, new Date());
    await recordAudit(
      tx,
      ctx.actor,
      { action: "revoke", recordType: "api_token", recordId: id, changes: { revoked: { from: false, to: true } } },
      ctx.requestId,
    );
  });
}

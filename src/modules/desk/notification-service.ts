import type { OperationContext } from "../../platform/context.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { inScope } from "../../platform/db/database.js";
import { ForbiddenError } from "../../platform/errors.js";
import * as repo from "./notification-repo.js";
import { authorizeDesk } from "./policy.js";

export type { NotificationChoice } from "./notification-repo.js";

/** The signed-in officer's own choice of mail about new work. */
export async function myNotifications(ctx: OperationContext): Promise<repo.NotificationChoice> {
  authorizeDesk(ctx.actor, "desk.register");
  const actor = ctx.actor;
  if (actor.kind !== "user") {
    throw new ForbiddenError();
  }
  return inScope(ctx.db, ctx.scope, (tx) => repo.findChoice(tx, actor.id));
}

export async function saveMyNotifications(ctx: OperationContext, choice: repo.NotificationChoice): Promise<void> {
  authorizeDesk(ctx.actor, "desk.register");
  const actor = ctx.actor;
  if (actor.kind !== "user") {
    throw new ForbiddenError();
  }
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await repo.findChoice(tx, actor.id);
    await repo.saveChoice(tx, ctx.scope.municipalityId, actor.id, choice);
    await recordAudit(
      tx,
      actor,
      {
        action: "update",
        recordType: "desk_notification_settings",
        recordId: actor.id,
        changes: { new_cases: { from: before.new_cases, to: choice.new_cases }, replies: { from: before.replies, to: choice.replies } },
      },
      ctx.requestId,
    );
  });
}

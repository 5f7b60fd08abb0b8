/** The action statuses a municipality names for its programmes' actions, each with its default progress. */
import { diff } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { refreshDocument } from "./detail.js";
import { authorizeProgramme } from "./policy.js";
import * as repo from "./repo.js";
import type { StatusInput } from "./schemas.js";
import { audit, taken, inUse } from "./service.js";

// --- Action statuses ------------------------------------------------------------------

export async function listStatuses(ctx: OperationContext): Promise<repo.ActionStatus[]> {
  authorizeProgramme(ctx.actor, "programme.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listStatuses(tx));
}

export async function getStatus(ctx: OperationContext, id: string): Promise<repo.ActionStatus> {
  authorizeProgramme(ctx.actor, "programme.statuses");
  return inScope(ctx.db, ctx.scope, (tx) => loadStatus(tx, id));
}

export async function saveStatus(ctx: OperationContext, id: string | null, input: StatusInput): Promise<repo.ActionStatus> {
  authorizeProgramme(ctx.actor, "programme.statuses");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const values = {
      name: input.name,
      default_progress: input.default_progress,
      closed: input.closed,
      position: input.position ?? (await repo.listStatuses(tx)).length,
    };
    if (id) {
      const before = await loadStatus(tx, id);
      await repo.updateStatus(tx, id, values).catch(taken("name"));
      await audit(tx, ctx, { action: "update", recordType: "programme_action_status", recordId: id, changes: diff(before, values) });
      for (const programme of await repo.listProgrammes(tx)) {
        await refreshDocument(tx, programme.id);
      }
      return loadStatus(tx, id);
    }
    const created = newId();
    await repo.insertStatus(tx, { id: created, municipality_id: ctx.scope.municipalityId, ...values, updated_at: new Date() }).catch(taken("name"));
    await audit(tx, ctx, { action: "create", recordType: "programme_action_status", recordId: created, changes: diff({}, values) });
    return loadStatus(tx, created);
  });
}

export async function deleteStatus(ctx: OperationContext, id: string): Promise<void> {
  authorizeProgramme(ctx.actor, "programme.statuses");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadStatus(tx, id);
    await repo.deleteStatus(tx, id).catch(inUse("programme.status_in_use"));
    await audit(tx, ctx, { action: "delete", recordType: "programme_action_status", recordId: id, changes: diff(before, {}) });
  });
}

async function loadStatus(tx: ScopedTx, id: string): Promise<repo.ActionStatus> {
  const status = isId(id) ? await repo.findStatus(tx, id) : undefined;
  if (!status) {
    throw new NotFoundError();
  }
  return status;
}

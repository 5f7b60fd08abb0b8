import { authorize } from "../auth/policy.js";
import type { OperationContext } from "../context.js";
import { inScope } from "../db/database.js";
import * as repo from "./repo.js";

export type { AuditFilter } from "./repo.js";

/** The municipality's audit events for administrators, with the record types there are. */
export async function listAuditEvents(ctx: OperationContext, filter: repo.AuditFilter) {
  authorize(ctx.actor, "audit.read");
  return inScope(ctx.db, ctx.scope, async (tx) => ({ ...(await repo.listAuditEvents(tx, filter)), recordTypes: await repo.listAuditRecordTypes(tx) }));
}

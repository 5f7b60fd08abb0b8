/**
 * Incoming business cases are public records: the register staff search, the exports to the
 * records system (each case registered once and its closing sent once, marked with the export
 * that carried it). The words of a subject withheld as secret are a handling action
 * (`handling-service.ts`).
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope } from "../../platform/db/database.js";
import { NotFoundError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { authorizeDesk } from "./policy.js";
import * as registerRepo from "./register-repo.js";

export type { RegisterExport, RegisterRow } from "./register-repo.js";
export { registerPageSize } from "./register-repo.js";

export interface RegisterOverview {
  rows: registerRepo.RegisterRow[];
  hasMore: boolean;
  exports: registerRepo.RegisterExport[];
  pending: { registered: number; closed: number };
}

export async function searchRegister(ctx: OperationContext, filter: { q: string | null; year: number | null; page: number }): Promise<RegisterOverview> {
  authorizeDesk(ctx.actor, "desk.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await registerRepo.searchRegister(tx, filter);
    return {
      rows: rows.slice(0, registerRepo.registerPageSize),
      hasMore: rows.length > registerRepo.registerPageSize,
      exports: await registerRepo.listExports(tx),
      pending: await registerRepo.pendingCounts(tx),
    };
  });
}

export interface ExportedRegister {
  export: registerRepo.RegisterExport;
  rows: Array<registerRepo.RegisterRow & { registers: boolean; closes: boolean }>;
}

/** A new export: everything not yet sent, claimed and marked in one transaction. */
export async function exportRegister(ctx: OperationContext): Promise<ExportedRegister> {
  authorizeDesk(ctx.actor, "desk.route");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const claimed = await registerRepo.claimForExport(tx);
    const id = newId();
    await registerRepo.insertExport(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      by_id: ctx.actor.kind === "user" ? ctx.actor.id : null,
      registered: claimed.registered.length,
      closed: claimed.closed.length,
    });
    await registerRepo.markExported(tx, id, claimed);
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "register_export",
        recordType: "desk_register_export",
        recordId: id,
        changes: { registered: { from: null, to: claimed.registered.length }, closed: { from: null, to: claimed.closed.length } },
      },
      ctx.requestId,
    );
    return { export: (await registerRepo.findExport(tx, id))!, rows: await registerRepo.exportRows(tx, id) };
  });
}

/** An earlier export, again: the same cases it carried. */
export async function getExport(ctx: OperationContext, id: string): Promise<ExportedRegister> {
  authorizeDesk(ctx.actor, "desk.route");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const found = isId(id) ? await registerRepo.findExport(tx, id) : undefined;
    if (!found) {
      throw new NotFoundError();
    }
    return { export: found, rows: await registerRepo.exportRows(tx, id) };
  });
}

/**
 * Incoming business cases are public records: the register staff search, the exports to the
 * records system (each case registered once and its closing sent once, marked with the export
 * that carried it), and the words of a subject withheld as secret.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { authorizeDesk } from "./policy.js";
import * as registerRepo from "./register-repo.js";
import { audit, caseScope, loadCase } from "./service.js";

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

/** The words of a case's subject the register withholds as secret, with the reason (a chapter of OSL). */
export async function setSubjectSecret(ctx: OperationContext, caseId: string, input: { phrases: string[]; reason: string | null }): Promise<void> {
  authorizeDesk(ctx.actor, "desk.read");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const row = await loadCase(tx, caseId);
    authorizeDesk(ctx.actor, "desk.handle", await caseScope(tx, row));
    const phrases = [...new Set(input.phrases.map((phrase) => phrase.trim()).filter((phrase) => phrase !== ""))];
    if (phrases.some((phrase) => !row.subject.toLocaleLowerCase("sv").includes(phrase.toLocaleLowerCase("sv")))) {
      throw new ValidationError([{ path: "phrases", message: "desk.phrase_not_in_subject" }]);
    }
    if (phrases.length > 0 && !input.reason) {
      throw new ValidationError([{ path: "reason", message: "desk.secrecy_reason_required" }]);
    }
    await registerRepo.setSubjectSecret(tx, row.id, phrases, phrases.length > 0 ? input.reason : null);
    await audit(tx, ctx.actor, ctx.requestId, "subject_secret", row.id, {
      subject_secret: { from: row.subject_secret.join(", "), to: phrases.join(", ") },
      reason: input.reason,
    });
  });
}

/**
 * The desk's personal data. A business case is a public record (allmän handling): it is
 * kept and disposed of under the records management plan, not erased on request; so the
 * correspondent gets a register extract (GDPR art. 15) at any time, and the case with
 * everything personal in it goes when the plan's retention time after closing has run out.
 */
import { recordAudit, redactAuditValues } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { enqueue } from "../../platform/jobs/repo.js";
import { redactMail } from "../../platform/mail/repo.js";
import { authorizeDesk } from "./policy.js";
import * as repo from "./records-repo.js";
import { loadSettings } from "./settings-service.js";

export interface CorrespondentExtract {
  email: string;
  made_at: string;
  lawful_basis: string;
  cases: Array<Awaited<ReturnType<typeof repo.casesOfCorrespondent>>[number] & { messages: unknown[]; attachments: unknown[] }>;
}

/** Everything the desk holds about the person who wrote from an address. Secret-marked words are withheld, with the reason. */
export async function correspondentExtract(ctx: OperationContext, email: string): Promise<CorrespondentExtract> {
  authorizeDesk(ctx.actor, "desk.settings");
  const address = email.trim().toLowerCase();
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const extract = await extractIn(tx, address);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "extract", recordType: "desk_correspondent", recordId: null, changes: { cases: extract.cases.length } },
      ctx.requestId,
    );
    return extract;
  });
}

/** The extract itself, in the caller's transaction (the data-protection page makes one of every module's). */
export async function extractIn(tx: ScopedTx, address: string): Promise<CorrespondentExtract> {
  const cases = await repo.casesOfCorrespondent(tx, address);
  const ids = cases.map((row) => row.id);
  const messages = await repo.messagesOfCases(tx, ids);
  const attachments = await repo.attachmentsOfCases(tx, ids);
  return {
    email: address,
    made_at: new Date().toISOString(),
    lawful_basis: "public_task",
    cases: cases.map((row) => ({
      ...row,
      messages: messages
        .filter((message) => message.case_id === row.id)
        .map(({ case_id: _case, body, secret, secret_reason, ...rest }) => ({
          ...rest,
          body: secret ? null : body,
          withheld: secret ? secret_reason : null,
        })),
      attachments: attachments.filter((file) => file.case_id === row.id).map(({ case_id: _case, ...rest }) => rest),
    })),
  };
}

export const disposalBatch = 500;

/** Closed cases past the retention time, oldest first (at most one batch). */
export async function casesToDispose(ctx: OperationContext, now = new Date()) {
  authorizeDesk(ctx.actor, "desk.settings");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const { retentionMonths } = await loadSettings(tx);
    const cutoff = new Date(now);
    cutoff.setMonth(cutoff.getMonth() - retentionMonths);
    return { retentionMonths, cases: await repo.casesPastRetention(tx, cutoff, disposalBatch) };
  });
}

/**
 * Disposes of the cases past retention in one transaction: the cases with their messages,
 * files and events go; the audit log keeps its events without values; the outbox keeps that
 * mail was sent and loses to whom and what, and the stored mail files are removed by a job.
 */
export async function disposeCases(ctx: OperationContext, now = new Date()): Promise<number> {
  const { cases } = await casesToDispose(ctx, now);
  const ids = cases.map((row) => row.id);
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const mailIds: string[] = [];
    for (const id of ids) {
      await redactAuditValues(tx, "desk_case", id);
      mailIds.push(...(await redactMail(tx, id)));
    }
    await repo.deleteCases(tx, ids);
    if (mailIds.length > 0) {
      await enqueue(tx, { queue: "mail.remove-files", municipalityId: ctx.scope.municipalityId, payload: { ids: mailIds } });
    }
    await recordAudit(
      tx,
      ctx.actor,
      { action: "dispose", recordType: "desk_case", recordId: null, changes: { cases: ids.length, numbers: cases.map((row) => row.number) } },
      ctx.requestId,
    );
  });
  return ids.length;
}

/**
 * A year's report over a programme: started from the municipality's template, written
 * section by section, sent to review when every section is ready, approved, and published
 * as the follow-up's immutable snapshot; archived after. Every step is one transaction with
 * its audit event.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { indicatorSourcesOf, programmeDetailIn, publishFollowUp, type ProgrammeDetail } from "../programme/index.js";
import { authorizeReport } from "./policy.js";
import * as repo from "./repo.js";
import { reportPart } from "./snapshot.js";
import type { ReportState } from "./tables.js";
import { templateOf } from "./template-service.js";

export type { Report, Section, Comment } from "./repo.js";

export const audit = (tx: ScopedTx, ctx: OperationContext, event: Parameters<typeof recordAudit>[2]) => recordAudit(tx, ctx.actor, event, ctx.requestId);

export interface ReportView {
  report: repo.Report;
  detail: ProgrammeDetail;
  sections: repo.Section[];
  comments: repo.Comment[];
}

/** The programmes a report can be written over, newest first, with their reports' years. */
export async function listProgrammes(ctx: OperationContext): Promise<Array<{ id: string; name: string; status: string; years: number[] }>> {
  authorizeReport(ctx.actor, "report.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listProgrammesWithReports(tx));
}

export async function listReports(ctx: OperationContext, programmeId: string): Promise<{ detail: ProgrammeDetail; reports: repo.Report[] }> {
  authorizeReport(ctx.actor, "report.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const detail = await programmeDetailIn(tx, programmeId);
    return { detail, reports: await repo.listReports(tx, detail.programme.id) };
  });
}

export async function getReport(ctx: OperationContext, id: string): Promise<ReportView> {
  authorizeReport(ctx.actor, "report.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const report = await loadReport(tx, id);
    const [detail, sections, comments] = await Promise.all([
      programmeDetailIn(tx, report.programme_id),
      repo.listSections(tx, report.id),
      repo.listComments(tx, report.id),
    ]);
    return { report, detail, sections, comments };
  });
}

export async function loadReport(tx: ScopedTx, id: string, options: { forUpdate?: boolean } = {}): Promise<repo.Report> {
  const report = isId(id) ? await repo.findReport(tx, id, options) : undefined;
  if (!report) {
    throw new NotFoundError();
  }
  return report;
}

/** Starts a year's report from the template: a section per focus area, figures only from modules that exist. */
export async function startReport(ctx: OperationContext, programmeId: string, year: number): Promise<repo.Report> {
  authorizeReport(ctx.actor, "report.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const detail = await programmeDetailIn(tx, programmeId);
    const { programme } = detail;
    if (programme.status === "archived") {
      throw new ConflictError([{ path: "year", message: "programme.programme_archived" }]);
    }
    if (year < programme.start_year || year > programme.end_year) {
      throw new ValidationError([{ path: "year", message: "programme.year_outside_period" }]);
    }
    if (await repo.findReportFor(tx, programme.id, year)) {
      throw new ConflictError([{ path: "year", message: "report.exists" }]);
    }
    const id = newId();
    await repo.insertReport(tx, { id, municipality_id: ctx.scope.municipalityId, programme_id: programme.id, year });
    const sources = indicatorSourcesOf(ctx);
    const rows = [];
    for (const entry of await templateOf(tx, ctx.scope.municipalityId)) {
      const base = { municipality_id: ctx.scope.municipalityId, report_id: id, guidance: entry.guidance, source: entry.source };
      if (entry.kind === "focus_areas") {
        rows.push(...detail.focusAreas.map((area) => ({ ...base, id: newId(), kind: "focus_area" as const, title: area.name, focus_area_id: area.id })));
      } else if (entry.kind !== "figures" || sources.some((source) => source.key.startsWith(`${entry.source}.`))) {
        rows.push({ ...base, id: newId(), kind: entry.kind, title: entry.title });
      }
    }
    await repo.insertSections(
      tx,
      rows.map((row, position) => ({ ...row, position })),
    );
    await audit(tx, ctx, {
      action: "start",
      recordType: "report",
      recordId: id,
      changes: { year: { from: null, to: year }, sections: { from: null, to: rows.length } },
    });
    return (await repo.findReport(tx, id))!;
  });
}

const transitions: Record<"submit" | "return" | "approve" | "archive", { from: readonly ReportState[]; to: ReportState }> = {
  submit: { from: ["draft"], to: "review" },
  return: { from: ["review", "approved"], to: "draft" },
  approve: { from: ["review"], to: "approved" },
  archive: { from: ["published"], to: "archived" },
};

/** Moves a report a step: to review once every section is ready, back to its writers, approved, or archived. */
export async function moveReport(ctx: OperationContext, id: string, step: keyof typeof transitions): Promise<repo.Report> {
  authorizeReport(ctx.actor, "report.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const report = await loadReport(tx, id, { forUpdate: true });
    const { from, to } = transitions[step];
    if (!from.includes(report.state)) {
      throw new ConflictError([{ path: "state", message: "report.wrong_state" }]);
    }
    if (step === "submit") {
      const unready = (await repo.listSections(tx, report.id)).filter((section) => section.ready_at === null);
      if (unready.length > 0) {
        throw new ConflictError([{ path: "state", message: "report.sections_not_ready" }]);
      }
    }
    const approval = step === "approve" ? { approved_by_id: ctx.actor.kind === "user" ? ctx.actor.id : null, approved_at: new Date() } : {};
    await repo.updateReport(tx, report.id, { state: to, ...(step === "return" ? { approved_by_id: null, approved_at: null } : approval) });
    await audit(tx, ctx, { action: step, recordType: "report", recordId: report.id, changes: { state: { from: report.state, to } } });
    return (await repo.findReport(tx, report.id))!;
  });
}

/**
 * Publishes an approved report: the programme's follow-up of the year with the report's
 * texts and figures frozen in it, in the same transaction that marks the report published.
 */
export async function publishReport(
  ctx: OperationContext,
  id: string,
  year: number,
  correctionNote: string,
  options: { demo?: boolean } = {},
): Promise<repo.Report> {
  authorizeReport(ctx.actor, "report.manage");
  const report = await inScope(ctx.db, ctx.scope, (tx) => loadReport(tx, id));
  if (report.year !== year) {
    throw new ValidationError([{ path: "year", message: "invalid_choice" }]);
  }
  if (report.state !== "approved") {
    throw new ConflictError([{ path: "state", message: "report.wrong_state" }]);
  }
  await publishFollowUp(
    ctx,
    report.programme_id,
    { year: report.year, correction_note: correctionNote },
    {
      demo: options.demo ?? false,
      report: (detail, tx) => reportPart(ctx, tx, report, detail),
      within: async (tx, followUpId) => {
        const locked = await loadReport(tx, id, { forUpdate: true });
        if (locked.state !== "approved") {
          throw new ConflictError([{ path: "state", message: "report.wrong_state" }]);
        }
        await repo.updateReport(tx, id, { state: "published", follow_up_id: followUpId });
        await audit(tx, ctx, { action: "publish", recordType: "report", recordId: id, changes: { state: { from: "approved", to: "published" } } });
      },
    },
  );
  return inScope(ctx.db, ctx.scope, (tx) => loadReport(tx, id));
}

/**
 * A report's sections: written by their writer (or the business developer) while the
 * report is a draft, marked ready, reopened; comments on any section until it is published.
 */
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { programmeDetailIn } from "../programme/index.js";
import { authorizeReport, canReport } from "./policy.js";
import * as repo from "./repo.js";
import { audit, loadReport } from "./report-service.js";

export interface SectionView {
  section: repo.Section;
  report: repo.Report;
  programme: { id: string; name: string };
  comments: repo.Comment[];
  staff: Array<{ id: string; name: string }>;
  canWrite: boolean;
  canManage: boolean;
}

export async function getSection(ctx: OperationContext, id: string): Promise<SectionView> {
  authorizeReport(ctx.actor, "report.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const { section, report } = await loadSection(tx, id);
    const detail = await programmeDetailIn(tx, report.programme_id);
    return {
      section,
      report,
      programme: { id: detail.programme.id, name: detail.programme.name },
      comments: (await repo.listComments(tx, report.id)).filter((comment) => comment.section_id === section.id),
      staff: await repo.staffChoices(tx),
      canWrite: canReport(ctx.actor, "report.write", section) && report.state === "draft",
      canManage: canReport(ctx.actor, "report.manage"),
    };
  });
}

async function loadSection(tx: ScopedTx, id: string, options: { forUpdate?: boolean } = {}) {
  const section = isId(id) ? await repo.findSection(tx, id) : undefined;
  if (!section) {
    throw new NotFoundError();
  }
  return { section, report: await loadReport(tx, section.report_id, options) };
}

/** A change to a section while its report is a draft, by its writer (or, with `manage`, only by those who manage). */
async function changeSection(
  ctx: OperationContext,
  id: string,
  change: (tx: ScopedTx, section: repo.Section) => Promise<Record<string, { from: unknown; to: unknown }>>,
  options: { manage?: boolean } = {},
): Promise<void> {
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const { section, report } = await loadSection(tx, id, { forUpdate: true });
    authorizeReport(ctx.actor, options.manage ? "report.manage" : "report.write", section);
    if (report.state !== "draft") {
      throw new ConflictError([{ path: "text", message: "report.not_draft" }]);
    }
    const changes = await change(tx, section);
    await audit(tx, ctx, { action: "section", recordType: "report_section", recordId: section.id, changes });
  });
}

export async function saveSectionText(ctx: OperationContext, id: string, text: string): Promise<void> {
  await changeSection(ctx, id, async (tx, section) => {
    if (section.ready_at) {
      throw new ConflictError([{ path: "text", message: "report.section_ready" }]);
    }
    await repo.updateSection(tx, section.id, { text });
    return { text: { from: section.text, to: text } };
  });
}

export async function setSectionReady(ctx: OperationContext, id: string, ready: boolean): Promise<void> {
  const userId = ctx.actor.kind === "user" ? ctx.actor.id : null;
  await changeSection(ctx, id, async (tx, section) => {
    if (ready && section.text.trim() === "" && section.kind !== "statistics" && section.kind !== "figures") {
      throw new ValidationError([{ path: "text", message: "report.section_empty" }]);
    }
    await repo.updateSection(tx, section.id, ready ? { ready_at: new Date(), ready_by_id: userId } : { ready_at: null, ready_by_id: null });
    return { ready: { from: section.ready_at !== null, to: ready } };
  });
}

export async function assignWriter(ctx: OperationContext, id: string, writerId: string | null): Promise<void> {
  await changeSection(
    ctx,
    id,
    async (tx, section) => {
      if (writerId !== null && !(await repo.staffChoices(tx)).some((person) => person.id === writerId)) {
        throw new ValidationError([{ path: "writer_id", message: "invalid_choice" }]);
      }
      await repo.updateSection(tx, section.id, { writer_id: writerId });
      return { writer_id: { from: section.writer_id, to: writerId } };
    },
    { manage: true },
  );
}

/** A comment on a section: anyone who reads the report, until it is published. */
export async function addComment(ctx: OperationContext, id: string, text: string): Promise<void> {
  authorizeReport(ctx.actor, "report.read");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const { section, report } = await loadSection(tx, id);
    if (report.state === "published" || report.state === "archived") {
      throw new ConflictError([{ path: "comment", message: "report.published_closed" }]);
    }
    const commentId = newId();
    await repo.insertComment(tx, {
      id: commentId,
      municipality_id: ctx.scope.municipalityId,
      section_id: section.id,
      author_id: ctx.actor.kind === "user" ? ctx.actor.id : null,
      text,
    });
    await audit(tx, ctx, { action: "comment", recordType: "report_section", recordId: section.id, changes: { comment: { from: null, to: text } } });
  });
}

/** The start page's list: sections the staff member still has to write. */
export async function mySections(ctx: OperationContext): Promise<Array<repo.Section & { year: number }>> {
  if (ctx.actor.kind !== "user") {
    return [];
  }
  const userId = ctx.actor.id;
  return inScope(ctx.db, ctx.scope, (tx) => repo.openSectionsOf(tx, userId));
}

import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { authorId } from "./action-service.js";
import { indicatorInYear, loadDetail, loadProgramme, noteForYear, refreshDocument, type ProgrammeDetail } from "./detail.js";
import { authorizeProgramme } from "./policy.js";
import * as repo from "./repo.js";
import * as followUpRepo from "./follow-up-repo.js";
import { followUpOpen, reportingYear } from "./rules.js";
import type { PublishInput, SummariesInput } from "./schemas.js";
import { audit } from "./service.js";
import { buildSnapshot, type FollowUpSnapshot, type ReportPart } from "./snapshot.js";

export interface FollowUpWorkspace {
  detail: ProgrammeDetail;
  year: number;
  summaries: repo.Summary[];
  /** Actions without a note for the year, indicators without a value in it. */
  missing: { actions: number; indicators: number };
  /** The same by name: what publishing would leave out for good. */
  missingNames: { actions: string[]; indicators: string[] };
}

/** Everything the business developer needs to follow up a year before publishing it. */
export async function followUpWorkspace(ctx: OperationContext, programmeId: string, year: number | null): Promise<FollowUpWorkspace> {
  authorizeProgramme(ctx.actor, "programme.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const detail = await loadDetail(tx, await loadProgramme(tx, programmeId));
    const { programme } = detail;
    const chosen =
      year !== null && year >= programme.start_year && year <= programme.end_year ? year : (reportingYear(programme, new Date()) ?? programme.start_year);
    const summaries = await followUpRepo.listSummaries(
      tx,
      detail.focusAreas.map((area) => area.id),
      chosen,
    );
    const actions = detail.actions.filter((action) => !noteForYear(action, chosen)).map((action) => action.title);
    const indicators = detail.indicators
      .filter((indicator) => indicator.source === "manual" && !indicatorInYear(indicator, chosen).value)
      .map((indicator) => indicator.name);
    return {
      detail,
      year: chosen,
      summaries,
      missing: { actions: actions.length, indicators: indicators.length },
      missingNames: { actions, indicators },
    };
  });
}

/** The business developer's summaries of the focus areas for a year, saved together. */
export async function saveSummaries(ctx: OperationContext, programmeId: string, input: SummariesInput): Promise<void> {
  authorizeProgramme(ctx.actor, "programme.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const programme = await loadProgramme(tx, programmeId);
    if (!followUpOpen(programme)) {
      throw new ConflictError([{ path: "programme", message: "programme.programme_archived" }]);
    }
    if (input.year < programme.start_year || input.year > programme.end_year) {
      throw new ValidationError([{ path: "year", message: "programme.year_outside_period" }]);
    }
    const areas = await repo.listFocusAreas(tx, programme.id);
    if (!input.summaries.every((summary) => areas.some((area) => area.id === summary.focus_area_id))) {
      throw new ValidationError([{ path: "summaries", message: "invalid_choice" }]);
    }
    const before = await followUpRepo.listSummaries(
      tx,
      areas.map((area) => area.id),
      input.year,
    );
    for (const summary of input.summaries) {
      const previous = before.find((entry) => entry.focus_area_id === summary.focus_area_id)?.text ?? null;
      if ((previous ?? "") === summary.text) {
        continue;
      }
      await followUpRepo.upsertSummary(tx, {
        municipality_id: ctx.scope.municipalityId,
        focus_area_id: summary.focus_area_id,
        year: input.year,
        text: summary.text,
        author_id: authorId(ctx),
      });
      await audit(tx, ctx, {
        action: "summary",
        recordType: "programme_focus_area",
        recordId: summary.focus_area_id,
        changes: { [`summary_${input.year}`]: { from: previous, to: summary.text } },
      });
    }
  });
}

/**
 * Publishes the follow-up of a year as an immutable snapshot. Publishing a year again is
 * a correction: a new revision, which must say what it corrects; earlier ones stay.
 */
export async function publishFollowUp(
  ctx: OperationContext,
  programmeId: string,
  input: PublishInput,
  options: {
    demo?: boolean;
    /** The yearly report's texts and figures, frozen with the follow-up (the report module's). */
    report?: (detail: ProgrammeDetail, tx: ScopedTx) => Promise<ReportPart>;
    /** Runs in the publishing transaction once the follow-up is written: the report records it, or nothing is published. */
    within?: (tx: ScopedTx, followUpId: string) => Promise<void>;
  } = {},
): Promise<repo.FollowUpRow> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const programme = await loadProgramme(tx, programmeId, { forUpdate: true });
    if (programme.status !== "adopted") {
      throw new ConflictError([{ path: "year", message: "programme.publish_needs_adopted" }]);
    }
    if (input.year < programme.start_year || input.year > programme.end_year) {
      throw new ValidationError([{ path: "year", message: "programme.year_outside_period" }]);
    }
    const revision = await followUpRepo.nextRevision(tx, programme.id, input.year);
    if (revision > 1 && input.correction_note === "") {
      throw new ValidationError([{ path: "correction_note", message: "programme.correction_note_required" }]);
    }
    const detail = await loadDetail(tx, programme);
    const summaries = await followUpRepo.listSummaries(
      tx,
      detail.focusAreas.map((area) => area.id),
      input.year,
    );
    const id = newId();
    await followUpRepo.insertFollowUp(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      programme_id: programme.id,
      year: input.year,
      revision,
      correction_note: input.correction_note,
      published_by_id: authorId(ctx),
      snapshot: JSON.stringify({ ...buildSnapshot(detail, input.year, summaries), ...(options.report ? { report: await options.report(detail, tx) } : {}) }),
      demo: options.demo ?? false,
    });
    await audit(tx, ctx, {
      action: "publish",
      recordType: "programme_follow_up",
      recordId: id,
      changes: {
        year: { from: null, to: input.year },
        revision: { from: null, to: revision },
        ...(input.correction_note ? { correction_note: { from: null, to: input.correction_note } } : {}),
      },
    });
    await options.within?.(tx, id);
    await refreshDocument(tx, programme.id);
    const published = (await followUpRepo.listFollowUps(tx, programme.id)).find((row) => row.id === id);
    if (!published) {
      throw new NotFoundError();
    }
    return published;
  });
}

export interface PublishedFollowUp extends repo.FollowUpRow {
  snapshot: FollowUpSnapshot;
  /** Every revision of the same programme and year, newest first. */
  revisions: repo.FollowUpRow[];
}

/** A published follow-up: public, like the programme it belongs to. */
export async function getFollowUp(db: Db, scope: Scope, id: string): Promise<PublishedFollowUp> {
  return inScope(db, scope, async (tx) => {
    const row = isId(id) ? await followUpRepo.findFollowUp(tx, id) : undefined;
    if (!row) {
      throw new NotFoundError();
    }
    const revisions = (await followUpRepo.listFollowUps(tx, row.programme_id)).filter((other) => other.year === row.year);
    return { ...row, snapshot: row.snapshot as FollowUpSnapshot, revisions };
  });
}

export interface ReportingItem {
  id: string;
  name: string;
  /** Whether the year has a note (action) or a value (indicator). */
  reported: boolean;
  /** For actions: status and progress now. */
  state: string | null;
}

export interface ReportingTask {
  programme: { id: string; name: string };
  year: number;
  /** Whether the year's follow-up is already published: then nothing is asked of the owner. */
  published: boolean;
  actions: ReportingItem[];
  indicators: ReportingItem[];
}

/**
 * Everything a staff member reports on, per adopted programme, for its reporting year: their
 * actions (reported when the year has a note) and their manual indicators (reported when
 * the year has a value).
 */
export async function reportingOverview(ctx: OperationContext): Promise<ReportingTask[]> {
  if (ctx.actor.kind !== "user") {
    return [];
  }
  const ownerId = ctx.actor.id;
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const [actions, indicators] = await Promise.all([repo.listActionsOwnedBy(tx, ownerId), followUpRepo.listIndicatorsOwnedBy(tx, ownerId)]);
    const programmeIds = [...new Set([...actions.map((a) => a.programme_id), ...indicators.map((i) => i.programme_id)])];
    const overview: ReportingTask[] = [];
    for (const programmeId of programmeIds) {
      const detail = await loadDetail(tx, await loadProgramme(tx, programmeId));
      const year = reportingYear(detail.programme, new Date());
      if (detail.programme.status !== "adopted" || year === null) {
        continue;
      }
      overview.push({
        programme: { id: programmeId, name: detail.programme.name },
        year,
        published: detail.followUps.some((followUp) => followUp.year === year),
        actions: detail.actions
          .filter((action) => action.owner_id === ownerId)
          .map((action) => ({
            id: action.id,
            name: action.title,
            reported: noteForYear(action, year) !== null,
            state: `${action.status_name}, ${action.progress} %`,
          })),
        indicators: detail.indicators
          .filter((indicator) => indicator.owner_id === ownerId && indicator.source === "manual")
          .map((indicator) => ({ id: indicator.id, name: indicator.name, reported: indicatorInYear(indicator, year).value !== null, state: null })),
      });
    }
    return overview;
  });
}

/** What is left to report: the unreported items of years not yet published. */
export async function reportingTasks(ctx: OperationContext): Promise<ReportingTask[]> {
  return (await reportingOverview(ctx))
    .filter((task) => !task.published)
    .map((task) => ({ ...task, actions: task.actions.filter((item) => !item.reported), indicators: task.indicators.filter((item) => !item.reported) }))
    .filter((task) => task.actions.length + task.indicators.length > 0);
}

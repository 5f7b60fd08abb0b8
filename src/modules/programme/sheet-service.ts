/**
 * A programme's actions and indicator values out as a spreadsheet and back in: the file is
 * read and planned into a preview that is kept; applying plans again in one transaction and
 * writes everything or nothing. A large file is applied by the job runner, its progress on
 * the page.
 */
import type { OperationContext } from "../../platform/context.js";
import { diff } from "../../platform/audit/audit.js";
import { findUser } from "../../platform/auth/repo.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { enqueue } from "../../platform/jobs/repo.js";
import { readSheet, UnreadableSheetError, type Sheet } from "../../platform/spreadsheet.js";
import type { Actor } from "../../platform/auth/roles.js";
import { loadDetail, loadProgramme, refreshDocument, type ProgrammeDetail } from "./detail.js";
import { en, sv } from "./messages.js";
import { authorizeProgramme } from "./policy.js";
import * as repo from "./repo.js";
import * as followUpRepo from "./follow-up-repo.js";
import { followUpOpen } from "./rules.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { matchColumns, sheetColumns, type Cell, type Headings, type Plan, type SheetKind } from "./sheet.js";
import { planActions, planValues, valueKey, type ActionPatch, type ActionState, type ValuePatch } from "./sheet-plan.js";
import * as sheetRepo from "./sheet-repo.js";

export type { SheetImportSummary } from "./sheet-repo.js";

/** Files that change more rows than this are applied in the background. */
export const backgroundRows = 200;

/** The headings a column may have: as written in Swedish or in English. */
export const headings: Headings = Object.fromEntries(
  [...new Set([...sheetColumns.actions, ...sheetColumns.values])].map((column) => {
    const key = `programme.sheet_col_${column}` as keyof typeof sv;
    return [column, [sv[key], en[key]]];
  }),
);

export interface SheetTable {
  headers: string[];
  rows: Cell[][];
}

/** The programme's actions or indicator values as the spreadsheet has them, headings in the reader's language. */
export async function exportSheet(ctx: OperationContext, programmeId: string, kind: SheetKind, lang: "sv" | "en"): Promise<SheetTable> {
  authorizeProgramme(ctx.actor, "programme.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const detail = await loadDetail(tx, await loadProgramme(tx, programmeId));
    const messages = lang === "en" ? en : sv;
    const headers = sheetColumns[kind].map((column) => messages[`programme.sheet_col_${column}` as keyof typeof sv]);
    if (kind === "actions") {
      const context = await actionsContext(tx, detail);
      return { headers, rows: [...context.actions.values()].map((action) => sheetColumns.actions.map((column) => action[column])) };
    }
    const rows: Cell[][] = [];
    for (const indicator of detail.indicators) {
      const values = [...indicator.values].sort((a, b) => a.year - b.year || (a.quarter ?? 0) - (b.quarter ?? 0));
      for (const value of values) {
        rows.push([indicator.id, indicator.name, indicator.unit, value.year, value.quarter, value.value, value.comment]);
      }
      // Each year of the programme a hand-entered indicator lacks, as an empty row to fill in.
      if (indicator.source === "manual" || indicator.source === "imported") {
        for (let year = detail.programme.start_year; year <= detail.programme.end_year; year++) {
          if (!values.some((value) => value.year === year)) {
            rows.push([indicator.id, indicator.name, indicator.unit, year, null, null, ""]);
          }
        }
      }
    }
    return { headers, rows };
  });
}

/** Reads a file and keeps what applying it would do, for the reader to look at first. */
export async function previewImport(ctx: OperationContext, programmeId: string, file: { path: string; name: string }): Promise<sheetRepo.SheetImport> {
  authorizeProgramme(ctx.actor, "programme.manage");
  const sheet = await readSheet(file.path).catch((error: unknown) => {
    throw error instanceof UnreadableSheetError ? new ValidationError([{ path: "file", message: "programme.sheet_unreadable" }]) : error;
  });
  const match = matchColumns(sheet, headings);
  if ("missing" in match) {
    throw new ValidationError([{ path: "file", message: "programme.sheet_missing_columns" }]);
  }
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const programme = await loadProgramme(tx, programmeId);
    const { plan } = await planOf(tx, programme.id, sheet, match);
    const id = newId();
    await sheetRepo.insertImport(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      programme_id: programme.id,
      kind: plan.kind,
      file_name: file.name.slice(0, 200),
      rows: JSON.stringify(sheet),
      plan: JSON.stringify(plan),
      total: plan.counts.new + plan.counts.changed,
      created_by_id: ctx.actor.kind === "user" ? ctx.actor.id : null,
    });
    return (await sheetRepo.findImport(tx, id))!;
  });
}

/** A kept file, of the given programme when one is named. */
export async function getImport(ctx: OperationContext, programmeId: string | null, id: string): Promise<sheetRepo.SheetImport & { plan: Plan }> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const found = isId(id) ? await sheetRepo.findImport(tx, id) : undefined;
    if (!found || (programmeId !== null && found.programme_id !== programmeId)) {
      throw new NotFoundError();
    }
    return found as sheetRepo.SheetImport & { plan: Plan };
  });
}

export async function listImports(ctx: OperationContext, programmeId: string): Promise<sheetRepo.SheetImportSummary[]> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, (tx) => sheetRepo.listImports(tx, programmeId));
}

/**
 * Applies a previewed file: at once when it is small, else queued for the job runner. Either
 * way everything the preview showed is written in one transaction, or nothing.
 */
export async function applyImport(ctx: OperationContext, programmeId: string, id: string): Promise<"applied" | "queued"> {
  const found = await getImport(ctx, programmeId, id);
  if (found.state !== "preview") {
    throw new ConflictError([{ path: "file", message: "programme.sheet_not_preview" }]);
  }
  if (found.total > backgroundRows) {
    await inScope(ctx.db, ctx.scope, async (tx) => {
      await sheetRepo.updateImport(tx, id, { state: "queued" });
      // A retry after a crash is safe: the file is applied in one transaction, and an applied file is left alone.
      await enqueue(tx, { queue: "programme.sheet_apply", municipalityId: ctx.scope.municipalityId, payload: { importId: id }, maxAttempts: 3 });
    });
    return "queued";
  }
  await applyNow(ctx.db, ctx.scope, ctx.actor, id, ctx.requestId);
  return "applied";
}

/** The job: applies a queued file as the person who asked, telling the page how far it has come. */
export async function applyQueuedImport(db: Db, scope: Scope, id: string): Promise<void> {
  const found = await inScope(db, scope, (tx) => sheetRepo.findImport(tx, id));
  if (!found || found.state !== "queued") {
    return;
  }
  const user = found.created_by_id ? await inScope(db, scope, (tx) => findUser(tx, found.created_by_id!)) : undefined;
  const actor: Actor = user
    ? {
        kind: "user",
        id: user.id,
        municipalityId: scope.municipalityId,
        name: user.name,
        email: user.email,
        roles: [],
        unitIds: [],
        via: "session",
        mustChangePassword: false,
        mustEnrolSecondFactor: false,
      }
    : { kind: "system", label: "sheet import" };
  try {
    await applyNow(db, scope, actor, id, undefined, (done) => inScope(db, scope, (tx) => sheetRepo.updateImport(tx, id, { done })));
  } catch (error) {
    // A stale file is marked so by `applyNow`; anything else leaves it failed, with nothing written.
    if (!(error instanceof ConflictError)) {
      await inScope(db, scope, (tx) => sheetRepo.updateImport(tx, id, { state: "failed", error: "programme.sheet_failed" }));
    }
  }
}

async function applyNow(
  db: Db,
  scope: Scope,
  actor: Actor,
  id: string,
  requestId: string | undefined,
  progress?: (done: number) => Promise<void>,
): Promise<void> {
  try {
    await inScope(db, scope, async (tx) => {
      const found = (await sheetRepo.findImport(tx, id))!;
      const programme = await loadProgramme(tx, found.programme_id, { forUpdate: true });
      if (!followUpOpen(programme)) {
        throw new ConflictError([{ path: "file", message: "programme.programme_archived" }]);
      }
      const sheet = found.rows as Sheet;
      const match = matchColumns(sheet, headings);
      if ("missing" in match) {
        throw new ConflictError([{ path: "file", message: "programme.sheet_stale" }]);
      }
      const { plan, patches } = await planOf(tx, programme.id, sheet, match);
      // What the reader saw is what is written: a programme changed since the preview is refused.
      if (canonical(plan.rows) !== canonical((found.plan as Plan).rows)) {
        throw new ConflictError([{ path: "file", message: "programme.sheet_stale" }]);
      }
      const audit = (entry: Parameters<typeof recordAudit>[2]) => recordAudit(tx, actor, entry, requestId);
      const authorId = actor.kind === "user" ? actor.id : null;
      let done = 0;
      for (const patch of patches as Array<ActionPatch | ValuePatch>) {
        if ("indicator_id" in patch) {
          await writeValue(tx, scope, patch, authorId, audit);
        } else {
          await writeAction(tx, scope, programme.id, patch, authorId, audit);
        }
        done++;
        if (progress && done % 50 === 0) {
          await progress(done);
        }
      }
      await refreshDocument(tx, programme.id);
      await sheetRepo.updateImport(tx, id, { state: "applied", done, applied_at: new Date() });
      await audit({
        action: "sheet_import",
        recordType: "programme",
        recordId: programme.id,
        changes: { file: { from: null, to: found.file_name }, rows: { from: null, to: done } },
      });
    });
  } catch (error) {
    if (error instanceof ConflictError) {
      await inScope(db, scope, (tx) => sheetRepo.updateImport(tx, id, { state: "stale", error: "programme.sheet_stale" }));
    }
    throw error;
  }
}

/** JSON with its keys in order: the stored plan comes back from `jsonb` with its keys reordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}

type Audit = (entry: Parameters<typeof recordAudit>[2]) => Promise<void>;

async function writeAction(tx: ScopedTx, scope: Scope, programmeId: string, patch: ActionPatch, authorId: string | null, audit: Audit): Promise<void> {
  const [kind, refId = null] = patch.responsible ? patch.responsible.split(":") : [null];
  const fields = {
    focus_area_id: patch.focus_area_id,
    title: patch.title,
    responsible_unit_id: kind === "unit" ? refId : null,
    responsible_party_id: kind === "party" ? refId : null,
    owner_id: patch.owner_id,
    start_date: patch.start_date,
    end_date: patch.end_date,
    weight: patch.weight,
    status_id: patch.status_id,
    progress: patch.progress,
  };
  const id = patch.id ?? newId();
  if (patch.id === null) {
    const position = (await repo.listActions(tx, programmeId)).length;
    await repo.insertAction(tx, { id, municipality_id: scope.municipalityId, programme_id: programmeId, ...fields, position });
    await audit({ action: "create", recordType: "programme_action", recordId: id, changes: diff({}, { ...fields, source: "sheet" }) });
    return;
  }
  await repo.updateAction(tx, id, fields);
  if ("status" in patch.changes || "progress" in patch.changes) {
    const status = (await repo.findStatus(tx, patch.status_id))!;
    await repo.insertUpdate(tx, {
      id: newId(),
      municipality_id: scope.municipalityId,
      action_id: id,
      author_id: authorId,
      year: null,
      text: "",
      status_id: status.id,
      status_name: status.name,
      progress: patch.progress,
    });
  }
  await audit({ action: "update", recordType: "programme_action", recordId: id, changes: patch.changes });
}

async function writeValue(tx: ScopedTx, scope: Scope, patch: ValuePatch, authorId: string | null, audit: Audit): Promise<void> {
  await followUpRepo.upsertValue(tx, {
    id: newId(),
    municipality_id: scope.municipalityId,
    indicator_id: patch.indicator_id,
    year: patch.year,
    quarter: patch.quarter,
    value: patch.value,
    comment: patch.comment,
    recorded_by_id: authorId,
    recorded_at: new Date(),
  });
  await audit({
    action: "record_value",
    recordType: "programme_indicator",
    recordId: patch.indicator_id,
    changes: { period: { from: null, to: patch.quarter ? `${patch.year} Q${patch.quarter}` : String(patch.year) }, ...patch.changes },
  });
}

async function planOf(tx: ScopedTx, programmeId: string, sheet: Sheet, match: { kind: SheetKind; index: Record<string, number>; unknown: string[] }) {
  const detail = await loadDetail(tx, await loadProgramme(tx, programmeId));
  if (match.kind === "actions") {
    return planActions(sheet, match.index, match.unknown, await actionsContext(tx, detail));
  }
  return planValues(sheet, match.index, match.unknown, {
    startYear: detail.programme.start_year,
    endYear: detail.programme.end_year,
    indicators: new Map(
      detail.indicators.map((indicator) => [
        indicator.id,
        { id: indicator.id, name: indicator.name, unit: indicator.unit, manual: indicator.source === "manual" || indicator.source === "imported" },
      ]),
    ),
    values: new Map(
      detail.indicators.flatMap((indicator) =>
        indicator.values.map((value) => [valueKey(indicator.id, value.year, value.quarter), { value: value.value, comment: value.comment }] as const),
      ),
    ),
  });
}

async function actionsContext(tx: ScopedTx, detail: ProgrammeDetail) {
  const [statuses, names, staff] = await Promise.all([repo.listStatuses(tx), repo.partyNames(tx), sheetRepo.staffEmails(tx)]);
  const email = new Map(staff.map((member) => [member.id, member.email]));
  const area = new Map(detail.focusAreas.map((focusArea) => [focusArea.id, focusArea.name]));
  const actions = new Map<string, ActionState>(
    detail.actions.map((action) => [
      action.id,
      {
        id: action.id,
        focus_area: area.get(action.focus_area_id) ?? "",
        title: action.title,
        responsible: action.responsible?.name ?? null,
        owner: action.owner_id ? (email.get(action.owner_id) ?? null) : null,
        status: action.status_name,
        progress: action.progress,
        weight: action.weight,
        start_date: action.start_date,
        end_date: action.end_date,
        responsible_ref: action.responsible ? `${action.responsible.kind}:${action.responsible.id}` : null,
        owner_id: action.owner_id,
      },
    ]),
  );
  return {
    locked: detail.locked,
    focusAreas: detail.focusAreas,
    statuses,
    responsibles: [
      ...[...names.units].map(([id, name]) => ({ ref: `unit:${id}`, name })),
      ...[...names.parties].map(([id, name]) => ({ ref: `party:${id}`, name })),
    ],
    staff,
    actions,
  };
}

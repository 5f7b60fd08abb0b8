import { stringify } from "csv-stringify/sync";
import { spreadsheetCast } from "../../platform/csv.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope } from "../../platform/db/database.js";
import { AppError, ValidationError } from "../../platform/errors.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import type { Translate } from "../../platform/ui/i18n.js";
import * as repo from "./case-repo.js";
import { minutesLeft, slaState, type ClockSettings, type SlaState } from "./clocks.js";
import { assign, setStatus } from "./handling-service.js";
import { authorizeDesk } from "./policy.js";
import type { InboxQuery } from "./schemas.js";
import * as settingsRepo from "./settings-repo.js";
import { clockSettingsOf } from "./settings-service.js";
import { deskCatalogues } from "./catalogues.js";
import { Catalogue } from "../../platform/db/catalogues.js";
import type { CaseStatus } from "./tables.js";

export const inboxPageSize = 50;

export interface InboxRow extends repo.CaseListRow {
  sla: SlaState;
  minutesLeft: number | null;
}

export interface Inbox {
  rows: readonly InboxRow[];
  total: number;
  page: number;
  pageSize: number;
  choices: {
    units: Array<{ id: string; name: string }>;
    categories: settingsRepo.Category[];
    handlers: Array<{ id: string; name: string }>;
  };
}

/** Each case with its state against its next deadline and the working minutes left to it, as of `now`. */
function withClocks(rows: readonly repo.CaseListRow[], settings: ClockSettings, now: Date): InboxRow[] {
  return rows.map((row) => ({ ...row, sla: slaState(row, now), minutesLeft: row.next_due_at ? minutesLeft(settings, row.next_due_at, now) : null }));
}

export function filterOf(ctx: OperationContext, query: InboxQuery): repo.InboxFilter {
  return {
    unitId: query.unit,
    status: query.status,
    categoryId: query.category,
    assigneeId: query.assignee === "me" ? (ctx.actor.kind === "user" ? ctx.actor.id : undefined) : query.assignee,
    sla: query.sla,
    priority: query.priority,
    query: query.q?.trim() || undefined,
  };
}

/** An inbox page as of the minute it was read: its cases with their states and countdowns, and how many the filter finds. */
interface KeptPage {
  rows: readonly InboxRow[];
  total: number;
  /** The next minute: a countdown, and a case passing its deadline, are shown by the minute. */
  until: number;
}

/**
 * Inbox pages, kept per municipality, filter and page until a case, a unit, a category, a
 * handler or the calendar changes, or the minute ends (`Catalogue`): officers open the
 * inbox far more often than cases change, and the page's states and countdowns are
 * minutes. The rows are the same object until then, so the page may keep their rendering.
 */
const keptPages = new Catalogue<KeptPage, string>(
  // Every table the page's filter choices come from as well: a kept page's rows stand for the whole page (its rendering is kept by them).
  ["desk_cases", "desk_case_units", "org_units", "desk_categories", "desk_sla_policies", "users", "user_units", "desk_settings"],
  async (tx, key) => {
    const { filter, page } = JSON.parse(key) as { filter: repo.InboxFilter; page: number };
    const now = new Date();
    const settings = clockSettingsOf(await deskCatalogues.settings.get(tx));
    const { rows, total } = await repo.listInbox(tx, filter, { limit: inboxPageSize, offset: (page - 1) * inboxPageSize }, now);
    return {
      rows: withClocks(rows, settings, now),
      total,
      until: (Math.floor(now.getTime() / 60_000) + 1) * 60_000,
    };
  },
  (kept) => kept.until,
);

/** One page of the inbox, by next deadline, with each case's state against it. */
export async function inbox(ctx: OperationContext, query: InboxQuery): Promise<Inbox> {
  authorizeDesk(ctx.actor, "desk.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const { rows, total } = await keptPages.get(tx, JSON.stringify({ filter: filterOf(ctx, query), page: query.page }));
    return {
      rows,
      total,
      page: query.page,
      pageSize: inboxPageSize,
      choices: {
        units: await deskCatalogues.units.get(tx),
        categories: await deskCatalogues.categories.get(tx),
        handlers: (await deskCatalogues.handlers.get(tx)).map(({ id, name }) => ({ id, name })),
      },
    };
  });
}

/**
 * What a start page shows: the officer's own active cases and their units' cases nobody has
 * taken, the first ten of each by next deadline with the totals, in one transaction that
 * reads the calendar once and none of the inbox's filter choices.
 */
export async function startPanelCases(
  ctx: OperationContext,
): Promise<{ mine: { rows: InboxRow[]; total: number }; unassigned: { rows: InboxRow[]; total: number } }> {
  authorizeDesk(ctx.actor, "desk.read");
  const actor = ctx.actor;
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const now = new Date();
    const settings = clockSettingsOf(await deskCatalogues.settings.get(tx));
    const page = { limit: 10, offset: 0 };
    const withState = ({ rows, total }: Awaited<ReturnType<typeof repo.listInbox>>) => ({ rows: withClocks(rows, settings, now), total });
    const active = filterOf(ctx, { page: 1 });
    const mine = withState(await repo.listInbox(tx, { ...active, assigneeId: actor.kind === "user" ? actor.id : undefined }, page, now));
    const unitIds = actor.kind === "user" ? actor.unitIds : [];
    const unassigned = withState(await repo.listInbox(tx, { ...filterOf(ctx, { page: 1, assignee: "none" }), unitIds }, page, now));
    return { mine, unassigned };
  });
}

/** Assign or change the status of many cases: each as its own change, skipping those the actor may not touch. */
export async function bulk(
  ctx: OperationContext,
  input: { case_ids: string[]; action: "assign" | "status"; assignee_id: string | null; status?: CaseStatus | undefined },
): Promise<{ changed: number; skipped: number }> {
  authorizeDesk(ctx.actor, "desk.read");
  if (input.action === "status" && !input.status) {
    throw new ValidationError([{ path: "status", message: "required" }]);
  }
  let changed = 0;
  let skipped = 0;
  for (const id of input.case_ids) {
    try {
      if (input.action === "assign") {
        await assign(ctx, id, input.assignee_id);
      } else {
        await setStatus(ctx, id, input.status!);
      }
      changed += 1;
    } catch (error) {
      if (error instanceof AppError && (error.status === 403 || error.status === 404)) {
        skipped += 1;
        continue;
      }
      throw error;
    }
  }
  return { changed, skipped };
}

export const exportLimit = 50_000;

/**
 * The cases the inbox filter finds, as CSV (semicolons, for Swedish spreadsheets). It holds
 * the case facts and the measured times, never messages: nothing marked secret leaves.
 * Statuses, priorities, channels and yes/no are words in the reader's language, times are
 * Swedish wall-clock time.
 */
export async function exportCases(ctx: OperationContext, query: InboxQuery, t: Translate): Promise<string> {
  authorizeDesk(ctx.actor, "desk.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await repo.listForExport(tx, filterOf(ctx, query), new Date(), exportLimit);
    const when = (value: Date | null) => (value ? `${stockholmParts(value).date} ${stockholmParts(value).time}` : "");
    const yesNo = (value: boolean | null) => (value === null ? "" : t(value ? "common.yes" : "common.no"));
    return stringify(
      rows.map((row) => [
        row.number,
        when(row.created_at),
        row.category_sv,
        row.unit_name,
        row.assignee_name ?? "",
        t(`desk.status.${row.status}`),
        t(`desk.priority.${row.priority}`),
        t(`desk.channel.${row.channel}`),
        row.org_number ?? "",
        row.company_name ?? "",
        row.subject,
        when(row.next_due_at),
        row.first_response_minutes ?? "",
        yesNo(row.first_response_on_time),
        row.resolution_minutes ?? "",
        yesNo(row.resolution_on_time),
        row.statutory_due_on ?? "",
        row.decided_on ?? "",
      ]),
      {
        delimiter: ";",
        bom: true,
        header: true,
        cast: spreadsheetCast,
        columns: [
          "ärendenummer",
          "inkom",
          "kategori",
          "enhet",
          "handläggare",
          "status",
          "prioritet",
          "kanal",
          "organisationsnummer",
          "företag",
          "rubrik",
          "nästa_tidsgräns",
          "första_svar_minuter",
          "första_svar_i_tid",
          "lösningstid_minuter",
          "löst_i_tid",
          "lagstadgad_sista_dag",
          "beslutsdag",
        ],
      },
    );
  });
}

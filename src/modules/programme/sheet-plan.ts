/**
 * What a file of actions or indicator values brought back would change, row by row: new,
 * changed, unchanged, or refused with the column and the reason. Pure: the service gives
 * the programme as it stands, and applies only what a plan made in the same transaction says.
 */
import type { Sheet } from "../../platform/spreadsheet.js";
import { cellOf, changesOf, countOutcomes, outcomeOf, parseDate, parseDecimal, type Cell, type PlannedRow, type Plan, type SheetProblem } from "./sheet.js";

/** An action as its row reads. */
export interface ActionState {
  id: string;
  focus_area: string;
  title: string;
  responsible: string | null;
  owner: string | null;
  status: string;
  progress: number;
  weight: number;
  start_date: string | null;
  end_date: string | null;
  /** What the names stand for, kept when a row leaves them as they are (an inactive owner, two units of one name). */
  responsible_ref: string | null;
  owner_id: string | null;
}

export interface ActionsContext {
  /** An adopted programme: its structure is locked, and only status and progress follow up. */
  locked: boolean;
  focusAreas: ReadonlyArray<{ id: string; name: string }>;
  statuses: ReadonlyArray<{ id: string; name: string; default_progress: number }>;
  /** Units and external parties that can be responsible, as `unit:<id>` or `party:<id>`. */
  responsibles: ReadonlyArray<{ ref: string; name: string }>;
  staff: ReadonlyArray<{ id: string; email: string }>;
  actions: ReadonlyMap<string, ActionState>;
}

/** What applying an action row writes, with every name resolved. */
export interface ActionPatch {
  line: number;
  id: string | null;
  focus_area_id: string;
  title: string;
  responsible: string | null;
  owner_id: string | null;
  status_id: string;
  progress: number;
  weight: number;
  start_date: string | null;
  end_date: string | null;
  changes: Record<string, { from: Cell; to: Cell }>;
}

const lockedFields = new Set(["focus_area", "title", "responsible", "owner", "weight", "start_date", "end_date"]);
const same = (a: string, b: string) => a.trim().toLocaleLowerCase("sv") === b.trim().toLocaleLowerCase("sv");

export function planActions(
  sheet: Sheet,
  index: Record<string, number>,
  unknownColumns: string[],
  context: ActionsContext,
): { plan: Plan; patches: ActionPatch[] } {
  const seen = new Set<string>();
  const rows: PlannedRow[] = [];
  const patches: ActionPatch[] = [];
  for (const { line, values } of sheet.rows) {
    const cell = (column: string) => cellOf(values, index, column);
    const problems: SheetProblem[] = [];
    const refuse = (column: string, message: string, params?: Record<string, string | number>) =>
      problems.push({ column, message, ...(params ? { params } : {}) });
    const id = cell("id") ?? "";
    const before = id === "" ? undefined : context.actions.get(id.toLowerCase());
    if (id !== "" && !before) {
      refuse("id", "programme.sheet_unknown_action");
    } else if (before && seen.has(before.id)) {
      refuse("id", "programme.sheet_twice");
    }
    if (before) {
      seen.add(before.id);
    }
    const title = cell("title") ?? before?.title ?? "";
    if (title === "") {
      refuse("title", "required");
    } else if (title.length > 300) {
      refuse("title", "too_long", { max: 300 });
    }
    const areaName = cell("focus_area") ?? before?.focus_area ?? "";
    const area = context.focusAreas.find((candidate) => same(candidate.name, areaName));
    if (!area) {
      refuse("focus_area", areaName === "" ? "required" : "programme.sheet_unknown_focus_area", { name: areaName });
    }
    const statusName = cell("status") ?? "";
    const status = context.statuses.find((candidate) => same(candidate.name, statusName));
    if (!status) {
      refuse("status", statusName === "" ? "required" : "programme.sheet_unknown_status", { name: statusName });
    }
    const progressText = cell("progress") ?? "";
    const progressNumber = progressText === "" ? null : parseDecimal(progressText.replace("%", ""));
    if (progressText !== "" && (progressNumber === null || !Number.isInteger(progressNumber) || progressNumber < 0 || progressNumber > 100)) {
      refuse("progress", "invalid_percent");
    }
    const weightText = cell("weight") ?? "";
    const weight = weightText === "" ? (before?.weight ?? 1) : parseDecimal(weightText);
    if (weight === null || weight <= 0 || weight > 1000) {
      refuse("weight", "invalid_weight");
    }
    const dates = (["start_date", "end_date"] as const).map((column) => {
      const text = cell(column);
      if (text === undefined) {
        return before?.[column] ?? null;
      }
      const date = text === "" ? null : parseDate(text);
      if (text !== "" && date === null) {
        refuse(column, "invalid_date");
      }
      return date;
    });
    const [startDate = null, endDate = null] = dates;
    if (startDate && endDate && endDate < startDate) {
      refuse("end_date", "end_before_start");
    }
    // A name left as it was (or a column the file lacks) keeps what it stood for; only a new name is looked up.
    const responsibleName = cell("responsible");
    const keepResponsible = before !== undefined && (responsibleName === undefined || (responsibleName || null) === before.responsible);
    const responsibles = !keepResponsible && responsibleName ? context.responsibles.filter((candidate) => same(candidate.name, responsibleName)) : [];
    if (!keepResponsible && responsibleName && responsibles.length !== 1) {
      refuse("responsible", responsibles.length === 0 ? "programme.sheet_unknown_responsible" : "programme.sheet_ambiguous_responsible", {
        name: responsibleName,
      });
    }
    const ownerEmail = cell("owner");
    const keepOwner = before !== undefined && (ownerEmail === undefined || (ownerEmail || null) === before.owner);
    const owner = !keepOwner && ownerEmail ? context.staff.find((candidate) => same(candidate.email, ownerEmail)) : undefined;
    if (!keepOwner && ownerEmail && !owner) {
      refuse("owner", "programme.sheet_unknown_owner", { name: ownerEmail });
    }
    // A progress cell left as exported is not set by hand: a new status then brings its default, as in the form.
    const byHand = progressNumber !== null && progressNumber !== before?.progress ? progressNumber : null;
    const progress = byHand ?? (status && before?.status !== status.name ? status.default_progress : (before?.progress ?? status?.default_progress ?? 0));
    const after: Record<string, Cell | undefined> = {
      focus_area: area?.name ?? areaName,
      title,
      responsible: keepResponsible || responsibleName === undefined ? undefined : (responsibles[0]?.name ?? (responsibleName || null)),
      owner: keepOwner || ownerEmail === undefined ? undefined : (owner?.email ?? (ownerEmail || null)),
      status: status?.name ?? statusName,
      progress,
      weight: weight ?? weightText,
      start_date: startDate,
      end_date: endDate,
    };
    const changes = before ? changesOf(before as unknown as Record<string, Cell>, after) : {};
    if (context.locked) {
      if (!before && id === "") {
        problems.splice(0, problems.length, { column: "id", message: "programme.sheet_locked_new" });
      }
      for (const field of Object.keys(changes).filter((field) => lockedFields.has(field))) {
        refuse(field, "programme.sheet_locked_field");
      }
    }
    const outcome = outcomeOf(problems, before?.id ?? null, changes);
    rows.push({ line, outcome, label: title || id, target: before?.id ?? null, changes: outcome === "refused" ? {} : changes, problems });
    if ((outcome === "new" || outcome === "changed") && area && status && weight !== null) {
      patches.push({
        line,
        id: before?.id ?? null,
        focus_area_id: area.id,
        title,
        responsible: keepResponsible ? before.responsible_ref : (responsibles[0]?.ref ?? null),
        owner_id: keepOwner ? before.owner_id : (owner?.id ?? null),
        status_id: status.id,
        progress,
        weight,
        start_date: startDate,
        end_date: endDate,
        changes,
      });
    }
  }
  return { plan: { kind: "actions", unknownColumns, rows, counts: countOutcomes(rows) }, patches };
}

export interface ValuesContext {
  startYear: number;
  endYear: number;
  indicators: ReadonlyMap<string, { id: string; name: string; unit: string; manual: boolean }>;
  /** Recorded values by `indicator:year:quarter`. */
  values: ReadonlyMap<string, { value: number; comment: string }>;
}

export interface ValuePatch {
  line: number;
  indicator_id: string;
  year: number;
  quarter: number | null;
  value: number;
  comment: string;
  changes: Record<string, { from: Cell; to: Cell }>;
}

export const valueKey = (indicatorId: string, year: number, quarter: number | null) => `${indicatorId}:${year}:${quarter ?? ""}`;

export function planValues(
  sheet: Sheet,
  index: Record<string, number>,
  unknownColumns: string[],
  context: ValuesContext,
): { plan: Plan; patches: ValuePatch[] } {
  const seen = new Set<string>();
  const rows: PlannedRow[] = [];
  const patches: ValuePatch[] = [];
  for (const { line, values } of sheet.rows) {
    const cell = (column: string) => cellOf(values, index, column) ?? "";
    const problems: SheetProblem[] = [];
    const refuse = (column: string, message: string) => problems.push({ column, message });
    const indicator = context.indicators.get(cell("indicator_id").toLowerCase());
    if (!indicator) {
      refuse("indicator_id", "programme.sheet_unknown_indicator");
    } else if (!indicator.manual) {
      refuse("value", "programme.value_not_manual");
    }
    const year = /^\d{4}$/.test(cell("year")) ? Number(cell("year")) : null;
    if (year === null || year < context.startYear - 10 || year > context.endYear) {
      refuse("year", "programme.year_outside_period");
    }
    const quarterText = cell("quarter").replace(/^Q/i, "");
    const quarter = quarterText === "" ? null : /^[1-4]$/.test(quarterText) ? Number(quarterText) : undefined;
    if (quarter === undefined) {
      refuse("quarter", "invalid_choice");
    }
    const comment = cell("comment");
    if (comment.length > 2000) {
      refuse("comment", "too_long");
    }
    const key = indicator && year !== null && quarter !== undefined ? valueKey(indicator.id, year, quarter) : null;
    const before = key ? context.values.get(key) : undefined;
    if (key && seen.has(key)) {
      refuse("year", "programme.sheet_twice");
    }
    if (key) {
      seen.add(key);
    }
    const valueText = cell("value");
    const value = valueText === "" ? null : parseDecimal(valueText);
    if (valueText !== "" && value === null) {
      refuse("value", "invalid_number");
    } else if (value === null && before) {
      refuse("value", "programme.sheet_value_blank");
    }
    const period = year === null ? cell("year") : quarter ? `${year} Q${quarter}` : String(year);
    const label = `${indicator?.name ?? cell("indicator")} ${period}`.trim();
    if (value === null && !before && problems.length === 0) {
      // A period left blank, as the file was written: nothing to record.
      rows.push({ line, outcome: "unchanged", label, target: key, changes: {}, problems });
      continue;
    }
    const changes = changesOf(before ? { value: before.value, comment: before.comment } : { value: null, comment: "" }, { value, comment });
    const outcome = outcomeOf(problems, before ? key : null, changes);
    rows.push({ line, outcome, label, target: key, changes: outcome === "refused" ? {} : changes, problems });
    if ((outcome === "new" || outcome === "changed") && indicator && year !== null && quarter !== undefined && value !== null) {
      patches.push({ line, indicator_id: indicator.id, year, quarter, value, comment, changes });
    }
  }
  return { plan: { kind: "values", unknownColumns, rows, counts: countOutcomes(rows) }, patches };
}

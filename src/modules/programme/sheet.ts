/**
 * A programme's actions and indicator values as the spreadsheet people keep, both ways:
 * the columns, the rows written out, and what a file brought back would change. Pure
 * functions: the service reads the programme and the file, plans, shows, and applies.
 */
import type { Sheet } from "../../platform/spreadsheet.js";

export type SheetKind = "actions" | "values";

export const sheetColumns = {
  actions: ["id", "focus_area", "title", "responsible", "owner", "status", "progress", "weight", "start_date", "end_date"],
  values: ["indicator_id", "indicator", "unit", "year", "quarter", "value", "comment"],
} as const satisfies Record<SheetKind, readonly string[]>;

/** Columns written for the reader's sake that a file may change without effect (the indicator's name beside its id). */
const readOnlyColumns = new Set<string>(["indicator", "unit"]);

export type Cell = string | number | null;

export interface SheetProblem {
  column: string;
  message: string;
  params?: Record<string, string | number>;
}

export type Outcome = "new" | "changed" | "unchanged" | "refused";

export interface PlannedRow {
  line: number;
  outcome: Outcome;
  /** The action's title or the indicator's name and period, for the preview. */
  label: string;
  /** The record the row changes (none for a new action). */
  target: string | null;
  changes: Record<string, { from: Cell; to: Cell }>;
  problems: SheetProblem[];
}

export interface Plan {
  kind: SheetKind;
  /** Headings the file has that Lotsen does not read: reported, never dropped silently. */
  unknownColumns: string[];
  rows: PlannedRow[];
  counts: Record<Outcome, number>;
}

/** The headings a file may use for a column: its Swedish and English names, as exported. */
export type Headings = Record<string, readonly string[]>;

/** Which of Lotsen's columns each of the file's headings is, or why the file cannot be read. */
export function matchColumns(
  sheet: Sheet,
  headings: Headings,
): { kind: SheetKind; index: Record<string, number>; unknown: string[] } | { missing: string[]; kind: SheetKind } {
  const normal = (text: string) => text.trim().toLocaleLowerCase("sv");
  const columnOf = (heading: string) => Object.keys(headings).find((column) => headings[column]!.some((name) => normal(name) === normal(heading)));
  const found = sheet.headers.map((heading) => columnOf(heading));
  const kind: SheetKind = found.includes("indicator_id") ? "values" : "actions";
  const required = kind === "actions" ? ["id", "title", "status"] : ["indicator_id", "year", "value"];
  const missing = required.filter((column) => !found.includes(column));
  if (missing.length > 0) {
    return { missing, kind };
  }
  const index: Record<string, number> = {};
  found.forEach((column, position) => {
    if (column && (sheetColumns[kind] as readonly string[]).includes(column) && index[column] === undefined) {
      index[column] = position;
    }
  });
  const unknown = sheet.headers.filter((heading, position) => heading !== "" && (found[position] === undefined || index[found[position]!] !== position));
  return { kind, index, unknown };
}

export function cellOf(values: readonly string[], index: Record<string, number>, column: string): string | undefined {
  const position = index[column];
  return position === undefined ? undefined : (values[position] ?? "").trim();
}

/** A number as people write it: a decimal comma or point, spaces between thousands. */
export function parseDecimal(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, "").replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
}

export function parseDate(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return null;
  }
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : null;
}

export function countOutcomes(rows: readonly PlannedRow[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { new: 0, changed: 0, unchanged: 0, refused: 0 };
  rows.forEach((row) => counts[row.outcome]++);
  return counts;
}

/** A row's outcome from its problems and changes. */
export function outcomeOf(problems: readonly SheetProblem[], target: string | null, changes: Record<string, unknown>): Outcome {
  if (problems.length > 0) {
    return "refused";
  }
  if (target === null) {
    return "new";
  }
  return Object.keys(changes).length > 0 ? "changed" : "unchanged";
}

/** What changes from `before` to `after`, field by field (read-only columns never count). */
export function changesOf(before: Record<string, Cell>, after: Record<string, Cell | undefined>): Record<string, { from: Cell; to: Cell }> {
  const changes: Record<string, { from: Cell; to: Cell }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined || readOnlyColumns.has(field)) {
      continue;
    }
    const from = before[field] ?? null;
    if (from !== to) {
      changes[field] = { from, to };
    }
  }
  return changes;
}

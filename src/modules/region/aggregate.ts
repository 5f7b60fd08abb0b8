/**
 * A region's figures from its members', as Kolada's municipality groups compute them: a count
 * is the sum of the members that report it, a rate, share, median or index the mean of those
 * members; either way the figure says how many report. Pure, so a test holds it to sums and
 * means computed by hand.
 */

export interface MemberFigure {
  municipality_id: string;
  key: string;
  label: string | null;
  unit: string | null;
  aggregate: "sum" | "mean";
  value: number | null;
}

export interface RegionRow {
  key: string;
  /** A programme indicator's name as its members write it (null for a module's figure, named by its key). */
  label: string | null;
  unit: string | null;
  aggregate: "sum" | "mean";
  /** Each member's value, in the members' order (null where it reports none). */
  values: Array<number | null>;
  region: number | null;
  reporting: number;
}

const rounded = (value: number) => Math.round(value * 10) / 10;

export function regionValue(aggregate: "sum" | "mean", values: ReadonlyArray<number | null>): { value: number | null; reporting: number } {
  const reported = values.filter((value): value is number => value !== null);
  if (reported.length === 0) {
    return { value: null, reporting: 0 };
  }
  const sum = reported.reduce((total, value) => total + value, 0);
  return { value: aggregate === "sum" ? rounded(sum) : rounded(sum / reported.length), reporting: reported.length };
}

/**
 * The rows of a year: the modules' figures in the order given, then the programme indicators
 * that at least two members share by name (a name one member alone uses compares nothing).
 */
export function regionRows(memberIds: readonly string[], sourceKeys: readonly string[], figures: readonly MemberFigure[]): RegionRow[] {
  const byKey = new Map<string, MemberFigure[]>();
  for (const figure of figures) {
    byKey.set(figure.key, [...(byKey.get(figure.key) ?? []), figure]);
  }
  const row = (key: string, rows: MemberFigure[]): RegionRow => {
    const values = memberIds.map((id) => rows.find((figure) => figure.municipality_id === id)?.value ?? null);
    const { value, reporting } = regionValue(rows[0]!.aggregate, values);
    return { key, label: rows[0]!.label, unit: rows[0]!.unit, aggregate: rows[0]!.aggregate, values, region: value, reporting };
  };
  const sources = sourceKeys.flatMap((key) => (byKey.has(key) ? [row(key, byKey.get(key)!)] : []));
  const shared = [...byKey.entries()]
    .filter(([key, rows]) => key.startsWith("programme:") && new Set(rows.map((figure) => figure.municipality_id)).size >= 2)
    .sort(([a], [b]) => a.localeCompare(b, "sv"))
    .map(([key, rows]) => row(key, rows));
  return [...sources, ...shared];
}

/** The key a programme indicator is compared by: its name, in lower case with single spaces. */
export const indicatorKey = (name: string) => `programme:${name.trim().toLowerCase().replace(/\s+/g, " ")}`;

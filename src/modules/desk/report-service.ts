import { swedish } from "../../platform/ui/format.js";
import type { OperationContext } from "../../platform/context.js";
import { Catalogue } from "../../platform/db/catalogues.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { stockholmParts, swedishYear } from "../../platform/sweden/time.js";
import { authorizeDesk } from "./policy.js";
import * as repo from "./report-repo.js";
import type { DashboardQuery } from "./schemas.js";
import * as settingsRepo from "./settings-repo.js";

export type { WaitingFigures } from "./report-repo.js";

export interface Dashboard {
  year: number;
  years: number[];
  unitId: string | null;
  categoryId: string | null;
  months: Array<repo.WaitingFigures & { month: number }>;
  total: repo.WaitingFigures;
  byUnit: Array<repo.WaitingFigures & { id: string; name: string }>;
  byCategory: Array<repo.WaitingFigures & { id: string; name: string }>;
  choices: { units: Array<{ id: string; name: string }>; categories: settingsRepo.Category[] };
}

const empty = (month: number): repo.WaitingFigures & { month: number } => ({
  month,
  cases: 0,
  first_response_median: null,
  first_response_p90: null,
  resolution_median: null,
  resolution_p90: null,
  first_response_on_time: 0,
  first_response_measured: 0,
  resolution_on_time: 0,
  resolution_measured: 0,
  statutory_decided: 0,
  statutory_in_time: 0,
});

export const yearRange = swedishYear;

/**
 * A dashboard, kept per municipality, year, unit and category until a case, a unit or a
 * category changes (`Catalogue`): its figures are of what cases hold (their measured
 * minutes, their deadlines), never of the time it is read, and a year's cases are read
 * whole for every look otherwise.
 */
const keptDashboards = new Catalogue<Dashboard, string>(["desk_cases", "org_units", "desk_categories"], (tx, key) => {
  const { year, unit, category } = JSON.parse(key) as { year: number; unit: string | null; category: string | null };
  return dashboardOf(tx, year, unit ?? undefined, category ?? undefined);
});

/** Measured waiting for a municipality-year, by month, unit and category; optionally for one unit or category. */
export async function dashboard(ctx: OperationContext, query: DashboardQuery): Promise<Dashboard> {
  authorizeDesk(ctx.actor, "desk.figures");
  const year = query.year ?? Number(stockholmParts(new Date()).date.slice(0, 4));
  const key = JSON.stringify({ year, unit: query.unit ?? null, category: query.category ?? null });
  return inScope(ctx.db, ctx.scope, (tx) => keptDashboards.get(tx, key));
}

async function dashboardOf(tx: ScopedTx, year: number, unit: string | undefined, category: string | undefined): Promise<Dashboard> {
  const filter: repo.ReportFilter = { ...yearRange(year), unitId: unit, categoryId: category };
  const figures = await repo.figuresByGroup(tx, filter);
  const span = await repo.caseYearSpan(tx);
  const years = new Set([year]);
  for (let y = span?.first ?? year; y <= (span?.last ?? year); y++) {
    years.add(y);
  }
  const units = await settingsRepo.listUnits(tx);
  const categories = await settingsRepo.listCategories(tx, { activeOnly: false });
  const named = <T extends { id: string }>(rows: T[], names: Map<string, string>) =>
    rows.map((row) => ({ ...row, name: names.get(row.id) ?? "–" })).sort((a, b) => swedish.compare(a.name, b.name));
  return {
    year,
    years: [...years].sort((a, b) => b - a),
    unitId: unit ?? null,
    categoryId: category ?? null,
    months: Array.from({ length: 12 }, (_, index) => figures.months.find((row) => row.month === index + 1) ?? empty(index + 1)),
    total: figures.total,
    byUnit: named(figures.units, new Map(units.map((unit) => [unit.id, unit.name]))),
    byCategory: named(figures.categories, new Map(categories.map((category) => [category.id, category.name_sv]))),
    choices: { units, categories },
  };
}

/** The desk's figures a programme indicator can take its yearly value from. */
export const indicatorSources = {
  "desk.first_response_on_time_share": "desk.source_first_response_share",
  "desk.resolution_on_time_share": "desk.source_resolution_share",
  "desk.first_response_median_hours": "desk.source_first_response_median",
  "desk.cases": "desk.source_cases",
  "desk.statutory_in_time_share": "desk.source_statutory_share",
} as const;
export type IndicatorSource = keyof typeof indicatorSources;

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

/** A source's value for a municipality-year, or null when there is nothing to measure. */
export async function indicatorValue(db: Db, scope: Scope, source: IndicatorSource, year: number): Promise<number | null> {
  const { total } = await inScope(db, scope, (tx) => repo.figuresByGroup(tx, yearRange(year)));
  switch (source) {
    case "desk.first_response_on_time_share":
      return share(total.first_response_on_time, total.first_response_measured);
    case "desk.resolution_on_time_share":
      return share(total.resolution_on_time, total.resolution_measured);
    case "desk.first_response_median_hours":
      return total.first_response_median === null ? null : Math.round(total.first_response_median / 6) / 10;
    case "desk.cases":
      return total.cases;
    case "desk.statutory_in_time_share":
      return share(total.statutory_in_time, total.statutory_decided);
  }
}

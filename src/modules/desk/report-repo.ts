import { sql, type RawBuilder } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import "./tables.js";

/** The measured waiting of a group of cases: counts, medians and 90th percentiles in business minutes, shares on time. */
export interface WaitingFigures {
  cases: number;
  first_response_median: number | null;
  first_response_p90: number | null;
  resolution_median: number | null;
  resolution_p90: number | null;
  first_response_on_time: number;
  first_response_measured: number;
  resolution_on_time: number;
  resolution_measured: number;
  statutory_decided: number;
  statutory_in_time: number;
}

export interface ReportFilter {
  from: Date;
  to: Date;
  unitId?: string | undefined;
  categoryId?: string | undefined;
}

const figures = sql`
  count(*)::int as cases,
  percentile_cont(0.5) within group (order by k.first_response_minutes) as first_response_median,
  percentile_cont(0.9) within group (order by k.first_response_minutes) as first_response_p90,
  percentile_cont(0.5) within group (order by k.resolution_minutes) as resolution_median,
  percentile_cont(0.9) within group (order by k.resolution_minutes) as resolution_p90,
  (count(*) filter (where k.first_response_on_time))::int as first_response_on_time,
  count(k.first_response_on_time)::int as first_response_measured,
  (count(*) filter (where k.resolution_on_time))::int as resolution_on_time,
  count(k.resolution_on_time)::int as resolution_measured,
  (count(*) filter (where k.statutory is not null and k.decided_on is not null))::int as statutory_decided,
  (count(*) filter (where k.statutory is not null and k.decided_on <= k.statutory_due_on))::int as statutory_in_time`;

function where(filter: ReportFilter): RawBuilder<unknown> {
  return sql`k.created_at >= ${filter.from} and k.created_at < ${filter.to}
    ${filter.unitId ? sql`and k.unit_id = ${filter.unitId}` : sql``}
    ${filter.categoryId ? sql`and k.category_id = ${filter.categoryId}` : sql``}`;
}

const numeric = <T extends WaitingFigures>(row: T): T => ({
  ...row,
  first_response_median: row.first_response_median === null ? null : Number(row.first_response_median),
  first_response_p90: row.first_response_p90 === null ? null : Number(row.first_response_p90),
  resolution_median: row.resolution_median === null ? null : Number(row.resolution_median),
  resolution_p90: row.resolution_p90 === null ? null : Number(row.resolution_p90),
});

export interface FiguresByGroup {
  total: WaitingFigures;
  months: Array<WaitingFigures & { month: number }>;
  units: Array<WaitingFigures & { id: string }>;
  categories: Array<WaitingFigures & { id: string }>;
}

/**
 * The period's figures in total, per month (Swedish time), per unit and per category: one
 * pass over the cases (grouping sets), read from the report index alone.
 */
export async function figuresByGroup(tx: ScopedTx, filter: ReportFilter): Promise<FiguresByGroup> {
  const result = await sql<
    WaitingFigures & { by: "total" | "month" | "unit" | "category"; month: number | null; unit_id: string | null; category_id: string | null }
  >`
    select case when grouping(k.month) = 0 then 'month' when grouping(k.unit_id) = 0 then 'unit' when grouping(k.category_id) = 0 then 'category' else 'total' end as by,
      k.month, k.unit_id, k.category_id, ${figures}
    from (
      -- Only the report index's columns, so PostgreSQL reads the index alone.
      select k.unit_id, k.category_id, k.first_response_minutes, k.first_response_on_time, k.resolution_minutes, k.resolution_on_time, k.statutory, k.decided_on, k.statutory_due_on,
        extract(month from k.created_at at time zone 'Europe/Stockholm')::int as month
      from desk_cases k where ${where(filter)}) k
    group by grouping sets ((), (k.month), (k.unit_id), (k.category_id))`.execute(tx);
  const rows = result.rows.map(numeric);
  const pick = ({ by: _by, month: _month, unit_id: _unit, category_id: _category, ...figures }: (typeof rows)[number]): WaitingFigures => figures;
  return {
    total: pick(rows.find((row) => row.by === "total")!),
    months: rows.filter((row) => row.by === "month").map((row) => ({ ...pick(row), month: row.month! })),
    units: rows.filter((row) => row.by === "unit").map((row) => ({ ...pick(row), id: row.unit_id! })),
    categories: rows.filter((row) => row.by === "category").map((row) => ({ ...pick(row), id: row.category_id! })),
  };
}

/** The first and last years that have cases (read from the ends of the creation index). */
export async function caseYearSpan(tx: ScopedTx): Promise<{ first: number; last: number } | null> {
  const result = await sql<{ first: number | null; last: number | null }>`
    select extract(year from min(created_at) at time zone 'Europe/Stockholm')::int as first,
           extract(year from max(created_at) at time zone 'Europe/Stockholm')::int as last
    from desk_cases`.execute(tx);
  const row = result.rows[0];
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

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

/** Per month (1–12, Swedish time) of the period. */
export async function figuresByMonth(tx: ScopedTx, filter: ReportFilter): Promise<Array<WaitingFigures & { month: number }>> {
  const result = await sql<WaitingFigures & { month: number }>`
    select extract(month from k.created_at at time zone 'Europe/Stockholm')::int as month, ${figures}
    from desk_cases k where ${where(filter)}
    group by 1 order by 1`.execute(tx);
  return result.rows.map(numeric);
}

export async function figuresTotal(tx: ScopedTx, filter: ReportFilter): Promise<WaitingFigures> {
  const result = await sql<WaitingFigures>`select ${figures} from desk_cases k where ${where(filter)}`.execute(tx);
  return numeric(result.rows[0]!);
}

/** Per unit or per category of the period, with its name. */
export async function figuresBy(tx: ScopedTx, filter: ReportFilter, by: "unit" | "category"): Promise<Array<WaitingFigures & { id: string; name: string }>> {
  const result =
    by === "unit"
      ? await sql<WaitingFigures & { id: string; name: string }>`
          select u.id, u.name, ${figures} from desk_cases k join org_units u on u.id = k.unit_id
          where ${where(filter)} group by u.id, u.name order by u.name`.execute(tx)
      : await sql<WaitingFigures & { id: string; name: string }>`
          select c.id, c.name_sv as name, ${figures} from desk_cases k join desk_categories c on c.id = k.category_id
          where ${where(filter)} group by c.id, c.name_sv order by c.name_sv`.execute(tx);
  return result.rows.map(numeric);
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

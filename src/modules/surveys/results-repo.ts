import { sql, type Expression, type SqlBool } from "kysely";
import { scopeOf, type ScopedTx } from "../../platform/db/database.js";
import type { Area, Factor, SurveyKind } from "./tables.js";
import { factors, totalAreas } from "./tables.js";
import "./tables.js";

export interface Span {
  from: string;
  to: string;
  /** One survey, or every survey of the municipality. */
  surveyId: string | null;
}

/** One row of the results: which group it is, how many were asked and answered, and the respondents' means. */
export interface GroupRow {
  group: "all" | "insikt" | "area" | "unit" | "category" | "half";
  key: string | null;
  invited: number;
  answered: number;
  nki_n: number;
  nki: number | null;
  factors: Record<Factor, { n: number; mean: number | null }>;
}

/** The period's invitations of one survey, or of every survey after cases (a climate survey has no NKI to add). */
const inSpan = (span: Span, alias: "" | "i." = "") =>
  sql<SqlBool>`${sql.raw(alias)}closed_on between ${span.from} and ${span.to} and ${span.surveyId ? sql`${sql.raw(alias)}survey_id = ${span.surveyId}` : sql`${sql.raw(alias)}survey_id in (select id from survey_surveys where kind = 'after_case')`}`;

/**
 * Every group's counts and means in one pass over the period's invitations (grouping sets):
 * all areas, Insikt's total (its four areas), each area, unit, category and half-year.
 */
export async function groupFigures(tx: ScopedTx, span: Span): Promise<GroupRow[]> {
  const factorColumns = factors.map(
    (factor) => sql`count(${sql.ref(factor)})::int as ${sql.ref(`${factor}_n`)}, avg(${sql.ref(factor)})::float8 as ${sql.ref(factor)}`,
  );
  const result = await sql<Record<string, unknown>>`
    select grouping(insikt) as g_insikt, grouping(area) as g_area, grouping(unit_id) as g_unit, grouping(category_id) as g_category, grouping(half) as g_half,
           insikt, area, unit_id, category_id, half,
           count(*)::int as invited, count(answered_at)::int as answered, count(nki)::int as nki_n, avg(nki)::float8 as nki,
           ${sql.join(factorColumns)}
    from (
      select *, area in (${sql.join(totalAreas)}) as insikt, case when extract(month from closed_on) <= 6 then '1' else '2' end as half
      from survey_invitations where ${inSpan(span)}
    ) as period
    group by grouping sets ((), (insikt), (area), (unit_id), (category_id), (half))`.execute(tx);
  return result.rows.flatMap((row): GroupRow[] => {
    const base = {
      invited: row.invited as number,
      answered: row.answered as number,
      nki_n: row.nki_n as number,
      nki: row.nki as number | null,
      factors: Object.fromEntries(
        factors.map((factor) => [factor, { n: row[`${factor}_n`] as number, mean: row[factor] as number | null }]),
      ) as GroupRow["factors"],
    };
    if (row.g_insikt === 0) {
      return row.insikt ? [{ group: "insikt", key: null, ...base }] : [];
    }
    if (row.g_area === 0) {
      return [{ group: "area", key: row.area as string, ...base }];
    }
    if (row.g_unit === 0) {
      return row.unit_id ? [{ group: "unit", key: row.unit_id as string, ...base }] : [];
    }
    if (row.g_category === 0) {
      return row.category_id ? [{ group: "category", key: row.category_id as string, ...base }] : [];
    }
    if (row.g_half === 0) {
      return [{ group: "half", key: row.half as string, ...base }];
    }
    return [{ group: "all", key: null, ...base }];
  });
}

/** NKI by business days to decision, in the waiting bands. */
export async function nkiByWaiting(tx: ScopedTx, span: Span): Promise<Array<{ band: string; n: number; nki: number | null }>> {
  const result = await sql<{ band: string; n: number; nki: number | null }>`
    select case when ceil(waiting_days) <= 5 then '0-5' when ceil(waiting_days) <= 10 then '6-10' when ceil(waiting_days) <= 20 then '11-20'
                when ceil(waiting_days) <= 40 then '21-40' else '41-' end as band,
           count(nki)::int as n, avg(nki)::float8 as nki
    from survey_invitations where ${inSpan(span)} and nki is not null and waiting_days is not null
    group by 1`.execute(tx);
  return result.rows;
}

/**
 * Respondents' NKI against the business days their case took, for the scatter: every answer
 * of the period, those with the same whole day, whole NKI and service level as one point
 * with their count.
 */
export async function scatterPoints(tx: ScopedTx, span: Span): Promise<Array<{ days: number; nki: number; on_time: boolean | null; n: number }>> {
  const result = await sql<{ days: number; nki: number; on_time: boolean | null; n: number }>`
    select round(waiting_days)::int as days, round(nki)::int as nki, on_time, count(*)::int as n
    from survey_invitations where ${inSpan(span)} and nki is not null and waiting_days is not null
    group by 1, 2, 3`.execute(tx);
  return result.rows;
}

/** Per category: NKI of cases resolved within the service level and of those that were not. */
export async function nkiByBreach(
  tx: ScopedTx,
  span: Span,
): Promise<Array<{ category_id: string; kept_n: number; kept: number | null; breached_n: number; breached: number | null }>> {
  const result = await sql<{ category_id: string; kept_n: number; kept: number | null; breached_n: number; breached: number | null }>`
    select category_id,
           count(nki) filter (where on_time)::int as kept_n, avg(nki) filter (where on_time)::float8 as kept,
           count(nki) filter (where not on_time)::int as breached_n, avg(nki) filter (where not on_time)::float8 as breached
    from survey_invitations where ${inSpan(span)} and category_id is not null and on_time is not null
    group by category_id`.execute(tx);
  return result.rows;
}

/** The businesses' own words of the period, newest first, for staff: from the few answers that hold text, not from every answer. */
export async function freeTexts(tx: ScopedTx, span: Span, limit: number, offset = 0) {
  const result = await sql<{
    invitation_id: string;
    question_id: string;
    text: string;
    text_hidden: boolean;
    question_sv: string;
    question_en: string;
    area: Area;
    closed_on: string;
  }>`
    select a.invitation_id, a.question_id, a.text, a.text_hidden, q.text_sv as question_sv, q.text_en as question_en, i.area, i.closed_on
    from survey_answers a
    join survey_invitations i on i.id = a.invitation_id
    join survey_questions q on q.id = a.question_id
    where a.text is not null and a.municipality_id = ${scopeOf(tx).municipalityId} and i.answered_at is not null and ${inSpan(span, "i.")}
    order by i.answered_at desc, a.invitation_id, a.question_id
    limit ${limit} offset ${offset}`.execute(tx);
  return result.rows;
}

export async function markText(tx: ScopedTx, invitationId: string, questionId: string, hidden: boolean): Promise<boolean> {
  const result = await tx
    .updateTable("survey_answers")
    .set({ text_hidden: hidden })
    .where("invitation_id", "=", invitationId)
    .where("question_id", "=", questionId)
    .where("text", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A year's figure for a programme indicator: respondents' mean and counts, over some areas or all, of the surveys of one kind. */
export async function yearFigure(tx: ScopedTx, year: number, column: "nki" | "climate" | Factor, areas: readonly Area[] | null, kind: SurveyKind) {
  const where: Expression<SqlBool> = areas ? sql<SqlBool>`and area in (${sql.join(areas)})` : sql<SqlBool>``;
  const result = await sql<{ invited: number; answered: number; n: number; mean: number | null }>`
    select count(*)::int as invited, count(answered_at)::int as answered, count(${sql.ref(column)})::int as n, avg(${sql.ref(column)})::float8 as mean
    from survey_invitations
    where closed_on between ${`${year}-01-01`} and ${`${year}-12-31`} ${where}
      and survey_id in (select id from survey_surveys where kind = ${kind})`.execute(tx);
  return result.rows[0]!;
}

/** A climate survey's period: how many were asked and answered, and each scale question's mean index (by the survey's transform). */
export async function questionFigures(tx: ScopedTx, span: Span & { surveyId: string }) {
  const counts = await sql<{ invited: number; answered: number }>`
    select count(*)::int as invited, count(answered_at)::int as answered from survey_invitations where ${inSpan(span)}`.execute(tx);
  const questions = await sql<{ question_id: string; n: number; mean: number | null }>`
    select a.question_id, count(a.value)::int as n,
           avg(case when s.transform = 'share' then a.value::float8 / a.scale_max * 100 else (a.value - 1)::float8 / (a.scale_max - 1) * 100 end) as mean
    from survey_answers a
    join survey_invitations i on i.id = a.invitation_id
    join survey_surveys s on s.id = i.survey_id
    where i.survey_id = ${span.surveyId} and i.closed_on between ${span.from} and ${span.to} and i.answered_at is not null and a.value is not null
    group by a.question_id`.execute(tx);
  return { ...counts.rows[0]!, questions: questions.rows };
}

/** The years from the first invitation to the last, newest first. */
export async function yearsMeasured(tx: ScopedTx): Promise<number[]> {
  const result = await sql<{ first: number | null; last: number | null }>`
    select extract(year from min(closed_on))::int as first, extract(year from max(closed_on))::int as last from survey_invitations`.execute(tx);
  const { first, last } = result.rows[0] ?? { first: null, last: null };
  return first === null || last === null ? [] : Array.from({ length: last - first + 1 }, (_, index) => last - index);
}

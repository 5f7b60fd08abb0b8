/**
 * The results as Insikt publishes them, and beside them what no survey tool can show: the
 * same cases' measured waiting. Every figure carries its count and response rate, and none
 * is shown from fewer than seven answers.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { Catalogue } from "../../platform/db/catalogues.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError } from "../../platform/errors.js";
import { deskCategoryChoices, deskUnitNames } from "../desk/index.js";
import { figure, thresholds, waitingBands, type Figure } from "./nki.js";
import { spanOf } from "./periods.js";
import { authorizeSurvey, canSurvey } from "./policy.js";
import * as repo from "./results-repo.js";
import * as surveys from "./survey-repo.js";
import { areas, factors, totalAreas, type Area, type Factor, type SurveyKind } from "./tables.js";

export interface ResultRow {
  group: repo.GroupRow["group"];
  key: string | null;
  /** The group in words: an area's code, a unit's or a category's name, a half. */
  name: string;
  nki: Figure;
  factors: Record<Factor, Figure>;
}

export interface Results {
  year: number;
  half: 1 | 2 | null;
  surveyId: string | null;
  years: number[];
  surveys: Array<{ id: string; name_sv: string; name_en: string }>;
  rows: ResultRow[];
  waiting: Array<{ band: string; nki: Figure }>;
  scatter: Array<{ days: number; nki: number; on_time: boolean | null; n: number }>;
  breaches: Array<{ name: string; kept: Figure; breached: Figure; cost: number | null }>;
  texts: Awaited<ReturnType<typeof repo.freeTexts>> | null;
  /** A climate survey's figures: each scale question's index; null for surveys after cases. */
  climate: { rate: Figure; questions: Array<{ text_sv: string; text_en: string; kind: string; figure: Figure }> } | null;
}

/** The newest free texts the results page shows; the rest are a page of their own. */
const textLimit = 20;
export const textPageSize = 50;
export type FreeText = Awaited<ReturnType<typeof repo.freeTexts>>[number];

function levelOf(group: repo.GroupRow["group"]): "total" | "area" | "group" {
  return group === "all" || group === "insikt" ? "total" : group === "area" ? "area" : "group";
}

function toResult(row: repo.GroupRow, name: string): ResultRow {
  const level = levelOf(row.group);
  return {
    group: row.group,
    key: row.key,
    name,
    nki: figure(row.nki, row.nki_n, row.invited, level),
    factors: Object.fromEntries(factors.map((factor) => [factor, figure(row.factors[factor].mean, row.factors[factor].n, row.invited, level)])) as Record<
      Factor,
      Figure
    >,
  };
}

interface ResultsQuery {
  year: number;
  half: 1 | 2 | null;
  surveyId: string | null;
}

/**
 * A period's results are read by many and change only when an answer, an invitation or a
 * survey does: kept per municipality and query (`Catalogue`), dropped by any write to the
 * tables they are made from.
 */
const keptResults = new Catalogue<Results, string>(
  ["survey_invitations", "survey_answers", "survey_surveys", "survey_questions", "desk_categories", "org_units"],
  (tx, key) => {
    const { query, lang, texts } = JSON.parse(key) as { query: ResultsQuery; lang: "sv" | "en"; texts: boolean };
    return computeResults(tx, query, lang, texts);
  },
);

export async function results(ctx: OperationContext, query: ResultsQuery, lang: "sv" | "en"): Promise<Results> {
  authorizeSurvey(ctx.actor, "surveys.results");
  const key = JSON.stringify({ query: { year: query.year, half: query.half, surveyId: query.surveyId }, lang, texts: canSurvey(ctx.actor, "surveys.texts") });
  return inScope(ctx.db, ctx.scope, (tx) => keptResults.get(tx, key));
}

async function computeResults(tx: ScopedTx, query: ResultsQuery, lang: "sv" | "en", withTexts: boolean): Promise<Results> {
  const span = { ...spanOf(query.year, query.half), surveyId: query.surveyId };
  const surveyList = await surveys.surveyNames(tx);
  if (query.surveyId && !surveyList.some((survey) => survey.id === query.surveyId)) {
    throw new NotFoundError();
  }
  const chosen = surveyList.find((survey) => survey.id === query.surveyId);
  const units = await deskUnitNames(tx);
  const categories = new Map((await deskCategoryChoices(tx)).map((category) => [category.id, lang === "en" ? category.name_en : category.name_sv]));
  const nameOf = (row: repo.GroupRow) =>
    row.group === "unit" ? (units.get(row.key!) ?? "–") : row.group === "category" ? (categories.get(row.key!) ?? "–") : (row.key ?? "");
  const order: Record<repo.GroupRow["group"], number> = { all: 0, insikt: 1, half: 2, area: 3, unit: 4, category: 5 };
  const rows = (await repo.groupFigures(tx, span))
    .map((row) => toResult(row, nameOf(row)))
    .sort(
      (a, b) =>
        order[a.group] - order[b.group] ||
        (a.group === "area" ? areas.indexOf(a.key as Area) - areas.indexOf(b.key as Area) : a.name.localeCompare(b.name, "sv")),
    );
  const banded = new Map((await repo.nkiByWaiting(tx, span)).map((row) => [row.band, row]));
  const breaches = (await repo.nkiByBreach(tx, span))
    .map((row) => {
      const kept = figure(row.kept, row.kept_n, row.kept_n, "group");
      const breached = figure(row.breached, row.breached_n, row.breached_n, "group");
      return {
        name: categories.get(row.category_id) ?? "–",
        kept,
        breached,
        cost: kept.value !== null && breached.value !== null ? kept.value - breached.value : null,
      };
    })
    .sort((a, b) => (b.cost ?? Number.NEGATIVE_INFINITY) - (a.cost ?? Number.NEGATIVE_INFINITY));
  return {
    ...query,
    years: [...new Set([query.year, ...(await repo.yearsMeasured(tx))])].sort((a, b) => b - a),
    surveys: surveyList,
    rows,
    waiting: waitingBands.map((band) => {
      const row = banded.get(band.key);
      return { band: band.key, nki: figure(row?.nki ?? null, row?.n ?? 0, row?.n ?? 0, "group") };
    }),
    // Points are shown only when the period as a whole has enough answers to be shown at all.
    scatter: (rows.find((row) => row.group === "all")?.nki.answers ?? 0) >= thresholds.show ? await repo.scatterPoints(tx, span) : [],
    breaches,
    texts: withTexts ? await repo.freeTexts(tx, span, textLimit) : null,
    climate: chosen?.kind === "climate" ? await climateFigures(tx, { ...span, surveyId: chosen.id }) : null,
  };
}

async function climateFigures(tx: ScopedTx, span: repo.Span & { surveyId: string }): Promise<NonNullable<Results["climate"]>> {
  const { invited, answered, questions } = await repo.questionFigures(tx, span);
  const byQuestion = new Map(questions.map((row) => [row.question_id, row]));
  return {
    rate: figure(null, answered, invited, "total"),
    questions: (await surveys.questionsOf(tx, span.surveyId))
      .filter((question) => question.kind !== "text")
      .map((question) => {
        const row = byQuestion.get(question.id);
        return { text_sv: question.text_sv, text_en: question.text_en, kind: question.kind, figure: figure(row?.mean ?? null, row?.n ?? 0, invited, "total") };
      }),
  };
}

/** A page of a period's free texts, for staff. */
export async function textsPage(ctx: OperationContext, query: ResultsQuery, page: number): Promise<{ texts: FreeText[]; hasNext: boolean }> {
  authorizeSurvey(ctx.actor, "surveys.texts");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await repo.freeTexts(tx, { ...spanOf(query.year, query.half), surveyId: query.surveyId }, textPageSize + 1, (page - 1) * textPageSize);
    return { texts: rows.slice(0, textPageSize), hasNext: rows.length > textPageSize };
  });
}

/** Marks a business's free text in or out of publication. */
export async function markText(ctx: OperationContext, invitationId: string, questionId: string, hidden: boolean): Promise<void> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    if (!(await repo.markText(tx, invitationId, questionId, hidden))) {
      throw new NotFoundError();
    }
    await recordAudit(
      tx,
      ctx.actor,
      { action: hidden ? "text.hidden" : "text.shown", recordType: "survey_invitation", recordId: invitationId, changes: { question_id: questionId } },
      ctx.requestId,
    );
  });
}

/** The figures a programme indicator can take its yearly values from. */
export const indicatorFigures: Record<string, { column: "nki" | "climate" | Factor | "rate"; areas: readonly Area[] | null; kind: SurveyKind }> = {
  "surveys.nki_total": { column: "nki", areas: totalAreas, kind: "after_case" },
  ...Object.fromEntries(areas.map((area) => [`surveys.nki_${area}`, { column: "nki" as const, areas: [area], kind: "after_case" as const }])),
  ...Object.fromEntries(factors.map((factor) => [`surveys.factor_${factor}`, { column: factor, areas: null, kind: "after_case" as const }])),
  "surveys.response_rate": { column: "rate", areas: null, kind: "after_case" },
  "surveys.climate_index": { column: "climate", areas: null, kind: "climate" },
  "surveys.climate_rate": { column: "rate", areas: null, kind: "climate" },
};

/** A year's value, or null where Insikt's rules would show none (fewer than seven answers). */
export async function indicatorValue(db: Db, scope: Scope, key: string, year: number): Promise<number | null> {
  const source = indicatorFigures[key]!;
  return inScope(db, scope, async (tx) => {
    const row = await repo.yearFigure(
      tx,
      year,
      source.column === "rate" ? (source.kind === "climate" ? "climate" : "nki") : source.column,
      source.areas,
      source.kind,
    );
    if (source.column === "rate") {
      return row.invited > 0 ? Math.round((row.answered / row.invited) * 1000) / 10 : null;
    }
    return figure(row.mean, row.n, row.invited, source.areas === totalAreas ? "total" : "area").value;
  });
}

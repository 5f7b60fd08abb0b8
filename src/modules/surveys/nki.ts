/**
 * The arithmetic of service measurement, as SKR's Insikt publishes it where it is known
 * (`docs`: the module's README says what is not): each answer is turned into 0–100, a
 * respondent's NKI is the mean of the three overall questions, a group's figure is the mean
 * of its respondents', and a figure is shown only from enough answers.
 */
import type { Factor, QuestionCode, Transform } from "./tables.js";
import { factors, overallQuestions } from "./tables.js";

/**
 * An answer on 1..scaleMax as 0–100. `linear` puts the lowest step at 0 and the highest at
 * 100 (Insikt's published figures behave so on its 1–10 scale: (x − 1) / 9 × 100); `share`
 * is the answer's share of the highest step (x / 10 × 100), for a municipality that wants
 * its older figures continued.
 */
export function toIndex(value: number, scaleMax: number, transform: Transform): number {
  return transform === "share" ? (value / scaleMax) * 100 : ((value - 1) / (scaleMax - 1)) * 100;
}

export interface ScaledAnswer {
  code: QuestionCode | null;
  value: number | null;
  scaleMax: number | null;
}

export interface RespondentIndexes {
  /** Null unless all three overall questions are answered. */
  nki: number | null;
  factors: Record<Factor, number | null>;
  /** The business climate's summary grade as 0–100, in a climate survey. */
  climate: number | null;
}

/** One respondent's NKI and factor indexes from their raw answers. */
export function respondentIndexes(answers: readonly ScaledAnswer[], transform: Transform): RespondentIndexes {
  const indexOf = (code: QuestionCode): number | null => {
    const answer = answers.find((candidate) => candidate.code === code);
    return answer?.value != null && answer.scaleMax != null ? toIndex(answer.value, answer.scaleMax, transform) : null;
  };
  const overall = overallQuestions.map(indexOf);
  const complete = overall.every((value): value is number => value !== null);
  return {
    nki: complete ? round2(overall.reduce((sum, value) => sum + value, 0) / overall.length) : null,
    factors: Object.fromEntries(factors.map((factor) => [factor, nullableRound2(indexOf(factor))])) as Record<Factor, number | null>,
    climate: nullableRound2(indexOf("climate")),
  };
}

/** Insikt's publication rules (SKR 2021). */
export const thresholds = {
  /** No figure is shown from fewer answers. */
  show: 7,
  /** Answers an area needs to be compared nationally. */
  compare: 10,
  /** Answers the total NKI needs to be ranked. */
  ranking: 20,
  /** The response rate a total figure needs. */
  rateTotal: 0.4,
  /** The response rate an area's figure needs. */
  rateArea: 0.3,
} as const;

export const grades = ["very_high", "high", "approved", "low", "very_low"] as const;
export type Grade = (typeof grades)[number];

/** Insikt's grade bands on the rounded figure: above 80 very high, 70–80 high, 62–69 approved, 50–61 low, below 50 very low. */
export function gradeOf(value: number): Grade {
  const rounded = Math.round(value);
  if (rounded > 80) {
    return "very_high";
  }
  if (rounded >= 70) {
    return "high";
  }
  if (rounded >= 62) {
    return "approved";
  }
  if (rounded >= 50) {
    return "low";
  }
  return "very_low";
}

export type Level = "total" | "area" | "group";

/** A figure as it may be shown: the value only from enough answers, always with its count and response rate. */
export interface Figure {
  answers: number;
  invited: number;
  /** Null when too few answered to show it. */
  value: number | null;
  rate: number | null;
  grade: Grade | null;
  /** Enough answers for a national comparison (an area) or the ranking (the total). */
  comparable: boolean;
  /** The response rate meets the level's floor. */
  rateMet: boolean;
}

/** A group's figure from its respondents' mean (null when nobody answered), their count and the invitations behind it. */
export function figure(mean: number | null, answers: number, invited: number, level: Level): Figure {
  const shown = mean !== null && answers >= thresholds.show;
  const rate = invited > 0 ? answers / invited : null;
  const rateFloor = level === "total" ? thresholds.rateTotal : thresholds.rateArea;
  return {
    answers,
    invited,
    value: shown ? Math.round(mean) : null,
    rate,
    grade: shown ? gradeOf(mean) : null,
    comparable: level === "total" ? answers >= thresholds.ranking : level === "area" ? answers >= thresholds.compare : false,
    rateMet: rate !== null && rate >= rateFloor,
  };
}

/** Business days to decision, in the bands the waiting comparison uses. */
export const waitingBands = [
  { key: "0-5", upTo: 5 },
  { key: "6-10", upTo: 10 },
  { key: "11-20", upTo: 20 },
  { key: "21-40", upTo: 40 },
  { key: "41-", upTo: Number.POSITIVE_INFINITY },
] as const;
export type WaitingBand = (typeof waitingBands)[number]["key"];

export function waitingBandOf(days: number): WaitingBand {
  return waitingBands.find((band) => Math.ceil(days) <= band.upTo)!.key;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function nullableRound2(value: number | null): number | null {
  return value === null ? null : round2(value);
}

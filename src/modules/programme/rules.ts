/**
 * The programme's rules as pure functions: progress, roll-up, indicator status, the lock
 * on an adopted programme, the phase of a period and what a copy carries over. The
 * services apply them; `rules.test.ts` is written from the rules table.
 */
import type { Direction, ProgrammeStatus } from "./tables.js";

export interface StatusChoice {
  id: string;
  default_progress: number;
}

/**
 * The progress after an update: a progress set by hand wins; otherwise a new status sets
 * its default; otherwise the progress stays.
 */
export function progressAfterUpdate(
  current: { status_id: string; progress: number },
  update: { status_id: string; progress: number | null },
  statuses: readonly StatusChoice[],
): number {
  if (update.progress !== null) {
    return update.progress;
  }
  if (update.status_id !== current.status_id) {
    return statuses.find((status) => status.id === update.status_id)?.default_progress ?? current.progress;
  }
  return current.progress;
}

/** The weight-weighted mean progress of actions; no actions means no value, not 0. */
export function rollUp(actions: ReadonlyArray<{ progress: number; weight: number }>): number | null {
  const totalWeight = actions.reduce((sum, action) => sum + action.weight, 0);
  if (actions.length === 0 || totalWeight <= 0) {
    return null;
  }
  return actions.reduce((sum, action) => sum + action.progress * action.weight, 0) / totalWeight;
}

export type IndicatorStatus = "green" | "amber" | "red" | "grey";

/**
 * A value against its year's target: on target or better is green; better than the
 * baseline but short of the target is amber; at or worse than the baseline is red; no
 * target or no value is grey. Without a baseline a value short of target is amber: there
 * is nothing to call it a decline against.
 */
export function indicatorStatus(direction: Direction, baseline: number | null, target: number | null, value: number | null): IndicatorStatus {
  if (target === null || value === null) {
    return "grey";
  }
  const better = (a: number, b: number) => (direction === "higher" ? a > b : a < b);
  if (value === target || better(value, target)) {
    return "green";
  }
  if (baseline === null || better(value, baseline)) {
    return "amber";
  }
  return "red";
}

export interface PeriodValue {
  year: number;
  quarter: number | null;
  value: number;
}

/** Orders periods in time: the quarters of a year, then the whole year (which ends with Q4). */
const periodKey = (period: { year: number; quarter: number | null }) => period.year * 10 + (period.quarter ?? 5);

/** The latest value within a year: the whole year's value when there is one, else the latest quarter. */
export function latestValueInYear<T extends PeriodValue>(values: readonly T[], year: number): T | null {
  return latest(values.filter((value) => value.year === year));
}

/** The latest value of all. */
export function latest<T extends PeriodValue>(values: readonly T[]): T | null {
  return values.reduce<T | null>((found, value) => (found === null || periodKey(value) > periodKey(found) ? value : found), null);
}

export type Phase = "upcoming" | "current" | "ended";

/** Where a period stands on a day: before it starts, within it, or after its last year. */
export function phaseOf(period: { start_year: number; end_year: number }, today: Date): Phase {
  const year = today.getFullYear();
  if (year < period.start_year) {
    return "upcoming";
  }
  return year > period.end_year ? "ended" : "current";
}

/**
 * The year owners report on by default: the last year that has ended, within the period;
 * in the first year of a period, that year. None before the period starts.
 */
export function reportingYear(period: { start_year: number; end_year: number }, today: Date): number | null {
  const year = today.getFullYear();
  if (year < period.start_year) {
    return null;
  }
  return Math.max(period.start_year, Math.min(period.end_year, year - 1));
}

/** The years of a period, first to last. */
export function yearsOf(period: { start_year: number; end_year: number }): number[] {
  return Array.from({ length: period.end_year - period.start_year + 1 }, (_, index) => period.start_year + index);
}

/**
 * Whether the structure (focus areas, actions, indicators, targets, commitments) is locked:
 * an adopted programme is, until an administrator unlocks it; an archived one always is.
 */
export function structureLocked(programme: { status: ProgrammeStatus; unlocked_at: Date | null }): boolean {
  return programme.status === "archived" || (programme.status === "adopted" && programme.unlocked_at === null);
}

/** Whether follow-up (status, progress, values, notes, summaries) is open: not on an archived programme. */
export function followUpOpen(programme: { status: ProgrammeStatus }): boolean {
  return programme.status !== "archived";
}

/** The status changes a programme allows. */
export function canMoveTo(from: ProgrammeStatus, to: ProgrammeStatus): boolean {
  return (from === "draft" && to === "adopted") || (from === "adopted" && to === "archived") || (from === "archived" && to === "adopted");
}

/**
 * What a copy to a new period carries: the open actions only; each indicator with the
 * latest value as its baseline (or its old baseline when it has no value), no targets.
 */
export function copyPlan<Action extends { closed: boolean }, Indicator extends { baseline_value: number | null; baseline_year: number | null }>(
  actions: readonly Action[],
  indicators: ReadonlyArray<{ indicator: Indicator; values: readonly PeriodValue[] }>,
): { actions: Action[]; indicators: Array<Indicator & { baseline_value: number | null; baseline_year: number | null }> } {
  return {
    actions: actions.filter((action) => !action.closed),
    indicators: indicators.map(({ indicator, values }) => {
      const newest = latest(values);
      return newest ? { ...indicator, baseline_value: newest.value, baseline_year: newest.year } : { ...indicator };
    }),
  };
}

/**
 * The desk's clocks as pure functions of a case, its policy, the municipality's calendar
 * and the time: service-level due times and warnings, pauses while the case waits for the
 * business, the measured durations, and the statutory clocks (PBL 9 kap. 27 §, PBL 12 kap.
 * 8 a §, Förvaltningslagen 11–12 §§). The service stores what these return on the case.
 */
import {
  addBusinessDays,
  addBusinessMinutes,
  addMonths,
  businessMinutesBetween,
  minutesPerBusinessDay,
  statutoryDeadline,
  subtractBusinessMinutes,
  type BusinessCalendar,
} from "../../platform/sweden/business-calendar.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import type { CaseStatus, StatutoryKind, TargetUnit } from "./tables.js";

export interface ClockPolicy {
  target_unit: TargetUnit;
  first_response_target: number | null;
  update_target: number | null;
  resolution_target: number | null;
}

export interface ClockSettings {
  calendar: BusinessCalendar;
  /** At this share of a target the assignee is warned (0.8 = 80 %). */
  warnShare: number;
}

/** The clock fields of a case. */
export interface CaseClocks {
  status: CaseStatus;
  created_at: Date;
  first_response_due_at: Date | null;
  update_due_at: Date | null;
  resolution_due_at: Date | null;
  next_due_at: Date | null;
  next_warn_at: Date | null;
  first_responded_at: Date | null;
  first_response_minutes: number | null;
  first_response_on_time: boolean | null;
  last_reply_at: Date | null;
  resolved_at: Date | null;
  resolution_minutes: number | null;
  resolution_on_time: boolean | null;
  paused_at: Date | null;
  paused_minutes: number;
}

export type SlaState = "on_time" | "warning" | "breached" | "paused" | "none";
export const slaStates: readonly SlaState[] = ["on_time", "warning", "breached", "paused"];

function targetMinutes(settings: ClockSettings, policy: ClockPolicy, target: number): number {
  return policy.target_unit === "days" ? target * minutesPerBusinessDay(settings.calendar) : target;
}

/** When a target counted from `start` falls due. */
export function dueAfter(settings: ClockSettings, policy: ClockPolicy, start: Date, target: number | null): Date | null {
  if (target === null) {
    return null;
  }
  return policy.target_unit === "days" ? addBusinessDays(settings.calendar, start, target) : addBusinessMinutes(settings.calendar, start, target);
}

/** The clocks of a new case. */
export function openClocks(settings: ClockSettings, policy: ClockPolicy, createdAt: Date): CaseClocks {
  return withNext(settings, policy, {
    status: "new",
    created_at: createdAt,
    first_response_due_at: dueAfter(settings, policy, createdAt, policy.first_response_target),
    update_due_at: null,
    resolution_due_at: dueAfter(settings, policy, createdAt, policy.resolution_target),
    next_due_at: null,
    next_warn_at: null,
    first_responded_at: null,
    first_response_minutes: null,
    first_response_on_time: null,
    last_reply_at: null,
    resolved_at: null,
    resolution_minutes: null,
    resolution_on_time: null,
    paused_at: null,
    paused_minutes: 0,
  });
}

/** The deadline that comes first among those still running, and when to warn of it. */
export function withNext(settings: ClockSettings, policy: ClockPolicy, clocks: CaseClocks): CaseClocks {
  if (clocks.status !== "new" && clocks.status !== "open") {
    return { ...clocks, next_due_at: null, next_warn_at: null };
  }
  const pending: Array<{ due: Date; target: number }> = [];
  if (!clocks.first_responded_at && clocks.first_response_due_at && policy.first_response_target) {
    pending.push({ due: clocks.first_response_due_at, target: policy.first_response_target });
  }
  if (clocks.first_responded_at && clocks.update_due_at && policy.update_target) {
    pending.push({ due: clocks.update_due_at, target: policy.update_target });
  }
  if (!clocks.resolved_at && clocks.resolution_due_at && policy.resolution_target) {
    pending.push({ due: clocks.resolution_due_at, target: policy.resolution_target });
  }
  if (pending.length === 0) {
    return { ...clocks, next_due_at: null, next_warn_at: null };
  }
  const warnings = pending.map(({ due, target }) =>
    subtractBusinessMinutes(settings.calendar, due, Math.round(targetMinutes(settings, policy, target) * (1 - settings.warnShare))),
  );
  return {
    ...clocks,
    next_due_at: new Date(Math.min(...pending.map((item) => item.due.getTime()))),
    next_warn_at: new Date(Math.min(...warnings.map((warn) => warn.getTime()))),
  };
}

/** A reply to the business: the first response is measured; the update clock starts again. */
export function replied(settings: ClockSettings, policy: ClockPolicy, clocks: CaseClocks, now: Date): CaseClocks {
  const first = clocks.first_responded_at === null;
  return withNext(settings, policy, {
    ...clocks,
    status: clocks.status === "new" ? "open" : clocks.status,
    first_responded_at: first ? now : clocks.first_responded_at,
    first_response_minutes: first
      ? Math.max(0, businessMinutesBetween(settings.calendar, clocks.created_at, now) - clocks.paused_minutes)
      : clocks.first_response_minutes,
    first_response_on_time: first ? (clocks.first_response_due_at ? now <= clocks.first_response_due_at : null) : clocks.first_response_on_time,
    update_due_at: dueAfter(settings, policy, now, policy.update_target),
    last_reply_at: now,
  });
}

const paused = (status: CaseStatus) => status === "waiting" || status === "resolved" || status === "closed";

/**
 * A change of status. Waiting for the business, resolved and closed stop the clocks;
 * coming back from them moves every running deadline on by the business time stopped.
 */
export function statusChanged(settings: ClockSettings, policy: ClockPolicy, clocks: CaseClocks, status: CaseStatus, now: Date): CaseClocks {
  let next: CaseClocks = { ...clocks, status };
  if (status === "resolved" && !clocks.resolved_at) {
    next = {
      ...next,
      resolved_at: now,
      resolution_minutes: Math.max(
        0,
        businessMinutesBetween(settings.calendar, clocks.created_at, now) -
          clocks.paused_minutes -
          (clocks.paused_at ? businessMinutesBetween(settings.calendar, clocks.paused_at, now) : 0),
      ),
      resolution_on_time: clocks.resolution_due_at ? now <= clocks.resolution_due_at : null,
    };
  }
  if ((status === "new" || status === "open" || status === "waiting") && clocks.resolved_at) {
    next = { ...next, resolved_at: null, resolution_minutes: null, resolution_on_time: null };
  }
  if (paused(status) && !clocks.paused_at) {
    next.paused_at = now;
  }
  if (!paused(status) && clocks.paused_at) {
    const stopped = businessMinutesBetween(settings.calendar, clocks.paused_at, now);
    const shift = (due: Date | null) =>
      due && due > clocks.paused_at! ? addBusinessMinutes(settings.calendar, now, businessMinutesBetween(settings.calendar, clocks.paused_at!, due)) : due;
    next = {
      ...next,
      paused_at: null,
      paused_minutes: clocks.paused_minutes + stopped,
      first_response_due_at: clocks.first_responded_at ? clocks.first_response_due_at : shift(clocks.first_response_due_at),
      update_due_at: shift(clocks.update_due_at),
      resolution_due_at: shift(clocks.resolution_due_at),
    };
  }
  return withNext(settings, policy, next);
}

/** Where a case stands against its next deadline. */
export function slaState(clocks: Pick<CaseClocks, "status" | "next_due_at" | "next_warn_at">, now: Date): SlaState {
  if (clocks.status === "waiting") {
    return "paused";
  }
  if (!clocks.next_due_at) {
    return "none";
  }
  if (clocks.next_due_at <= now) {
    return "breached";
  }
  return clocks.next_warn_at && clocks.next_warn_at <= now ? "warning" : "on_time";
}

/** Business minutes left to a deadline (negative once passed). */
export function minutesLeft(settings: ClockSettings, due: Date, now: Date): number {
  return due >= now ? businessMinutesBetween(settings.calendar, now, due) : -businessMinutesBetween(settings.calendar, due, now);
}

// ----- Statutory clocks -------------------------------------------------------------------

/** PBL 9 kap. 27 §: ten weeks for bygglov and förhandsbesked, four for a startbesked after an anmälan; once extendable by as much. */
export const statutoryWeeks: Record<StatutoryKind, number> = { pbl_decision: 10, pbl_notice: 4 };

export interface StatutoryClock {
  kind: StatutoryKind;
  /** The day the application was complete (or received), from which the time runs. */
  from: string;
  dueOn: string;
  extensionWeeks: number;
  /** Started weeks past the last day, and the fifths of the fee that are lost (PBL 12 kap. 8 a §). */
  weeksLate: number;
  feeReductionFifths: number;
}

export function swedishDate(instant: Date): string {
  return stockholmParts(instant).date;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The statutory clock of a case on a PBL category, as of `today` (or its decision day). */
export function statutoryClock(
  kind: StatutoryKind,
  input: { createdOn: string; completeOn: string | null; extensionWeeks: number; decidedOn: string | null },
  today: string,
): StatutoryClock {
  const from = input.completeOn ?? input.createdOn;
  const dueOn = statutoryDeadline(from, statutoryWeeks[kind] + input.extensionWeeks);
  const end = input.decidedOn ?? today;
  const late = daysBetween(dueOn, end);
  const weeksLate = late > 0 ? Math.ceil(late / 7) : 0;
  return { kind, from, dueOn, extensionWeeks: input.extensionWeeks, weeksLate, feeReductionFifths: Math.min(5, weeksLate) };
}

/** Förvaltningslagen 12 §: after six months without a decision the party may demand one. */
export function sixMonthsOn(createdOn: string): string {
  return addMonths(createdOn, 6);
}

/** … and the authority then has four weeks to decide or reject the demand. */
export function demandDueOn(demandedOn: string): string {
  return statutoryDeadline(demandedOn, 4);
}

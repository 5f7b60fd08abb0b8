/**
 * When a survey's cases are asked, in Swedish wall-clock time: as each closes, or in a batch
 * once the month or quarter they closed in has ended. The period is also the span in which
 * a business is asked at most once.
 */
import { stockholmInstant, stockholmParts } from "../../platform/sweden/time.js";
import type { Timing } from "./tables.js";

/** The period a case closed on a Swedish date falls in: `2026-12` by month, `2026-Q4` by quarter. */
export function periodOf(timing: Timing, date: string): string {
  const [year, month] = [date.slice(0, 4), Number(date.slice(5, 7))];
  if (timing === "yearly") {
    return year;
  }
  return timing === "quarterly" ? `${year}-Q${Math.ceil(month / 3)}` : `${year}-${date.slice(5, 7)}`;
}

/** Cases closed up to this instant may be asked now: now for each case, the start of the current month or quarter for a batch. */
export function askUpTo(timing: Timing, now: Date): Date {
  if (timing === "closing") {
    return now;
  }
  const today = stockholmParts(now).date;
  const month = Number(today.slice(5, 7));
  const first = timing === "quarterly" ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  return stockholmInstant(`${today.slice(0, 4)}-${String(first).padStart(2, "0")}-01`, "00:00");
}

/** The first and last day of a year, or of its first or second half. */
export function spanOf(year: number, half: 1 | 2 | null): { from: string; to: string } {
  if (half === 1) {
    return { from: `${year}-01-01`, to: `${year}-06-30` };
  }
  if (half === 2) {
    return { from: `${year}-07-01`, to: `${year}-12-31` };
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

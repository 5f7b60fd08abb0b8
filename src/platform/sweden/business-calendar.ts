/**
 * Business time in Sweden: a municipality's opening hours, the Swedish public holidays and
 * the de facto free eves (midsommarafton, julafton, nyårsafton), and its own closed days.
 * Service-level clocks count business minutes on it; statutory last days roll over by the
 * national rule (Lag (1930:173) om beräkning av lagstadgad tid), whatever the opening hours.
 */
import Holidays from "date-holidays";
import { stockholmInstant, stockholmParts } from "./time.js";

/** Opening hours of one weekday as `HH:MM` strings, or `null` when closed. */
export type DayHours = { opens: string; closes: string } | null;

export interface BusinessCalendar {
  /** Monday first: index 0 is Monday, 6 is Sunday. */
  hours: readonly DayHours[];
  /** Extra closed days (`YYYY-MM-DD`), e.g. a bridge day the municipality closes. */
  closedDays: readonly string[];
}

/** Office hours most Swedish municipalities keep: weekdays 08:00–16:30. */
export const standardCalendar: BusinessCalendar = {
  hours: [...Array(5).fill({ opens: "08:00", closes: "16:30" }), null, null],
  closedDays: [],
};

const holidays = new Holidays("SE");
const freeDaysByYear = new Map<number, Map<string, string>>();

/**
 * Days off by law or by custom in a year, with their Swedish names: `public` holidays and
 * the eves date-holidays types `bank` (midsommarafton, julafton, nyårsafton).
 */
export function swedishDaysOff(year: number): Map<string, string> {
  let days = freeDaysByYear.get(year);
  if (!days) {
    days = new Map();
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type === "public" || holiday.type === "bank") {
        days.set(holiday.date.slice(0, 10), holiday.name);
      }
    }
    freeDaysByYear.set(year, days);
  }
  return days;
}

/** ISO weekday, Monday 0 … Sunday 6, of a calendar date. */
function weekdayIndex(date: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

export function nextDate(date: string, days = 1): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function isSwedishDayOff(date: string): boolean {
  const weekday = weekdayIndex(date);
  return weekday >= 5 || swedishDaysOff(Number(date.slice(0, 4))).has(date);
}

/** Whether the municipality is open on a date. */
export function isWorkingDay(calendar: BusinessCalendar, date: string): boolean {
  return calendar.hours[weekdayIndex(date)] != null && !swedishDaysOff(Number(date.slice(0, 4))).has(date) && !calendar.closedDays.includes(date);
}

/** The open interval of a date as instants, or null when closed. */
function openInterval(calendar: BusinessCalendar, date: string): [number, number] | null {
  const hours = calendar.hours[weekdayIndex(date)];
  if (!hours || !isWorkingDay(calendar, date)) {
    return null;
  }
  return [stockholmInstant(date, hours.opens).getTime(), stockholmInstant(date, hours.closes).getTime()];
}

// No calendar has ten years without an open day; the bound keeps a bad calendar from looping.
const searchDays = 3660;

/** The instant `minutes` business minutes after `start`. */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  let remaining = minutes * 60_000;
  let date = stockholmParts(start).date;
  for (let day = 0; day < searchDays; day++, date = nextDate(date)) {
    const interval = openInterval(calendar, date);
    if (!interval) {
      continue;
    }
    const from = Math.max(interval[0], start.getTime());
    if (from >= interval[1]) {
      continue;
    }
    if (remaining <= interval[1] - from) {
      return new Date(from + remaining);
    }
    remaining -= interval[1] - from;
  }
  throw new Error("The business calendar has no open hours");
}

/** The instant `minutes` business minutes before `end` (a warning ahead of a deadline). */
export function subtractBusinessMinutes(calendar: BusinessCalendar, end: Date, minutes: number): Date {
  let remaining = minutes * 60_000;
  let date = stockholmParts(end).date;
  for (let day = 0; day < searchDays; day++, date = nextDate(date, -1)) {
    const interval = openInterval(calendar, date);
    if (!interval) {
      continue;
    }
    const to = Math.min(interval[1], end.getTime());
    if (to <= interval[0]) {
      continue;
    }
    if (remaining <= to - interval[0]) {
      return new Date(to - remaining);
    }
    remaining -= to - interval[0];
  }
  throw new Error("The business calendar has no open hours");
}

/** The open minutes of an average working week day: what "a business day" weighs in minutes. */
export function minutesPerBusinessDay(calendar: BusinessCalendar): number {
  const open = calendar.hours
    .filter((hours): hours is NonNullable<DayHours> => hours !== null)
    .map((hours) => minutesOf(hours.closes) - minutesOf(hours.opens));
  return open.length === 0 ? 0 : Math.round(open.reduce((a, b) => a + b, 0) / open.length);
}

function minutesOf(time: string): number {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return hour * 60 + minute;
}

/** Business minutes between two instants (0 when `end` is not after `start`). */
export function businessMinutesBetween(calendar: BusinessCalendar, start: Date, end: Date): number {
  if (end <= start) {
    return 0;
  }
  return Math.round((businessMillisUntil(calendar, end) - businessMillisUntil(calendar, start)) / 60_000);
}

// Business time from a fixed day to an instant, by running totals of open time per day kept
// per calendar: every inbox row asks how long is left to its deadline, and a deadline weeks
// away (or weeks past) would otherwise walk the calendar day by day for each row.
const epochDay = Date.UTC(2000, 0, 1) / 86_400_000;
const runningTotals = new Map<string, number[]>();
// A calendar's key by the object: asked twice for every row of a page, so worked out once. Calendars are not changed in place.
const calendarKeys = new WeakMap<BusinessCalendar, string>();

function dayNumber(date: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / 86_400_000 - epochDay;
}

function dateOfDay(dayIndex: number): string {
  return new Date((dayIndex + epochDay) * 86_400_000).toISOString().slice(0, 10);
}

/** Open milliseconds from 2000-01-01 to the start of a day (index 0 is that day). */
function openBefore(calendar: BusinessCalendar, dayIndex: number): number {
  let key = calendarKeys.get(calendar);
  if (key === undefined) {
    key = JSON.stringify(calendar);
    calendarKeys.set(calendar, key);
  }
  let totals = runningTotals.get(key);
  if (!totals) {
    if (runningTotals.size >= 100) {
      runningTotals.clear();
    }
    totals = [0];
    runningTotals.set(key, totals);
  }
  while (totals.length <= dayIndex) {
    const day = totals.length - 1;
    const interval = openInterval(calendar, dateOfDay(day));
    totals.push(totals[day]! + (interval ? interval[1] - interval[0] : 0));
  }
  return totals[dayIndex]!;
}

function businessMillisUntil(calendar: BusinessCalendar, instant: Date): number {
  const date = stockholmParts(instant).date;
  const dayIndex = dayNumber(date);
  if (dayIndex < 0) {
    throw new Error("Business time is counted from the year 2000");
  }
  const interval = openInterval(calendar, date);
  const today = interval ? Math.max(0, Math.min(interval[1], instant.getTime()) - interval[0]) : 0;
  return openBefore(calendar, dayIndex) + today;
}

/**
 * The close of the `days`-th working day after the one `start` falls on: "within two
 * working days" of a question on Monday means by Wednesday's closing time.
 */
export function addBusinessDays(calendar: BusinessCalendar, start: Date, days: number): Date {
  let date = stockholmParts(start).date;
  let counted = 0;
  for (let step = 0; step < searchDays; step++) {
    date = nextDate(date);
    if (isWorkingDay(calendar, date) && ++counted >= days) {
      return stockholmInstant(date, calendar.hours[weekdayIndex(date)]!.closes);
    }
  }
  throw new Error("The business calendar has no open days");
}

/**
 * A statutory last day: one that falls on a Saturday, Sunday, public holiday,
 * midsommarafton, julafton or nyårsafton moves to the next day that is none of these
 * (Lag (1930:173) 2 §). The municipality's own closed days do not move the law.
 */
export function statutoryLastDay(date: string): string {
  let day = date;
  while (isSwedishDayOff(day)) {
    day = nextDate(day);
  }
  return day;
}

/** The calendar date `weeks` weeks after a date, rolled over as the law says. */
export function statutoryDeadline(from: string, weeks: number): string {
  return statutoryLastDay(nextDate(from, weeks * 7));
}

/** The date `months` months after a date (the same day number, or the month's last day). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

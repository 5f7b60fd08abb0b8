import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addBusinessMinutes,
  subtractBusinessMinutes,
  minutesPerBusinessDay,
  addMonths,
  businessMinutesBetween,
  isWorkingDay,
  standardCalendar,
  statutoryDeadline,
  statutoryLastDay,
  swedishDaysOff,
  type BusinessCalendar,
} from "./business-calendar.js";
import { stockholmInstant, stockholmParts } from "./time.js";

const at = (date: string, time: string) => stockholmInstant(date, time);
const read = (instant: Date) => {
  const parts = stockholmParts(instant);
  return `${parts.date} ${parts.time}`;
};

describe("Swedish days off", () => {
  it("has Easter, midsommar and Christmas with the free eves, and not Saturdays' eves like påskafton", () => {
    const days = swedishDaysOff(2026);
    for (const date of ["2026-04-03", "2026-04-06", "2026-06-19", "2026-06-20", "2026-12-24", "2026-12-31", "2026-05-14"]) {
      expect(days.has(date), date).toBe(true);
    }
    expect(days.has("2026-04-02")).toBe(false); // skärtorsdagen is a working day
    expect(isWorkingDay(standardCalendar, "2026-04-02")).toBe(true);
    expect(isWorkingDay(standardCalendar, "2026-06-19")).toBe(false);
  });
});

describe("business minutes", () => {
  it("a case opened Friday 16:55, after closing, with a four-hour target is due Monday 12:00", () => {
    const due = addBusinessMinutes(standardCalendar, at("2026-11-27", "16:55"), 240);
    expect(read(due)).toBe("2026-11-30 12:00");
    expect(businessMinutesBetween(standardCalendar, at("2026-11-27", "16:55"), due)).toBe(240);
  });

  it("a question asked on a Saturday starts counting at Monday's opening", () => {
    expect(read(addBusinessMinutes(standardCalendar, at("2026-11-28", "10:00"), 30))).toBe("2026-11-30 08:30");
  });

  it("skips Easter: Thursday before långfredagen to the Tuesday after annandag påsk", () => {
    expect(read(addBusinessMinutes(standardCalendar, at("2026-04-02", "16:00"), 60))).toBe("2026-04-07 08:30");
    expect(businessMinutesBetween(standardCalendar, at("2026-04-02", "16:00"), at("2026-04-07", "09:00"))).toBe(90);
  });

  it("skips midsommarafton, a Friday", () => {
    expect(read(addBusinessMinutes(standardCalendar, at("2026-06-18", "16:00"), 60))).toBe("2026-06-22 08:30");
  });

  it("a pause over Christmas counts only the working days between", () => {
    // Paused 2026-12-23 12:00, resumed 2027-01-07 09:00: 23rd afternoon, 28–30 Dec, 4–5 Jan, 7th morning (6th is trettondedag jul).
    const minutes = businessMinutesBetween(standardCalendar, at("2026-12-23", "12:00"), at("2027-01-07", "09:00"));
    const day = 510;
    expect(minutes).toBe(270 + 3 * day + 2 * day + 60);
  });

  it("counts across the change to summer time by the wall clock", () => {
    // Friday 2026-03-27 16:00 → Monday 2026-03-30 (clocks went forward on Sunday the 29th).
    expect(read(addBusinessMinutes(standardCalendar, at("2026-03-27", "16:00"), 60))).toBe("2026-03-30 08:30");
  });

  it("honours the municipality's own closed days and short days", () => {
    const calendar: BusinessCalendar = {
      hours: [...standardCalendar.hours.slice(0, 4), { opens: "08:00", closes: "15:00" }, null, null],
      closedDays: ["2026-11-30"],
    };
    expect(read(addBusinessMinutes(calendar, at("2026-11-27", "14:30"), 60))).toBe("2026-12-01 08:30");
  });

  it("counts back over a weekend for a warning ahead of a deadline", () => {
    expect(read(subtractBusinessMinutes(standardCalendar, at("2026-11-30", "09:00"), 120))).toBe("2026-11-27 15:30");
    expect(minutesPerBusinessDay(standardCalendar)).toBe(510);
  });

  it("business days end at the closing time of the n-th working day", () => {
    expect(read(addBusinessDays(standardCalendar, at("2026-12-23", "10:00"), 2))).toBe("2026-12-29 16:30");
  });
});

describe("statutory time (Lag 1930:173)", () => {
  it("moves a last day on a weekend, holiday or free eve to the next working day", () => {
    expect(statutoryLastDay("2026-06-19")).toBe("2026-06-22"); // midsommarafton → Monday
    expect(statutoryLastDay("2026-12-24")).toBe("2026-12-28"); // julafton → past juldagen, annandag, Sunday
    expect(statutoryLastDay("2026-12-31")).toBe("2027-01-04");
    expect(statutoryLastDay("2026-11-25")).toBe("2026-11-25");
  });

  it("ten weeks from a complete application", () => {
    expect(statutoryDeadline("2026-10-15", 10)).toBe("2026-12-28"); // lands on julafton
    expect(statutoryDeadline("2026-09-02", 10)).toBe("2026-11-11");
  });

  it("six months later, at the month's end when the day does not exist", () => {
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2026-01-15", 6)).toBe("2026-07-15");
  });
});

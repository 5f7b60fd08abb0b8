import { describe, expect, it } from "vitest";
import { standardCalendar } from "../../platform/sweden/business-calendar.js";
import { stockholmInstant, stockholmParts } from "../../platform/sweden/time.js";
import {
  demandDueOn,
  minutesLeft,
  openClocks,
  replied,
  sixMonthsOn,
  slaState,
  statusChanged,
  statutoryClock,
  type ClockPolicy,
  type ClockSettings,
} from "./clocks.js";

const settings: ClockSettings = { calendar: standardCalendar, warnShare: 0.8 };
const hours: ClockPolicy = { target_unit: "minutes", first_response_target: 240, update_target: 2 * 510, resolution_target: 10 * 510 };
const days: ClockPolicy = { target_unit: "days", first_response_target: 1, update_target: null, resolution_target: 5 };
const at = (date: string, time: string) => stockholmInstant(date, time);
const read = (instant: Date | null) => (instant ? `${stockholmParts(instant).date} ${stockholmParts(instant).time}` : null);

describe("service-level clocks", () => {
  it("a case opened Friday 16:55 is due for a first response Monday 12:00, warned at 80 % of the target", () => {
    const clocks = openClocks(settings, hours, at("2026-11-27", "16:55"));
    expect(read(clocks.first_response_due_at)).toBe("2026-11-30 12:00");
    expect(read(clocks.next_due_at)).toBe("2026-11-30 12:00");
    expect(read(clocks.next_warn_at)).toBe("2026-11-30 11:12"); // 48 minutes (20 % of 4 h) before
    expect(slaState(clocks, at("2026-11-30", "10:00"))).toBe("on_time");
    expect(slaState(clocks, at("2026-11-30", "11:30"))).toBe("warning");
    expect(slaState(clocks, at("2026-11-30", "12:00"))).toBe("breached");
  });

  it("measures the first response in business minutes and starts the update clock", () => {
    const opened = openClocks(settings, hours, at("2026-11-27", "16:55"));
    const answered = replied(settings, hours, opened, at("2026-11-30", "09:00"));
    expect(answered).toMatchObject({ status: "open", first_response_minutes: 60, first_response_on_time: true });
    expect(read(answered.update_due_at)).toBe("2026-12-02 09:00");
    expect(read(answered.next_due_at)).toBe("2026-12-02 09:00");
    const late = replied(settings, hours, opened, at("2026-11-30", "13:00"));
    expect(late.first_response_on_time).toBe(false);
  });

  it("stops while the case waits for the business over Christmas, and moves the deadlines on by the time stopped", () => {
    const opened = replied(settings, hours, openClocks(settings, hours, at("2026-12-21", "09:00")), at("2026-12-21", "10:00"));
    expect(read(opened.resolution_due_at)).toBe("2027-01-11 09:00");
    const waiting = statusChanged(settings, hours, opened, "waiting", at("2026-12-22", "09:00"));
    expect(waiting.next_due_at).toBeNull();
    expect(slaState(waiting, at("2027-01-20", "09:00"))).toBe("paused");
    const resumed = statusChanged(settings, hours, waiting, "open", at("2027-01-11", "09:00"));
    // Stopped from 22 Dec 09:00 to 11 Jan 09:00: 22, 23, 28, 29, 30 Dec, 2, 5, 7, 8 Jan = 9 business days.
    expect(resumed.paused_minutes).toBe(9 * 510);
    expect(read(resumed.resolution_due_at)).toBe("2027-01-22 09:00");
    const resolved = statusChanged(settings, hours, resumed, "resolved", at("2027-01-12", "09:00"));
    // 21 Dec 09:00 → 12 Jan 09:00 is 5 610 business minutes, of which 4 590 stopped.
    expect(resolved.resolution_minutes).toBe(1020);
    expect(resolved.resolution_on_time).toBe(true);
    expect(resolved.next_due_at).toBeNull();
  });

  it("counts targets in business days to the close of the day", () => {
    const clocks = openClocks(settings, days, at("2026-06-18", "10:00"));
    expect(read(clocks.first_response_due_at)).toBe("2026-06-22 16:30"); // midsommarafton is skipped
    expect(read(clocks.resolution_due_at)).toBe("2026-06-26 16:30");
  });

  it("tells the time left in business minutes, negative when passed", () => {
    expect(minutesLeft(settings, at("2026-11-30", "09:00"), at("2026-11-27", "16:00"))).toBe(90);
    expect(minutesLeft(settings, at("2026-11-27", "16:00"), at("2026-11-30", "09:00"))).toBe(-90);
  });
});

describe("statutory clocks", () => {
  it("bygglov: ten weeks from the complete application, rolled past julafton", () => {
    const clock = statutoryClock("pbl_decision", { createdOn: "2026-10-01", completeOn: "2026-10-15", extensionWeeks: 0, decidedOn: null }, "2026-11-27");
    expect(clock).toMatchObject({ from: "2026-10-15", dueOn: "2026-12-28", weeksLate: 0, feeReductionFifths: 0 });
  });

  it("an extension of ten weeks, and a fifth of the fee lost for each started week late", () => {
    const extended = statutoryClock("pbl_decision", { createdOn: "2026-01-07", completeOn: null, extensionWeeks: 10, decidedOn: null }, "2026-05-01");
    expect(extended.dueOn).toBe("2026-05-27");
    const late = statutoryClock("pbl_decision", { createdOn: "2026-01-07", completeOn: null, extensionWeeks: 0, decidedOn: "2026-03-26" }, "2026-11-27");
    expect(late.dueOn).toBe("2026-03-18");
    expect(late).toMatchObject({ weeksLate: 2, feeReductionFifths: 2 });
    const veryLate = statutoryClock("pbl_notice", { createdOn: "2026-01-07", completeOn: null, extensionWeeks: 0, decidedOn: null }, "2026-11-27");
    expect(veryLate.feeReductionFifths).toBe(5);
  });

  it("Förvaltningslagen 12 §: the six-month mark, and four weeks for a demanded decision", () => {
    expect(sixMonthsOn("2026-06-30")).toBe("2026-12-30");
    expect(demandDueOn("2026-11-26")).toBe("2026-12-28"); // four weeks is julafton: the next working day
  });
});

import { describe, expect, it } from "vitest";
import { stockholmInstant, stockholmParts } from "./time.js";

describe("Swedish wall-clock time", () => {
  it("reads winter time as UTC+1 and summer time as UTC+2", () => {
    expect(stockholmInstant("2026-01-15", "09:30").toISOString()).toBe("2026-01-15T08:30:00.000Z");
    expect(stockholmInstant("2026-06-19", "09:30").toISOString()).toBe("2026-06-19T07:30:00.000Z");
  });

  it("shows an instant on the Swedish clock, across the change to summer time", () => {
    expect(stockholmParts(new Date("2026-03-29T00:30:00Z"))).toEqual({ date: "2026-03-29", time: "01:30" });
    expect(stockholmParts(new Date("2026-03-29T01:30:00Z"))).toEqual({ date: "2026-03-29", time: "03:30" });
  });

  it("takes the first of the two 02:30 in autumn", () => {
    expect(stockholmInstant("2026-10-25", "02:30").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });
});

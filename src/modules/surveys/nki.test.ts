import { describe, expect, it } from "vitest";
import { figure, gradeOf, respondentIndexes, toIndex, waitingBandOf } from "./nki.js";
import type { Factor, Overall } from "./tables.js";

const answers = (values: Partial<Record<Factor | Overall, number>>, scaleMax = 10) =>
  Object.entries(values).map(([code, value]) => ({ code: code as Factor | Overall, value, scaleMax }));

describe("the index arithmetic", () => {
  it.each([
    [1, 10, "linear", 0],
    [10, 10, "linear", 100],
    [7, 10, "linear", 66.667],
    [4, 6, "linear", 60],
    [1, 6, "linear", 0],
    [7, 10, "share", 70],
    [3, 6, "share", 50],
  ] as const)("turns %d on 1–%d (%s) into %d", (value, scaleMax, transform, expected) => {
    expect(toIndex(value, scaleMax, transform)).toBeCloseTo(expected, 2);
  });

  it("takes a respondent's NKI as the mean of the three overall questions, and only when all three are answered", () => {
    expect(respondentIndexes(answers({ satisfaction: 10, expectations: 7, ideal: 4 }), "linear").nki).toBe(66.67);
    expect(respondentIndexes(answers({ satisfaction: 10, expectations: 7 }), "linear").nki).toBeNull();
    expect(respondentIndexes(answers({ satisfaction: 5, expectations: 5, ideal: 5 }, 6), "share").nki).toBe(83.33);
  });

  it("gives each factor its own index and none for a factor left unanswered", () => {
    const { factors } = respondentIndexes(answers({ information: 10, bemotande: 1, satisfaction: 5 }), "linear");
    expect(factors.information).toBe(100);
    expect(factors.bemotande).toBe(0);
    expect(factors.kompetens).toBeNull();
  });
});

describe("the grade bands", () => {
  it.each([
    [80.6, "very_high"],
    [80.4, "high"],
    [70, "high"],
    [69.4, "approved"],
    [62, "approved"],
    [61.4, "low"],
    [50, "low"],
    [49.4, "very_low"],
  ] as const)("calls %d %s", (value, grade) => {
    expect(gradeOf(value)).toBe(grade);
  });
});

describe("the publication thresholds", () => {
  it.each([
    // mean, answers, invited, level → value, comparable, rate met
    [72.4, 6, 10, "area", null, false, true],
    [72.4, 7, 10, "area", 72, false, true],
    [72.4, 9, 30, "area", 72, false, true],
    [72.4, 10, 34, "area", 72, true, false],
    [72.4, 19, 40, "total", 72, false, true],
    [72.4, 20, 51, "total", 72, true, false],
    [72.4, 20, 50, "total", 72, true, true],
    [72.4, 12, 12, "group", 72, false, true],
  ] as const)("shows a mean of %d from %d answers of %d invited (%s) as %s", (mean, count, invited, level, value, comparable, rateMet) => {
    const result = figure(mean, count, invited, level);
    expect(result.value).toBe(value);
    expect(result.comparable).toBe(comparable);
    expect(result.rateMet).toBe(rateMet);
    expect(result.rate).toBeCloseTo(count / invited, 5);
    expect(result.grade).toBe(value === null ? null : "high");
  });

  it("shows nothing and no rate when nobody was asked", () => {
    expect(figure(null, 0, 0, "total")).toMatchObject({ value: null, rate: null, rateMet: false, grade: null });
  });
});

describe("the waiting bands", () => {
  it.each([
    [0, "0-5"],
    [5, "0-5"],
    [5.1, "6-10"],
    [10, "6-10"],
    [20, "11-20"],
    [40, "21-40"],
    [40.5, "41-"],
  ] as const)("puts %d business days in %s", (days, band) => {
    expect(waitingBandOf(days)).toBe(band);
  });
});

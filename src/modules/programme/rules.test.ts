import { describe, expect, it } from "vitest";
import {
  canMoveTo,
  copyPlan,
  indicatorStatus,
  latest,
  latestValueInYear,
  phaseOf,
  progressAfterUpdate,
  reportingYear,
  rollUp,
  structureLocked,
} from "./rules.js";

const statuses = [
  { id: "not-started", default_progress: 0 },
  { id: "ongoing", default_progress: 50 },
  { id: "done", default_progress: 100 },
];

describe("rule: default progress", () => {
  it("sets the new status's default progress when the status changes", () => {
    expect(progressAfterUpdate({ status_id: "not-started", progress: 10 }, { status_id: "ongoing", progress: null }, statuses)).toBe(50);
    expect(progressAfterUpdate({ status_id: "ongoing", progress: 60 }, { status_id: "done", progress: null }, statuses)).toBe(100);
  });

  it("keeps a progress set by hand in the same update, even when the status changes", () => {
    expect(progressAfterUpdate({ status_id: "not-started", progress: 0 }, { status_id: "ongoing", progress: 35 }, statuses)).toBe(35);
  });

  it("keeps the progress when neither status nor progress changes", () => {
    expect(progressAfterUpdate({ status_id: "ongoing", progress: 70 }, { status_id: "ongoing", progress: null }, statuses)).toBe(70);
  });
});

describe("rule: roll-up", () => {
  it("is the weight-weighted mean of the actions", () => {
    expect(
      rollUp([
        { progress: 100, weight: 1 },
        { progress: 0, weight: 3 },
      ]),
    ).toBe(25);
    expect(
      rollUp([
        { progress: 40, weight: 2 },
        { progress: 70, weight: 2 },
      ]),
    ).toBe(55);
  });

  it("gives no value (not 0) without actions", () => {
    expect(rollUp([])).toBeNull();
  });

  it("gives 0 for actions that have not started: a value, unlike no actions", () => {
    expect(rollUp([{ progress: 0, weight: 1 }])).toBe(0);
  });
});

describe("rule: indicator status", () => {
  it.each([
    // direction, baseline, target, value, status
    ["higher", 3, 3.5, 3.6, "green"],
    ["higher", 3, 3.5, 3.5, "green"],
    ["higher", 3, 3.5, 3.2, "amber"],
    ["higher", 3, 3.5, 3, "red"],
    ["higher", 3, 3.5, 2.5, "red"],
    ["lower", 31, 25, 24, "green"],
    ["lower", 31, 25, 25, "green"],
    ["lower", 31, 25, 28, "amber"],
    ["lower", 31, 25, 31, "red"],
    ["lower", 31, 25, 40, "red"],
    ["higher", 3, null, 4, "grey"],
    ["higher", 3, 3.5, null, "grey"],
    ["higher", null, 3.5, 3, "amber"],
  ] as const)("%s is better: baseline %s, target %s, value %s → %s", (direction, baseline, target, value, status) => {
    expect(indicatorStatus(direction, baseline, target, value)).toBe(status);
  });

  it("reads the latest value of a year: the whole year's value, else the latest quarter", () => {
    const values = [
      { year: 2022, quarter: 1, value: 1 },
      { year: 2022, quarter: 3, value: 3 },
      { year: 2022, quarter: 2, value: 2 },
      { year: 2023, quarter: null, value: 9 },
    ];
    expect(latestValueInYear(values, 2022)?.value).toBe(3);
    expect(latestValueInYear([...values, { year: 2022, quarter: null, value: 10 }], 2022)?.value).toBe(10);
    expect(latestValueInYear(values, 2021)).toBeNull();
    expect(latest(values)?.value).toBe(9);
  });
});

describe("rule: adopted programme", () => {
  it("locks the structure of an adopted programme until it is unlocked", () => {
    expect(structureLocked({ status: "draft", unlocked_at: null })).toBe(false);
    expect(structureLocked({ status: "adopted", unlocked_at: null })).toBe(true);
    expect(structureLocked({ status: "adopted", unlocked_at: new Date() })).toBe(false);
    expect(structureLocked({ status: "archived", unlocked_at: new Date() })).toBe(true);
  });

  it("moves draft → adopted → archived, and an archived one back to adopted, nothing else", () => {
    expect(canMoveTo("draft", "adopted")).toBe(true);
    expect(canMoveTo("adopted", "archived")).toBe(true);
    expect(canMoveTo("archived", "adopted")).toBe(true);
    expect(canMoveTo("draft", "archived")).toBe(false);
    expect(canMoveTo("adopted", "adopted")).toBe(false);
    expect(canMoveTo("adopted", "draft")).toBe(false);
  });
});

describe("rule: copy to a new period", () => {
  it("carries the open actions only, and rebases each indicator on its latest value with no targets", () => {
    const plan = copyPlan(
      [
        { title: "open", closed: false },
        { title: "done", closed: true },
      ],
      [
        {
          indicator: { name: "with values", baseline_value: 3, baseline_year: 2019 },
          values: [
            { year: 2022, quarter: null, value: 3.6 },
            { year: 2023, quarter: 2, value: 3.4 },
          ],
        },
        { indicator: { name: "without", baseline_value: 10, baseline_year: 2019 }, values: [] },
      ],
    );
    expect(plan.actions.map((action) => action.title)).toEqual(["open"]);
    expect(plan.indicators).toEqual([
      { name: "with values", baseline_value: 3.4, baseline_year: 2023 },
      { name: "without", baseline_value: 10, baseline_year: 2019 },
    ]);
  });
});

describe("rule: seed programme period", () => {
  it("shows the period 2020–2023 as ended in 2026, not current", () => {
    expect(phaseOf({ start_year: 2020, end_year: 2023 }, new Date("2026-11-27T12:00:00Z"))).toBe("ended");
    expect(phaseOf({ start_year: 2024, end_year: 2027 }, new Date("2026-11-27T12:00:00Z"))).toBe("current");
    expect(phaseOf({ start_year: 2028, end_year: 2031 }, new Date("2026-11-27T12:00:00Z"))).toBe("upcoming");
  });

  it("reports on the last year that has ended, within the period", () => {
    expect(reportingYear({ start_year: 2020, end_year: 2023 }, new Date("2026-03-01"))).toBe(2023);
    expect(reportingYear({ start_year: 2024, end_year: 2027 }, new Date("2026-03-01"))).toBe(2025);
    expect(reportingYear({ start_year: 2026, end_year: 2029 }, new Date("2026-03-01"))).toBe(2026);
    expect(reportingYear({ start_year: 2028, end_year: 2031 }, new Date("2026-03-01"))).toBeNull();
  });
});

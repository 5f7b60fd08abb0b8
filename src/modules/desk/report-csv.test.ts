import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { figuresCsv } from "./report-csv.js";
import type { Dashboard } from "./report-service.js";

const figures = {
  cases: 3,
  first_response_median: 90,
  first_response_p90: 120,
  first_response_on_time: 2,
  first_response_measured: 3,
  resolution_median: null,
  resolution_p90: null,
  resolution_on_time: 0,
  resolution_measured: 0,
  statutory_in_time: 0,
  statutory_decided: 0,
};

describe("the desk's figures as CSV", () => {
  it("opens a unit or category name that a spreadsheet would run as a formula as text, and keeps figures as numbers", () => {
    const dashboard = {
      year: 2026,
      years: [2026],
      unitId: null,
      categoryId: null,
      months: [],
      total: figures,
      byUnit: [{ id: "u", name: '=HYPERLINK("http://evil.example","Bygg")', ...figures }],
      byCategory: [{ id: "c", name: "@SUM(A1)", ...figures }],
      choices: { units: [], categories: [] },
    } as unknown as Dashboard;
    const rows = parse(figuresCsv(dashboard), { delimiter: ";", bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.namn)).toEqual(["2026", `'=HYPERLINK("http://evil.example","Bygg")`, "'@SUM(A1)"]);
    expect(rows[1]!["första_svar_median_h"]).toBe("1,5");
  });
});

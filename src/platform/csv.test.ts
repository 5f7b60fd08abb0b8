import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { spreadsheetCast, spreadsheetText } from "./csv.js";

describe("spreadsheet-safe CSV", () => {
  it("turns a cell a spreadsheet would read as a formula into text, and leaves other text and numbers alone", () => {
    expect(["=1+1", "+46 70", "-2+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "Anna", "5560360793", "Ö=1", "-2", "-1,5"].map(spreadsheetText)).toEqual([
      "'=1+1",
      "'+46 70",
      "'-2+cmd|' /C calc'!A0",
      "'@SUM(A1)",
      "'\tx",
      "Anna",
      "5560360793",
      "Ö=1",
      "-2",
      "-1,5",
    ]);
    expect(stringify([['=HYPERLINK("http://x","y")', -3]], { delimiter: ";", cast: spreadsheetCast })).toBe(`"'=HYPERLINK(""http://x"",""y"")";-3\n`);
  });
});

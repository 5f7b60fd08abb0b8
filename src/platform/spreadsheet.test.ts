import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSheet, UnreadableSheetError, xlsxOf } from "./spreadsheet.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "lotsen-sheet-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const file = async (name: string, content: Buffer | string) => {
  const path = join(folder, name);
  await writeFile(path, content);
  return path;
};

describe("reading a spreadsheet", () => {
  it("reads a semicolon CSV in Windows-1252 as Excel saves it, with its lines counted from the header", async () => {
    const sheet = await readSheet(
      await file("lista.csv", Buffer.from("Ärendenummer;Företag\r\nBN 2026-1;Åmåls Bygg AB\r\n;\r\nBN 2026-2;Öl & Mat\r\n", "latin1")),
    );
    expect(sheet.headers).toEqual(["Ärendenummer", "Företag"]);
    expect(sheet.rows).toEqual([
      { line: 2, values: ["BN 2026-1", "Åmåls Bygg AB"] },
      { line: 4, values: ["BN 2026-2", "Öl & Mat"] },
    ]);
  });

  it("reads a comma CSV in UTF-8 with a byte-order mark", async () => {
    const sheet = await readSheet(await file("lista2.csv", '\uFEFFcase,company\n1,"Bygg, AB"\n'));
    expect(sheet.headers).toEqual(["case", "company"]);
    expect(sheet.rows[0]!.values).toEqual(["1", "Bygg, AB"]);
  });

  it("reads an XLSX workbook's first sheet: dates as ISO dates, numbers and formulas as their values", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Ärenden");
    sheet.addRow(["Ärendenummer", "Beslutsdatum", "Antal"]);
    sheet.addRow(["MHN 2026-12", new Date(Date.UTC(2026, 4, 3)), 4]);
    sheet.addRow([]);
    sheet.addRow(["MHN 2026-13", "2026-05-04", { formula: "1+1", result: 2 }]);
    const path = await file("lista.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
    const read = await readSheet(path);
    expect(read.headers).toEqual(["Ärendenummer", "Beslutsdatum", "Antal"]);
    expect(read.rows).toEqual([
      { line: 2, values: ["MHN 2026-12", "2026-05-03", "4"] },
      { line: 4, values: ["MHN 2026-13", "2026-05-04", "2"] },
    ]);
  });

  it("refuses a broken workbook and an empty file with an error of its own", async () => {
    await expect(readSheet(await file("trasig.xlsx", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])))).rejects.toBeInstanceOf(
      UnreadableSheetError,
    );
    await expect(readSheet(await file("tom.csv", ""))).rejects.toBeInstanceOf(UnreadableSheetError);
  });
});

describe("writing XLSX", () => {
  it("writes headings and rows that read back the same, a text that looks like a formula staying text", async () => {
    const buffer = await xlsxOf(
      "Ärenden",
      ["Ärende", "Företag"],
      [
        ["BN 1", '=HYPERLINK("x")'],
        ["BN 2", null],
      ],
    );
    const read = await readSheet(await file("ut.xlsx", buffer));
    expect(read.headers).toEqual(["Ärende", "Företag"]);
    expect(read.rows.map((row) => row.values)).toEqual([["BN 1", '=HYPERLINK("x")'], ["BN 2"]]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getCell("B2").type).toBe(ExcelJS.ValueType.String);
  });
});

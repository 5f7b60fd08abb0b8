/**
 * Tables people keep in spreadsheets, both ways: a CSV (UTF-8 or Windows-1252; semicolon,
 * comma or tab) or an XLSX workbook's first sheet read into a header and rows of text, and
 * rows written as XLSX. Dates in a workbook come out as ISO dates; a formula as its result.
 * Written cells are always values, never formulas.
 */
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { AppError } from "./errors.js";

export interface Sheet {
  headers: string[];
  /** Each row with its line in the file (the header is line 1). */
  rows: Array<{ line: number; values: string[] }>;
}

/** A file that is neither CSV nor XLSX, or is broken. */
export class UnreadableSheetError extends AppError {
  constructor() {
    super(400, "unreadable_sheet", "unreadable_sheet");
  }
}

export const maxSheetRows = 50_000;

export async function readSheet(path: string): Promise<Sheet> {
  const content = await readFile(path);
  const table = isZip(content) ? await xlsxRows(content) : csvRows(content);
  const [header, ...rows] = table;
  if (!header || rows.length > maxSheetRows) {
    throw new UnreadableSheetError();
  }
  return {
    headers: header.map((cell) => cell.trim()),
    rows: rows.map((values, index) => ({ line: index + 2, values })).filter((row) => row.values.some((value) => value.trim() !== "")),
  };
}

function isZip(content: Buffer): boolean {
  return content.length > 4 && content.readUInt32LE(0) === 0x04034b50;
}

function csvRows(content: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    text = new TextDecoder("windows-1252").decode(content);
  }
  text = text.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [";", "\t", ","].find((candidate) => firstLine.includes(candidate)) ?? ";";
  try {
    return parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  } catch {
    throw new UnreadableSheetError();
  }
}

async function xlsxRows(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableSheetError();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw new UnreadableSheetError();
  }
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      cells.push(cellText(row.getCell(column).value));
    }
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return "";
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === "object") {
    if ("result" in value) {
      return cellText(value.result as ExcelJS.CellValue);
    }
    if ("richText" in value) {
      return value.richText.map((part) => part.text).join("");
    }
    if ("text" in value) {
      return String(value.text);
    }
    return "";
  }
  return String(value);
}

/** Rows as an XLSX workbook of one sheet: bold headings, every cell a value. */
export async function xlsxOf(sheetName: string, headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) {
    sheet.addRow([...row]);
  }
  sheet.columns.forEach((column) => {
    column.width = 20;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

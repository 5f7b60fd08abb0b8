import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

export interface Kommun {
  kommunkod: string;
  kommun: string;
  lanskod: string;
  lan: string;
}

let cache: Map<string, Kommun> | undefined;

/** SCB's 290 municipalities by kommunkod (reference data shipped with Lotsen). */
export function kommuner(): Map<string, Kommun> {
  if (!cache) {
    const text = readFileSync(fileURLToPath(new URL("./data/kommuner.csv", import.meta.url)), "utf8");
    const rows = parse(text, { columns: true, skip_empty_lines: true }) as Kommun[];
    cache = new Map(rows.map((row) => [row.kommunkod, row]));
  }
  return cache;
}

export function kommunByCode(code: string): Kommun | undefined {
  return kommuner().get(code);
}

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

/**
 * SSYK 2012 as shipped in `data/` (provenance in its README), read once. Openings and
 * seekers name unit groups (four digits); matching compares two codes by the longest
 * level they share, which the codes themselves say (a parent is its child less a digit).
 */
export type OccupationLevel = "major" | "submajor" | "minor" | "unit";

export interface Occupation {
  code: string;
  level: OccupationLevel;
  parent: string | null;
  title: string;
}

let occupations: Map<string, Occupation> | undefined;

export function occupationIndex(): Map<string, Occupation> {
  if (!occupations) {
    const rows = parse(readFileSync(fileURLToPath(new URL("./data/ssyk2012.csv", import.meta.url)), "utf8"), {
      columns: true,
      skip_empty_lines: true,
    }) as Array<Record<string, string>>;
    occupations = new Map(
      rows.map((row) => [
        row.code!,
        { code: row.code!, level: row.level as OccupationLevel, parent: row.parent || null, title: row.title_sv_ssd || row.title_sv! },
      ]),
    );
  }
  return occupations;
}

export function isOccupation(code: string): boolean {
  return occupationIndex().get(code)?.level === "unit";
}

/** The occupation's title, and the code itself when the classification lacks it (never invented). */
export function occupationTitle(code: string): string {
  return occupationIndex().get(code)?.title ?? code;
}

/** Unit groups for a form's list, in code order under their major group: "5120 Kockar och kallskänkor". */
export function occupationChoices(): Array<{ value: string; label: string; group: string }> {
  const index = occupationIndex();
  return [...index.values()]
    .filter((row) => row.level === "unit")
    .map((row) => ({ value: row.code, label: `${row.code} ${row.title}`, group: `${row.code[0]} ${index.get(row.code[0]!)?.title ?? ""}` }));
}

/** How near two unit groups are: the same code, minor group (3 digits), sub-major group (2) or major group (1); else none. */
export type Nearness = "unit" | "minor" | "submajor" | "major" | "none";

export function nearness(a: string, b: string): Nearness {
  if (a === b) {
    return "unit";
  }
  const shared = [...a].findIndex((digit, index) => b[index] !== digit);
  return shared >= 3 ? "minor" : shared === 2 ? "submajor" : shared === 1 ? "major" : "none";
}

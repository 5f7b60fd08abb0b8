import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { IndustryCode } from "./tables.js";

/**
 * SCB's classifications as shipped in `data/` (provenance in its README), read once. The
 * importer stores each company's codes with every level above them (`industry_keys`), so
 * the search filters by section, division or code without a join.
 */
export type SniVersion = "2007" | "2025";

export interface Industry {
  version: SniVersion;
  code: string;
  level: string;
  parent: string | null;
  section: string;
  title_sv: string;
  title_en: string | null;
}

const read = (name: string) =>
  parse(readFileSync(fileURLToPath(new URL(`./data/${name}`, import.meta.url)), "utf8"), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;

let industries: Map<SniVersion, Map<string, Industry>> | undefined;

export function industryIndex(): Map<SniVersion, Map<string, Industry>> {
  if (!industries) {
    industries = new Map();
    for (const version of ["2007", "2025"] as const) {
      const byCode = new Map<string, Industry>();
      for (const row of read(`sni${version}.csv`)) {
        const parent = row.parent || null;
        const section = row.level === "section" ? row.code! : byCode.get(parent!)!.section;
        byCode.set(row.code!, { version, code: row.code!, level: row.level!, parent, section, title_sv: row.title_sv!, title_en: row.title_en || null });
      }
      industries.set(version, byCode);
    }
  }
  return industries;
}

/**
 * Reads a detailed industry code whose file did not say its SNI version: the version in
 * which the code exists, SNI 2025 marked uncertain when it exists in both. Unknown in
 * both: undefined (the importer reports it; codes are never invented).
 */
export function resolveIndustry(code: string, primary: boolean, version?: SniVersion): IndustryCode | undefined {
  const index = industryIndex();
  if (version) {
    return index.get(version)!.has(code) ? { version, code, primary, uncertain: false } : undefined;
  }
  const in2007 = index.get("2007")!.has(code);
  const in2025 = index.get("2025")!.has(code);
  if (in2007 && in2025) {
    return { version: "2025", code, primary, uncertain: true };
  }
  if (in2007 || in2025) {
    return { version: in2007 ? "2007" : "2025", code, primary, uncertain: false };
  }
  return undefined;
}

/** Every level a code sits under, as `version:code` keys, so a search can filter by section, division or code. */
export function industryKeys(codes: IndustryCode[]): string[] {
  const keys = new Set<string>();
  for (const { version, code } of codes) {
    const byCode = industryIndex().get(version)!;
    let current = byCode.get(code);
    while (current) {
      keys.add(`${version}:${current.code}`);
      current = current.parent ? byCode.get(current.parent) : undefined;
    }
  }
  return [...keys];
}

/** The primary code's Swedish title, which the search matches words against. */
export function industryText(codes: IndustryCode[]): string {
  const primary = codes.find((code) => code.primary) ?? codes[0];
  return primary ? (industryIndex().get(primary.version)!.get(primary.code)?.title_sv ?? "") : "";
}

/**
 * Bolagsverket's organisation-form tokens (`AB-ORGFO`) are kept as they come; these are
 * the labels of the ones whose meaning is settled. Others show as their token.
 */
const formLabels: Record<string, { sv: string; en: string }> = {
  AB: { sv: "Aktiebolag", en: "Limited company" },
  E: { sv: "Enskild näringsidkare", en: "Sole trader" },
  HB: { sv: "Handelsbolag", en: "Trading partnership" },
  KB: { sv: "Kommanditbolag", en: "Limited partnership" },
  EK: { sv: "Ekonomisk förening", en: "Economic association" },
  BRF: { sv: "Bostadsrättsförening", en: "Housing cooperative" },
  BF: { sv: "Bostadsförening", en: "Housing association" },
  KHF: { sv: "Kooperativ hyresrättsförening", en: "Cooperative tenancy association" },
  FL: { sv: "Filial", en: "Branch of a foreign company" },
  BAB: { sv: "Bankaktiebolag", en: "Banking company" },
  FAB: { sv: "Försäkringsaktiebolag", en: "Insurance company" },
  SB: { sv: "Sparbank", en: "Savings bank" },
  MB: { sv: "Medlemsbank", en: "Member bank" },
  OFB: { sv: "Ömsesidigt försäkringsbolag", en: "Mutual insurance company" },
  SE: { sv: "Europabolag", en: "European company (SE)" },
  SCE: { sv: "Europakooperativ", en: "European cooperative society (SCE)" },
};

export function legalFormTokenLabel(token: string | null, lang: "sv" | "en"): string | null {
  if (!token) {
    return null;
  }
  return formLabels[token.replace(/-ORGFO$/, "")]?.[lang] ?? null;
}

let legalForms: Map<string, { name: string; short: string | null }> | undefined;
export function legalFormName(code: string | null): string | null {
  legalForms ??= new Map(read("juridisk-form.csv").map((row) => [row.kod!, { name: row.benamning!, short: row.benamning_kort || null }]));
  return code ? (legalForms.get(code)?.short ?? legalForms.get(code)?.name ?? null) : null;
}

let sizeClasses: Map<string, string> | undefined;
export function sizeClassName(code: string | null): string | null {
  sizeClasses ??= new Map(read("storleksklass.csv").map((row) => [row.kod!, row.benamning!]));
  return code ? (sizeClasses.get(code) ?? null) : null;
}

export function sizeClassChoices(): Array<{ code: string; name: string }> {
  sizeClassName(null);
  return [...sizeClasses!].map(([code, name]) => ({ code, name }));
}

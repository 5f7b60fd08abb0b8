/**
 * A case list from another system (Insikt's case template, a case-management export): its
 * columns found by the headings the municipality has mapped, each row read into who to
 * ask about which case, or rejected with its line and reason. Pure: the upload service
 * saves what this accepts.
 */
import { z } from "zod";
import { parseIdentityNumber } from "../../platform/sweden/identity-number.js";
import type { Sheet } from "../../platform/spreadsheet.js";
import { areas, listFields, type Area, type ListField } from "./tables.js";

/** Headings as a Swedish case list usually has them; each municipality changes what its template says. */
export const defaultMapping: Record<ListField, string> = {
  case_number: "Ärendenummer",
  area: "Område",
  decided_on: "Beslutsdatum",
  company_name: "Företag",
  org_number: "Organisationsnummer",
  contact_name: "Kontaktperson",
  email: "E-post",
  phone: "Telefon",
  language: "Språk",
};

/** Columns a list must have; the others may be missing. */
export const requiredFields: readonly ListField[] = ["case_number", "area", "decided_on", "email"];

export interface ListedCase {
  line: number;
  case_number: string;
  area: Area;
  decided_on: string;
  company_name: string | null;
  org_number: string | null;
  contact_name: string | null;
  email: string;
  phone: string | null;
  language: "sv" | "en";
}

export const rejectReasons = [
  "no_case_number",
  "unknown_area",
  "bad_date",
  "future_date",
  "bad_org_number",
  "no_email",
  "bad_email",
  "bad_language",
  "twice_in_file",
] as const;
export type RejectReason = (typeof rejectReasons)[number] | "already_asked";

export interface Reject {
  line: number;
  reason: RejectReason;
  case_number: string;
}

/** An area as people write it: the code, or its Swedish or English name, any case. */
const areaWords: Record<string, Area> = {
  bygglov: "bygglov",
  "building permits": "bygglov",
  miljö: "miljo",
  miljo: "miljo",
  "miljö- och hälsoskydd": "miljo",
  "miljö och hälsoskydd": "miljo",
  "environment and health protection": "miljo",
  livsmedel: "livsmedel",
  livsmedelskontroll: "livsmedel",
  "food control": "livsmedel",
  servering: "servering",
  serveringstillstånd: "servering",
  "alcohol licences": "servering",
  brandskydd: "brandskydd",
  "fire protection": "brandskydd",
  markupplåtelse: "markupplatelse",
  markupplatelse: "markupplatelse",
  "use of public land": "markupplatelse",
  företagslots: "foretagslots",
  foretagslots: "foretagslots",
  företagslotsen: "foretagslots",
  egen: "egen",
};

function areaOf(value: string): Area | undefined {
  const word = value.trim().toLowerCase();
  return areaWords[word] ?? ((areas as readonly string[]).find((area) => area === word) as Area | undefined);
}

function languageOf(value: string): "sv" | "en" | undefined {
  const word = value.trim().toLowerCase();
  if (word === "" || ["sv", "svenska", "swedish", "se"].includes(word)) {
    return "sv";
  }
  return ["en", "engelska", "english"].includes(word) ? "en" : undefined;
}

/** A date as lists write it: `2026-05-03`, `2026-05-03 00:00`, `20260503`, `3/5/2026` is not accepted (day and month are ambiguous). */
function dateOf(value: string): string | undefined {
  const text = value.trim();
  const iso = /^(\d{4})-?(\d{2})-?(\d{2})(?:[ T].*)?$/.exec(text);
  if (!iso) {
    return undefined;
  }
  const date = `${iso[1]}-${iso[2]}-${iso[3]}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : undefined;
}

const emailSchema = z.email();

/** The columns each mapped field is in, or the required fields whose heading the file lacks. */
export function locateColumns(
  headers: readonly string[],
  mapping: Record<ListField, string>,
): { at: Partial<Record<ListField, number>>; missing: ListField[] } {
  const normal = headers.map((header) => header.trim().toLowerCase());
  const at: Partial<Record<ListField, number>> = {};
  for (const field of listFields) {
    const index = normal.indexOf(mapping[field].trim().toLowerCase());
    if (index >= 0) {
      at[field] = index;
    }
  }
  return { at, missing: requiredFields.filter((field) => at[field] === undefined) };
}

export function readCaseList(
  sheet: Sheet,
  mapping: Record<ListField, string>,
  today: string,
): { cases: ListedCase[]; rejects: Reject[]; missing: ListField[] } {
  const { at, missing } = locateColumns(sheet.headers, mapping);
  if (missing.length > 0) {
    return { cases: [], rejects: [], missing };
  }
  const cases: ListedCase[] = [];
  const rejects: Reject[] = [];
  const seen = new Set<string>();
  for (const row of sheet.rows) {
    const cell = (field: ListField) => (at[field] === undefined ? "" : (row.values[at[field]!] ?? "").trim());
    const caseNumber = cell("case_number");
    const reject = (reason: RejectReason) => rejects.push({ line: row.line, reason, case_number: caseNumber });
    const area = areaOf(cell("area"));
    const decided = dateOf(cell("decided_on"));
    const org = cell("org_number");
    const identity = org === "" ? null : parseIdentityNumber(org);
    const email = cell("email").toLowerCase();
    const language = languageOf(cell("language"));
    if (caseNumber === "") {
      reject("no_case_number");
    } else if (!area) {
      reject("unknown_area");
    } else if (!decided) {
      reject("bad_date");
    } else if (decided > today) {
      reject("future_date");
    } else if (identity && !identity.ok) {
      reject("bad_org_number");
    } else if (email === "") {
      reject("no_email");
    } else if (!emailSchema.safeParse(email).success) {
      reject("bad_email");
    } else if (!language) {
      reject("bad_language");
    } else if (seen.has(`${area}:${caseNumber}`)) {
      reject("twice_in_file");
    } else {
      seen.add(`${area}:${caseNumber}`);
      cases.push({
        line: row.line,
        case_number: caseNumber,
        area,
        decided_on: decided,
        company_name: cell("company_name") || null,
        org_number: identity?.ok ? identity.value.digits : null,
        contact_name: cell("contact_name") || null,
        email,
        phone: cell("phone") || null,
        language,
      });
    }
  }
  return { cases, rejects, missing };
}

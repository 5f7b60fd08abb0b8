import type { CompanyStatus, ImportSource, IndustryCode } from "../tables.js";

/** One organisation as a source file describes it, ready to merge into the register. */
export interface CompanyRecord {
  org_number: string;
  is_person: boolean;
  name: string;
  legal_form_code: string | null;
  legal_form_token: string | null;
  status: CompanyStatus;
  registered_on: string | null;
  deregistered_on: string | null;
  deregistration_reason: string | null;
  street: string | null;
  care_of: string | null;
  postcode: string | null;
  town: string | null;
  size_class: string | null;
  web: string | null;
  phone: string | null;
  email: string | null;
  description: string | null;
  advertising_opt_out: boolean;
  industries: IndustryCode[];
}

/**
 * Why a line was rejected or noted: a message key (`companies.reject.<code>`) and its
 * values, so the staff page says it in the reader's language and the command line in English.
 */
export interface Reason {
  code: RejectCode;
  values?: Record<string, string | number>;
}

export type RejectCode =
  | "not_quoted"
  | "field_count"
  | "identity_characters"
  | "identity_length"
  | "identity_prefix"
  | "identity_check_digit"
  | "identity_date"
  | "no_name"
  | "csv_unreadable"
  | "duplicate"
  | "unknown_industry"
  | "line_too_long"
  | "invalid_encoding";

/** A line that is read: a record (with notes on what was left out of it), a line to skip, or a reason to reject it. */
export type ParsedLine = { kind: "record"; record: CompanyRecord; notes: Reason[] } | { kind: "skip" } | { kind: "reject"; reason: Reason };

export interface ImportFormat {
  source: ImportSource;
  /** Which fields of the register this source speaks for; the others it leaves as they are. */
  columns: ReadonlyArray<keyof CompanyRecord>;
  /** Whether the source is the whole register, so an organisation missing from it has disappeared. */
  complete: boolean;
  parse: (text: string) => ParsedLine;
}

export const emptyRecord = (org_number: string, is_person: boolean, name: string): CompanyRecord => ({
  org_number,
  is_person,
  name,
  legal_form_code: null,
  legal_form_token: null,
  status: "active",
  registered_on: null,
  deregistered_on: null,
  deregistration_reason: null,
  street: null,
  care_of: null,
  postcode: null,
  town: null,
  size_class: null,
  web: null,
  phone: null,
  email: null,
  description: null,
  advertising_opt_out: false,
  industries: [],
});

/** `YYYY-MM-DD` or `YYYYMMDD` that is a real date, else null. */
export function isoDate(value: string | undefined): string | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value?.trim() ?? "");
  if (!match) {
    return null;
  }
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day) ? `${year}-${month}-${day}` : null;
}

export const blankToNull = (value: string | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** Five digits; files write postcodes with and without the space. */
export const postcode = (value: string | undefined): string | null => {
  const digits = value?.replace(/\s/g, "") ?? "";
  return /^\d{5}$/.test(digits) ? digits : null;
};

import { parseIdentityNumber } from "../../../platform/sweden/identity-number.js";
import { blankToNull, emptyRecord, isoDate, postcode, type ImportFormat, type ParsedLine } from "./record.js";

/**
 * Bolagsverket's bulk file (`bolagsverket_bulkfil.txt`): every field in `"`, separated
 * by `;`; inside a field `$` separates sub-fields and `|` repeated values. Known dirt:
 * NUL bytes (dropped by the line reader), bare and doubled quotes inside a field.
 */
export const bolagsverketHeader = [
  "organisationsidentitet",
  "namnskyddslopnummer",
  "registreringsland",
  "organisationsnamn",
  "organisationsform",
  "avregistreringsdatum",
  "avregistreringsorsak",
  "pagandeAvvecklingsEllerOmstruktureringsforfarande",
  "registreringsdatum",
  "verksamhetsbeskrivning",
  "postadress",
] as const;

/** The header as the file writes it (every name quoted) or as FORMATS.md shows it (bare names). */
export function isBolagsverketHeader(line: string): boolean {
  const first = splitFields(line)?.[0] ?? line.split(";")[0]?.trim();
  return first === bolagsverketHeader[0];
}

export const bolagsverketFormat: ImportFormat = {
  source: "bolagsverket",
  complete: true,
  columns: [
    "name",
    "is_person",
    "legal_form_token",
    "status",
    "registered_on",
    "deregistered_on",
    "deregistration_reason",
    "street",
    "care_of",
    "postcode",
    "town",
    "description",
  ],
  parse: parseBolagsverketLine,
};

export function parseBolagsverketLine(line: string): ParsedLine {
  const fields = splitFields(line);
  if (!fields) {
    return { kind: "reject", reason: { code: "not_quoted" } };
  }
  if (fields.length !== bolagsverketHeader.length) {
    return { kind: "reject", reason: { code: "field_count", values: { expected: bolagsverketHeader.length, found: fields.length } } };
  }
  const [identity, nameProtection, , names, form, deregisteredOn, deregistrationReason, proceedings, registeredOn, description, address] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const identityNumber = parseIdentityNumber(identity.split("$")[0] ?? "");
  if (!identityNumber.ok) {
    return { kind: "reject", reason: { code: identityNumber.problem } };
  }
  // A sole trader may protect several business names under one number; the register
  // keeps the organisation once, under its first.
  if (nameProtection.trim() !== "" && nameProtection.trim() !== "1") {
    return { kind: "skip" };
  }
  const name = chooseName(names);
  if (!name) {
    return { kind: "reject", reason: { code: "no_name" } };
  }
  const record = emptyRecord(identityNumber.value.digits, identityNumber.value.kind === "person", name);
  record.legal_form_token = blankToNull(form);
  record.registered_on = isoDate(registeredOn);
  record.deregistered_on = isoDate(deregisteredOn);
  record.deregistration_reason = blankToNull(deregistrationReason);
  record.description = blankToNull(description);
  const kinds = proceedings.split("|").map((part) => part.split("$")[0]);
  record.status = record.deregistered_on ? "deregistered" : kinds.includes("KK-AVOMFO") ? "bankrupt" : kinds.includes("LI-AVOMFO") ? "liquidation" : "active";
  const [street, careOf, town, code] = address.split("$");
  record.street = blankToNull(street);
  record.care_of = blankToNull(careOf);
  record.town = blankToNull(town);
  record.postcode = postcode(code);
  return { kind: "record", record, notes: [] };
}

/** The registered company name (`FORETAGSNAMN-ORGNAM`), else the first name given. */
function chooseName(field: string): string | null {
  const names = field
    .split("|")
    .map((entry) => entry.split("$"))
    .filter(([name]) => name && name.trim() !== "");
  const chosen = names.find(([, type]) => type === "FORETAGSNAMN-ORGNAM") ?? names[0];
  return chosen ? chosen[0]!.trim() : null;
}

/**
 * Splits `"a";"b";"c"`. Every field is quoted, so the separator is `";"`: a bare quote
 * inside a field is kept, and a doubled one read as one.
 */
function splitFields(line: string): string[] | null {
  const text = line.trim();
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) {
    return null;
  }
  return text
    .slice(1, -1)
    .split('";"')
    .map((field) => field.replaceAll('""', '"'));
}

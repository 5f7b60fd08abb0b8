import { parseIdentityNumber } from "../../../platform/sweden/identity-number.js";
import { resolveIndustry } from "../reference.js";
import type { IndustryCode } from "../tables.js";
import { blankToNull, emptyRecord, isoDate, postcode, type ImportFormat, type ParsedLine, type Reason } from "./record.js";

/**
 * SCB's company register extract (`scb_bulkfil*.txt`): tab-separated, no quoting, a
 * header of 34 names with a trailing tab. Columns are found by name, so their order
 * may change.
 */
export function isScbHeader(line: string): boolean {
  const names = line.split("\t");
  return names.includes("PeOrgNr") && names.includes("Foretagsnamn");
}

/** Företagsregistret's activity status: 1 active; 0 never active and 9 no longer active. */
const statusOf = (value: string | undefined) => (value?.trim() === "1" ? "active" : "deregistered");

export function scbFormat(header: string): ImportFormat {
  const names = header.split("\t").map((name) => name.trim());
  const column = (name: string) => names.indexOf(name);
  const at = {
    orgNumber: column("PeOrgNr"),
    companyName: column("Foretagsnamn"),
    name: column("Namn"),
    status: column("FtgStat"),
    street: column("Gatuadress"),
    careOf: column("COAdress"),
    legalForm: column("JurForm"),
    postcode: column("PostNr"),
    town: column("PostOrt"),
    registered: column("RegDatKtid"),
    optOut: column("Reklamsparrtyp"),
    industries: ["Ng1", "Ng2", "Ng3", "Ng4", "Ng5"].map(column),
  };
  const expected = names.filter((name) => name !== "").length;
  const parse = (line: string): ParsedLine => {
    const fields = line.split("\t");
    if (fields.length < expected) {
      return { kind: "reject", reason: { code: "field_count", values: { expected, found: fields.length } } };
    }
    const identityNumber = parseIdentityNumber(fields[at.orgNumber] ?? "");
    if (!identityNumber.ok) {
      return { kind: "reject", reason: { code: identityNumber.problem } };
    }
    const name = blankToNull(fields[at.companyName]) ?? blankToNull(fields[at.name]);
    if (!name) {
      return { kind: "reject", reason: { code: "no_name" } };
    }
    const record = emptyRecord(identityNumber.value.digits, identityNumber.value.kind === "person", name);
    const legalForm = fields[at.legalForm]?.trim() ?? "";
    record.legal_form_code = /^\d{2}$/.test(legalForm) ? legalForm : null;
    record.status = statusOf(fields[at.status]);
    record.street = blankToNull(fields[at.street]);
    record.care_of = blankToNull(fields[at.careOf]);
    record.postcode = postcode(fields[at.postcode]);
    record.town = blankToNull(fields[at.town]);
    record.registered_on = isoDate(fields[at.registered]);
    const optOut = fields[at.optOut]?.trim() ?? "";
    record.advertising_opt_out = optOut !== "" && optOut !== "0";
    const notes: Reason[] = [];
    record.industries = industriesOf(
      at.industries.map((index) => fields[index] ?? ""),
      notes,
    );
    return { kind: "record", record, notes };
  };
  return {
    source: "scb",
    complete: true,
    columns: ["name", "is_person", "legal_form_code", "status", "street", "care_of", "postcode", "town", "registered_on", "advertising_opt_out", "industries"],
    parse,
  };
}

/** Five-digit SNI codes, the first the primary; an unknown code is left out with a note. */
export function industriesOf(values: string[], notes: Reason[]): IndustryCode[] {
  const codes: IndustryCode[] = [];
  for (const value of values) {
    const code = value.trim();
    if (code === "" || /^0+$/.test(code) || codes.some((known) => known.code === code)) {
      continue;
    }
    const industry = resolveIndustry(code, codes.length === 0);
    if (industry) {
      codes.push(industry);
    } else {
      notes.push({ code: "unknown_industry", values: { code } });
    }
  }
  return codes;
}

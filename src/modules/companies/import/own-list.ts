import { parse } from "csv-parse/sync";
import { parseIdentityNumber } from "../../../platform/sweden/identity-number.js";
import { blankToNull, emptyRecord, postcode, type ImportFormat, type ParsedLine, type Reason } from "./record.js";
import { industriesOf } from "./scb.js";

/**
 * A municipality's own list: CSV with a header row, comma or semicolon separated, UTF-8
 * or Latin-1. `organisationsnummer` and `namn` are required; the other columns are
 * optional and in any order. Empty cells leave what the register knows unchanged.
 *
 *   organisationsnummer;namn;gatuadress;co_adress;postnummer;postort;telefon;epost;webb;sni
 *
 * `sni` holds SNI codes separated by spaces, the primary first.
 */
export const ownListColumns = ["organisationsnummer", "namn", "gatuadress", "co_adress", "postnummer", "postort", "telefon", "epost", "webb", "sni"] as const;

export function isOwnListHeader(line: string): boolean {
  return /^\uFEFF?"?organisationsnummer"?[;,]/i.test(line.trim());
}

export function ownListFormat(header: string): ImportFormat {
  const delimiter = header.includes(";") ? ";" : ",";
  const names = (parse(header.replace(/^\uFEFF/, ""), { delimiter })[0] as string[]).map((name) => name.trim().toLowerCase());
  const at = (name: (typeof ownListColumns)[number]) => names.indexOf(name);
  return {
    source: "csv",
    complete: false,
    columns: ["name", "is_person", "street", "care_of", "postcode", "town", "phone", "email", "web", "industries"],
    parse: (line: string): ParsedLine => {
      let fields: string[];
      try {
        fields = (parse(line, { delimiter, relax_column_count: true, relax_quotes: true })[0] as string[] | undefined) ?? [];
      } catch (error) {
        return { kind: "reject", reason: { code: "csv_unreadable", values: { detail: (error as Error).message } } };
      }
      if (fields.every((field) => field.trim() === "")) {
        return { kind: "skip" };
      }
      const cell = (name: (typeof ownListColumns)[number]) => (at(name) >= 0 ? fields[at(name)] : undefined);
      const identityNumber = parseIdentityNumber(cell("organisationsnummer") ?? "");
      if (!identityNumber.ok) {
        return { kind: "reject", reason: { code: identityNumber.problem } };
      }
      const name = blankToNull(cell("namn"));
      if (!name) {
        return { kind: "reject", reason: { code: "no_name" } };
      }
      const record = emptyRecord(identityNumber.value.digits, identityNumber.value.kind === "person", name);
      record.street = blankToNull(cell("gatuadress"));
      record.care_of = blankToNull(cell("co_adress"));
      record.postcode = postcode(cell("postnummer"));
      record.town = blankToNull(cell("postort"));
      record.phone = blankToNull(cell("telefon"));
      record.email = blankToNull(cell("epost"));
      record.web = blankToNull(cell("webb"));
      const notes: Reason[] = [];
      record.industries = industriesOf((cell("sni") ?? "").split(/[\s,]+/), notes);
      return { kind: "record", record, notes };
    },
  };
}

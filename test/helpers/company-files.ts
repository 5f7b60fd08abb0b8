import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import yazl from "yazl";
import { luhnDigit } from "../../src/platform/sweden/identity-number.js";
import { bolagsverketHeader } from "../../src/modules/companies/import/bolagsverket.js";

/**
 * Company files in the public bulk formats, built here because no genuine rows are
 * available (shared/data/FORMATS.md describes the shapes). Also used by the benchmark.
 */

/** A valid organisation number (aktiebolag group, check digit computed) for any n below 7 million. */
export function orgNumber(n: number): string {
  const nine = `55${String(2_000_000 + n).padStart(7, "0")}`;
  return `${nine}${luhnDigit(nine)}`;
}

export interface BolagsverketRow {
  org: string;
  name: string;
  form?: string;
  town?: string;
  postcode?: string;
  street?: string;
  registered?: string;
  deregistered?: string;
  proceedings?: string;
  description?: string;
  person?: boolean;
  nameProtection?: string;
}

export const bolagsverketHeaderLine = bolagsverketHeader.map((name) => `"${name}"`).join(";");

export function bolagsverketLine(row: BolagsverketRow): string {
  const fields = [
    `${row.org}$${row.person ? "PERSON" : "ORGNR"}-IDORG`,
    row.nameProtection ?? "",
    "SE-LAND",
    `${row.name}$FORETAGSNAMN-ORGNAM$2020-01-01`,
    `${row.form ?? "AB"}-ORGFO`,
    row.deregistered ?? "",
    row.deregistered ? "OVERK-AVORG" : "",
    row.proceedings ?? "",
    row.registered ?? "2001-05-17",
    row.description ?? "",
    `${row.street ?? "Storgatan 1"}$$${row.town ?? "ASKERSUND"}$${row.postcode ?? "69630"}$SE-LAND`,
  ];
  return fields.map((field) => `"${field}"`).join(";");
}

export const scbHeaderNames =
  "ForAndrTyp COAdress Foretagsnamn FtgStat Gatuadress JEStat JurForm Namn Ng1 Ng2 Ng3 Ng4 Ng5 PeOrgNr PostNr PostOrt RegDatKtid Reklamsparrtyp mCOAdress mForetagsnamn mFtgStat mGatuadress mJEStat mJurForm mNamn mNg1 mNg2 mNg3 mNg4 mNg5 mPostNr mPostOrt mRegDatKtid mReklamsparrtyp".split(
    " ",
  );

export interface ScbRow {
  peOrgNr: string;
  name: string;
  status?: string;
  legalForm?: string;
  industries?: string[];
  town?: string;
  postcode?: string;
  optOut?: string;
}

/** One SCB line, tab-separated with the trailing tab, in header order. */
export function scbLine(row: ScbRow): string {
  const values: Record<string, string> = {
    Foretagsnamn: row.name,
    FtgStat: row.status ?? "1",
    JurForm: row.legalForm ?? "49",
    PeOrgNr: row.peOrgNr,
    PostNr: row.postcode ?? "696 30",
    PostOrt: row.town ?? "ASKERSUND",
    Gatuadress: "Storgatan 1",
    RegDatKtid: "19990101",
    Reklamsparrtyp: row.optOut ?? "",
  };
  (row.industries ?? []).forEach((code, index) => {
    values[`Ng${index + 1}`] = code;
  });
  return `${scbHeaderNames.map((name) => values[name] ?? "").join("\t")}\t`;
}

export const scbHeaderLine = `${scbHeaderNames.join("\t")}\t`;

/** Writes lines as a file: UTF-8 (optionally with BOM), or Latin-1 with CRLF as SCB does. */
export async function writeLines(path: string, lines: string[], encoding: "utf-8" | "utf-8-bom" | "latin1" = "utf-8", eol = "\n"): Promise<void> {
  const text = lines.join(eol) + eol;
  const bytes = encoding === "latin1" ? Buffer.from(text, "latin1") : Buffer.from(encoding === "utf-8-bom" ? `\uFEFF${text}` : text, "utf8");
  await writeFile(path, bytes);
}

/** Zips one file under the given name inside. */
export async function zipFile(source: string, target: string, nameInside: string): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addFile(source, nameInside);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(target)).on("close", resolve).on("error", reject);
  });
}

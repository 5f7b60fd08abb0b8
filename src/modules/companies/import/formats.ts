import { AppError } from "../../../platform/errors.js";
import { bolagsverketFormat, isBolagsverketHeader } from "./bolagsverket.js";
import { isOwnListHeader, ownListFormat } from "./own-list.js";
import type { ImportFormat } from "./record.js";
import { isScbHeader, scbFormat } from "./scb.js";

export class UnknownFormatError extends AppError {
  constructor() {
    super(
      400,
      "companies.import_unknown_format",
      "The first line is not the header of Bolagsverket's bulk file, SCB's company register extract or Lotsen's CSV list (organisationsnummer;namn;…).",
    );
  }
}

/** Which of the known formats a file is, from its header line. */
export function detectFormat(header: string): ImportFormat {
  const line = header.replace(/^\uFEFF/, "");
  if (isBolagsverketHeader(line)) {
    return bolagsverketFormat;
  }
  if (isScbHeader(line)) {
    return scbFormat(line);
  }
  if (isOwnListHeader(line)) {
    return ownListFormat(line);
  }
  throw new UnknownFormatError();
}

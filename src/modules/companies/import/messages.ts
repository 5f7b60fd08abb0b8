/** What the importer says of a line or a file it will not read, in Swedish and English. */
export const importSv = {
  "companies.reject.line_too_long": "raden är längre än 64 KiB och lästes inte",
  "companies.reject.invalid_encoding": "raden är inte giltig text i filens teckenkodning (UTF-8)",
  "error.import_national_format": "{field} är Bolagsverkets eller SCB:s fil. De delas av alla kommuner och läses in av systemadministratören (lotsen import companies); ladda upp kommunens egen lista som CSV som börjar med organisationsnummer;namn",
  "error.import_zip_refused": "{field} packas upp till mycket mer än en textfil gör och läses inte",
};

export const importEn: Record<keyof typeof importSv, string> = {
  "companies.reject.line_too_long": "the line is longer than 64 KiB and was not read",
  "companies.reject.invalid_encoding": "the line is not valid text in the file's encoding (UTF-8)",
  "error.import_national_format": "{field} is Bolagsverket's or SCB's file. Those are shared by every municipality and read in by the system administrator (lotsen import companies); upload the municipality's own list as CSV starting organisationsnummer;namn",
  "error.import_zip_refused": "{field} unpacks to far more than a text file does and is not read",
};

/**
 * CSV that opens safely in a spreadsheet. A cell that begins with `=`, `+`, `-`, `@`, a tab
 * or a carriage return is read as a formula by Excel and LibreOffice; what a visitor typed
 * (a name on a public form) must not become one. Such a cell gets a leading apostrophe,
 * which spreadsheets hide and treat as "this is text" (OWASP's CSV injection advice). Every
 * CSV Lotsen serves goes through it, staff-entered figures too: a follow-up's notes are text.
 */
export function spreadsheetText(value: string): string {
  // A plain number ("-3", "-1,5") is a value, not a formula: it stays a number to sum.
  if (/^-?\d+([.,]\d+)?$/.test(value)) {
    return value;
  }
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** For csv-stringify's options: every string cell made spreadsheet-safe. */
export const spreadsheetCast = { string: (value: string) => spreadsheetText(value) };

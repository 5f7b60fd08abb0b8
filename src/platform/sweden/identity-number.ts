/**
 * Swedish organisation and personal identity numbers (organisationsnummer,
 * personnummer, samordningsnummer). One parser for every module: it accepts the forms
 * people and files write (`556036-0793`, `5560360793`, `165560360793`,
 * `19121212-1212`, `121212+1212`), stores one normal form (ten digits) and says what is
 * wrong when a number cannot be one.
 *
 * The rules: ten digits, the last a Luhn check digit over the first nine. An
 * organisation number has 20 or more in its "month" (third and fourth digits); a
 * number with a real month is a personal identity number (a sole trader's organisation
 * number is the owner's personal number), and its date must exist; a coordination
 * number (samordningsnummer) adds 60 to the day. Twelve digits carry a prefix: `16` for
 * an organisation, the century (18, 19, 20) for a person.
 */

export type IdentityKind = "organisation" | "person";

export interface IdentityNumber {
  /** Ten digits, no separator: the stored form. */
  digits: string;
  kind: IdentityKind;
}

/** Why a number is not one; each has a message in the catalogue (`error.identity_*`). */
export type IdentityProblem = "identity_characters" | "identity_length" | "identity_prefix" | "identity_check_digit" | "identity_date";

export type IdentityResult = { ok: true; value: IdentityNumber } | { ok: false; problem: IdentityProblem };

/** Reads a written number; spaces and one hyphen (or `+` for a person over 100) are allowed. */
export function parseIdentityNumber(input: string): IdentityResult {
  const written = input.trim().replace(/\s+/g, "");
  if (!/^\d{6}[-+]?\d{4}$|^\d{8}[-+]?\d{4}$/.test(written)) {
    return { ok: false, problem: /^[\d+-]*$/.test(written) ? "identity_length" : "identity_characters" };
  }
  const all = written.replace(/[-+]/, "");
  let digits = all;
  let prefix: string | null = null;
  if (all.length === 12) {
    prefix = all.slice(0, 2);
    digits = all.slice(2);
  }
  const kind: IdentityKind = Number(digits[2]) >= 2 ? "organisation" : "person";
  if (prefix !== null && (kind === "organisation" ? prefix !== "16" : !["18", "19", "20"].includes(prefix))) {
    return { ok: false, problem: "identity_prefix" };
  }
  if (luhnDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    return { ok: false, problem: "identity_check_digit" };
  }
  if (kind === "person" && !personDateExists(digits, prefix)) {
    return { ok: false, problem: "identity_date" };
  }
  return { ok: true, value: { digits, kind } };
}

/** The shown form: `556036-0793`. */
export function formatIdentityNumber(digits: string): string {
  return digits.length === 10 ? `${digits.slice(0, 6)}-${digits.slice(6)}` : digits;
}

/** The check digit of nine digits (Luhn, weights 2 1 2 1 …). */
export function luhnDigit(nine: string): number {
  let sum = 0;
  for (let index = 0; index < nine.length; index += 1) {
    const product = Number(nine[index]) * (index % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function personDateExists(digits: string, century: string | null): boolean {
  const month = Number(digits.slice(2, 4));
  let day = Number(digits.slice(4, 6));
  if (day > 60) {
    day -= 60; // samordningsnummer
  }
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  // Without the century, 29 February is allowed when any century makes it a leap day.
  const years = century ? [Number(century + digits.slice(0, 2))] : [1900, 2000].map((base) => base + Number(digits.slice(0, 2)));
  return years.some((year) => day <= new Date(Date.UTC(year, month, 0)).getUTCDate());
}

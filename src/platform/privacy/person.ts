import { z } from "zod";
import { ValidationError } from "../errors.js";
import { parseIdentityNumber } from "../sweden/identity-number.js";
import type { PersonKey, PersonQuery } from "./sources.js";

const address = z.email();

/**
 * Reads what the data-protection officer typed: an e-mail address (it has an `@`), a
 * personal identity number (digits in any written form, the check digit right), or else a
 * name of at least two letters. A number that is wrong is said to be wrong, not searched
 * for as a name.
 */
export function readPersonQuery(input: string): PersonQuery {
  const text = input.trim().replace(/\s+/g, " ");
  if (text.includes("@")) {
    const email = text.toLowerCase();
    if (!address.safeParse(email).success) {
      throw new ValidationError([{ path: "q", message: "invalid_email" }]);
    }
    return { kind: "email", email };
  }
  if (/^[\d\s+-]+$/.test(text)) {
    const number = parseIdentityNumber(text);
    if (!number.ok) {
      throw new ValidationError([{ path: "q", message: number.problem }]);
    }
    if (number.value.kind !== "person") {
      throw new ValidationError([{ path: "q", message: "privacy.organisation_number" }]);
    }
    return { kind: "personal_number", digits: number.value.digits };
  }
  if (text.replace(/[^\p{L}]/gu, "").length < 2) {
    throw new ValidationError([{ path: "q", message: "too_short" }]);
  }
  return { kind: "name", name: text };
}

/** The person an extract or an erasure is about: an address or a number, never a name (two people share one). */
export function readPersonKey(input: string): PersonKey {
  const read = readPersonQuery(input);
  if (read.kind === "name") {
    throw new ValidationError([{ path: "q", message: "privacy.person_key" }]);
  }
  return read;
}

/** A personal identity number as a page may show it: the birth date and the last four masked. */
export function maskedNumber(digits: string): string {
  return `${digits.slice(0, 6)}-****`;
}

/** What a module's search filters on, for a query: an address, a name, or an organisation number (a sole trader's is the personal number). */
export function matchOf(query: PersonQuery): { email?: string; name?: string; orgNumber?: string } {
  return query.kind === "email" ? { email: query.email } : query.kind === "name" ? { name: query.name } : { orgNumber: query.digits };
}

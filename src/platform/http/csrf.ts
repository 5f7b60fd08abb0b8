import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * CSRF tokens bound to the visitor: to the session when signed in, otherwise to an
 * anonymous cookie. A token from one visitor is worthless to another.
 */
export function csrfToken(secret: string, binding: string): string {
  return createHmac("sha256", secret).update(`csrf:${binding}`).digest("base64url");
}

export function csrfValid(secret: string, binding: string, presented: unknown): boolean {
  if (typeof presented !== "string" || presented.length === 0) {
    return false;
  }
  const expected = Buffer.from(csrfToken(secret, binding));
  const actual = Buffer.from(presented);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

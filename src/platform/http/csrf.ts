import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * CSRF tokens bound to the visitor: to the session when signed in, otherwise to an
 * anonymous cookie. A token from one visitor is worthless to another.
 */
export function csrfToken(secret: string, binding: string): string {
  const key = `${secret}\u0000${binding}`;
  let token = recentTokens.get(key);
  if (token === undefined) {
    token = createHmac("sha256", secret).update(`csrf:${binding}`).digest("base64url");
    recentTokens.set(key, token);
    if (recentTokens.size > recentCapacity) {
      recentTokens.delete(recentTokens.keys().next().value!);
    }
  }
  return token;
}

// Every page and every form post computes its visitor's token: the latest visitors' are kept
// (a token is a function of the secret and the binding alone), the oldest forgotten first.
const recentTokens = new Map<string, string>();
const recentCapacity = 5000;

export function csrfValid(secret: string, binding: string, presented: unknown): boolean {
  if (typeof presented !== "string" || presented.length === 0) {
    return false;
  }
  const expected = Buffer.from(csrfToken(secret, binding));
  const actual = Buffer.from(presented);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

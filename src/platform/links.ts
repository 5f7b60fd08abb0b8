import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Private links: a link that grants access (a case's status page, a subscription, an event
 * registration) carries an HMAC of its purpose, its record and a per-record salt under the
 * installation's secret. Unguessable, single-purpose, stored only as a hash or recomputed
 * from the salt, and ended by a new salt. Every module's links are made here.
 */
export function linkToken(secret: string, purpose: string, id: string, salt: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${id}:${salt}`).digest("base64url");
}

/** What is stored of a token that is looked up: its SHA-256, never the token. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newLinkSalt(): string {
  return randomBytes(16).toString("base64url");
}

/** Tokens are 43 base64url characters; anything else finds nothing without a query. */
export function looksLikeLinkToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Whether two secrets are the same, in time that does not tell how much of them matched. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash("sha256").update(given).digest(), createHash("sha256").update(expected).digest());
}

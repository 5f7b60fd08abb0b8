import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The private links of communication: a subscriber's preferences (and its double opt-in
 * and one-click leaving), an attendee's registration. Each is an HMAC under the
 * installation's secret and a per-record salt, so a new salt ends every old link; only a
 * registration's token is looked up by its hash, a subscriber's carries its id.
 */
export function linkToken(secret: string, purpose: "subscriber" | "registration", id: string, salt: string): string {
  return createHmac("sha256", secret).update(`communication-${purpose}:${id}:${salt}`).digest("base64url");
}

/** A subscriber's link names the subscriber and proves it: `id.hmac`. */
export function subscriberToken(secret: string, subscriber: { id: string; token_salt: string }): string {
  return `${subscriber.id}.${linkToken(secret, "subscriber", subscriber.id, subscriber.token_salt)}`;
}

/** The subscriber id a token names, when it has the right shape; the caller checks it against the salt. */
export function subscriberIdOf(token: string): string | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? match[1]! : null;
}

export function tokenMatches(secret: string, token: string, subscriber: { id: string; token_salt: string }): boolean {
  const expected = Buffer.from(subscriberToken(secret, subscriber));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newSalt(): string {
  return randomBytes(16).toString("base64url");
}

export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

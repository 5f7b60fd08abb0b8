import { linkToken as platformLinkToken, sameSecret } from "../../platform/links.js";

/**
 * The private links of communication: a subscriber's preferences (and its double opt-in
 * and one-click leaving), an attendee's registration. Each is a platform link
 * (`platform/links.ts`), so a new salt ends every old link; only a registration's token is
 * looked up by its hash, a subscriber's carries its id.
 */
export function linkToken(secret: string, purpose: "subscriber" | "registration", id: string, salt: string): string {
  return platformLinkToken(secret, `communication-${purpose}`, id, salt);
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
  return sameSecret(token, subscriberToken(secret, subscriber));
}

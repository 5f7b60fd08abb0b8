import { createHash, createHmac, randomBytes } from "node:crypto";

/**
 * The business's private status link. The token is an HMAC of the case under the
 * installation's secret and a per-case salt: unguessable, never stored (only its hash is),
 * and made again whenever a reply mail carries the link.
 */
export function statusToken(secret: string, caseId: string, salt: string): string {
  return createHmac("sha256", secret).update(`desk-status:${caseId}:${salt}`).digest("base64url");
}

export function hashStatusToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newSalt(): string {
  return randomBytes(16).toString("base64url");
}

/** Tokens are 43 base64url characters; anything else finds nothing without a query. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** The form's "shown at" stamp, signed so that a bot cannot fake having taken its time. */
export function formStamp(secret: string, now = Date.now()): string {
  return `${now}.${createHmac("sha256", secret).update(`desk-form:${now}`).digest("base64url").slice(0, 16)}`;
}

/** Seconds since the stamp was made, or null when it is missing or forged. */
export function secondsSinceStamp(secret: string, stamp: string | undefined, now = Date.now()): number | null {
  const [time, signature] = (stamp ?? "").split(".");
  if (!time || !signature || !/^\d{13}$/.test(time)) {
    return null;
  }
  const expected = createHmac("sha256", secret).update(`desk-form:${time}`).digest("base64url").slice(0, 16);
  return expected === signature ? (now - Number(time)) / 1000 : null;
}

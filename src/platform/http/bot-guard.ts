import { createHmac } from "node:crypto";
import type { FieldProblem } from "../errors.js";
import { sameSecret } from "../links.js";

/**
 * The bot guard of public forms, without a third-party CAPTCHA: a field people never see
 * (`website`, which a bot fills in) and the signed time the form was shown (`started`: a
 * person takes more than a couple of seconds, a bot posts at once). Forms render it with
 * the `BotGuard` component; routes check the post with `botProblem`.
 */
export const minimumSeconds = 2;

/** The form's "shown at" stamp, signed so that a bot cannot fake having taken its time. */
export function formStamp(secret: string, now = Date.now()): string {
  return `${now}.${signature(secret, String(now))}`;
}

/** Seconds since the stamp was made, or null when it is missing or forged. */
export function secondsSinceStamp(secret: string, stamp: string | undefined, now = Date.now()): number | null {
  const [time, signed] = (stamp ?? "").split(".");
  if (!time || !signed || !/^\d{13}$/.test(time)) {
    return null;
  }
  return sameSecret(signed, signature(secret, time)) ? (now - Number(time)) / 1000 : null;
}

/** The problem a post by a bot has (named on the consent field, which every public form has), or null. */
export function botProblem(secret: string, body: { website?: string | undefined; started?: string | undefined }, now = Date.now()): FieldProblem | null {
  const elapsed = secondsSinceStamp(secret, body.started, now);
  return (body.website ?? "") !== "" || elapsed === null || elapsed < minimumSeconds ? { path: "consent", message: "form_too_fast" } : null;
}

function signature(secret: string, time: string): string {
  return createHmac("sha256", secret).update(`public-form:${time}`).digest("base64url").slice(0, 16);
}

import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { seal, unseal } from "../seal.js";

/**
 * Time-based one-time codes (RFC 6238, as authenticator apps use them: SHA-1, six digits,
 * thirty seconds) by otplib, and what Lotsen adds: the secret encrypted at rest with a key
 * derived from the installation's secret (AES-256-GCM), a code taken once (the time step is
 * remembered), one step of clock drift either way, and recovery codes kept as hashes.
 */
export const period = 30;

const purpose = "totp-secret";

export function newTotpSecret(): string {
  return generateSecret();
}

export const sealSecret = (installationSecret: string, secret: string): string => seal(installationSecret, purpose, secret);

export function openSecret(installationSecret: string, sealed: string): string {
  const secret = unseal(installationSecret, purpose, sealed);
  if (secret === null) {
    throw new Error("A second factor's key does not open with this installation's secret");
  }
  return secret;
}

/** The time step a code was made for, when it is right and newer than the last one taken; else null. */
export async function acceptedStep(secret: string, code: string, lastStep: number | null, now = new Date()): Promise<number | null> {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) {
    return null;
  }
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token, epoch, epochTolerance: period });
  if (!result.valid) {
    return null;
  }
  const step = Math.floor(epoch / period) + (result.delta ?? 0);
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The `otpauth://` address an authenticator app reads, and the same as a QR code in SVG. */
export async function enrolment(issuer: string, account: string, secret: string): Promise<{ uri: string; svg: string }> {
  const uri = generateURI({ issuer, label: account, secret });
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { uri, svg };
}

/** Ten one-time recovery codes, `xxxxx-xxxxx` in letters and digits people do not mix up. */
export function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: 10 }, () => {
    // randomInt draws each character without the bias a byte modulo 31 would have.
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export const hashRecoveryCode = (code: string) => createHash("sha256").update(`recovery:${code.trim().toLowerCase()}`).digest("hex");

/** The index of the stored hash a recovery code matches, or -1; compared in constant time. */
export function matchingRecoveryCode(hashes: readonly string[], code: string): number {
  const given = Buffer.from(hashRecoveryCode(code), "hex");
  let found = -1;
  hashes.forEach((hash, index) => {
    const stored = Buffer.from(hash, "hex");
    if (stored.length === given.length && timingSafeEqual(stored, given)) {
      found = index;
    }
  });
  return found;
}

import { createHmac } from "node:crypto";
import { inScope, type Db } from "../../src/platform/db/database.js";
import { hashRecoveryCode, sealSecret } from "../../src/platform/auth/totp.js";
import { testSecret } from "../global-setup.js";
import * as auth from "../../src/platform/auth/service.js";
import { completeSignIn } from "../../src/platform/auth/second-factor-service.js";

/**
 * Administrators must sign in with a second factor, in tests too. An administrator the
 * factories make has one: a known authenticator secret, and a long list of recovery codes
 * made from the address, so that the sign-in helpers pass the real second step (a recovery
 * code each time: a TOTP code may be taken once per thirty seconds, and tests sign in faster).
 */
export const testTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const codesPerAccount = 300;

export function testRecoveryCode(email: string, index: number): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = createHmac("sha256", testSecret).update(`${email.toLowerCase()}:${index}`).digest();
  const chars = [...bytes.subarray(0, 10)].map((byte) => alphabet[byte % alphabet.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const used = new Map<string, number>();

/** The next recovery code of an account the factories gave a second factor. */
export function nextRecoveryCode(email: string): string {
  const index = used.get(email.toLowerCase()) ?? 0;
  used.set(email.toLowerCase(), index + 1);
  return testRecoveryCode(email, index);
}

export async function giveSecondFactor(db: Db, scope: { municipalityId: string }, userId: string, email: string): Promise<void> {
  const codes = Array.from({ length: codesPerAccount }, (_, index) => hashRecoveryCode(testRecoveryCode(email, index)));
  await inScope(db, scope, (tx) =>
    tx
      .updateTable("users")
      .set({ totp_secret: sealSecret(testSecret, testTotpSecret), totp_enabled_at: new Date(), recovery_codes: codes })
      .where("id", "=", userId)
      .execute(),
  );
}

/** Signs in through the service as a person does: the password, then (for an account with a second factor) a recovery code. */
export async function signInWithCodes(db: Db, scope: { municipalityId: string }, email: string, password: string) {
  try {
    return await auth.login(db, scope, email, password);
  } catch (error) {
    if (!(error instanceof auth.SecondFactorNeeded)) {
      throw error;
    }
    return completeSignIn(db, scope, testSecret, error.pendingToken, nextRecoveryCode(email));
  }
}

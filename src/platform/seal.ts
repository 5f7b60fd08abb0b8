import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets kept at rest or handed to the browser sealed with AES-256-GCM under a key derived
 * from the installation's secret and a purpose (a TOTP key, an identity provider's client
 * secret, a sign-in's state cookie), so one purpose's sealed value never opens as another's
 * and a copy of the database alone gives none of them.
 */
const keyOf = (installationSecret: string, purpose: string) => createHash("sha256").update(`${purpose}:${installationSecret}`).digest();

export function seal(installationSecret: string, purpose: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(installationSecret, purpose), iv);
  const sealed = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64url")).join(".");
}

/** The sealed text, or null when it was not sealed by this installation for this purpose (or was changed). */
export function unseal(installationSecret: string, purpose: string, sealed: string): string | null {
  const parts = sealed.split(".");
  if (parts.length !== 3) {
    return null;
  }
  try {
    const [iv, tag, data] = parts.map((part) => Buffer.from(part, "base64url"));
    const decipher = createDecipheriv("aes-256-gcm", keyOf(installationSecret, purpose), iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(data!), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

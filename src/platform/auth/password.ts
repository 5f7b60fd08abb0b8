import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * OWASP's password storage advice for scrypt (2025): N=2^17 with r=8, p=1, or an equal
 * cost with less memory; this is its N=2^14, r=8, p=5 (16 MiB, about 0.2 s here).
 */
const params = { N: 16384, r: 8, p: 5, keyLength: 64 };

function derive(password: string, salt: Buffer, options: ScryptOptions, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a password with scrypt; the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: params.N, r: params.r, p: params.p }, params.keyLength);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) {
    return false;
  }
  const expected = Buffer.from(key, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"), { N: Number(n), r: Number(r), p: Number(p) }, expected.length);
  return timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with a lower cost than today's: it is made again at the next login. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split("$");
  return scheme !== "scrypt" || Number(n) * Number(r) * Number(p) < params.N * params.r * params.p;
}

/** A hash to verify against when the account does not exist, so timing does not tell. */
export const decoyHash = ["scrypt", params.N, params.r, params.p, "AAAAAAAAAAAAAAAAAAAAAA==", Buffer.alloc(64).toString("base64")].join("$");

/** A readable random password for bootstrap and temporary passwords. */
export function randomPassword(): string {
  return randomBytes(15).toString("base64url");
}

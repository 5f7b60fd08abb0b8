import type { FastifyRequest } from "fastify";

export const cookieNames = {
  session: "lotsen_session",
  anon: "lotsen_anon",
  lang: "lotsen_lang",
  flash: "lotsen_flash",
  pending: "lotsen_pending",
  sso: "lotsen_sso",
} as const;

/**
 * A cookie's name for this request: over TLS with the `__Host-` prefix, which a browser
 * accepts only from this exact host, Secure, for the whole site and never set by a sibling
 * domain; over plain HTTP (a laptop) the bare name.
 */
export function cookieName(request: FastifyRequest, cookie: keyof typeof cookieNames): string {
  return request.protocol === "https" ? `__Host-${cookieNames[cookie]}` : cookieNames[cookie];
}

/** The cookie options every Lotsen cookie shares; Secure whenever the request came over TLS. */
export function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number) {
  return { path: "/", httpOnly: true, sameSite: "lax" as const, secure: request.protocol === "https", ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

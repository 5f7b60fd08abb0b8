import type { TokenRow, UserWithUnits } from "./repo.js";

/** A staff account as the API shows it: no password hash, no lock counters. */
export function presentUser(user: UserWithUnits) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    roles: user.roles,
    unit_ids: user.unit_ids,
    active: user.active,
    must_change_password: user.must_change_password,
    demo: user.demo,
  };
}

/** An API token as listed: its name and prefix, never the secret or its hash. */
export function presentToken(token: TokenRow) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    created_at: token.created_at.toISOString(),
    expires_at: token.expires_at.toISOString(),
    revoked_at: token.revoked_at?.toISOString() ?? null,
    last_used_at: token.last_used_at?.toISOString() ?? null,
  };
}

export type TokenStatus = "active" | "revoked" | "expired";

export function tokenStatus(token: TokenRow, now = new Date()): TokenStatus {
  if (token.revoked_at) {
    return "revoked";
  }
  return token.expires_at <= now ? "expired" : "active";
}

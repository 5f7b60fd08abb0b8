import { ForbiddenError } from "../errors.js";
import type { Actor, Role } from "./roles.js";

/** What the platform lets people do. Modules write their own policies the same way. */
export type PlatformAction =
  | "account.self"
  | "users.read"
  | "users.manage"
  | "units.read"
  | "units.manage"
  | "parties.read"
  | "parties.manage"
  | "settings.manage"
  | "audit.read"
  | "privacy.manage"
  /** The installation's municipalities: add one, set its hosts, its own mail and its colour. */
  | "installation.manage";

const staffInMunicipality: readonly Role[] = ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "system_admin"];

const allowed: Record<PlatformAction, readonly Role[]> = {
  "account.self": ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "regional_analyst", "system_admin"],
  "users.read": ["admin", "system_admin"],
  "users.manage": ["admin", "system_admin"],
  "units.read": staffInMunicipality,
  "units.manage": ["admin", "system_admin"],
  "parties.read": staffInMunicipality,
  "parties.manage": ["admin", "business_developer", "system_admin"],
  "settings.manage": ["admin", "system_admin"],
  "audit.read": ["admin", "system_admin"],
  "privacy.manage": ["admin", "system_admin"],
  "installation.manage": ["system_admin"],
};

/** True when the actor may take the action. The installation itself (CLI) may do anything. */
export function can(actor: Actor, action: PlatformAction): boolean {
  if (actor.kind === "system") {
    return true;
  }
  return actor.roles.some((role) => allowed[action].includes(role));
}

/** Throws `ForbiddenError` unless the actor may take the action. */
export function authorize(actor: Actor, action: PlatformAction): void {
  if (!can(actor, action)) {
    throw new ForbiddenError();
  }
}

import { ForbiddenError } from "../../platform/errors.js";
import type { Actor, Role } from "../../platform/auth/roles.js";

/** What the region's pages let staff do. */
export type RegionAction =
  /** The region's figures: its members side by side, never a record of any of them. */
  "region.read";

const allowed: Record<RegionAction, readonly Role[]> = {
  "region.read": ["regional_analyst", "system_admin"],
};

export function canRegion(actor: Actor, action: RegionAction): boolean {
  return actor.kind === "system" || actor.roles.some((role) => allowed[action].includes(role));
}

export function authorizeRegion(actor: Actor, action: RegionAction): void {
  if (!canRegion(actor, action)) {
    throw new ForbiddenError();
  }
}

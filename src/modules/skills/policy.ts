import { ForbiddenError } from "../../platform/errors.js";
import type { Actor, Role } from "../../platform/auth/roles.js";

/** What the skills module lets staff do. */
export type SkillsAction =
  /** Openings: read them, and their figures. */
  | "skills.openings.read"
  /** Openings: write, review, publish and close them. */
  | "skills.openings.write"
  /**
   * Job seekers: the most sensitive personal data Lotsen holds. Only labour-market
   * officers read and write them, and a seeker's responsible officer is one of them; an
   * administrator manages accounts, not people looking for work.
   */
  | "skills.seekers";

const allowed: Record<SkillsAction, readonly Role[]> = {
  "skills.openings.read": ["admin", "business_developer", "labour_market_officer", "viewer", "system_admin"],
  "skills.openings.write": ["admin", "business_developer", "labour_market_officer", "system_admin"],
  "skills.seekers": ["labour_market_officer"],
};

export function canSkills(actor: Actor, action: SkillsAction): boolean {
  return actor.kind === "system" || actor.roles.some((role) => allowed[action].includes(role));
}

export function authorizeSkills(actor: Actor, action: SkillsAction): void {
  if (!canSkills(actor, action)) {
    throw new ForbiddenError();
  }
}

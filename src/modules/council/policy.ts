import { ForbiddenError } from "../../platform/errors.js";
import type { Actor, Role } from "../../platform/auth/roles.js";

/** What the business council's pages let staff do. */
export type CouncilAction =
  /** Members, meetings, agendas, minutes and decisions: reading them. */
  | "council.read"
  /** Keeping the member register, planning and inviting, writing and sending the minutes, publishing. */
  | "council.manage"
  /** A member's register extract and erasure. */
  | "council.people";

const managers: readonly Role[] = ["admin", "business_developer", "system_admin"];

const allowed: Record<CouncilAction, readonly Role[]> = {
  // A viewer (a politician, a manager) follows what the council decided and what came of it.
  "council.read": [...managers, "viewer"],
  "council.manage": managers,
  "council.people": ["admin", "system_admin"],
};

export function canCouncil(actor: Actor, action: CouncilAction): boolean {
  return actor.kind === "system" || actor.roles.some((role) => allowed[action].includes(role));
}

export function authorizeCouncil(actor: Actor, action: CouncilAction): void {
  if (!canCouncil(actor, action)) {
    throw new ForbiddenError();
  }
}

/** A follow-up is marked done by those who manage the council, and by its owner whatever their role. */
export function canFinishFollowUp(actor: Actor, followUp: { owner_id: string }): boolean {
  return canCouncil(actor, "council.manage") || (actor.kind === "user" && actor.id === followUp.owner_id);
}

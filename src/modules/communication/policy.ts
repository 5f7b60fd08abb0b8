import { ForbiddenError } from "../../platform/errors.js";
import type { Actor, Role } from "../../platform/auth/roles.js";

/** What communication lets staff do. */
export type CommunicationAction =
  /** Drafts, lists, subscribers, campaigns, events and their attendees. */
  | "communication.read"
  /** The people: subscribers, attendees, who a campaign reaches by name. Not a viewer's. */
  | "communication.people"
  /** Write and publish news. */
  | "communication.news"
  /** Lists, subscribers, campaigns: write, test, schedule, send, pause, cancel. */
  | "communication.newsletters"
  /** Events, their registrations, the check-in. */
  | "communication.events";

const writers: readonly Role[] = ["admin", "business_developer", "system_admin"];

const allowed: Record<CommunicationAction, readonly Role[]> = {
  "communication.read": [...writers, "viewer"],
  "communication.people": writers,
  "communication.news": writers,
  "communication.newsletters": writers,
  "communication.events": writers,
};

export function canCommunicate(actor: Actor, action: CommunicationAction): boolean {
  return actor.kind === "system" || actor.roles.some((role) => allowed[action].includes(role));
}

export function authorizeCommunication(actor: Actor, action: CommunicationAction): void {
  if (!canCommunicate(actor, action)) {
    throw new ForbiddenError();
  }
}

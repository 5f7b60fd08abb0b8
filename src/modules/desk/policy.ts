import { ForbiddenError } from "../../platform/errors.js";
import type { Actor, Role } from "../../platform/auth/roles.js";

/** What the business desk lets staff do. */
export type DeskAction =
  /** The inbox, a case with the business's contact details, its clocks. */
  | "desk.read"
  /** The measured waiting: the dashboard and its figures, without a case or a person in them. */
  | "desk.figures"
  /** Register a case that came by phone, visit or mail. */
  | "desk.register"
  /** Reply, note, status, assignment, secrecy, statutory dates: on a case of one's units, or assigned to one. */
  | "desk.handle"
  /** Transfer a case to any unit, add other units; bulk actions across units. */
  | "desk.route"
  /** Categories, service-level policies, the business calendar. */
  | "desk.settings";

const routers: readonly Role[] = ["admin", "business_developer", "system_admin"];
/** Those who may handle cases: the roles told of new work by mail. */
export const handlers: readonly Role[] = [...routers, "case_officer"];

const allowed: Record<Exclude<DeskAction, "desk.handle">, readonly Role[]> = {
  // A viewer (a politician, a manager) follows the figures; a case's contents and the
  // business's contact details are for those who handle cases.
  "desk.read": handlers,
  "desk.figures": [...handlers, "viewer"],
  "desk.register": handlers,
  "desk.route": routers,
  "desk.settings": ["admin", "system_admin"],
};

/** The case a handling action is about: its unit, the units added to it, its assignee. */
export interface CaseScope {
  unit_id: string;
  unit_ids: readonly string[];
  assignee_id: string | null;
}

export function canDesk(actor: Actor, action: DeskAction, record?: CaseScope): boolean {
  if (actor.kind === "system") {
    return true;
  }
  if (action !== "desk.handle") {
    return actor.roles.some((role) => allowed[action].includes(role));
  }
  if (actor.roles.some((role) => routers.includes(role))) {
    return true;
  }
  if (actor.kind !== "user" || !actor.roles.includes("case_officer") || !record) {
    return false;
  }
  return record.assignee_id === actor.id || actor.unitIds.includes(record.unit_id) || record.unit_ids.some((unit) => actor.unitIds.includes(unit));
}

export function authorizeDesk(actor: Actor, action: DeskAction, record?: CaseScope): void {
  if (!canDesk(actor, action, record)) {
    throw new ForbiddenError();
  }
}

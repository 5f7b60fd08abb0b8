import { ForbiddenError } from "../../platform/errors.js";
import type { Actor, Role } from "../../platform/auth/roles.js";

/** What the programme module lets people do. */
export type ProgrammeAction =
  /** See drafts, the staff pages and the follow-up workspace. */
  | "programme.read"
  /** Create and change programmes, their structure and follow-up; publish; copy; adopt. */
  | "programme.manage"
  /** Unlock an adopted programme's structure (with a recorded reason). */
  | "programme.unlock"
  /** Define the list of action statuses. */
  | "programme.statuses"
  /** Report on an action or indicator: allowed for its owner and for those who manage. */
  | "programme.report";

const managers: readonly Role[] = ["admin", "business_developer", "system_admin"];

const allowed: Record<Exclude<ProgrammeAction, "programme.report">, readonly Role[]> = {
  "programme.read": ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "system_admin"],
  "programme.manage": managers,
  "programme.unlock": ["admin", "system_admin"],
  "programme.statuses": ["admin", "system_admin"],
};

/** True when the actor may take the action; reporting also looks at who owns the record. */
export function canProgramme(actor: Actor, action: ProgrammeAction, record?: { owner_id: string | null }): boolean {
  if (actor.kind === "system") {
    return true;
  }
  if (action === "programme.report") {
    return actor.roles.some((role) => managers.includes(role)) || (record !== undefined && record.owner_id === actor.id);
  }
  return actor.roles.some((role) => allowed[action].includes(role));
}

export function authorizeProgramme(actor: Actor, action: ProgrammeAction, record?: { owner_id: string | null }): void {
  if (!canProgramme(actor, action, record)) {
    throw new ForbiddenError();
  }
}

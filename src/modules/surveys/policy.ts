import { ForbiddenError } from "../../platform/errors.js";
import type { Actor, Role } from "../../platform/auth/roles.js";

/** What service measurement lets staff do. */
export type SurveyAction =
  /** The results: figures only, no person and no free text. */
  | "surveys.results"
  /** The businesses' own words (free text), read by staff only. */
  | "surveys.texts"
  /** Surveys, their questions and what they ask about; marking a text out of publication. */
  | "surveys.manage"
  /** A person's register extract and erasure. */
  | "surveys.people";

const managers: readonly Role[] = ["admin", "business_developer", "system_admin"];

const allowed: Record<SurveyAction, readonly Role[]> = {
  // A viewer (a politician, a manager) follows the figures, like the desk's.
  "surveys.results": [...managers, "case_officer", "viewer"],
  "surveys.texts": [...managers, "case_officer"],
  "surveys.manage": managers,
  "surveys.people": ["admin", "system_admin"],
};

export function canSurvey(actor: Actor, action: SurveyAction): boolean {
  return actor.kind === "system" || actor.roles.some((role) => allowed[action].includes(role));
}

export function authorizeSurvey(actor: Actor, action: SurveyAction): void {
  if (!canSurvey(actor, action)) {
    throw new ForbiddenError();
  }
}

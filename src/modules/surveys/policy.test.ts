import { describe, expect, it } from "vitest";
import type { Role } from "../../platform/auth/roles.js";
import { staffActor } from "../../../test/helpers/actors.js";
import { canSurvey, type SurveyAction } from "./policy.js";

describe("surveys policy", () => {
  const managers: Role[] = ["admin", "business_developer", "system_admin"];
  const matrix: Record<SurveyAction, Role[]> = {
    "surveys.results": [...managers, "case_officer", "viewer"],
    "surveys.texts": [...managers, "case_officer"],
    "surveys.manage": managers,
    "surveys.people": ["admin", "system_admin"],
  };
  const roles: Role[] = ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "regional_analyst", "system_admin"];
  for (const [action, granted] of Object.entries(matrix) as Array<[SurveyAction, Role[]]>) {
    for (const role of roles) {
      it(`${granted.includes(role) ? "lets" : "does not let"} ${role} ${action}`, () => {
        expect(canSurvey(staffActor(role), action)).toBe(granted.includes(role));
      });
    }
  }
});

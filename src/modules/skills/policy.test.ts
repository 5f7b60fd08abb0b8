import { describe, expect, it } from "vitest";
import type { Role } from "../../platform/auth/roles.js";
import { staffActor } from "../../../test/helpers/actors.js";
import { canSkills, type SkillsAction } from "./policy.js";

describe("skills policy", () => {
  const matrix: Record<SkillsAction, Role[]> = {
    "skills.openings.read": ["admin", "business_developer", "labour_market_officer", "viewer", "system_admin"],
    "skills.openings.write": ["admin", "business_developer", "labour_market_officer", "system_admin"],
    // Job seekers are the most sensitive data Lotsen holds: not even an administrator reads them.
    "skills.seekers": ["labour_market_officer"],
  };
  const roles: Role[] = ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "regional_analyst", "system_admin"];
  for (const [action, granted] of Object.entries(matrix) as Array<[SkillsAction, Role[]]>) {
    for (const role of roles) {
      it(`${granted.includes(role) ? "lets" : "does not let"} ${role} ${action}`, () => {
        expect(canSkills(staffActor(role), action)).toBe(granted.includes(role));
      });
    }
  }
});

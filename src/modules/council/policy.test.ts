import { describe, expect, it } from "vitest";
import type { Role } from "../../platform/auth/roles.js";
import { staffActor } from "../../../test/helpers/actors.js";
import { canCouncil, canFinishFollowUp, type CouncilAction } from "./policy.js";

describe("council policy", () => {
  const managers: Role[] = ["admin", "business_developer", "system_admin"];
  const matrix: Record<CouncilAction, Role[]> = {
    "council.read": [...managers, "viewer"],
    "council.manage": managers,
    "council.people": ["admin", "system_admin"],
  };
  const roles: Role[] = ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "regional_analyst", "system_admin"];
  for (const [action, granted] of Object.entries(matrix) as Array<[CouncilAction, Role[]]>) {
    for (const role of roles) {
      it(`${granted.includes(role) ? "lets" : "does not let"} ${role} ${action}`, () => {
        expect(canCouncil(staffActor(role), action)).toBe(granted.includes(role));
      });
    }
  }

  it("lets a follow-up's owner finish it whatever their role, and no other reader", () => {
    const owner = staffActor("case_officer");
    expect(canFinishFollowUp(owner, { owner_id: owner.kind === "user" ? owner.id : "" })).toBe(true);
    expect(canFinishFollowUp(staffActor("viewer"), { owner_id: "someone-else" })).toBe(false);
    expect(canFinishFollowUp(staffActor("business_developer"), { owner_id: "someone-else" })).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../../platform/auth/roles.js";
import { staffActor } from "../../../test/helpers/actors.js";
import { canCommunicate, type CommunicationAction } from "./policy.js";

const staff = (role: Role): Actor => staffActor(role);

describe("communication policy", () => {
  const writers: Role[] = ["admin", "business_developer", "system_admin"];
  const matrix: Record<CommunicationAction, Role[]> = {
    "communication.read": [...writers, "viewer"],
    "communication.people": writers,
    "communication.news": writers,
    "communication.newsletters": writers,
    "communication.events": writers,
  };
  const roles: Role[] = ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "regional_analyst", "system_admin"];
  for (const [action, granted] of Object.entries(matrix) as Array<[CommunicationAction, Role[]]>) {
    for (const role of roles) {
      it(`${granted.includes(role) ? "lets" : "does not let"} ${role} ${action}`, () => {
        expect(canCommunicate(staff(role), action)).toBe(granted.includes(role));
      });
    }
  }
});

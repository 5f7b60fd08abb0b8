import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../../platform/auth/roles.js";
import { canCommunicate, type CommunicationAction } from "./policy.js";

const staff = (role: Role): Actor => ({
  kind: "user",
  id: `${role}-id`,
  municipalityId: "m",
  name: role,
  email: `${role}@x.se`,
  roles: [role],
  unitIds: [],
  via: "session",
  mustChangePassword: false,
});

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

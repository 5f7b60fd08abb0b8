import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../../platform/auth/roles.js";
import { staffActor } from "../../../test/helpers/actors.js";
import { canCompanies, type CompanyAction } from "./policy.js";

const staff = (role: Role, id = "u1"): Actor => staffActor(role, { id });

describe("company register policy", () => {
  const matrix: Record<CompanyAction, Role[]> = {
    "companies.read": ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "system_admin"],
    "contacts.read": ["admin", "business_developer", "case_officer", "labour_market_officer", "system_admin"],
    "companies.manage": ["admin", "business_developer", "system_admin"],
    "companies.import": ["admin", "business_developer", "system_admin"],
    "companies.settings": ["admin", "system_admin"],
    "contacts.personal": ["admin", "business_developer", "system_admin"],
    "visits.templates": ["admin", "business_developer", "system_admin"],
    "tasks.complete": ["admin", "business_developer", "system_admin"],
  };
  const roles: Role[] = ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "regional_analyst", "system_admin"];
  for (const [action, granted] of Object.entries(matrix) as Array<[CompanyAction, Role[]]>) {
    for (const role of roles) {
      it(`${granted.includes(role) ? "lets" : "does not let"} ${role} ${action}`, () => {
        expect(canCompanies(staff(role), action, { owner_id: "someone-else" })).toBe(granted.includes(role));
      });
    }
  }

  it("lets a task's owner mark it done whatever their role", () => {
    expect(canCompanies(staff("viewer", "u9"), "tasks.complete", { owner_id: "u9" })).toBe(true);
    expect(canCompanies(staff("viewer", "u9"), "tasks.complete", { owner_id: "u8" })).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../../platform/auth/roles.js";
import { staffActor } from "../../../test/helpers/actors.js";
import { canDesk, type DeskAction } from "./policy.js";

const staff = (role: Role, unitIds: string[] = []): Actor => staffActor(role, { unitIds });

const roles: Role[] = ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "regional_analyst", "system_admin"];

describe("business desk policy", () => {
  const matrix: Record<Exclude<DeskAction, "desk.handle">, Role[]> = {
    "desk.read": ["admin", "business_developer", "case_officer", "system_admin"],
    "desk.figures": ["admin", "business_developer", "case_officer", "viewer", "system_admin"],
    "desk.register": ["admin", "business_developer", "case_officer", "system_admin"],
    "desk.route": ["admin", "business_developer", "system_admin"],
    "desk.settings": ["admin", "system_admin"],
  };
  for (const [action, granted] of Object.entries(matrix) as Array<[DeskAction, Role[]]>) {
    for (const role of roles) {
      it(`${granted.includes(role) ? "lets" : "does not let"} ${role} ${action}`, () => {
        expect(canDesk(staff(role), action)).toBe(granted.includes(role));
      });
    }
  }

  it("lets a case officer handle a case of their unit, a unit added to it, or assigned to them, and no other", () => {
    const officer = staff("case_officer", ["bygg"]);
    expect(canDesk(officer, "desk.handle", { unit_id: "bygg", unit_ids: [], assignee_id: null })).toBe(true);
    expect(canDesk(officer, "desk.handle", { unit_id: "miljo", unit_ids: ["bygg"], assignee_id: null })).toBe(true);
    expect(canDesk(officer, "desk.handle", { unit_id: "miljo", unit_ids: [], assignee_id: "case_officer-id" })).toBe(true);
    expect(canDesk(officer, "desk.handle", { unit_id: "miljo", unit_ids: [], assignee_id: null })).toBe(false);
    expect(canDesk(staff("viewer", ["bygg"]), "desk.handle", { unit_id: "bygg", unit_ids: [], assignee_id: null })).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../../platform/auth/roles.js";
import { staffActor } from "../../../test/helpers/actors.js";
import { canProgramme, type ProgrammeAction } from "./policy.js";

const actor = (role: Role, id = "someone"): Actor => staffActor(role, { id });

// The matrix, written out by hand: role × action → allowed. Reporting is on a record someone else owns.
const matrix: Record<Role, Record<ProgrammeAction, boolean>> = {
  admin: { "programme.read": true, "programme.manage": true, "programme.unlock": true, "programme.statuses": true, "programme.report": true },
  business_developer: { "programme.read": true, "programme.manage": true, "programme.unlock": false, "programme.statuses": false, "programme.report": true },
  case_officer: { "programme.read": true, "programme.manage": false, "programme.unlock": false, "programme.statuses": false, "programme.report": false },
  labour_market_officer: {
    "programme.read": true,
    "programme.manage": false,
    "programme.unlock": false,
    "programme.statuses": false,
    "programme.report": false,
  },
  viewer: { "programme.read": true, "programme.manage": false, "programme.unlock": false, "programme.statuses": false, "programme.report": false },
  regional_analyst: { "programme.read": false, "programme.manage": false, "programme.unlock": false, "programme.statuses": false, "programme.report": false },
  system_admin: { "programme.read": true, "programme.manage": true, "programme.unlock": true, "programme.statuses": true, "programme.report": true },
};

describe("the programme policy", () => {
  const cases = Object.entries(matrix).flatMap(([role, actions]) =>
    Object.entries(actions).map(([action, allowed]) => [role as Role, action as ProgrammeAction, allowed] as const),
  );
  it.each(cases)("%s may %s: %s", (role, action, allowed) => {
    expect(canProgramme(actor(role), action, { owner_id: "someone else" })).toBe(allowed);
  });

  it("lets the owner of an action or indicator report on it, whatever the role", () => {
    for (const role of ["case_officer", "labour_market_officer", "viewer"] as const) {
      expect(canProgramme(actor(role, "owner-1"), "programme.report", { owner_id: "owner-1" })).toBe(true);
      expect(canProgramme(actor(role, "owner-1"), "programme.report", { owner_id: null })).toBe(false);
    }
  });
});

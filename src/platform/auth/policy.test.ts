import { describe, expect, it } from "vitest";
import { can, type PlatformAction } from "./policy.js";
import type { Actor, Role } from "./roles.js";

/**
 * The expected role × action table, written out by hand. It is the contract; the policy
 * code must agree with it, never the other way round.
 */
const Y = true;
const n = false;
const expected: Record<PlatformAction, Record<Role, boolean>> = {
  //                 admin  busdev  case   labour viewer analyst sysadm
  "account.self": { admin: Y, business_developer: Y, case_officer: Y, labour_market_officer: Y, viewer: Y, regional_analyst: Y, system_admin: Y },
  "users.read": { admin: Y, business_developer: n, case_officer: n, labour_market_officer: n, viewer: n, regional_analyst: n, system_admin: Y },
  "users.manage": { admin: Y, business_developer: n, case_officer: n, labour_market_officer: n, viewer: n, regional_analyst: n, system_admin: Y },
  "units.read": { admin: Y, business_developer: Y, case_officer: Y, labour_market_officer: Y, viewer: Y, regional_analyst: n, system_admin: Y },
  "units.manage": { admin: Y, business_developer: n, case_officer: n, labour_market_officer: n, viewer: n, regional_analyst: n, system_admin: Y },
  "parties.read": { admin: Y, business_developer: Y, case_officer: Y, labour_market_officer: Y, viewer: Y, regional_analyst: n, system_admin: Y },
  "parties.manage": { admin: Y, business_developer: Y, case_officer: n, labour_market_officer: n, viewer: n, regional_analyst: n, system_admin: Y },
  "settings.manage": { admin: Y, business_developer: n, case_officer: n, labour_market_officer: n, viewer: n, regional_analyst: n, system_admin: Y },
  "audit.read": { admin: Y, business_developer: n, case_officer: n, labour_market_officer: n, viewer: n, regional_analyst: n, system_admin: Y },
  "privacy.manage": { admin: Y, business_developer: n, case_officer: n, labour_market_officer: n, viewer: n, regional_analyst: n, system_admin: Y },
  "installation.manage": { admin: n, business_developer: n, case_officer: n, labour_market_officer: n, viewer: n, regional_analyst: n, system_admin: Y },
};

type UserActor = Extract<Actor, { kind: "user" }>;

function actorWith(role: Role): UserActor {
  return {
    kind: "user",
    id: "u",
    municipalityId: "m",
    name: "N",
    email: "n@x.se",
    roles: [role],
    unitIds: [],
    via: "session",
    mustChangePassword: false,
    mustEnrolSecondFactor: false,
  };
}

describe("platform policy", () => {
  for (const [action, byRole] of Object.entries(expected) as Array<[PlatformAction, Record<Role, boolean>]>) {
    for (const [role, allowed] of Object.entries(byRole) as Array<[Role, boolean]>) {
      it(`${allowed ? "lets" : "does not let"} a ${role} ${action}`, () => {
        expect(can(actorWith(role), action)).toBe(allowed);
      });
    }
  }

  it("lets nobody without a role do anything", () => {
    const nobody: UserActor = { ...actorWith("viewer"), roles: [] };
    expect(Object.keys(expected).filter((action) => can(nobody, action as PlatformAction))).toEqual([]);
  });

  it("combines the rights of several roles", () => {
    const both: UserActor = { ...actorWith("viewer"), roles: ["viewer", "business_developer"] };
    expect(can(both, "parties.manage")).toBe(true);
    expect(can(both, "users.read")).toBe(false);
  });
});

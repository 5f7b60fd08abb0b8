import type { Actor, Role } from "../../src/platform/auth/roles.js";

/** A signed-in staff account with one role, for the policy matrices: no database behind it. */
export function staffActor(role: Role, options: { id?: string; unitIds?: string[] } = {}): Actor {
  return {
    kind: "user",
    id: options.id ?? `${role}-id`,
    municipalityId: "m",
    name: role,
    email: `${role}@x.test`,
    roles: [role],
    unitIds: options.unitIds ?? [],
    via: "session",
    mustChangePassword: false,
    mustEnrolSecondFactor: false,
  };
}

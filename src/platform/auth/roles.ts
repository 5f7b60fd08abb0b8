/** The roles a staff account can hold in its municipality. */
export const roles = ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "regional_analyst", "system_admin"] as const;

export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Who is acting: a signed-in staff member (by session or token) or the installation itself (CLI, seed). */
export type Actor =
  | {
      kind: "user";
      id: string;
      municipalityId: string;
      name: string;
      email: string;
      roles: readonly Role[];
      unitIds: readonly string[];
      via: "session" | "token";
      mustChangePassword: boolean;
      /** The account must set up a second factor before anything else (an administrator, or everyone where the municipality says so). */
      mustEnrolSecondFactor: boolean;
    }
  | {
      kind: "regional";
      id: string;
      regionId: string;
      name: string;
      email: string;
      roles: readonly Role[];
      via: "session";
      mustChangePassword: boolean;
    }
  | { kind: "system"; label: string };

export const systemActor = (label: string): Actor => ({ kind: "system", label });

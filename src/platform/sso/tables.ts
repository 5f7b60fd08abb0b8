import type { ColumnType, Generated } from "kysely";

/** One line of the role map: members of `group` get these roles, and these units. */
export interface RoleMapping {
  group: string;
  roles: string[];
  units: string[];
}

export interface MunicipalitySsoTable {
  municipality_id: string;
  enabled: Generated<boolean>;
  issuer: string;
  client_id: string;
  /** Sealed with the installation's secret (`platform/seal.ts`): a copy of the database alone does not give it. */
  client_secret: string | null;
  scopes: Generated<string>;
  roles_claim: Generated<string>;
  role_map: ColumnType<RoleMapping[], string | undefined, string>;
  passwords_off: Generated<boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module "../db/schema.js" {
  interface Database {
    municipality_sso: MunicipalitySsoTable;
  }
  interface UserTable {
    /** The identity provider's `sub` for an account that signs in with single sign-on. */
    external_subject: ColumnType<string | null, string | null | undefined, string | null>;
  }
  interface SessionTable {
    single_sign_on: Generated<boolean>;
  }
}

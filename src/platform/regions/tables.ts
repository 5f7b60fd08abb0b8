import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** An account whose home is a region: it reads its members' figures and nothing else. */
export interface RegionAccountTable {
  id: string;
  region_id: string;
  email: string;
  name: string;
  password_hash: string;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface RegionSessionTable {
  id_hash: string;
  region_id: string;
  account_id: string;
  created_at: CreatedAt;
  last_seen_at: Date;
  expires_at: Date;
}

/** What was done to a region's accounts, by whom: the region's own audit log. */
export interface RegionAuditEventTable {
  id: string;
  region_id: string;
  at: CreatedAt;
  actor_label: string;
  action: string;
  record_type: string;
  record_id: string | null;
  changes: ColumnType<Record<string, unknown>, string, string>;
  request_id: string | null;
}

/** Failed sign-ins on the region's host, per e-mail and client address (a hash of both). */
export interface RegionLoginThrottleTable {
  region_id: string;
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

declare module "../db/schema.js" {
  interface Database {
    region_accounts: RegionAccountTable;
    region_sessions: RegionSessionTable;
    region_audit_events: RegionAuditEventTable;
    region_login_throttle: RegionLoginThrottleTable;
  }
}

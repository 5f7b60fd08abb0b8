import type { ColumnType, Generated } from "kysely";

/** A timestamp column: read as Date, written as Date or ISO string, defaulted by the database. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface RegionTable {
  id: string;
  name: string;
  slug: string;
  /** The hosts its regional accounts sign in on, unique with the municipalities' (`municipality_hosts`). */
  hosts: ColumnType<string[], string[] | undefined, string[]>;
  /** Where the region's own pages say to write about them; its accessibility statement's contact. */
  contact_email: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** A municipality's logo: a PNG, JPEG or WebP picture, told by its content. */
export interface MunicipalityLogoTable {
  municipality_id: string;
  content: Buffer;
  content_type: "image/png" | "image/jpeg" | "image/webp";
  filename: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MunicipalityTable {
  id: string;
  region_id: string | null;
  name: string;
  kommunkod: string;
  slug: string;
  hosts: ColumnType<string[], string[], string[]>;
  contact_email: string | null;
  accessibility_compliance: Generated<"full" | "partial" | "none">;
  accessibility_non_compliant: Generated<string>;
  accessibility_assessed_on: string | null;
  accessibility_updated_on: string | null;
  accessibility_assessment_method: Generated<string>;
  accessibility_feedback: Generated<string>;
  /** Who must sign in with a second factor: administrators, or everyone. */
  second_factor: Generated<"admins" | "everyone">;
  /** The sender its mail goes out from ("Askersunds kommun <naringsliv@askersund.se>"); the installation's when null. */
  mail_from: string | null;
  /** Its own SMTP server's URL, sealed (`platform/seal.ts`, purpose `smtp-url`); the installation's server when null. */
  smtp_url_sealed: string | null;
  /** Its own colour (`#rrggbb`) for the header, buttons and accents; Lotsen's when null. White text on it passes WCAG AA. */
  brand_colour: ColumnType<string | null, string | null | undefined, string | null>;
  /** The version of its logo (the first hex digits of its SHA-256), which the pages name it by; no logo when null. */
  logo_version: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type UnitKind = "department" | "section" | "team" | "company";

export interface OrgUnitTable {
  id: string;
  municipality_id: string;
  parent_id: string | null;
  kind: UnitKind;
  name: string;
  manager_id: string | null;
  demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type PartyKind = "business_council" | "regional_collaboration" | "business_association" | "authority" | "other";

export interface ExternalPartyTable {
  id: string;
  municipality_id: string;
  kind: PartyKind;
  name: string;
  description: Generated<string>;
  website: string | null;
  demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UserTable {
  id: string;
  municipality_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  roles: ColumnType<string[], string[], string[]>;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  demo: Generated<boolean>;
  /** The second factor: secrets encrypted (`auth/totp.ts`), recovery codes as hashes. */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  recovery_codes: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UserUnitTable {
  municipality_id: string;
  user_id: string;
  unit_id: string;
}

export interface SessionTable {
  id_hash: string;
  municipality_id: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  second_factor_pending: Generated<boolean>;
}

export interface LoginThrottleTable {
  municipality_id: string;
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface ApiTokenTable {
  id: string;
  municipality_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface AuditEventTable {
  id: string;
  municipality_id: string;
  at: CreatedAt;
  actor_id: string | null;
  actor_label: string;
  action: string;
  record_type: string;
  record_id: string | null;
  changes: ColumnType<Record<string, unknown>, string, string>;
  request_id: string | null;
}

export interface JobTable {
  id: string;
  municipality_id: string | null;
  queue: string;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  singleton_key: string | null;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  locked_by: string | null;
  last_error: string | null;
  done_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface MailOutboxTable {
  id: string;
  municipality_id: string | null;
  message_id: string;
  purpose: string;
  subject_ref: string | null;
  from_address: string;
  reply_to: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  attachments: ColumnType<MailAttachment[], string | undefined, string>;
  status: Generated<"queued" | "sent" | "failed">;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  lease_until: NullableTimestamp;
  smtp_started_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  last_error: string | null;
  response_code: number | null;
  created_at: CreatedAt;
  /** Lower goes first: 0 for mail a person waits for, 10 for newsletters. */
  priority: Generated<number>;
  /** A shared body (bulk mail), with this row's values for its placeholders. */
  body_id: string | null;
  vars: ColumnType<Record<string, string>, string | undefined, string>;
}

export interface MailBodyTable {
  id: string;
  municipality_id: string | null;
  text_body: string;
  html_body: string | null;
  created_at: CreatedAt;
}

/** Every table Lotsen's platform owns. Modules add theirs by declaration merging. */
export interface Database {
  regions: RegionTable;
  municipalities: MunicipalityTable;
  municipality_logos: MunicipalityLogoTable;
  /** Mirrors `municipalities.hosts` (kept by a trigger), so a host is unique across the installation. */
  municipality_hosts: { host: string; municipality_id: string | null; region_id: string | null };
  org_units: OrgUnitTable;
  external_parties: ExternalPartyTable;
  users: UserTable;
  user_units: UserUnitTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  audit_events: AuditEventTable;
  jobs: JobTable;
  mail_outbox: MailOutboxTable;
  mail_bodies: MailBodyTable;
}

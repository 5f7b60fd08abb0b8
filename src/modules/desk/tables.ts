import type { ColumnType, Generated } from "kysely";
import type { DayHours } from "../../platform/sweden/business-calendar.js";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const caseStatuses = ["new", "open", "waiting", "resolved", "closed"] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const channels = ["web", "phone", "visit", "mail", "counter"] as const;
export type Channel = (typeof channels)[number];
export const priorities = ["normal", "urgent"] as const;
export type Priority = (typeof priorities)[number];
export const statutoryKinds = ["pbl_decision", "pbl_notice"] as const;
export type StatutoryKind = (typeof statutoryKinds)[number];
export type TargetUnit = "minutes" | "days";
export type MessageKind = "from_business" | "to_business" | "note";

export interface DeskSettingsTable {
  municipality_id: string;
  opening_hours: ColumnType<DayHours[], string, string>;
  closed_days: ColumnType<string[], string[] | undefined, string[]>;
  warn_share: ColumnType<string, number | string | undefined, number | string>;
  consent_text_sv: string;
  consent_text_en: string;
  retention_months: Generated<number>;
  updated_at: Timestamp;
}

export interface SlaPolicyTable {
  id: string;
  municipality_id: string;
  name: string;
  target_unit: TargetUnit;
  first_response_target: number | null;
  update_target: number | null;
  resolution_target: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CategoryTable {
  id: string;
  municipality_id: string;
  name_sv: string;
  name_en: string;
  default_unit_id: string;
  sla_policy_id: string;
  urgent_policy_id: string | null;
  statutory: StatutoryKind | null;
  position: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CaseNumberTable {
  municipality_id: string;
  year: number;
  last: number;
}

export interface CaseTable {
  id: string;
  municipality_id: string;
  number: string;
  category_id: string;
  unit_id: string;
  assignee_id: string | null;
  priority: Generated<Priority>;
  status: Generated<CaseStatus>;
  channel: Channel;
  org_number: string | null;
  company_id: string | null;
  company_name: string | null;
  correspondent_name: string;
  correspondent_email: string | null;
  correspondent_phone: string | null;
  language: Generated<"sv" | "en">;
  consent_at: NullableTimestamp;
  subject: string;
  description: string;
  status_token_salt: string;
  status_token_hash: string;
  status_token_expires_at: NullableTimestamp;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  sla_policy_id: string;
  first_response_due_at: NullableTimestamp;
  update_due_at: NullableTimestamp;
  resolution_due_at: NullableTimestamp;
  next_due_at: NullableTimestamp;
  next_warn_at: NullableTimestamp;
  first_responded_at: NullableTimestamp;
  first_response_minutes: number | null;
  first_response_on_time: boolean | null;
  last_reply_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  resolution_minutes: number | null;
  resolution_on_time: boolean | null;
  closed_at: NullableTimestamp;
  paused_at: NullableTimestamp;
  paused_minutes: Generated<number>;
  warned_for: NullableTimestamp;
  escalated_for: NullableTimestamp;
  statutory: StatutoryKind | null;
  authority: boolean;
  complete_on: string | null;
  statutory_due_on: string | null;
  extension_weeks: Generated<number>;
  extension_reason: string | null;
  decided_on: string | null;
  delay_notice_at: NullableTimestamp;
  delay_notice_reason: string | null;
  decision_demanded_on: string | null;
  demand_due_on: string | null;
  /** The register export that sent the case to the records system, and the one that sent its closing. */
  registered_export_id: ColumnType<string | null, string | null | undefined, string | null>;
  closed_export_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Words of the subject marked secret: withheld from the register, with the reason. */
  subject_secret: ColumnType<string[], string[] | undefined, string[]>;
  subject_secret_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RegisterExportTable {
  id: string;
  municipality_id: string;
  at: CreatedAt;
  by_id: string | null;
  registered: number;
  closed: number;
}

export interface CaseUnitTable {
  municipality_id: string;
  case_id: string;
  unit_id: string;
  added_at: CreatedAt;
}

export interface MessageTable {
  id: string;
  municipality_id: string;
  case_id: string;
  kind: MessageKind;
  author_id: string | null;
  body: string;
  secret: Generated<boolean>;
  secret_reason: string | null;
  mail_id: string | null;
  created_at: CreatedAt;
}

export interface AttachmentTable {
  id: string;
  municipality_id: string;
  case_id: string;
  message_id: string | null;
  filename: string;
  content_type: string;
  size: number;
  content: Buffer;
  from_business: boolean;
  secret: Generated<boolean>;
  secret_reason: string | null;
  created_at: CreatedAt;
}

export interface CaseEventTable {
  id: string;
  municipality_id: string;
  case_id: string;
  at: CreatedAt;
  actor_id: string | null;
  by_business: Generated<boolean>;
  kind: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** An officer's choice of mail about new work; no row means both on. */
export interface NotificationSettingsTable {
  user_id: string;
  municipality_id: string;
  new_cases: Generated<boolean>;
  replies: Generated<boolean>;
  updated_at: Generated<Date>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    desk_settings: DeskSettingsTable;
    desk_sla_policies: SlaPolicyTable;
    desk_categories: CategoryTable;
    desk_case_numbers: CaseNumberTable;
    desk_cases: CaseTable;
    desk_register_exports: RegisterExportTable;
    desk_case_units: CaseUnitTable;
    desk_messages: MessageTable;
    desk_attachments: AttachmentTable;
    desk_events: CaseEventTable;
    desk_notification_settings: NotificationSettingsTable;
  }
}

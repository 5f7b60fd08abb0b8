import type { ColumnType } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A date column: pg gives it back as text (the app sets the type parser), written as 'YYYY-MM-DD'. */
type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export const memberRoles = ["chair", "member", "adjunct", "secretary"] as const;
export type MemberRole = (typeof memberRoles)[number];
export const lawfulBases = ["public_task", "consent", "legitimate_interest"] as const;
export type LawfulBasis = (typeof lawfulBases)[number];
/** A meeting's life: planned → invited → held → minutes drafted (sent for approval) → approved → locked (published). */
export const meetingStates = ["planned", "invited", "held", "drafted", "approved", "locked"] as const;
export type MeetingState = (typeof meetingStates)[number];
export const answers = ["attending", "absent"] as const;
export type Answer = (typeof answers)[number];
export const approverRoles = ["chair", "adjuster"] as const;
export type ApproverRole = (typeof approverRoles)[number];

export interface MemberTable {
  id: string;
  municipality_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  organisation: string;
  org_number: string | null;
  company_id: string | null;
  lawful_basis: ColumnType<LawfulBasis, LawfulBasis | undefined, LawfulBasis>;
  basis_source: ColumnType<string, string | undefined, string>;
  erased_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TermTable {
  id: string;
  municipality_id: string;
  member_id: string;
  role: MemberRole;
  starts_on: DateColumn;
  ends_on: NullableDate;
  created_at: CreatedAt;
}

export interface MeetingTable {
  id: string;
  municipality_id: string;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string | null;
  video_url: string | null;
  state: ColumnType<MeetingState, MeetingState | undefined, MeetingState>;
  adjuster_id: string | null;
  correction_reason: string | null;
  invitation_sequence: ColumnType<number, number | undefined, number>;
  invited_at: NullableTimestamp;
  held_at: NullableTimestamp;
  published_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ParticipantTable {
  meeting_id: string;
  member_id: string;
  municipality_id: string;
  role: MemberRole;
  token_salt: string | null;
  token_hash: string | null;
  answer: Answer | null;
  answered_at: NullableTimestamp;
  present: boolean | null;
}

export interface ItemTable {
  id: string;
  municipality_id: string;
  meeting_id: string;
  position: number;
  title: string;
  presenter: string | null;
  description: ColumnType<string, string | undefined, string>;
  public: ColumnType<boolean, boolean | undefined, boolean>;
  minutes: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface DocumentTable {
  id: string;
  municipality_id: string;
  item_id: string;
  filename: string;
  content_type: string;
  size: number;
  content: Buffer;
  created_at: CreatedAt;
}

export interface DecisionTable {
  id: string;
  municipality_id: string;
  meeting_id: string;
  item_id: string;
  text: string;
  action_id: string | null;
  created_at: CreatedAt;
}

export interface FollowUpTable {
  id: string;
  municipality_id: string;
  decision_id: string;
  text: string;
  owner_id: string;
  due_on: DateColumn;
  done_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface MinutesTable {
  meeting_id: string;
  version: number;
  municipality_id: string;
  content: ColumnType<MinutesContent, string, never>;
  content_hash: string;
  reason: string | null;
  created_by: string;
  created_at: CreatedAt;
  approved_at: NullableTimestamp;
}

export interface ApprovalTable {
  meeting_id: string;
  version: number;
  municipality_id: string;
  role: ApproverRole;
  member_id: string;
  token_hash: string;
  requested_at: CreatedAt;
  approved_at: NullableTimestamp;
}

/** The minutes as sent for approval, frozen: what was approved is what the archive keeps. */
export interface MinutesContent {
  title: string;
  starts_at: string;
  ends_at: string;
  place: string | null;
  video_url: string | null;
  chair: string | null;
  adjuster: string | null;
  attendance: Array<{ name: string; organisation: string; role: MemberRole; present: boolean }>;
  items: Array<{
    position: number;
    title: string;
    presenter: string | null;
    public: boolean;
    minutes: string;
    decisions: Array<{ id: string; text: string }>;
  }>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    council_members: MemberTable;
    council_terms: TermTable;
    council_meetings: MeetingTable;
    council_participants: ParticipantTable;
    council_items: ItemTable;
    council_documents: DocumentTable;
    council_decisions: DecisionTable;
    council_follow_ups: FollowUpTable;
    council_minutes: MinutesTable;
    council_approvals: ApprovalTable;
  }
}

import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type Language = "sv" | "en";

export interface NewsPostTable {
  id: string;
  municipality_id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  language: Generated<Language>;
  focus_area_ids: ColumnType<string[], string[] | undefined, string[]>;
  publish_at: NullableTimestamp;
  author_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MailingListTable {
  id: string;
  municipality_id: string;
  name_sv: string;
  name_en: string;
  description_sv: Generated<string>;
  description_en: Generated<string>;
  public: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export const blockReasons = ["hard_bounce", "soft_bounces", "complaint"] as const;
export type BlockReason = (typeof blockReasons)[number];

export interface SubscriberTable {
  id: string;
  municipality_id: string;
  email: string;
  name: string | null;
  company_id: string | null;
  language: Generated<Language>;
  token_salt: string;
  opted_out_at: NullableTimestamp;
  soft_bounces: Generated<number>;
  blocked_at: NullableTimestamp;
  block_reason: BlockReason | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export const subscriptionStatuses = ["unconfirmed", "confirmed", "unsubscribed"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];
export type UnsubscribeMethod = "one_click" | "preferences" | "staff" | "erasure";

export interface SubscriptionTable {
  municipality_id: string;
  subscriber_id: string;
  list_id: string;
  status: SubscriptionStatus;
  consent_method: "double_opt_in" | "staff";
  consent_source: string | null;
  requested_at: CreatedAt;
  confirmed_at: NullableTimestamp;
  unsubscribed_at: NullableTimestamp;
  unsubscribe_method: UnsubscribeMethod | null;
  updated_at: Timestamp;
}

export const campaignStatuses = ["draft", "scheduled", "sending", "paused", "cancelled", "sent"] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** Who a campaign is for. Empty choices do not narrow. */
export interface Segment {
  list_ids: string[];
  sections: string[];
  size_classes: string[];
  tags: string[];
  /** Only companies whose address lies in the municipality's area. */
  in_area: boolean;
}

export interface CampaignTable {
  id: string;
  municipality_id: string;
  subject: string;
  body: string;
  language: Generated<Language>;
  segment: Json<Segment>;
  archive: Generated<boolean>;
  status: Generated<CampaignStatus>;
  scheduled_at: NullableTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  recipients: number | null;
  mail_body_id: string | null;
  link_base: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CampaignRecipientTable {
  municipality_id: string;
  campaign_id: string;
  subscriber_id: string;
  outbox_id: string | null;
  skipped: string | null;
}

export interface MailBounceTable {
  id: string;
  municipality_id: string;
  subscriber_id: string | null;
  kind: "hard" | "soft" | "complaint";
  source: "smtp" | "report";
  detail: Generated<string>;
  created_at: CreatedAt;
}

export const eventKinds = ["breakfast", "seminar", "council_open", "other"] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventStatuses = ["draft", "published", "cancelled"] as const;
export type EventStatus = (typeof eventStatuses)[number];

/** A question of an event's registration form. */
export interface EventQuestion {
  key: string;
  label: string;
  required: boolean;
}

export interface EventTable {
  id: string;
  municipality_id: string;
  title: string;
  description: Generated<string>;
  kind: EventKind;
  language: Generated<Language>;
  place: string | null;
  online_url: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number | null;
  registration_deadline: NullableTimestamp;
  questions: Json<EventQuestion[]>;
  public: Generated<boolean>;
  status: Generated<EventStatus>;
  reminder_hours: Generated<number>;
  link_base: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export const registrationStatuses = ["registered", "waiting", "cancelled"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export interface EventRegistrationTable {
  id: string;
  municipality_id: string;
  event_id: string;
  name: string;
  email: string;
  company_name: string | null;
  org_number: string | null;
  company_id: string | null;
  answers: Json<Record<string, string>>;
  status: RegistrationStatus;
  language: Generated<Language>;
  token_salt: string;
  token_hash: string;
  consent_at: Timestamp;
  promoted_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  checked_in_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    news_posts: NewsPostTable;
    mailing_lists: MailingListTable;
    subscribers: SubscriberTable;
    subscriptions: SubscriptionTable;
    campaigns: CampaignTable;
    campaign_recipients: CampaignRecipientTable;
    mail_bounces: MailBounceTable;
    events: EventTable;
    event_registrations: EventRegistrationTable;
  }
}

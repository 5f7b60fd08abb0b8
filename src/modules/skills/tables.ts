import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A date column comes back as `YYYY-MM-DD` (the pool's date parser keeps it a string). */
type DateColumn = ColumnType<string | null, string | null | undefined, string | null>;
type TextList = ColumnType<string[], string[] | undefined, string[]>;

export const openingKinds = ["job", "internship", "summer_job", "apprenticeship", "trainee"] as const;
export type OpeningKind = (typeof openingKinds)[number];
/**
 * unverified: posted by a business, its mailed link not yet followed; draft: staff are
 * writing it; review: posted and verified, waiting for staff; published; closed (its
 * deadline passed, or staff closed it).
 */
export const openingStatuses = ["unverified", "draft", "review", "published", "closed"] as const;
export type OpeningStatus = (typeof openingStatuses)[number];
export const seekerStatuses = ["registered", "searching", "placed", "paused", "closed"] as const;
export type SeekerStatus = (typeof seekerStatuses)[number];
/** Consent (the person asked for help), or the municipality's task in labour-market work (public interest). */
export const seekerBases = ["consent", "public_task"] as const;
export type SeekerBasis = (typeof seekerBases)[number];
export const introductionStatuses = ["proposed", "contacted", "interview", "placed", "declined", "withdrawn"] as const;
export type IntroductionStatus = (typeof introductionStatuses)[number];
/** The Swedish driving licence categories an opening may ask for. */
export const licenceCategories = ["AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "Traktor"] as const;

/** A skill an opening names: a must-have rules a seeker out when missing; a nice-to-have counts by its weight (1–5). */
export interface OpeningSkill {
  name: string;
  must: boolean;
  weight: number;
}

export interface OpeningTable {
  id: string;
  municipality_id: string;
  kind: OpeningKind;
  title: string;
  description: string;
  occupation: string;
  skills: ColumnType<OpeningSkill[], string | undefined, string>;
  languages: TextList;
  licences: TextList;
  extent: number;
  duration: string | null;
  starts_on: DateColumn;
  apply_by: DateColumn;
  places: number;
  filled: Generated<number>;
  workplace_address: string | null;
  workplace_municipality: string | null;
  org_number: string | null;
  employer: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  status: OpeningStatus;
  source: Generated<"staff" | "business">;
  token_hash: string | null;
  verified_at: NullableTimestamp;
  published_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SeekerTable {
  id: string;
  municipality_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** Ten digits (the platform's stored form), optional; shown masked, never in a list or an export. */
  personal_number: string | null;
  occupations: TextList;
  /** Kommunkoder the person can work in; empty: anywhere. */
  places: TextList;
  skills: TextList;
  languages: TextList;
  licences: TextList;
  /** Folded skills, languages and licences (`s:…`, `l:…`, `c:…`), for the requirement query; written with the record. */
  requirement_keys: TextList;
  available_from: DateColumn;
  extent: number;
  support: string | null;
  notes: string | null;
  officer_id: string | null;
  status: SeekerStatus;
  lawful_basis: SeekerBasis;
  basis_source: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SeekerStatusTable {
  id: string;
  municipality_id: string;
  seeker_id: string;
  status: SeekerStatus;
  at: CreatedAt;
  by_name: string;
}

export interface SeekerReadTable {
  id: string;
  municipality_id: string;
  seeker_id: string;
  reader_id: string | null;
  /** Kept as it was, so the log still says who when the account is gone. */
  reader_name: string;
  /** What was read: the record, its form, its matches, or the profile made for an employer. */
  what: "record" | "form" | "matches" | "profile";
  read_at: CreatedAt;
}

/**
 * One look at an opening's shortlist: every seeker it showed, in one row. A shortlist shows
 * fifty people a page, and a row each would make every look fifty writes; each seeker's
 * read log reads these beside their own reads (`readLog`).
 */
export interface ShortlistReadTable {
  id: string;
  municipality_id: string;
  opening_id: string;
  seeker_ids: string[];
  reader_id: string | null;
  reader_name: string;
  read_at: CreatedAt;
}

/** Where a placed person is 90 days after the placement: in work, in studies, or elsewhere. */
export const followUps = ["in_work", "in_studies", "other"] as const;
export type FollowUp = (typeof followUps)[number];

/** One dated step of an introduction. */
export interface IntroductionStep {
  status: IntroductionStatus;
  at: string;
  by: string;
}

export interface IntroductionTable {
  id: string;
  municipality_id: string;
  /** Null once the person is erased: the placement stays in the figures without them. */
  seeker_id: string | null;
  opening_id: string;
  status: IntroductionStatus;
  score: number;
  /** When the person agreed that their profile is shown to this employer; until then the employer sees it anonymised. */
  consent_at: NullableTimestamp;
  steps: ColumnType<IntroductionStep[], string, string>;
  placed_at: NullableTimestamp;
  starts_on: DateColumn;
  ends_on: DateColumn;
  /** 90 days after the placement ends (or starts, when it has no end): when the officer asks how it went. */
  follow_up_due: DateColumn;
  follow_up: FollowUp | null;
  followed_up_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The year's skills-needs survey: sent to the municipality's own companies, answered until it closes. */
export interface NeedsRoundTable {
  id: string;
  municipality_id: string;
  year: number;
  closes_on: ColumnType<string, string, string>;
  created_at: CreatedAt;
}

/** A company asked in a round: its link is stored only as a hash; the address is the outbox's alone. */
export interface NeedsInvitationTable {
  id: string;
  municipality_id: string;
  round_id: string;
  company_id: string;
  token_hash: string;
  sent_at: CreatedAt;
  answered_at: NullableTimestamp;
}

/** A company's answer for a year, given behind its link or at a visit; the latest stands. */
export interface NeedsAnswerTable {
  id: string;
  municipality_id: string;
  year: number;
  company_id: string;
  source: "survey" | "visit";
  visit_id: string | null;
  answered_at: Timestamp;
}

/** How many people of an occupation (an SSYK unit group) the company says it will need. */
export interface NeedsLineTable {
  municipality_id: string;
  answer_id: string;
  occupation: string;
  people: number;
}

export interface SkillsTables {
  skills_needs_rounds: NeedsRoundTable;
  skills_needs_invitations: NeedsInvitationTable;
  skills_needs_answers: NeedsAnswerTable;
  skills_needs_lines: NeedsLineTable;
  skills_openings: OpeningTable;
  skills_seekers: SeekerTable;
  skills_seeker_statuses: SeekerStatusTable;
  skills_seeker_reads: SeekerReadTable;
  skills_shortlist_reads: ShortlistReadTable;
  skills_introductions: IntroductionTable;
}

declare module "../../platform/db/schema.js" {
  interface Database extends SkillsTables {}
}

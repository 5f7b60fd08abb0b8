import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type CompanyStatus = "active" | "deregistered" | "bankrupt" | "liquidation";
export type ImportSource = "bolagsverket" | "scb" | "csv";
export type LinkReason = "manual" | "visit" | "contact" | "import" | "case" | "event" | "opening";
export type LawfulBasis = "public_task" | "legitimate_interest" | "consent" | "contract";
export type VisitStatus = "planned" | "held" | "cancelled";

/** One industry code of a company: the SNI version it belongs to, and whether that was inferred. */
export interface IndustryCode {
  version: "2007" | "2025";
  code: string;
  primary: boolean;
  /** The file did not say the version and the code is valid in both. */
  uncertain: boolean;
}

export interface CompanyTable {
  id: string;
  org_number: string;
  is_person: Generated<boolean>;
  name: string;
  legal_form_code: string | null;
  legal_form_token: string | null;
  status: Generated<CompanyStatus>;
  registered_on: string | null;
  deregistered_on: string | null;
  deregistration_reason: string | null;
  street: string | null;
  care_of: string | null;
  postcode: string | null;
  town: string | null;
  size_class: string | null;
  web: string | null;
  phone: string | null;
  email: string | null;
  description: string | null;
  advertising_opt_out: Generated<boolean>;
  industries: ColumnType<IndustryCode[], string | undefined, string>;
  industry_keys: ColumnType<string[], string[] | undefined, string[]>;
  industry_text: Generated<string>;
  sources: ColumnType<string[], string[] | undefined, string[]>;
  missing_from: ColumnType<string[], string[] | undefined, string[]>;
  search_vector: ColumnType<string, never, never>;
  area_key: ColumnType<string | null, never, never>;
  town_key: ColumnType<string | null, never, never>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface LexemeTable {
  lexeme: string;
  documents: number;
}

export interface ImportRunTable {
  id: string;
  source: ImportSource;
  file_name: string;
  municipality_id: string | null;
  started_at: CreatedAt;
  finished_at: NullableTimestamp;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
}

export interface ImportSeenTable {
  run_id: string;
  org_number: string;
}

export interface CompanyAreaTable {
  municipality_id: string;
  postcodes: ColumnType<string[], string[] | undefined, string[]>;
  towns: ColumnType<string[], string[] | undefined, string[]>;
  contact_retention_months: Generated<number>;
  updated_at: Timestamp;
}

export interface CompanyLinkTable {
  municipality_id: string;
  company_id: string;
  reason: LinkReason;
  created_at: CreatedAt;
}

export interface CompanyProfileTable {
  municipality_id: string;
  company_id: string;
  owner_id: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  notes: Generated<string>;
  updated_at: Timestamp;
}

export interface ContactTable {
  id: string;
  municipality_id: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  lawful_basis: LawfulBasis;
  source: string;
  touched_at: Timestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ContactCompanyTable {
  municipality_id: string;
  contact_id: string;
  company_id: string;
  role: string | null;
}

export interface VisitQuestion {
  key: string;
  label: string;
}

export interface VisitTemplateTable {
  id: string;
  municipality_id: string;
  name: string;
  questions: ColumnType<VisitQuestion[], string, string>;
  /** Parts other modules offer a report (`visitSections`), by key. */
  sections: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface VisitTable {
  id: string;
  municipality_id: string;
  company_id: string;
  status: Generated<VisitStatus>;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: NullableTimestamp;
  purpose: Generated<string>;
  template_id: string | null;
  report: ColumnType<Record<string, string>, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface VisitStaffTable {
  municipality_id: string;
  visit_id: string;
  user_id: string;
}

export interface VisitContactTable {
  municipality_id: string;
  visit_id: string;
  contact_id: string;
}

export interface CompanyTaskTable {
  id: string;
  municipality_id: string;
  company_id: string;
  visit_id: string | null;
  title: string;
  owner_id: string | null;
  due_on: string | null;
  done_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface VisitFeedKeyTable {
  user_id: string;
  municipality_id: string;
  salt: string;
  created_at: CreatedAt;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    companies: CompanyTable;
    company_lexemes: LexemeTable;
    company_import_runs: ImportRunTable;
    company_import_seen: ImportSeenTable;
    company_areas: CompanyAreaTable;
    company_links: CompanyLinkTable;
    company_profiles: CompanyProfileTable;
    contacts: ContactTable;
    contact_companies: ContactCompanyTable;
    visit_templates: VisitTemplateTable;
    visits: VisitTable;
    visit_staff: VisitStaffTable;
    visit_contacts: VisitContactTable;
    company_tasks: CompanyTaskTable;
    visit_feed_keys: VisitFeedKeyTable;
  }
}

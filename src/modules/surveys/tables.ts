import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** numeric comes back from pg as a string. */
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export const surveyKinds = ["after_case", "climate"] as const;
export type SurveyKind = (typeof surveyKinds)[number];
export const timings = ["closing", "monthly", "quarterly", "yearly"] as const;
export type Timing = (typeof timings)[number];
export const transforms = ["linear", "share"] as const;
export type Transform = (typeof transforms)[number];
/** Insikt's areas, the business desk, and a municipality's own. */
export const areas = ["bygglov", "miljo", "livsmedel", "servering", "brandskydd", "markupplatelse", "foretagslots", "egen"] as const;
export type Area = (typeof areas)[number];
/** The areas the total NKI covers from 2024; brandskydd and markupplåtelse are reported on their own. */
export const totalAreas: readonly Area[] = ["bygglov", "miljo", "livsmedel", "servering"];
export const factors = ["information", "tillganglighet", "bemotande", "kompetens", "rattssakerhet", "effektivitet"] as const;
export type Factor = (typeof factors)[number];
export const overallQuestions = ["satisfaction", "expectations", "ideal"] as const;
export type Overall = (typeof overallQuestions)[number];
/** What a standard question measures: a factor, an NKI question, or the business climate's summary grade. */
export type QuestionCode = Factor | Overall | "climate";
export const questionKinds = ["factor", "overall", "climate", "scale", "text"] as const;
export type QuestionKind = (typeof questionKinds)[number];

export interface SurveyTable {
  id: string;
  municipality_id: string;
  kind: Generated<SurveyKind>;
  name_sv: string;
  name_en: string;
  intro_sv: Generated<string>;
  intro_en: Generated<string>;
  timing: Timing;
  scale_max: Generated<number>;
  transform: Generated<Transform>;
  reminders: Generated<number>;
  reminder_days: Generated<number>;
  answer_days: Generated<number>;
  active: Generated<boolean>;
  swept_until: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface QuestionTable {
  id: string;
  municipality_id: string;
  survey_id: string;
  position: number;
  kind: QuestionKind;
  code: QuestionCode | null;
  text_sv: string;
  text_en: string;
  created_at: CreatedAt;
}

export interface SurveyCategoryTable {
  survey_id: string;
  municipality_id: string;
  category_id: string;
  area: Area;
}

export interface InvitationTable {
  id: string;
  municipality_id: string;
  survey_id: string;
  source: "desk" | "upload" | "register";
  area: Area;
  unit_id: string | null;
  category_id: string | null;
  closed_on: ColumnType<string, string, string>;
  waiting_days: Numeric;
  on_time: boolean | null;
  period: string;
  business_key: string;
  case_key: string;
  case_id: string | null;
  case_number: string | null;
  org_number: string | null;
  company_name: string | null;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  language: "sv" | "en";
  token_salt: string | null;
  token_hash: string | null;
  expires_at: Timestamp;
  sent_at: Timestamp;
  reminders_sent: Generated<number>;
  next_reminder_at: NullableTimestamp;
  opted_out_at: NullableTimestamp;
  answered_at: NullableTimestamp;
  forgotten_at: NullableTimestamp;
  nki: Numeric;
  information: Numeric;
  tillganglighet: Numeric;
  bemotande: Numeric;
  kompetens: Numeric;
  rattssakerhet: Numeric;
  effektivitet: Numeric;
  climate: Numeric;
  created_at: CreatedAt;
}

export interface AnswerTable {
  invitation_id: string;
  question_id: string;
  municipality_id: string;
  value: number | null;
  scale_max: number | null;
  text: string | null;
  text_hidden: Generated<boolean>;
}

/** The fields of a case list from another system, in the order a contractor's template lists them. */
export const listFields = ["case_number", "area", "decided_on", "company_name", "org_number", "contact_name", "email", "phone", "language"] as const;
export type ListField = (typeof listFields)[number];

export interface ColumnMappingTable {
  municipality_id: string;
  columns: ColumnType<Record<ListField, string>, string, string>;
  updated_at: Generated<Date>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    survey_surveys: SurveyTable;
    survey_questions: QuestionTable;
    survey_categories: SurveyCategoryTable;
    survey_invitations: InvitationTable;
    survey_answers: AnswerTable;
    survey_column_mappings: ColumnMappingTable;
  }
}

import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type TemplateKind = "text" | "focus_areas" | "statistics" | "figures";
export type SectionKind = "text" | "focus_area" | "statistics" | "figures";
export type ReportState = "draft" | "review" | "approved" | "published" | "archived";

export interface ReportTemplateSectionTable {
  id: string;
  municipality_id: string;
  kind: TemplateKind;
  title: string;
  source: Nullable<string>;
  guidance: Generated<string>;
  position: Generated<number>;
  created_at: CreatedAt;
}

export interface ReportSettingsTable {
  municipality_id: string;
  logo: Nullable<Buffer>;
  logo_type: Nullable<string>;
  updated_at: Timestamp;
}

export interface ReportTable {
  id: string;
  municipality_id: string;
  programme_id: string;
  year: number;
  state: Generated<ReportState>;
  approved_by_id: Nullable<string>;
  approved_at: Nullable<Date>;
  follow_up_id: Nullable<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReportSectionTable {
  id: string;
  municipality_id: string;
  report_id: string;
  kind: SectionKind;
  title: string;
  source: Nullable<string>;
  focus_area_id: Nullable<string>;
  guidance: Generated<string>;
  text: Generated<string>;
  writer_id: Nullable<string>;
  ready_at: Nullable<Date>;
  ready_by_id: Nullable<string>;
  position: Generated<number>;
  updated_at: Timestamp;
}

export interface ReportCommentTable {
  id: string;
  municipality_id: string;
  section_id: string;
  author_id: string | null;
  text: string;
  created_at: CreatedAt;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    report_template_sections: ReportTemplateSectionTable;
    report_settings: ReportSettingsTable;
    reports: ReportTable;
    report_sections: ReportSectionTable;
    report_comments: ReportCommentTable;
  }
}

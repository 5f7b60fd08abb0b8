import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ProgrammeStatus = "draft" | "adopted" | "archived";
export type Direction = "higher" | "lower";
export type ValueSource = "manual" | "computed" | "imported" | "kolada";

export interface ActionStatusTable {
  id: string;
  municipality_id: string;
  name: string;
  default_progress: number;
  closed: Generated<boolean>;
  position: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProgrammeTable {
  id: string;
  municipality_id: string;
  name: string;
  start_year: number;
  end_year: number;
  status: Generated<ProgrammeStatus>;
  adopted_by: string | null;
  adopted_on: string | null;
  purpose: Generated<string>;
  vision: Generated<string>;
  goal: Generated<string>;
  previous_id: string | null;
  unlocked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  unlock_reason: string | null;
  demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProgrammePartyTable {
  municipality_id: string;
  programme_id: string;
  party_id: string;
}

export interface CommitmentTable {
  id: string;
  municipality_id: string;
  programme_id: string;
  title: string;
  description: Generated<string>;
  position: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface FocusAreaTable {
  id: string;
  municipality_id: string;
  programme_id: string;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ActionTable {
  id: string;
  municipality_id: string;
  programme_id: string;
  focus_area_id: string;
  title: string;
  description: Generated<string>;
  responsible_unit_id: string | null;
  responsible_party_id: string | null;
  owner_id: string | null;
  start_date: string | null;
  end_date: string | null;
  status_id: string;
  progress: number;
  weight: number;
  position: Generated<number>;
  demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ActionContributorTable {
  id: string;
  municipality_id: string;
  action_id: string;
  unit_id: string | null;
  party_id: string | null;
}

export interface ActionUpdateTable {
  id: string;
  municipality_id: string;
  action_id: string;
  at: CreatedAt;
  author_id: string | null;
  year: number | null;
  text: string;
  status_id: string | null;
  status_name: string;
  progress: number;
}

export interface IndicatorTable {
  id: string;
  municipality_id: string;
  programme_id: string;
  focus_area_id: string | null;
  name: string;
  description: Generated<string>;
  unit: Generated<string>;
  direction: Direction;
  baseline_value: number | null;
  baseline_year: number | null;
  source: Generated<ValueSource>;
  /** The registered figure a computed indicator takes its values from. */
  computed_from: ColumnType<string | null, string | null | undefined, string | null>;
  /** A Kolada indicator's key figure (`N00999`) and gender (T, K, M). */
  kolada_kpi: ColumnType<string | null, string | null | undefined, string | null>;
  kolada_gender: ColumnType<string | null, string | null | undefined, string | null>;
  owner_id: string | null;
  position: Generated<number>;
  demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface IndicatorTargetTable {
  municipality_id: string;
  indicator_id: string;
  year: number;
  value: number;
}

export interface IndicatorValueTable {
  id: string;
  municipality_id: string;
  indicator_id: string;
  year: number;
  quarter: number | null;
  value: number;
  comment: Generated<string>;
  recorded_by_id: string | null;
  recorded_at: Timestamp;
}

export interface FocusAreaSummaryTable {
  municipality_id: string;
  focus_area_id: string;
  year: number;
  text: string;
  author_id: string | null;
  updated_at: Timestamp;
}

export interface FollowUpTable {
  id: string;
  municipality_id: string;
  programme_id: string;
  year: number;
  revision: number;
  correction_note: Generated<string>;
  published_at: CreatedAt;
  published_by_id: string | null;
  snapshot: ColumnType<unknown, string, never>;
  demo: Generated<boolean>;
}

export interface ProgrammeDocumentTable {
  programme_id: string;
  municipality_id: string;
  document: ColumnType<unknown, string, string>;
  refreshed_at: Timestamp;
}

export interface SheetImportTable {
  id: string;
  municipality_id: string;
  programme_id: string;
  kind: "actions" | "values";
  file_name: Generated<string>;
  rows: ColumnType<unknown, string, string>;
  plan: ColumnType<unknown, string, string>;
  state: Generated<"preview" | "queued" | "applied" | "failed" | "stale">;
  total: Generated<number>;
  done: Generated<number>;
  error: string | null;
  created_by_id: string | null;
  created_at: CreatedAt;
  applied_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface KoladaSettingsTable {
  municipality_id: string;
  base_url: string;
  group_name: string;
  group_codes: string[];
  updated_at: Timestamp;
}

export interface KoladaKpiTable {
  municipality_id: string;
  kpi: string;
  title: string;
  previous_title: string | null;
  title_changed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  fetched_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_error: string | null;
}

export interface KoladaValueTable {
  municipality_id: string;
  kpi: string;
  area: string;
  gender: string;
  year: number;
  value: number | null;
  fetched_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    programme_action_statuses: ActionStatusTable;
    programmes: ProgrammeTable;
    programme_parties: ProgrammePartyTable;
    programme_commitments: CommitmentTable;
    programme_focus_areas: FocusAreaTable;
    programme_actions: ActionTable;
    programme_action_contributors: ActionContributorTable;
    programme_action_updates: ActionUpdateTable;
    programme_indicators: IndicatorTable;
    programme_indicator_targets: IndicatorTargetTable;
    programme_indicator_values: IndicatorValueTable;
    programme_focus_area_summaries: FocusAreaSummaryTable;
    programme_follow_ups: FollowUpTable;
    programme_documents: ProgrammeDocumentTable;
    programme_sheet_imports: SheetImportTable;
    programme_kolada_settings: KoladaSettingsTable;
    programme_kolada_kpis: KoladaKpiTable;
    programme_kolada_values: KoladaValueTable;
  }
}

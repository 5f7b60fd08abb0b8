import type { ColumnType } from "kysely";

export interface RegionFigureTable {
  municipality_id: string;
  year: number;
  key: string;
  label: string | null;
  unit: string | null;
  aggregate: "sum" | "mean";
  /** numeric comes back from pg as a string. */
  value: ColumnType<string | null, number | null, number | null>;
  computed_at: ColumnType<Date, Date | undefined, Date>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    region_figures: RegionFigureTable;
  }
}

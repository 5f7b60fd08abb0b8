import { stringify } from "csv-stringify/sync";
import { spreadsheetCast } from "../../platform/csv.js";
import type { Dashboard, WaitingFigures } from "./report-service.js";

const hours = (minutes: number | null) => (minutes === null ? "" : (Math.round(minutes / 6) / 10).toString().replace(".", ","));

/** The dashboard's figures as CSV: one row per month, unit and category, business hours with a decimal comma. */
export function figuresCsv(dashboard: Dashboard): string {
  const row = (group: string, label: string, figures: WaitingFigures) => [
    dashboard.year,
    group,
    label,
    figures.cases,
    hours(figures.first_response_median),
    hours(figures.first_response_p90),
    figures.first_response_on_time,
    figures.first_response_measured,
    hours(figures.resolution_median),
    hours(figures.resolution_p90),
    figures.resolution_on_time,
    figures.resolution_measured,
    figures.statutory_in_time,
    figures.statutory_decided,
  ];
  return stringify(
    [
      row("år", String(dashboard.year), dashboard.total),
      ...dashboard.months.map((figures) => row("månad", String(figures.month).padStart(2, "0"), figures)),
      ...dashboard.byUnit.map((figures) => row("enhet", figures.name, figures)),
      ...dashboard.byCategory.map((figures) => row("kategori", figures.name, figures)),
    ],
    {
      delimiter: ";",
      bom: true,
      cast: spreadsheetCast,
      header: true,
      columns: [
        "år",
        "grupp",
        "namn",
        "ärenden",
        "första_svar_median_h",
        "första_svar_p90_h",
        "första_svar_i_tid",
        "första_svar_mätta",
        "lösning_median_h",
        "lösning_p90_h",
        "löst_i_tid",
        "lösning_mätta",
        "lagstadgat_i_tid",
        "lagstadgat_beslutade",
      ],
    },
  );
}

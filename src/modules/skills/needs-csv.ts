import { stringify } from "csv-stringify/sync";
import { spreadsheetCast } from "../../platform/csv.js";
import type { Translate } from "../../platform/ui/i18n.js";
import type { NeedFigures } from "./needs-figures.js";
import { occupationTitle } from "./occupations.js";

type Cell = NeedFigures["total"][number];

/**
 * The skills needs as CSV in the reader's language: a row per year and occupation, as the
 * page shows them; a figure held back (fewer than three companies) is "..", as statistics
 * offices write it, never the number.
 */
export function needsCsv(figures: NeedFigures, t: Translate): string {
  const held = "..";
  const figure = (cell: Cell | null): [string | number, string | number] => (cell === null ? ["", ""] : [cell.companies ?? held, cell.people ?? held]);
  const rows = figures.years.flatMap((year, index) => [
    ...figures.rows.map((row) => [year, row.occupation, occupationTitle(row.occupation), ...figure(row.cells[index]!)]),
    ...(figures.other[index] ? [[year, "", t("skills.needs_other"), ...figure(figures.other[index]!)]] : []),
    [year, "", t("skills.needs_total"), ...figure(figures.total[index]!)],
  ]);
  return stringify(rows, {
    delimiter: ";",
    bom: true,
    cast: spreadsheetCast,
    header: true,
    columns: [t("skills.needs_csv_year"), "SSYK 2012", t("skills.occupation"), t("skills.needs_csv_companies"), t("skills.needs_csv_people")],
  });
}

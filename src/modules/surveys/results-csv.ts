import { stringify } from "csv-stringify/sync";
import { spreadsheetCast } from "../../platform/csv.js";
import type { Translate } from "../../platform/ui/i18n.js";
import type { Figure } from "./nki.js";
import type { Results } from "./results-service.js";
import { factors } from "./tables.js";

const value = (figure: Figure) => (figure.value === null ? "" : figure.value);

/**
 * The results as CSV in the reader's language: one row per group, each figure only where the
 * page would show it (seven answers), with its answers and response rate beside it.
 */
export function resultsCsv(results: Results, t: Translate): string {
  const groupName = (row: Results["rows"][number]) =>
    row.group === "all"
      ? t("surveys.group_all")
      : row.group === "insikt"
        ? t("surveys.group_insikt")
        : row.group === "half"
          ? t(row.key === "1" ? "surveys.half_1" : "surveys.half_2")
          : row.group === "area"
            ? t(`surveys.area_${row.key as "bygglov"}`)
            : row.name;
  const groupKind = { all: "", insikt: "", half: t("surveys.half"), area: t("surveys.area"), unit: t("surveys.unit"), category: t("surveys.category") };
  return stringify(
    results.rows.map((row) => [
      results.year,
      results.half ?? "",
      groupKind[row.group],
      groupName(row),
      row.nki.invited,
      row.nki.answers,
      row.nki.rate === null ? "" : String(Math.round(row.nki.rate * 1000) / 10).replace(".", ","),
      value(row.nki),
      row.nki.grade ? t(`surveys.grade_${row.nki.grade}`) : "",
      ...factors.map((factor) => value(row.factors[factor])),
    ]),
    {
      delimiter: ";",
      bom: true,
      cast: spreadsheetCast,
      header: true,
      columns: [
        t("surveys.year"),
        t("surveys.half"),
        t("surveys.group"),
        t("surveys.name"),
        t("surveys.invited"),
        t("surveys.answers"),
        t("surveys.rate_percent"),
        "NKI",
        t("surveys.grade"),
        ...factors.map((factor) => t(`surveys.code_${factor}`)),
      ],
    },
  );
}

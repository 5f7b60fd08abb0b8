import type { sv } from "./sv.js";

/** The region's interface strings in English. */
export const en: Record<keyof typeof sv, string> = {
  "region.nav": "The region",
  "region.title": "The region in figures",
  "region.intro":
    "The member municipalities' figures side by side, and the region's. A region figure is the sum for counts and the mean of the municipalities that report for shares, medians and indices, as Kolada's municipality groups compute them. No cases, people or answers are shown, only figures.",
  "region.none": "The municipality belongs to no region in Lotsen.",
  "region.signed_in_as": "Signed in as {name}, an account of the region.",
  "region.year": "Year",
  "region.show": "Show",
  "region.figure": "Figure",
  "region.region": "The region",
  "region.reporting": "Reporting",
  "region.reporting_of": "{reporting} of {total}",
  "region.table": "{region} {year}",
  "region.none_year": "No figures for the year yet.",
  "region.computed": "The figures were computed {when}; they are computed again every night.",
  "region.sum": "sum",
  "region.mean": "mean",
  "region.programme_indicators": "The programmes' indicators of the same name",
  "region.audit.record.region_figures": "the municipality's figures for the region",
  "region.audit.action.figures.computed": "computed {record}",
};

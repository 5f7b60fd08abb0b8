import type { OperationContext } from "../../platform/context.js";
import type { ScopedTx } from "../../platform/db/database.js";
import { translator } from "../../platform/ui/i18n.js";
import { indicatorSourcesOf, koladaComparison, yearsOf, type ProgrammeDetail, type ReportPart } from "../programme/index.js";
import * as repo from "./repo.js";
import type { Report } from "./repo.js";

/**
 * The report as it is frozen with the follow-up: every section's text, and the figures it
 * showed on the day: each module's figures for the year, and each Kolada indicator beside
 * its comparison group.
 */
export async function reportPart(ctx: OperationContext, tx: ScopedTx, report: Report, detail: ProgrammeDetail): Promise<ReportPart> {
  const sections = await repo.listSections(tx, report.id);
  const sources = indicatorSourcesOf(ctx);
  // A council's document: the figures are named in Swedish, as the report is written.
  const t = translator("sv");
  const years = yearsOf(detail.programme).filter((year) => year <= report.year);
  const statistics = [];
  for (const indicator of detail.indicators.filter((candidate) => candidate.source === "kolada" && candidate.kolada_kpi)) {
    const comparison = await koladaComparison(ctx, indicator, years);
    if (comparison) {
      statistics.push({
        name: indicator.name,
        unit: indicator.unit,
        kpi: indicator.kolada_kpi!,
        group: comparison.groupName,
        members: comparison.members,
        years: comparison.years,
      });
    }
  }
  const parts = [];
  for (const section of sections) {
    const figures = [];
    if (section.kind === "figures") {
      for (const source of sources.filter((candidate) => candidate.key.startsWith(`${section.source}.`))) {
        figures.push({ label: t(source.label), value: await source.value(ctx.db, ctx.scope, report.year) });
      }
    }
    parts.push({
      kind: section.kind,
      title: section.title,
      text: section.text,
      focus_area_id: section.focus_area_id,
      figures,
      statistics: section.kind === "statistics" ? statistics : [],
    });
  }
  return {
    municipality: await repo.municipalityName(tx, ctx.scope.municipalityId),
    approved_by: report.approved_by_id ? await repo.userName(tx, report.approved_by_id) : null,
    approved_at: report.approved_at ? report.approved_at.toISOString() : null,
    sections: parts,
  };
}

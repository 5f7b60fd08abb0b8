/**
 * A published follow-up as a document: headings, paragraphs, tables and charts in reading
 * order, in the language asked for. The DOCX and the PDF are both written from this one
 * model, so that the council's two files say the same.
 */
import { formatDate, formatNumber } from "../../platform/ui/format.js";
import type { Lang, Translate } from "../../platform/ui/i18n.js";
import type { FollowUpSnapshot, ReportSectionPart } from "../programme/index.js";

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; caption: string; headers: string[]; rows: string[][]; numeric: boolean[] }
  | { kind: "chart"; title: string; alt: string; labels: string[]; series: Array<{ name: string; values: Array<number | null> }>; unit: string };

export interface ReportDocument {
  lang: Lang;
  /** The language tag both files declare (`sv-SE`). */
  languageTag: string;
  title: string;
  subtitle: string;
  approved: string | null;
  municipality: string;
  blocks: Block[];
}

/** The document of a published follow-up; one published without a report gets a section per focus area with its summary. */
export function reportDocument(snapshot: FollowUpSnapshot, t: Translate, lang: Lang, municipality: string): ReportDocument {
  const number = (value: number | null) => (value === null ? t("report.doc.no_value") : formatNumber(value, lang));
  const report = snapshot.report;
  const sections: ReportSectionPart[] =
    report?.sections ??
    snapshot.focus_areas.map((area) => ({ kind: "focus_area", title: area.name, text: area.summary, focus_area_id: area.id, figures: [], statistics: [] }));
  const blocks: Block[] = [];
  for (const section of sections) {
    blocks.push({ kind: "heading", level: 1, text: section.title });
    for (const paragraph of section.text.split(/\n\s*\n/).map((text) => text.trim())) {
      if (paragraph !== "") {
        blocks.push({ kind: "paragraph", text: paragraph });
      }
    }
    if (section.kind === "focus_area") {
      blocks.push(...focusAreaBlocks(snapshot, section.focus_area_id, t, number));
    } else if (section.kind === "statistics") {
      if (section.statistics.length === 0) {
        blocks.push({ kind: "paragraph", text: t("report.doc.no_statistics") });
      }
      for (const statistic of section.statistics) {
        blocks.push({ kind: "heading", level: 2, text: `${statistic.name} (${statistic.kpi})` });
        const own = t("report.doc.own", { municipality: report?.municipality ?? municipality });
        const group = t("report.doc.group", { group: statistic.group });
        blocks.push({
          kind: "chart",
          title: `${statistic.name}: ${own}, ${group}`,
          alt: t("report.doc.chart_alt", { name: statistic.name }),
          labels: statistic.years.map((year) => String(year.year)),
          series: [
            { name: own, values: statistic.years.map((year) => year.own) },
            { name: group, values: statistic.years.map((year) => year.group) },
          ],
          unit: statistic.unit,
        });
        blocks.push({
          kind: "table",
          caption: t("report.doc.trend_caption", { name: statistic.name }),
          headers: [t("report.doc.year"), own, group, t("report.doc.reporting")],
          rows: statistic.years.map((year) => [String(year.year), number(year.own), number(year.group), `${year.reporting}/${statistic.members}`]),
          numeric: [false, true, true, true],
        });
        blocks.push({ kind: "paragraph", text: t("report.doc.source_kolada") });
      }
    } else if (section.kind === "figures" && section.figures.length > 0) {
      blocks.push({
        kind: "table",
        caption: `${section.title} ${snapshot.year}`,
        headers: [t("report.doc.figure"), t("report.doc.value")],
        rows: section.figures.map((figure) => [figure.label, number(figure.value)]),
        numeric: [false, true],
      });
    }
  }
  return {
    lang,
    languageTag: lang === "sv" ? "sv-SE" : "en-GB",
    title: t("report.doc.title", { year: snapshot.year, programme: snapshot.programme.name }),
    subtitle: t("report.doc.subtitle", {
      municipality: report?.municipality ?? municipality,
      start: snapshot.programme.start_year,
      end: snapshot.programme.end_year,
    }),
    approved:
      report?.approved_by && report.approved_at
        ? t("report.doc.approved", { name: report.approved_by, date: formatDate(report.approved_at.slice(0, 10), lang) })
        : null,
    municipality: report?.municipality ?? municipality,
    blocks,
  };
}

function focusAreaBlocks(snapshot: FollowUpSnapshot, areaId: string | null, t: Translate, number: (value: number | null) => string): Block[] {
  const area = snapshot.focus_areas.find((candidate) => candidate.id === areaId);
  if (!area) {
    return [];
  }
  const blocks: Block[] = [];
  if (area.actions.length > 0) {
    blocks.push({ kind: "heading", level: 2, text: t("report.doc.actions") });
    blocks.push({
      kind: "table",
      caption: `${t("report.doc.actions")}: ${area.name}`,
      headers: [t("report.doc.action"), t("report.doc.responsible"), t("report.doc.status"), t("report.doc.progress"), t("report.doc.note")],
      rows: area.actions.map((action) => [action.title, action.responsible ?? "–", action.status, `${number(action.progress)} %`, action.note]),
      numeric: [false, false, false, true, false],
    });
  }
  const indicators = snapshot.indicators.filter((indicator) => indicator.focus_area === area.name);
  if (indicators.length > 0) {
    blocks.push({ kind: "heading", level: 2, text: t("report.doc.indicators") });
    blocks.push({
      kind: "table",
      caption: `${t("report.doc.indicators")}: ${area.name} ${snapshot.year}`,
      headers: [t("report.doc.indicator"), t("report.doc.value"), t("report.doc.target"), t("report.doc.status")],
      rows: indicators.map((indicator) => [
        indicator.unit ? `${indicator.name} (${indicator.unit})` : indicator.name,
        number(indicator.value),
        number(indicator.target),
        t(`programme.indicator_status.${indicator.status}`),
      ]),
      numeric: [false, true, true, false],
    });
    for (const indicator of indicators) {
      const trend = indicator.trend ?? [];
      if (trend.filter((point) => point.value !== null).length < 2) {
        continue;
      }
      blocks.push({ kind: "heading", level: 3, text: indicator.name });
      blocks.push({
        kind: "chart",
        title: t("report.doc.trend_caption", { name: indicator.name }),
        alt: t("report.doc.chart_alt", { name: indicator.name }),
        labels: trend.map((point) => String(point.year)),
        series: [
          { name: t("report.doc.value"), values: trend.map((point) => point.value) },
          { name: t("report.doc.target"), values: trend.map((point) => point.target) },
        ],
        unit: indicator.unit,
      });
      blocks.push({
        kind: "table",
        caption: t("report.doc.trend_caption", { name: indicator.name }),
        headers: [t("report.doc.year"), t("report.doc.value"), t("report.doc.target")],
        rows: trend.map((point) => [String(point.year), number(point.value), number(point.target)]),
        numeric: [false, true, true],
      });
    }
  }
  return blocks;
}

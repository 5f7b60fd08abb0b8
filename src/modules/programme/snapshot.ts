import { indicatorInYear, noteForYear, type ProgrammeDetail } from "./detail.js";
import type { IndicatorStatus } from "./rules.js";
import type { Summary } from "./repo.js";

/**
 * What a published follow-up holds, frozen at publication: the programme, every action
 * with its status, progress and note for the year, every indicator with value, target
 * and status, and the summaries. It names units and parties, never staff.
 */
export interface FollowUpSnapshot {
  version: 1;
  year: number;
  /** The yearly report, when the follow-up was published from one. */
  report?: ReportPart;
  programme: {
    id: string;
    name: string;
    start_year: number;
    end_year: number;
    adopted_by: string | null;
    adopted_on: string | null;
    vision: string;
    goal: string;
    progress: number | null;
  };
  commitments: Array<{ title: string; description: string }>;
  focus_areas: Array<{
    id: string;
    name: string;
    progress: number | null;
    summary: string;
    actions: Array<{
      id: string;
      title: string;
      responsible: string | null;
      status: string;
      closed: boolean;
      progress: number;
      weight: number;
      note: string;
      note_at: string | null;
    }>;
  }>;
  indicators: Array<{
    id: string;
    focus_area: string | null;
    name: string;
    unit: string;
    direction: "higher" | "lower";
    baseline: number | null;
    baseline_year: number | null;
    value: number | null;
    period: string | null;
    comment: string;
    target: number | null;
    status: IndicatorStatus;
    /** Each year from the baseline (or the programme's start) to the follow-up's: its value and target. */
    trend?: Array<{ year: number; value: number | null; target: number | null }>;
  }>;
}

/**
 * The yearly report frozen with a follow-up: its sections in order, each with the text its
 * writer wrote and the figures it showed when published (the report module builds it).
 */
export interface ReportPart {
  municipality: string;
  approved_by: string | null;
  approved_at: string | null;
  sections: ReportSectionPart[];
}

export interface ReportSectionPart {
  kind: "text" | "focus_area" | "statistics" | "figures";
  title: string;
  text: string;
  /** For a focus area's section: which one (its actions and indicators are in the snapshot). */
  focus_area_id: string | null;
  /** For a module's figures: each figure's name and value. */
  figures: Array<{ label: string; value: number | null }>;
  /** For official statistics: each Kolada indicator beside its comparison group. */
  statistics: Array<{
    name: string;
    unit: string;
    kpi: string;
    group: string;
    members: number;
    years: Array<{ year: number; own: number | null; group: number | null; reporting: number }>;
  }>;
}

export function buildSnapshot(detail: ProgrammeDetail, year: number, summaries: readonly Summary[]): FollowUpSnapshot {
  const { programme } = detail;
  const areaName = new Map(detail.focusAreas.map((area) => [area.id, area.name]));
  return {
    version: 1,
    year,
    programme: {
      id: programme.id,
      name: programme.name,
      start_year: programme.start_year,
      end_year: programme.end_year,
      adopted_by: programme.adopted_by,
      adopted_on: programme.adopted_on,
      vision: programme.vision,
      goal: programme.goal,
      progress: detail.progress,
    },
    commitments: detail.commitments.map(({ title, description }) => ({ title, description })),
    focus_areas: detail.focusAreas.map((area) => ({
      id: area.id,
      name: area.name,
      progress: area.progress,
      summary: summaries.find((summary) => summary.focus_area_id === area.id && summary.year === year)?.text ?? "",
      actions: detail.actions
        .filter((action) => action.focus_area_id === area.id)
        .map((action) => {
          const note = noteForYear(action, year);
          return {
            id: action.id,
            title: action.title,
            responsible: action.responsible?.name ?? null,
            status: action.status_name,
            closed: action.status_closed,
            progress: action.progress,
            weight: action.weight,
            note: note?.text ?? "",
            note_at: note ? note.at.toISOString() : null,
          };
        }),
    })),
    indicators: detail.indicators.map((indicator) => {
      const standing = indicatorInYear(indicator, year);
      return {
        id: indicator.id,
        focus_area: indicator.focus_area_id ? (areaName.get(indicator.focus_area_id) ?? null) : null,
        name: indicator.name,
        unit: indicator.unit,
        direction: indicator.direction,
        baseline: indicator.baseline_value,
        baseline_year: indicator.baseline_year,
        value: standing.value?.value ?? null,
        period: standing.value ? (standing.value.quarter ? `${standing.value.year} Q${standing.value.quarter}` : String(standing.value.year)) : null,
        comment: standing.value?.comment ?? "",
        target: standing.target,
        status: standing.status,
        trend: trendYears(programme.start_year, indicator.baseline_year, year).map((trendYear) => {
          const inYear = indicatorInYear(indicator, trendYear);
          // The baseline is the trend's first point when no value was recorded for its year.
          const baseline = trendYear === indicator.baseline_year ? indicator.baseline_value : null;
          return { year: trendYear, value: inYear.value?.value ?? baseline, target: inYear.target };
        }),
      };
    }),
  };
}

function trendYears(startYear: number, baselineYear: number | null, year: number): number[] {
  const first = Math.min(startYear, baselineYear ?? startYear);
  return Array.from({ length: Math.max(0, year - first + 1) }, (_, index) => first + index);
}

/** The rows of a follow-up's CSV: one per action and one per indicator. */
export function snapshotRows(snapshot: FollowUpSnapshot, header: string[]): string[][] {
  const number = (value: number | null) => (value === null ? "" : String(Math.round(value * 100) / 100).replace(".", ","));
  const rows: string[][] = [header];
  for (const area of snapshot.focus_areas) {
    for (const action of area.actions) {
      rows.push(["action", area.name, action.title, action.responsible ?? "", action.status, number(action.progress), "", "", "", "", "", action.note]);
    }
  }
  for (const indicator of snapshot.indicators) {
    rows.push([
      "indicator",
      indicator.focus_area ?? "",
      indicator.name,
      "",
      indicator.status,
      "",
      number(indicator.value),
      number(indicator.target),
      indicator.unit,
      number(indicator.baseline),
      indicator.baseline_year === null ? "" : String(indicator.baseline_year),
      indicator.comment,
    ]);
  }
  return rows;
}

import type { ActionDetail, IndicatorDetail, ProgrammeDetail } from "./detail.js";
import type { PublishedFollowUp } from "./follow-up-service.js";
import type { ActionStatus, ActionUpdate, FollowUpRow, Programme } from "./repo.js";
import { phaseOf, rollUp, structureLocked } from "./rules.js";

const rounded = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export function presentStatus(status: ActionStatus) {
  return { id: status.id, name: status.name, default_progress: status.default_progress, closed: status.closed, position: status.position };
}

export function presentProgrammeSummary(programme: Programme, progress: number | null = null) {
  return {
    id: programme.id,
    name: programme.name,
    start_year: programme.start_year,
    end_year: programme.end_year,
    status: programme.status,
    phase: phaseOf(programme, new Date()),
    adopted_by: programme.adopted_by,
    adopted_on: programme.adopted_on,
    structure_locked: structureLocked(programme),
    previous_id: programme.previous_id,
    progress: rounded(progress),
    demo: programme.demo,
  };
}

export function presentAction(action: ActionDetail) {
  return {
    id: action.id,
    programme_id: action.programme_id,
    focus_area_id: action.focus_area_id,
    title: action.title,
    description: action.description,
    responsible: action.responsible,
    contributors: action.contributors,
    owner: action.owner_id && action.owner_name ? { id: action.owner_id, name: action.owner_name } : null,
    start_date: action.start_date,
    end_date: action.end_date,
    status: { id: action.status_id, name: action.status_name, closed: action.status_closed },
    progress: action.progress,
    weight: action.weight,
    position: action.position,
  };
}

export function presentUpdate(update: ActionUpdate) {
  return {
    id: update.id,
    at: update.at.toISOString(),
    author: update.author_name,
    year: update.year,
    text: update.text,
    status: update.status_name,
    progress: update.progress,
  };
}

export function presentIndicator(indicator: IndicatorDetail) {
  return {
    id: indicator.id,
    programme_id: indicator.programme_id,
    focus_area_id: indicator.focus_area_id,
    name: indicator.name,
    description: indicator.description,
    unit: indicator.unit,
    direction: indicator.direction,
    baseline: indicator.baseline_value === null ? null : { value: indicator.baseline_value, year: indicator.baseline_year },
    source: indicator.source,
    computed_from: indicator.computed_from ?? null,
    owner: indicator.owner_id && indicator.owner_name ? { id: indicator.owner_id, name: indicator.owner_name } : null,
    targets: indicator.targets,
    values: indicator.values.map(({ year, quarter, value, comment }) => ({ year, quarter, value, comment })),
    position: indicator.position,
  };
}

export function presentFollowUpRow(row: FollowUpRow) {
  return { id: row.id, year: row.year, revision: row.revision, published_at: row.published_at.toISOString() };
}

export function presentProgramme(detail: ProgrammeDetail) {
  const { programme } = detail;
  return {
    ...presentProgrammeSummary(programme, rollUp(detail.actions)),
    purpose: programme.purpose,
    vision: programme.vision,
    goal: programme.goal,
    parties: detail.parties,
    commitments: detail.commitments.map(({ id, title, description, position }) => ({ id, title, description, position })),
    focus_areas: detail.focusAreas.map(({ id, name, description, position, progress }) => ({ id, name, description, position, progress: rounded(progress) })),
    actions: detail.actions.map(presentAction),
    indicators: detail.indicators.map(presentIndicator),
    follow_ups: detail.followUps.map(presentFollowUpRow),
  };
}

export function presentFollowUp(followUp: PublishedFollowUp) {
  return {
    id: followUp.id,
    programme_id: followUp.programme_id,
    year: followUp.year,
    revision: followUp.revision,
    correction_note: followUp.correction_note,
    published_at: followUp.published_at.toISOString(),
    snapshot: followUp.snapshot,
  };
}

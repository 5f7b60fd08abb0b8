import type { ScopedTx } from "../../platform/db/database.js";
import { NotFoundError } from "../../platform/errors.js";
import { isId } from "../../platform/ids.js";
import * as repo from "./repo.js";
import { indicatorStatus, latestValueInYear, phaseOf, rollUp, structureLocked, type IndicatorStatus, type Phase } from "./rules.js";

export interface PartyRef {
  kind: "unit" | "party";
  id: string;
  name: string;
}

export interface ActionDetail extends repo.ActionRow {
  responsible: PartyRef | null;
  contributors: PartyRef[];
  updates: repo.ActionUpdate[];
}

export interface IndicatorDetail extends repo.Indicator {
  targets: Array<{ year: number; value: number }>;
  values: repo.IndicatorValue[];
}

export interface FocusAreaDetail extends repo.FocusArea {
  progress: number | null;
}

/** A programme with everything under it, progress rolled up: what pages, the API and snapshots read. */
export interface ProgrammeDetail {
  programme: repo.Programme;
  phase: Phase;
  locked: boolean;
  progress: number | null;
  parties: Array<{ id: string; name: string }>;
  commitments: repo.Commitment[];
  focusAreas: FocusAreaDetail[];
  actions: ActionDetail[];
  indicators: IndicatorDetail[];
  followUps: repo.FollowUpRow[];
}

export async function loadProgramme(tx: ScopedTx, id: string, options: { forUpdate?: boolean } = {}): Promise<repo.Programme> {
  const programme = isId(id) ? await repo.findProgramme(tx, id, options) : undefined;
  if (!programme) {
    throw new NotFoundError();
  }
  return programme;
}

/** Reads a programme and all of its parts in one transaction. */
export async function loadDetail(tx: ScopedTx, programme: repo.Programme, today = new Date()): Promise<ProgrammeDetail> {
  const [parties, commitments, focusAreas, actions, indicators, followUps, names] = await Promise.all([
    repo.listProgrammeParties(tx, programme.id),
    repo.listCommitments(tx, programme.id),
    repo.listFocusAreas(tx, programme.id),
    repo.listActions(tx, programme.id),
    repo.listIndicators(tx, programme.id),
    repo.listFollowUps(tx, programme.id),
    repo.partyNames(tx),
  ]);
  const actionIds = actions.map((action) => action.id);
  const indicatorIds = indicators.map((indicator) => indicator.id);
  const [contributors, updates, targets, values] = await Promise.all([repo.listContributors(tx, actionIds), repo.listUpdates(tx, actionIds), repo.listTargets(tx, indicatorIds), repo.listValues(tx, indicatorIds)]);
  const ref = (unitId: string | null, partyId: string | null): PartyRef | null => {
    if (unitId) {
      return { kind: "unit", id: unitId, name: names.units.get(unitId) ?? "–" };
    }
    return partyId ? { kind: "party", id: partyId, name: names.parties.get(partyId) ?? "–" } : null;
  };
  const actionDetails: ActionDetail[] = actions.map((action) => ({
    ...action,
    responsible: ref(action.responsible_unit_id, action.responsible_party_id),
    contributors: contributors.filter((c) => c.action_id === action.id).map((c) => ref(c.unit_id, c.party_id)).filter((c): c is PartyRef => c !== null),
    updates: updates.filter((update) => update.action_id === action.id),
  }));
  return {
    programme,
    phase: phaseOf(programme, today),
    locked: structureLocked(programme),
    progress: rollUp(actions),
    parties,
    commitments,
    focusAreas: focusAreas.map((area) => ({ ...area, progress: rollUp(actions.filter((action) => action.focus_area_id === area.id)) })),
    actions: actionDetails,
    indicators: indicators.map((indicator) => ({
      ...indicator,
      targets: targets.filter((target) => target.indicator_id === indicator.id).map(({ year, value }) => ({ year, value })),
      values: values.filter((value) => value.indicator_id === indicator.id),
    })),
    followUps,
  };
}

/** An indicator's standing in a year: the latest value, the target, and the traffic light. */
export function indicatorInYear(indicator: IndicatorDetail, year: number): { value: repo.IndicatorValue | null; target: number | null; status: IndicatorStatus } {
  const value = latestValueInYear(indicator.values, year);
  const target = indicator.targets.find((entry) => entry.year === year)?.value ?? null;
  return { value, target, status: indicatorStatus(indicator.direction, indicator.baseline_value, target, value?.value ?? null) };
}

/** The note an action carries for a follow-up year: its latest update for that year with text. */
export function noteForYear(action: ActionDetail, year: number): repo.ActionUpdate | null {
  return action.updates.find((update) => update.year === year && update.text.trim() !== "") ?? null;
}

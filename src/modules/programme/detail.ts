import type { ScopedTx } from "../../platform/db/database.js";
import { NotFoundError } from "../../platform/errors.js";
import { isId } from "../../platform/ids.js";
import * as repo from "./repo.js";
import { buildProgrammeDocument, findProgrammeDocument, saveProgrammeDocument, type ProgrammeDocument } from "./read-model/repo.js";
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

/** Reads a programme and all of its parts live, in one statement, and rolls progress up. */
export async function loadDetail(tx: ScopedTx, programme: repo.Programme, today = new Date()): Promise<ProgrammeDetail> {
  return detailOf(await buildProgrammeDocument(tx, programme), today);
}

/** Rewrites a programme's stored document; every change to a programme ends with this, in its transaction. */
export async function refreshDocument(tx: ScopedTx, programmeId: string): Promise<void> {
  await saveProgrammeDocument(tx, await buildProgrammeDocument(tx, await loadProgramme(tx, programmeId)));
}

/**
 * A programme as the public pages show it, from its stored document: one indexed read, no
 * action logs and no staff names (the public pages show neither). A document set aside by
 * a renamed unit or party is written anew first. A draft does not exist for the public.
 */
export async function loadPublicDetail(tx: ScopedTx, programmeId: string, today = new Date()): Promise<ProgrammeDetail> {
  if (!isId(programmeId)) {
    throw new NotFoundError();
  }
  let document = await findProgrammeDocument(tx, programmeId);
  if (!document && (await repo.findProgramme(tx, programmeId))) {
    await refreshDocument(tx, programmeId);
    document = await findProgrammeDocument(tx, programmeId);
  }
  if (!document || document.programme.status === "draft") {
    throw new NotFoundError();
  }
  return detailOf(document, today);
}

function detailOf(document: ProgrammeDocument, today: Date): ProgrammeDetail {
  const { programme } = document;
  const actions: ActionDetail[] = document.actions.map(({ responsible_unit_name, responsible_party_name, contributors, ...action }) => ({
    ...action,
    responsible: action.responsible_unit_id
      ? { kind: "unit", id: action.responsible_unit_id, name: responsible_unit_name ?? "–" }
      : action.responsible_party_id
        ? { kind: "party", id: action.responsible_party_id, name: responsible_party_name ?? "–" }
        : null,
    contributors: contributors.map((c): PartyRef =>
      c.unit_id ? { kind: "unit", id: c.unit_id, name: c.name } : { kind: "party", id: c.party_id ?? "", name: c.name },
    ),
  }));
  return {
    programme,
    phase: phaseOf(programme, today),
    locked: structureLocked(programme),
    progress: rollUp(actions),
    parties: document.parties,
    commitments: document.commitments,
    focusAreas: document.focusAreas.map((area) => ({ ...area, progress: rollUp(actions.filter((action) => action.focus_area_id === area.id)) })),
    actions,
    indicators: document.indicators,
    followUps: document.followUps,
  };
}

/** An indicator's standing in a year: the latest value, the target, and the traffic light. */
export function indicatorInYear(
  indicator: IndicatorDetail,
  year: number,
): { value: repo.IndicatorValue | null; target: number | null; status: IndicatorStatus } {
  const value = latestValueInYear(indicator.values, year);
  const target = indicator.targets.find((entry) => entry.year === year)?.value ?? null;
  return { value, target, status: indicatorStatus(indicator.direction, indicator.baseline_value, target, value?.value ?? null) };
}

/** The note an action carries for a follow-up year: its latest update for that year with text. */
export function noteForYear(action: ActionDetail, year: number): repo.ActionUpdate | null {
  return action.updates.find((update) => update.year === year && update.text.trim() !== "") ?? null;
}

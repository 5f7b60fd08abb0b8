import { type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type {
  ActionContributorTable,
  ActionStatusTable,
  ActionTable,
  ActionUpdateTable,
  CommitmentTable,
  FocusAreaTable,
  FollowUpTable,
  IndicatorTable,
  IndicatorValueTable,
  ProgrammeTable,
} from "./tables.js";
import "./tables.js";

export type ActionStatus = Selectable<ActionStatusTable>;
export type Programme = Selectable<ProgrammeTable>;
export type Commitment = Selectable<CommitmentTable>;
export type FocusArea = Selectable<FocusAreaTable>;
export type ActionRow = Selectable<ActionTable> & { status_name: string; status_closed: boolean; owner_name: string | null };
export type ActionUpdate = Selectable<ActionUpdateTable> & { author_name: string | null };
export type Indicator = Selectable<IndicatorTable> & { owner_name: string | null };
export type IndicatorValue = Selectable<IndicatorValueTable>;
export type Summary = { focus_area_id: string; year: number; text: string; author_name: string | null; updated_at: Date };
export type FollowUpRow = Omit<Selectable<FollowUpTable>, "snapshot"> & { published_by_name: string | null };

// --- Action statuses ------------------------------------------------------------------

export function listStatuses(tx: ScopedTx): Promise<ActionStatus[]> {
  return tx.selectFrom("programme_action_statuses").selectAll().orderBy("position").orderBy("name").execute();
}

export function findStatus(tx: ScopedTx, id: string): Promise<ActionStatus | undefined> {
  return tx.selectFrom("programme_action_statuses").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertStatus(tx: ScopedTx, values: Insertable<ActionStatusTable>): Promise<void> {
  await tx.insertInto("programme_action_statuses").values(values).execute();
}

export async function updateStatus(tx: ScopedTx, id: string, values: Updateable<ActionStatusTable>): Promise<void> {
  await tx.updateTable("programme_action_statuses").set({ ...values, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function deleteStatus(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("programme_action_statuses").where("id", "=", id).execute();
}

// --- Programmes -----------------------------------------------------------------------

export function listProgrammes(tx: ScopedTx): Promise<Programme[]> {
  return tx.selectFrom("programmes").selectAll().orderBy("start_year", "desc").orderBy("name").execute();
}

export function findProgramme(tx: ScopedTx, id: string, options: { forUpdate?: boolean } = {}): Promise<Programme | undefined> {
  const query = tx.selectFrom("programmes").selectAll().where("id", "=", id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertProgramme(tx: ScopedTx, values: Insertable<ProgrammeTable>): Promise<void> {
  await tx.insertInto("programmes").values(values).execute();
}

export async function updateProgramme(tx: ScopedTx, id: string, values: Updateable<ProgrammeTable>): Promise<void> {
  await tx.updateTable("programmes").set({ ...values, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function deleteProgramme(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("programmes").where("id", "=", id).execute();
}

export function listProgrammeParties(tx: ScopedTx, programmeId: string): Promise<Array<{ id: string; name: string }>> {
  return tx
    .selectFrom("programme_parties")
    .innerJoin("external_parties", "external_parties.id", "programme_parties.party_id")
    .select(["external_parties.id", "external_parties.name"])
    .where("programme_parties.programme_id", "=", programmeId)
    .orderBy("external_parties.name")
    .execute();
}

export async function replaceProgrammeParties(tx: ScopedTx, municipalityId: string, programmeId: string, partyIds: readonly string[]): Promise<void> {
  await tx.deleteFrom("programme_parties").where("programme_id", "=", programmeId).execute();
  if (partyIds.length > 0) {
    await tx.insertInto("programme_parties").values(partyIds.map((party_id) => ({ municipality_id: municipalityId, programme_id: programmeId, party_id }))).execute();
  }
}

// --- Commitments and focus areas ------------------------------------------------------

export function listCommitments(tx: ScopedTx, programmeId: string): Promise<Commitment[]> {
  return tx.selectFrom("programme_commitments").selectAll().where("programme_id", "=", programmeId).orderBy("position").orderBy("created_at").execute();
}

export function findCommitment(tx: ScopedTx, id: string): Promise<Commitment | undefined> {
  return tx.selectFrom("programme_commitments").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertCommitment(tx: ScopedTx, values: Insertable<CommitmentTable>): Promise<void> {
  await tx.insertInto("programme_commitments").values(values).execute();
}

export async function updateCommitment(tx: ScopedTx, id: string, values: Updateable<CommitmentTable>): Promise<void> {
  await tx.updateTable("programme_commitments").set({ ...values, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function deleteCommitment(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("programme_commitments").where("id", "=", id).execute();
}

export function listFocusAreas(tx: ScopedTx, programmeId: string): Promise<FocusArea[]> {
  return tx.selectFrom("programme_focus_areas").selectAll().where("programme_id", "=", programmeId).orderBy("position").orderBy("created_at").execute();
}

export function findFocusArea(tx: ScopedTx, id: string): Promise<FocusArea | undefined> {
  return tx.selectFrom("programme_focus_areas").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertFocusArea(tx: ScopedTx, values: Insertable<FocusAreaTable>): Promise<void> {
  await tx.insertInto("programme_focus_areas").values(values).execute();
}

export async function updateFocusArea(tx: ScopedTx, id: string, values: Updateable<FocusAreaTable>): Promise<void> {
  await tx.updateTable("programme_focus_areas").set({ ...values, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function deleteFocusArea(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("programme_focus_areas").where("id", "=", id).execute();
}

// --- Actions --------------------------------------------------------------------------

function actionQuery(tx: ScopedTx) {
  return tx
    .selectFrom("programme_actions")
    .innerJoin("programme_action_statuses as status", "status.id", "programme_actions.status_id")
    .leftJoin("users as owner", "owner.id", "programme_actions.owner_id")
    .selectAll("programme_actions")
    .select(["status.name as status_name", "status.closed as status_closed", "owner.name as owner_name"]);
}

export function listActions(tx: ScopedTx, programmeId: string): Promise<ActionRow[]> {
  return actionQuery(tx).where("programme_actions.programme_id", "=", programmeId).orderBy("programme_actions.position").orderBy("programme_actions.created_at").execute();
}

export function listActionsOwnedBy(tx: ScopedTx, ownerId: string): Promise<ActionRow[]> {
  return actionQuery(tx).where("programme_actions.owner_id", "=", ownerId).orderBy("programme_actions.programme_id").orderBy("programme_actions.position").execute();
}

export function findAction(tx: ScopedTx, id: string): Promise<ActionRow | undefined> {
  return actionQuery(tx).where("programme_actions.id", "=", id).executeTakeFirst();
}

export async function insertAction(tx: ScopedTx, values: Insertable<ActionTable>): Promise<void> {
  await tx.insertInto("programme_actions").values(values).execute();
}

export async function updateAction(tx: ScopedTx, id: string, values: Updateable<ActionTable>): Promise<void> {
  await tx.updateTable("programme_actions").set({ ...values, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function deleteAction(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("programme_actions").where("id", "=", id).execute();
}

export async function replaceContributors(tx: ScopedTx, rows: ReadonlyArray<Insertable<ActionContributorTable>>, actionId: string): Promise<void> {
  await tx.deleteFrom("programme_action_contributors").where("action_id", "=", actionId).execute();
  if (rows.length > 0) {
    await tx.insertInto("programme_action_contributors").values([...rows]).execute();
  }
}

export async function insertUpdate(tx: ScopedTx, values: Insertable<ActionUpdateTable>): Promise<void> {
  await tx.insertInto("programme_action_updates").values(values).execute();
}

// --- Indicators -----------------------------------------------------------------------

function indicatorQuery(tx: ScopedTx) {
  return tx.selectFrom("programme_indicators").leftJoin("users as owner", "owner.id", "programme_indicators.owner_id").selectAll("programme_indicators").select("owner.name as owner_name");
}

export function listIndicators(tx: ScopedTx, programmeId: string): Promise<Indicator[]> {
  return indicatorQuery(tx).where("programme_indicators.programme_id", "=", programmeId).orderBy("programme_indicators.position").orderBy("programme_indicators.created_at").execute();
}

export function listIndicatorsOwnedBy(tx: ScopedTx, ownerId: string): Promise<Indicator[]> {
  return indicatorQuery(tx).where("programme_indicators.owner_id", "=", ownerId).orderBy("programme_indicators.position").execute();
}

export function findIndicator(tx: ScopedTx, id: string): Promise<Indicator | undefined> {
  return indicatorQuery(tx).where("programme_indicators.id", "=", id).executeTakeFirst();
}

export async function insertIndicator(tx: ScopedTx, values: Insertable<IndicatorTable>): Promise<void> {
  await tx.insertInto("programme_indicators").values(values).execute();
}

export async function updateIndicator(tx: ScopedTx, id: string, values: Updateable<IndicatorTable>): Promise<void> {
  await tx.updateTable("programme_indicators").set({ ...values, updated_at: new Date() }).where("id", "=", id).execute();
}

export async function deleteIndicator(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("programme_indicators").where("id", "=", id).execute();
}

export async function replaceTargets(tx: ScopedTx, municipalityId: string, indicatorId: string, targets: ReadonlyArray<{ year: number; value: number }>): Promise<void> {
  await tx.deleteFrom("programme_indicator_targets").where("indicator_id", "=", indicatorId).execute();
  if (targets.length > 0) {
    await tx.insertInto("programme_indicator_targets").values(targets.map((target) => ({ municipality_id: municipalityId, indicator_id: indicatorId, ...target }))).execute();
  }
}

/** Writes the value of one period, replacing the one that was there. */
/** Computed indicators of programmes still followed up, with their periods. */
export function listComputedIndicators(tx: ScopedTx, onlyId?: string): Promise<Array<{ id: string; programme_id: string; computed_from: string | null; start_year: number; end_year: number }>> {
  let query = tx
    .selectFrom("programme_indicators as i")
    .innerJoin("programmes as p", "p.id", "i.programme_id")
    .select(["i.id", "i.programme_id", "i.computed_from", "p.start_year", "p.end_year"])
    .where("i.source", "=", "computed")
    .where("i.computed_from", "is not", null)
    .where("p.status", "<>", "archived");
  if (onlyId) {
    query = query.where("i.id", "=", onlyId);
  }
  return query.execute();
}

export async function upsertValue(tx: ScopedTx, values: Insertable<IndicatorValueTable>): Promise<void> {
  await tx
    .insertInto("programme_indicator_values")
    .values(values)
    .onConflict((conflict) =>
      conflict.columns(["indicator_id", "year", "quarter"]).doUpdateSet((eb) => ({
        value: eb.ref("excluded.value"),
        comment: eb.ref("excluded.comment"),
        recorded_by_id: eb.ref("excluded.recorded_by_id"),
        recorded_at: eb.ref("excluded.recorded_at"),
      })),
    )
    .execute();
}

export async function deleteValue(tx: ScopedTx, indicatorId: string, year: number, quarter: number | null): Promise<number> {
  const result = await tx
    .deleteFrom("programme_indicator_values")
    .where("indicator_id", "=", indicatorId)
    .where("year", "=", year)
    .where((eb) => (quarter === null ? eb("quarter", "is", null) : eb("quarter", "=", quarter)))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// --- Follow-up ------------------------------------------------------------------------

export function listSummaries(tx: ScopedTx, focusAreaIds: readonly string[], year?: number): Promise<Summary[]> {
  if (focusAreaIds.length === 0) {
    return Promise.resolve([]);
  }
  let query = tx
    .selectFrom("programme_focus_area_summaries")
    .leftJoin("users as author", "author.id", "programme_focus_area_summaries.author_id")
    .select(["programme_focus_area_summaries.focus_area_id", "programme_focus_area_summaries.year", "programme_focus_area_summaries.text", "programme_focus_area_summaries.updated_at", "author.name as author_name"])
    .where("programme_focus_area_summaries.focus_area_id", "in", focusAreaIds);
  if (year !== undefined) {
    query = query.where("programme_focus_area_summaries.year", "=", year);
  }
  return query.execute();
}

export async function upsertSummary(tx: ScopedTx, values: { municipality_id: string; focus_area_id: string; year: number; text: string; author_id: string | null }): Promise<void> {
  await tx
    .insertInto("programme_focus_area_summaries")
    .values({ ...values, updated_at: new Date() })
    .onConflict((conflict) => conflict.columns(["focus_area_id", "year"]).doUpdateSet((eb) => ({ text: eb.ref("excluded.text"), author_id: eb.ref("excluded.author_id"), updated_at: eb.ref("excluded.updated_at") })))
    .execute();
}

const followUpColumns = ["programme_follow_ups.id", "programme_follow_ups.municipality_id", "programme_follow_ups.programme_id", "programme_follow_ups.year", "programme_follow_ups.revision", "programme_follow_ups.correction_note", "programme_follow_ups.published_at", "programme_follow_ups.published_by_id", "programme_follow_ups.demo", "publisher.name as published_by_name"] as const;

export function listFollowUps(tx: ScopedTx, programmeId: string): Promise<FollowUpRow[]> {
  return tx
    .selectFrom("programme_follow_ups")
    .leftJoin("users as publisher", "publisher.id", "programme_follow_ups.published_by_id")
    .select(followUpColumns)
    .where("programme_follow_ups.programme_id", "=", programmeId)
    .orderBy("programme_follow_ups.year", "desc")
    .orderBy("programme_follow_ups.revision", "desc")
    .execute();
}

export function findFollowUp(tx: ScopedTx, id: string): Promise<(FollowUpRow & { snapshot: unknown }) | undefined> {
  return tx
    .selectFrom("programme_follow_ups")
    .leftJoin("users as publisher", "publisher.id", "programme_follow_ups.published_by_id")
    .select([...followUpColumns, "programme_follow_ups.snapshot"])
    .where("programme_follow_ups.id", "=", id)
    .executeTakeFirst();
}

export async function nextRevision(tx: ScopedTx, programmeId: string, year: number): Promise<number> {
  const row = await tx.selectFrom("programme_follow_ups").select((eb) => eb.fn.max("revision").as("revision")).where("programme_id", "=", programmeId).where("year", "=", year).executeTakeFirst();
  return Number(row?.revision ?? 0) + 1;
}

export async function insertFollowUp(tx: ScopedTx, values: Insertable<FollowUpTable>): Promise<void> {
  await tx.insertInto("programme_follow_ups").values(values).execute();
}

/** The names of the municipality's units and external parties, for responsible and contributing parties. */
export async function partyNames(tx: ScopedTx): Promise<{ units: Map<string, string>; parties: Map<string, string> }> {
  const [units, parties] = await Promise.all([tx.selectFrom("org_units").select(["id", "name"]).execute(), tx.selectFrom("external_parties").select(["id", "name"]).execute()]);
  return { units: new Map(units.map((unit) => [unit.id, unit.name])), parties: new Map(parties.map((party) => [party.id, party.name])) };
}

export async function staffExists(tx: ScopedTx, id: string): Promise<boolean> {
  return (await tx.selectFrom("users").select("id").where("id", "=", id).where("active", "=", true).executeTakeFirst()) !== undefined;
}

/** Active staff accounts, to choose an owner from. */
export function staffChoices(tx: ScopedTx): Promise<Array<{ id: string; name: string }>> {
  return tx.selectFrom("users").select(["id", "name"]).where("active", "=", true).orderBy("name").execute();
}

export async function countProgrammes(tx: ScopedTx): Promise<number> {
  const row = await tx.selectFrom("programmes").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Every focus area of the municipality's programmes, newest programme first: what news and other modules tag by. */
/** The focus areas of adopted (and archived) programmes: a draft's are not yet the municipality's word. */
export async function focusAreaChoices(tx: ScopedTx): Promise<Array<{ id: string; name: string; programme: string }>> {
  return tx
    .selectFrom("programme_focus_areas as f")
    .innerJoin("programmes as p", "p.id", "f.programme_id")
    .select(["f.id", "f.name", "p.name as programme"])
    .where("p.status", "<>", "draft")
    .orderBy("p.start_year", "desc")
    .orderBy("f.position")
    .orderBy("f.created_at")
    .execute();
}

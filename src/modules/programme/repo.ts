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
  await tx
    .updateTable("programme_action_statuses")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
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
  await tx
    .updateTable("programmes")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
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
    await tx
      .insertInto("programme_parties")
      .values(partyIds.map((party_id) => ({ municipality_id: municipalityId, programme_id: programmeId, party_id })))
      .execute();
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
  await tx
    .updateTable("programme_commitments")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
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
  await tx
    .updateTable("programme_focus_areas")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
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
  return actionQuery(tx)
    .where("programme_actions.programme_id", "=", programmeId)
    .orderBy("programme_actions.position")
    .orderBy("programme_actions.created_at")
    .execute();
}

export function listActionsOwnedBy(tx: ScopedTx, ownerId: string): Promise<ActionRow[]> {
  return actionQuery(tx)
    .where("programme_actions.owner_id", "=", ownerId)
    .orderBy("programme_actions.programme_id")
    .orderBy("programme_actions.position")
    .execute();
}

export function findAction(tx: ScopedTx, id: string): Promise<ActionRow | undefined> {
  return actionQuery(tx).where("programme_actions.id", "=", id).executeTakeFirst();
}

export async function insertAction(tx: ScopedTx, values: Insertable<ActionTable>): Promise<void> {
  await tx.insertInto("programme_actions").values(values).execute();
}

export async function updateAction(tx: ScopedTx, id: string, values: Updateable<ActionTable>): Promise<void> {
  await tx
    .updateTable("programme_actions")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteAction(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("programme_actions").where("id", "=", id).execute();
}

export async function replaceContributors(tx: ScopedTx, rows: ReadonlyArray<Insertable<ActionContributorTable>>, actionId: string): Promise<void> {
  await tx.deleteFrom("programme_action_contributors").where("action_id", "=", actionId).execute();
  if (rows.length > 0) {
    await tx
      .insertInto("programme_action_contributors")
      .values([...rows])
      .execute();
  }
}

export async function insertUpdate(tx: ScopedTx, values: Insertable<ActionUpdateTable>): Promise<void> {
  await tx.insertInto("programme_action_updates").values(values).execute();
}

/** The names of the municipality's units and external parties, for responsible and contributing parties. */
export async function partyNames(tx: ScopedTx): Promise<{ units: Map<string, string>; parties: Map<string, string> }> {
  const [units, parties] = await Promise.all([
    tx.selectFrom("org_units").select(["id", "name"]).execute(),
    tx.selectFrom("external_parties").select(["id", "name"]).execute(),
  ]);
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
  const row = await tx
    .selectFrom("programmes")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
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

import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db, ScopedTx } from "../db/database.js";
import type { ExternalPartyTable, MunicipalityTable, OrgUnitTable, RegionTable } from "../db/schema.js";

export type Municipality = Selectable<MunicipalityTable>;
export type Region = Selectable<RegionTable>;
export type OrgUnit = Selectable<OrgUnitTable>;
export type ExternalParty = Selectable<ExternalPartyTable>;

/** Every municipality of the installation: reference data, read without a scope. */
export function listMunicipalities(db: Db | ScopedTx): Promise<Municipality[]> {
  return db.selectFrom("municipalities").selectAll().orderBy("name").execute();
}

export function findRegionBySlug(db: Db | ScopedTx, slug: string): Promise<Region | undefined> {
  return db.selectFrom("regions").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function insertRegion(db: Db | ScopedTx, values: Insertable<RegionTable>): Promise<void> {
  await db.insertInto("regions").values(values).execute();
}

export async function insertMunicipality(db: Db | ScopedTx, values: Insertable<MunicipalityTable>): Promise<void> {
  await db.insertInto("municipalities").values(values).execute();
}

/** Whether a staff account with this id exists in the scope (e.g. to be a unit's manager). */
export async function staffAccountExists(tx: ScopedTx, id: string): Promise<boolean> {
  return (await tx.selectFrom("users").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

export function findRegion(db: Db | ScopedTx, id: string): Promise<Region | undefined> {
  return db.selectFrom("regions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateMunicipality(tx: ScopedTx, id: string, values: Updateable<MunicipalityTable>): Promise<void> {
  await tx
    .updateTable("municipalities")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export function listUnits(tx: ScopedTx): Promise<OrgUnit[]> {
  return tx.selectFrom("org_units").selectAll().orderBy("name").execute();
}

export function findUnit(tx: ScopedTx, id: string): Promise<OrgUnit | undefined> {
  return tx.selectFrom("org_units").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertUnit(tx: ScopedTx, values: Insertable<OrgUnitTable>): Promise<void> {
  await tx.insertInto("org_units").values(values).execute();
}

export async function updateUnit(tx: ScopedTx, id: string, values: Updateable<OrgUnitTable>): Promise<void> {
  await tx
    .updateTable("org_units")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function countChildUnits(tx: ScopedTx, id: string): Promise<number> {
  const row = await tx
    .selectFrom("org_units")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("parent_id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteUnit(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("org_units").where("id", "=", id).execute();
}

export function listParties(tx: ScopedTx): Promise<ExternalParty[]> {
  return tx.selectFrom("external_parties").selectAll().orderBy("kind").orderBy("name").execute();
}

export function findParty(tx: ScopedTx, id: string): Promise<ExternalParty | undefined> {
  return tx.selectFrom("external_parties").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertParty(tx: ScopedTx, values: Insertable<ExternalPartyTable>): Promise<void> {
  await tx.insertInto("external_parties").values(values).execute();
}

export async function updateParty(tx: ScopedTx, id: string, values: Updateable<ExternalPartyTable>): Promise<void> {
  await tx
    .updateTable("external_parties")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteParty(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("external_parties").where("id", "=", id).execute();
}

export function listRegions(db: Db | ScopedTx): Promise<Region[]> {
  return db.selectFrom("regions").selectAll().orderBy("name").execute();
}

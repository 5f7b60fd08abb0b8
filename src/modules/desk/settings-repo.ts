import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { CategoryTable, DeskSettingsTable, SlaPolicyTable } from "./tables.js";
import "./tables.js";

export type DeskSettings = Selectable<DeskSettingsTable>;
export type SlaPolicy = Selectable<SlaPolicyTable>;
export type Category = Selectable<CategoryTable> & { unit_name: string; policy_name: string };

export function findSettings(tx: ScopedTx): Promise<DeskSettings | undefined> {
  return tx.selectFrom("desk_settings").selectAll().executeTakeFirst();
}

export async function saveSettings(tx: ScopedTx, values: Insertable<DeskSettingsTable>): Promise<void> {
  const { municipality_id: _id, ...changes } = values;
  await tx
    .insertInto("desk_settings")
    .values(values)
    .onConflict((conflict) => conflict.column("municipality_id").doUpdateSet({ ...changes, updated_at: new Date() }))
    .execute();
}

export function listPolicies(tx: ScopedTx): Promise<SlaPolicy[]> {
  return tx.selectFrom("desk_sla_policies").selectAll().orderBy("name").execute();
}

export function findPolicy(tx: ScopedTx, id: string): Promise<SlaPolicy | undefined> {
  return tx.selectFrom("desk_sla_policies").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertPolicy(tx: ScopedTx, values: Insertable<SlaPolicyTable>): Promise<void> {
  await tx.insertInto("desk_sla_policies").values(values).execute();
}

export async function updatePolicy(tx: ScopedTx, id: string, values: Updateable<SlaPolicyTable>): Promise<void> {
  await tx
    .updateTable("desk_sla_policies")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function policyNameTaken(tx: ScopedTx, name: string, exceptId: string | null): Promise<boolean> {
  let query = tx.selectFrom("desk_sla_policies").select("id").where("name", "=", name);
  if (exceptId) {
    query = query.where("id", "<>", exceptId);
  }
  return (await query.executeTakeFirst()) !== undefined;
}

function categories(tx: ScopedTx) {
  return tx
    .selectFrom("desk_categories as c")
    .innerJoin("org_units as u", "u.id", "c.default_unit_id")
    .innerJoin("desk_sla_policies as p", "p.id", "c.sla_policy_id")
    .selectAll("c")
    .select(["u.name as unit_name", "p.name as policy_name"]);
}

export function listCategories(tx: ScopedTx, options: { activeOnly: boolean }): Promise<Category[]> {
  let query = categories(tx).orderBy("c.position").orderBy("c.name_sv");
  if (options.activeOnly) {
    query = query.where("c.active", "=", true);
  }
  return query.execute();
}

export function findCategory(tx: ScopedTx, id: string): Promise<Category | undefined> {
  return categories(tx).where("c.id", "=", id).executeTakeFirst();
}

export async function insertCategory(tx: ScopedTx, values: Insertable<CategoryTable>): Promise<void> {
  await tx.insertInto("desk_categories").values(values).execute();
}

export async function updateCategory(tx: ScopedTx, id: string, values: Updateable<CategoryTable>): Promise<void> {
  await tx
    .updateTable("desk_categories")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function categoryNameTaken(tx: ScopedTx, name: string, exceptId: string | null): Promise<boolean> {
  let query = tx.selectFrom("desk_categories").select("id").where("name_sv", "=", name);
  if (exceptId) {
    query = query.where("id", "<>", exceptId);
  }
  return (await query.executeTakeFirst()) !== undefined;
}

/** The municipality's units (departments, sections, teams, companies): every one can receive cases. */
export function listUnits(tx: ScopedTx): Promise<Array<{ id: string; name: string; kind: string; manager_id: string | null }>> {
  return tx.selectFrom("org_units").select(["id", "name", "kind", "manager_id"]).orderBy("name").execute();
}

export function findUnit(tx: ScopedTx, id: string): Promise<{ id: string; name: string; kind: string; manager_id: string | null } | undefined> {
  return tx.selectFrom("org_units").select(["id", "name", "kind", "manager_id"]).where("id", "=", id).executeTakeFirst();
}

/** Staff who can handle cases: active accounts with a handling role, with their units. */
export function listHandlers(tx: ScopedTx): Promise<Array<{ id: string; name: string; email: string; unit_ids: string[] }>> {
  return tx
    .selectFrom("users as u")
    .select(["u.id", "u.name", "u.email"])
    .select(sql<string[]>`coalesce((select array_agg(uu.unit_id) from user_units uu where uu.user_id = u.id), '{}')`.as("unit_ids"))
    .where("u.active", "=", true)
    .where((eb) =>
      eb.or([eb("u.roles", "@>", eb.val(["case_officer"])), eb("u.roles", "@>", eb.val(["business_developer"])), eb("u.roles", "@>", eb.val(["admin"]))]),
    )
    .orderBy("u.name")
    .execute();
}

import type { Selectable } from "kysely";
import type { ScopedTx } from "../db/database.js";
import type { MunicipalitySsoTable } from "./tables.js";
import "./tables.js";

export type SsoSettingsRow = Selectable<MunicipalitySsoTable>;

export function findSettings(tx: ScopedTx, municipalityId: string): Promise<SsoSettingsRow | undefined> {
  return tx.selectFrom("municipality_sso").selectAll().where("municipality_id", "=", municipalityId).executeTakeFirst();
}

export async function saveSettings(
  tx: ScopedTx,
  values: Omit<SsoSettingsRow, "updated_at" | "role_map"> & { role_map: SsoSettingsRow["role_map"] },
): Promise<void> {
  const row = { ...values, role_map: JSON.stringify(values.role_map), updated_at: new Date() };
  await tx
    .insertInto("municipality_sso")
    .values(row)
    .onConflict((conflict) => conflict.column("municipality_id").doUpdateSet(row))
    .execute();
}

/** Whether local passwords are off: single sign-on is on and the administrator turned them off. */
export async function passwordsOff(tx: ScopedTx, municipalityId: string): Promise<boolean> {
  const row = await tx.selectFrom("municipality_sso").select(["enabled", "passwords_off"]).where("municipality_id", "=", municipalityId).executeTakeFirst();
  return Boolean(row?.enabled && row.passwords_off);
}

export function findUserBySubject(tx: ScopedTx, subject: string) {
  return tx.selectFrom("users").select(["id", "email", "roles", "active"]).where("external_subject", "=", subject).executeTakeFirst();
}

export function findUserByEmail(tx: ScopedTx, email: string) {
  return tx.selectFrom("users").select(["id", "email", "roles", "active", "external_subject"]).where("email", "=", email.toLowerCase()).executeTakeFirst();
}

/** The ids of the municipality's units of these names (compared without case). */
export async function unitIdsByName(tx: ScopedTx, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) {
    return [];
  }
  const lower = names.map((name) => name.toLowerCase());
  const rows = await tx.selectFrom("org_units").select(["id", "name"]).execute();
  return rows.filter((row) => lower.includes(row.name.toLowerCase())).map((row) => row.id);
}

export async function unitNames(tx: ScopedTx): Promise<string[]> {
  return (await tx.selectFrom("org_units").select("name").orderBy("name").execute()).map((row) => row.name);
}

export async function sessionWasSingleSignOn(tx: ScopedTx, idHash: string): Promise<boolean> {
  const row = await tx.selectFrom("sessions").select("single_sign_on").where("id_hash", "=", idHash).executeTakeFirst();
  return row?.single_sign_on ?? false;
}

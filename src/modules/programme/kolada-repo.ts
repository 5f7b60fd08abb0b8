/** Official statistics from Kolada in the database: the municipality's settings, the key figures seen and every value fetched. */
import type { Insertable, Selectable } from "kysely";
import { scopeOf, type ScopedTx } from "../../platform/db/database.js";
import type { KoladaKpiTable, KoladaSettingsTable, KoladaValueTable } from "./tables.js";
import "./tables.js";

export type KoladaSettings = Selectable<KoladaSettingsTable>;
export type KoladaKpi = Selectable<KoladaKpiTable>;
export type StoredKoladaValue = Selectable<KoladaValueTable>;

export interface KoladaIndicator {
  id: string;
  programme_id: string;
  name: string;
  kolada_kpi: string;
  kolada_gender: string;
  start_year: number;
  end_year: number;
  baseline_year: number | null;
}

export function findMunicipality(tx: ScopedTx): Promise<{ kommunkod: string; name: string } | undefined> {
  return tx.selectFrom("municipalities").select(["kommunkod", "name"]).where("id", "=", scopeOf(tx).municipalityId).executeTakeFirst();
}

export function findSettings(tx: ScopedTx): Promise<KoladaSettings | undefined> {
  return tx.selectFrom("programme_kolada_settings").selectAll().executeTakeFirst();
}

export async function upsertSettings(tx: ScopedTx, values: Insertable<KoladaSettingsTable>): Promise<void> {
  await tx
    .insertInto("programme_kolada_settings")
    .values(values)
    .onConflict((conflict) =>
      conflict
        .column("municipality_id")
        .doUpdateSet({ base_url: values.base_url, group_name: values.group_name, group_codes: values.group_codes, updated_at: new Date() }),
    )
    .execute();
}

/** The indicators that take their values from Kolada, in programmes still followed up. */
export function listKoladaIndicators(tx: ScopedTx): Promise<KoladaIndicator[]> {
  return tx
    .selectFrom("programme_indicators as indicator")
    .innerJoin("programmes as programme", "programme.id", "indicator.programme_id")
    .select(["indicator.id", "indicator.programme_id", "indicator.name", "indicator.baseline_year", "programme.start_year", "programme.end_year"])
    .select((eb) => [
      eb.fn.coalesce("indicator.kolada_kpi", eb.val("")).as("kolada_kpi"),
      eb.fn.coalesce("indicator.kolada_gender", eb.val("T")).as("kolada_gender"),
    ])
    .where("indicator.source", "=", "kolada")
    .where("indicator.kolada_kpi", "is not", null)
    .where("programme.status", "!=", "archived")
    .execute() as Promise<KoladaIndicator[]>;
}

export function listKpis(tx: ScopedTx): Promise<KoladaKpi[]> {
  return tx.selectFrom("programme_kolada_kpis").selectAll().orderBy("kpi").execute();
}

export async function upsertKpi(tx: ScopedTx, values: Insertable<KoladaKpiTable>): Promise<void> {
  await tx
    .insertInto("programme_kolada_kpis")
    .values(values)
    .onConflict((conflict) =>
      conflict.columns(["municipality_id", "kpi"]).doUpdateSet({
        title: values.title,
        previous_title: values.previous_title ?? null,
        title_changed_at: values.title_changed_at ?? null,
        fetched_at: values.fetched_at ?? null,
        last_error: values.last_error ?? null,
      }),
    )
    .execute();
}

export async function upsertValues(tx: ScopedTx, values: ReadonlyArray<Insertable<KoladaValueTable>>): Promise<void> {
  for (let start = 0; start < values.length; start += 1000) {
    await tx
      .insertInto("programme_kolada_values")
      .values(values.slice(start, start + 1000))
      .onConflict((conflict) =>
        conflict
          .columns(["municipality_id", "kpi", "area", "gender", "year"])
          .doUpdateSet((eb) => ({ value: eb.ref("excluded.value"), fetched_at: eb.ref("excluded.fetched_at") })),
      )
      .execute();
  }
}

export function listValues(tx: ScopedTx, kpi: string, gender: string): Promise<StoredKoladaValue[]> {
  return tx.selectFrom("programme_kolada_values").selectAll().where("kpi", "=", kpi).where("gender", "=", gender).orderBy("year").execute();
}

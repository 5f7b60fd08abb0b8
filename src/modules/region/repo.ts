import type { Insertable } from "kysely";
import type { RegionTx, ScopedTx } from "../../platform/db/database.js";
import type { RegionFigureTable } from "./tables.js";

/** Writes a municipality's figures of some years anew, in its own scope. */
export async function replaceFigures(
  tx: ScopedTx,
  municipalityId: string,
  years: readonly number[],
  rows: ReadonlyArray<Insertable<RegionFigureTable>>,
): Promise<void> {
  await tx
    .deleteFrom("region_figures")
    .where("municipality_id", "=", municipalityId)
    .where("year", "in", [...years])
    .execute();
  if (rows.length > 0) {
    await tx
      .insertInto("region_figures")
      .values([...rows])
      .execute();
  }
}

/** The members' figures of a year, as a region-bound transaction sees them (its members' rows, nothing else). */
export function regionFigures(tx: RegionTx, year: number) {
  return tx.selectFrom("region_figures").select(["municipality_id", "key", "label", "unit", "aggregate", "value"]).where("year", "=", year).execute();
}

/** When the year's figures were last computed. */
export async function lastComputed(tx: RegionTx, year: number): Promise<Date | null> {
  const row = await tx
    .selectFrom("region_figures")
    .select((eb) => eb.fn.max("computed_at").as("at"))
    .where("year", "=", year)
    .executeTakeFirst();
  return (row?.at as Date | null | undefined) ?? null;
}

/** The years any member has figures for, newest first. */
export async function regionYears(tx: RegionTx): Promise<number[]> {
  const rows = await tx.selectFrom("region_figures").select("year").distinct().orderBy("year", "desc").execute();
  return rows.map((row) => row.year);
}

/** What changes whenever any of the region's figures does: when they were last computed, and how many there are. */
export async function figuresStamp(tx: RegionTx): Promise<string> {
  const row = await tx
    .selectFrom("region_figures")
    .select((eb) => [eb.fn.max("computed_at").as("at"), eb.fn.countAll<number>().as("n")])
    .executeTakeFirst();
  const at = row?.at as Date | null | undefined;
  return `${at ? at.toISOString() : "none"}:${row?.n ?? 0}`;
}

/** The programme's follow-up in the database: indicators with their targets and values, the yearly summaries and the published follow-ups. */
import { type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { FollowUpTable, IndicatorTable, IndicatorValueTable } from "./tables.js";
import "./tables.js";
import type { FollowUpRow, Indicator, Summary } from "./repo.js";

// --- Indicators -----------------------------------------------------------------------

function indicatorQuery(tx: ScopedTx) {
  return tx
    .selectFrom("programme_indicators")
    .leftJoin("users as owner", "owner.id", "programme_indicators.owner_id")
    .selectAll("programme_indicators")
    .select("owner.name as owner_name");
}

export function listIndicators(tx: ScopedTx, programmeId: string): Promise<Indicator[]> {
  return indicatorQuery(tx)
    .where("programme_indicators.programme_id", "=", programmeId)
    .orderBy("programme_indicators.position")
    .orderBy("programme_indicators.created_at")
    .execute();
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
  await tx
    .updateTable("programme_indicators")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteIndicator(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("programme_indicators").where("id", "=", id).execute();
}

export async function replaceTargets(
  tx: ScopedTx,
  municipalityId: string,
  indicatorId: string,
  targets: ReadonlyArray<{ year: number; value: number }>,
): Promise<void> {
  await tx.deleteFrom("programme_indicator_targets").where("indicator_id", "=", indicatorId).execute();
  if (targets.length > 0) {
    await tx
      .insertInto("programme_indicator_targets")
      .values(targets.map((target) => ({ municipality_id: municipalityId, indicator_id: indicatorId, ...target })))
      .execute();
  }
}

/** Writes the value of one period, replacing the one that was there. */
/** Computed indicators of programmes still followed up, with their periods. */
export function listComputedIndicators(
  tx: ScopedTx,
  onlyId?: string,
): Promise<Array<{ id: string; programme_id: string; computed_from: string | null; start_year: number; end_year: number }>> {
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

export function listValues(tx: ScopedTx, indicatorId: string): Promise<Array<Selectable<IndicatorValueTable>>> {
  return tx.selectFrom("programme_indicator_values").selectAll().where("indicator_id", "=", indicatorId).execute();
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
    .select([
      "programme_focus_area_summaries.focus_area_id",
      "programme_focus_area_summaries.year",
      "programme_focus_area_summaries.text",
      "programme_focus_area_summaries.updated_at",
      "author.name as author_name",
    ])
    .where("programme_focus_area_summaries.focus_area_id", "in", focusAreaIds);
  if (year !== undefined) {
    query = query.where("programme_focus_area_summaries.year", "=", year);
  }
  return query.execute();
}

export async function upsertSummary(
  tx: ScopedTx,
  values: { municipality_id: string; focus_area_id: string; year: number; text: string; author_id: string | null },
): Promise<void> {
  await tx
    .insertInto("programme_focus_area_summaries")
    .values({ ...values, updated_at: new Date() })
    .onConflict((conflict) =>
      conflict
        .columns(["focus_area_id", "year"])
        .doUpdateSet((eb) => ({ text: eb.ref("excluded.text"), author_id: eb.ref("excluded.author_id"), updated_at: eb.ref("excluded.updated_at") })),
    )
    .execute();
}

const followUpColumns = [
  "programme_follow_ups.id",
  "programme_follow_ups.municipality_id",
  "programme_follow_ups.programme_id",
  "programme_follow_ups.year",
  "programme_follow_ups.revision",
  "programme_follow_ups.correction_note",
  "programme_follow_ups.published_at",
  "programme_follow_ups.published_by_id",
  "programme_follow_ups.demo",
  "publisher.name as published_by_name",
] as const;

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
  const row = await tx
    .selectFrom("programme_follow_ups")
    .select((eb) => eb.fn.max("revision").as("revision"))
    .where("programme_id", "=", programmeId)
    .where("year", "=", year)
    .executeTakeFirst();
  return Number(row?.revision ?? 0) + 1;
}

export async function insertFollowUp(tx: ScopedTx, values: Insertable<FollowUpTable>): Promise<void> {
  await tx.insertInto("programme_follow_ups").values(values).execute();
}

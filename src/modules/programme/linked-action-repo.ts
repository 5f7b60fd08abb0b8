import { sql } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { ProgrammeStatus } from "./tables.js";

export interface ActionSummary {
  id: string;
  title: string;
  programme: string;
  status_name: string;
  status_closed: boolean;
  progress: number | null;
}

/** An action's title, programme and status, or undefined when the municipality has none by that id. */
export async function actionSummaryIn(tx: ScopedTx, id: string): Promise<ActionSummary | undefined> {
  return tx
    .selectFrom("programme_actions as a")
    .innerJoin("programmes as p", "p.id", "a.programme_id")
    .innerJoin("programme_action_statuses as s", "s.id", "a.status_id")
    .select(["a.id", "a.title", "p.name as programme", "s.name as status_name", "s.closed as status_closed", "a.progress"])
    .where("a.id", "=", id)
    .executeTakeFirst();
}

/** The actions one may point to: those of programmes not archived, by programme and title. */
export async function actionChoicesIn(tx: ScopedTx): Promise<Array<{ id: string; label: string }>> {
  const rows = await tx
    .selectFrom("programme_actions as a")
    .innerJoin("programmes as p", "p.id", "a.programme_id")
    .select(["a.id", "a.title", "p.name as programme"])
    .where("p.status", "<>", "archived")
    .orderBy("p.start_year", "desc")
    .orderBy("a.position")
    .orderBy(sql`a.title collate "sv-SE-x-icu"`)
    .limit(2000)
    .execute();
  return rows.map((row) => ({ id: row.id, label: `${row.programme}: ${row.title}` }));
}

/** Every focus area with its programme's state, newest programme first. */
export function focusAreasWithState(
  tx: ScopedTx,
): Promise<Array<{ id: string; name: string; programme: string; status: ProgrammeStatus; unlocked_at: Date | null }>> {
  return tx
    .selectFrom("programme_focus_areas as f")
    .innerJoin("programmes as p", "p.id", "f.programme_id")
    .select(["f.id", "f.name", "p.name as programme", "p.status", "p.unlocked_at"])
    .orderBy("p.start_year", "desc")
    .orderBy("f.position")
    .execute();
}

export function focusAreaProgramme(tx: ScopedTx, id: string): Promise<{ id: string; programme_id: string } | undefined> {
  return tx.selectFrom("programme_focus_areas").select(["id", "programme_id"]).where("id", "=", id).executeTakeFirst();
}

/** The yearly values of the municipality's indicators in programmes that are not drafts, by name: what the region compares by name. */
export function indicatorValuesByName(tx: ScopedTx, years: readonly number[]): Promise<Array<{ name: string; unit: string; year: number; value: number }>> {
  return tx
    .selectFrom("programme_indicator_values as v")
    .innerJoin("programme_indicators as i", "i.id", "v.indicator_id")
    .innerJoin("programmes as p", "p.id", "i.programme_id")
    .select(["i.name", "i.unit", "v.year", "v.value"])
    .where("p.status", "<>", "draft")
    .where("v.quarter", "is", null)
    .where("v.year", "in", [...years])
    .orderBy("p.start_year", "desc")
    .execute();
}

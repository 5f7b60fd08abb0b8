import type { ScopedTx } from "../../platform/db/database.js";
import type { ListField } from "./tables.js";
import "./tables.js";

export async function findMapping(tx: ScopedTx): Promise<Record<ListField, string> | undefined> {
  return (await tx.selectFrom("survey_column_mappings").select("columns").executeTakeFirst())?.columns;
}

export async function saveMapping(tx: ScopedTx, municipalityId: string, columns: Record<ListField, string>): Promise<void> {
  const json = JSON.stringify(columns);
  await tx
    .insertInto("survey_column_mappings")
    .values({ municipality_id: municipalityId, columns: json })
    .onConflict((conflict) => conflict.column("municipality_id").doUpdateSet({ columns: json, updated_at: new Date() }))
    .execute();
}

/** Spreadsheets brought back in: the kept previews and their progress, and the staff a file names by address. */
import type { Insertable, Selectable, Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { SheetImportTable } from "./tables.js";
import "./tables.js";

export type SheetImport = Selectable<SheetImportTable>;
export type SheetImportSummary = Omit<SheetImport, "rows" | "plan">;

export function staffEmails(tx: ScopedTx): Promise<Array<{ id: string; email: string }>> {
  return tx.selectFrom("users").select(["id", "email"]).where("active", "=", true).execute();
}

export async function insertImport(tx: ScopedTx, values: Insertable<SheetImportTable>): Promise<void> {
  await tx.insertInto("programme_sheet_imports").values(values).execute();
}

export function findImport(tx: ScopedTx, id: string, options: { forUpdate?: boolean } = {}): Promise<SheetImport | undefined> {
  const query = tx.selectFrom("programme_sheet_imports").selectAll().where("id", "=", id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateImport(tx: ScopedTx, id: string, values: Updateable<SheetImportTable>): Promise<void> {
  await tx.updateTable("programme_sheet_imports").set(values).where("id", "=", id).execute();
}

/** The programme's latest files, newest first, without their rows. */
export function listImports(tx: ScopedTx, programmeId: string): Promise<SheetImportSummary[]> {
  return tx
    .selectFrom("programme_sheet_imports")
    .select(["id", "municipality_id", "programme_id", "kind", "file_name", "state", "total", "done", "error", "created_by_id", "created_at", "applied_at"])
    .where("programme_id", "=", programmeId)
    .orderBy("created_at", "desc")
    .limit(10)
    .execute();
}

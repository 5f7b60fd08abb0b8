/** The register of incoming cases in the database: the register's rows, the exports, and what each export carried. */
import { sql, type Selectable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { RegisterExportTable } from "./tables.js";
import "./tables.js";

export type RegisterExport = Selectable<RegisterExportTable> & { by_name: string | null };

export interface RegisterRow {
  id: string;
  number: string;
  created_at: Date;
  company_name: string | null;
  org_number: string | null;
  correspondent_name: string;
  subject: string;
  subject_secret: string[];
  unit: string;
  status: string;
  closed_at: Date | null;
  statutory: string | null;
  decided_on: string | null;
  registered_at: Date | null;
  closing_sent_at: Date | null;
}

function registerQuery(tx: ScopedTx) {
  return tx
    .selectFrom("desk_cases as k")
    .innerJoin("org_units as u", "u.id", "k.unit_id")
    .leftJoin("desk_register_exports as registered", "registered.id", "k.registered_export_id")
    .leftJoin("desk_register_exports as closing", "closing.id", "k.closed_export_id")
    .select([
      "k.id",
      "k.number",
      "k.created_at",
      "k.company_name",
      "k.org_number",
      "k.correspondent_name",
      "k.subject",
      "k.subject_secret",
      "u.name as unit",
      "k.status",
      "k.closed_at",
      "k.statutory",
      "k.decided_on",
      "registered.at as registered_at",
      "closing.at as closing_sent_at",
    ]);
}

export const registerPageSize = 50;

/** The register as staff search it: by number, subject or sender, within a year, newest first. */
export function searchRegister(tx: ScopedTx, filter: { q: string | null; year: number | null; page: number }): Promise<RegisterRow[]> {
  let query = registerQuery(tx);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
    query = query.where((eb) =>
      eb.or([eb("k.number", "ilike", like), eb("k.subject", "ilike", like), eb("k.company_name", "ilike", like), eb("k.org_number", "ilike", like)]),
    );
  }
  if (filter.year) {
    query = query
      .where("k.created_at", ">=", new Date(`${filter.year}-01-01T00:00:00+01:00`))
      .where("k.created_at", "<", new Date(`${filter.year + 1}-01-01T00:00:00+01:00`));
  }
  return query
    .orderBy("k.created_at", "desc")
    .orderBy("k.id")
    .limit(registerPageSize + 1)
    .offset((filter.page - 1) * registerPageSize)
    .execute() as Promise<RegisterRow[]>;
}

/**
 * Claims what the next export carries: cases never registered, and closed cases whose closing
 * has not gone out. Locked rows are re-read after the lock, so two exports at once never
 * carry the same case.
 */
export async function claimForExport(tx: ScopedTx): Promise<{ registered: string[]; closed: string[] }> {
  const registered = await tx.selectFrom("desk_cases").select("id").where("registered_export_id", "is", null).orderBy("created_at").forUpdate().execute();
  const closed = await tx
    .selectFrom("desk_cases")
    .select("id")
    .where("closed_at", "is not", null)
    .where("closed_export_id", "is", null)
    .orderBy("closed_at")
    .forUpdate()
    .execute();
  return { registered: registered.map((row) => row.id), closed: closed.map((row) => row.id) };
}

export async function insertExport(
  tx: ScopedTx,
  values: { id: string; municipality_id: string; by_id: string | null; registered: number; closed: number },
): Promise<void> {
  await tx.insertInto("desk_register_exports").values(values).execute();
}

export async function markExported(tx: ScopedTx, exportId: string, claimed: { registered: readonly string[]; closed: readonly string[] }): Promise<void> {
  if (claimed.registered.length > 0) {
    await tx
      .updateTable("desk_cases")
      .set({ registered_export_id: exportId })
      .where("id", "in", [...claimed.registered])
      .execute();
  }
  if (claimed.closed.length > 0) {
    await tx
      .updateTable("desk_cases")
      .set({ closed_export_id: exportId })
      .where("id", "in", [...claimed.closed])
      .execute();
  }
}

/** What an export carried, each case once with what it carried of it: its registration, its closing, or both. */
export function exportRows(tx: ScopedTx, exportId: string): Promise<Array<RegisterRow & { registers: boolean; closes: boolean }>> {
  return registerQuery(tx)
    .select([sql<boolean>`k.registered_export_id = ${exportId}`.as("registers"), sql<boolean>`coalesce(k.closed_export_id = ${exportId}, false)`.as("closes")])
    .where((eb) => eb.or([eb("k.registered_export_id", "=", exportId), eb("k.closed_export_id", "=", exportId)]))
    .orderBy("k.created_at")
    .execute() as Promise<Array<RegisterRow & { registers: boolean; closes: boolean }>>;
}

export function findExport(tx: ScopedTx, id: string): Promise<RegisterExport | undefined> {
  return tx
    .selectFrom("desk_register_exports as e")
    .leftJoin("users as u", "u.id", "e.by_id")
    .selectAll("e")
    .select("u.name as by_name")
    .where("e.id", "=", id)
    .executeTakeFirst();
}

export function listExports(tx: ScopedTx): Promise<RegisterExport[]> {
  return tx
    .selectFrom("desk_register_exports as e")
    .leftJoin("users as u", "u.id", "e.by_id")
    .selectAll("e")
    .select("u.name as by_name")
    .orderBy("e.at", "desc")
    .limit(20)
    .execute();
}

/** How many cases the next export would carry. */
export async function pendingCounts(tx: ScopedTx): Promise<{ registered: number; closed: number }> {
  const row = await tx
    .selectFrom("desk_cases")
    .select((eb) => [
      eb.fn.count<string>("id").filterWhere("registered_export_id", "is", null).as("registered"),
      eb.fn
        .count<string>("id")
        .filterWhere((inner) => inner.and([inner("closed_at", "is not", null), inner("closed_export_id", "is", null)]))
        .as("closed"),
    ])
    .executeTakeFirstOrThrow();
  return { registered: Number(row.registered), closed: Number(row.closed) };
}

export async function setSubjectSecret(tx: ScopedTx, id: string, phrases: readonly string[], reason: string | null): Promise<void> {
  await tx
    .updateTable("desk_cases")
    .set({ subject_secret: [...phrases], subject_secret_reason: reason })
    .where("id", "=", id)
    .execute();
}

import { sql, type Insertable } from "kysely";
import type { ScopedTx } from "../db/database.js";
import type { AuditEventTable } from "../db/schema.js";

export async function insertAuditEvent(tx: ScopedTx, values: Insertable<AuditEventTable>): Promise<void> {
  await tx.insertInto("audit_events").values(values).execute();
}

/** Keeps each event's field names and replaces their values. */
export async function redactValues(tx: ScopedTx, recordType: string, recordId: string): Promise<void> {
  await sql`
    update audit_events
       set changes = (select coalesce(jsonb_object_agg(key, jsonb_build_object('from', '[redacted]', 'to', '[redacted]')), '{}'::jsonb)
                        from jsonb_object_keys(changes) as key)
     where record_type = ${recordType} and record_id = ${recordId}
  `.execute(tx);
}

export async function redactActor(tx: ScopedTx, actorId: string): Promise<void> {
  await tx.updateTable("audit_events").set({ actor_label: "[redacted]" }).where("actor_id", "=", actorId).execute();
}

export interface AuditFilter {
  recordType?: string | undefined;
  recordId?: string | undefined;
  actorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/** Audit events of the scope's municipality, newest first, filtered by record, actor and date. */
export async function listAuditEvents(tx: ScopedTx, filter: AuditFilter) {
  let query = tx.selectFrom("audit_events").selectAll();
  if (filter.recordType) {
    query = query.where("record_type", "=", filter.recordType);
  }
  if (filter.recordId) {
    query = query.where("record_id", "=", filter.recordId);
  }
  if (filter.actorId) {
    query = query.where("actor_id", "=", filter.actorId);
  }
  if (filter.from) {
    query = query.where("at", ">=", new Date(`${filter.from}T00:00:00Z`));
  }
  if (filter.to) {
    query = query.where("at", "<", new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000));
  }
  const rows = await query
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(filter.pageSize + 1)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { rows: rows.slice(0, filter.pageSize), hasMore: rows.length > filter.pageSize };
}

export async function listAuditRecordTypes(tx: ScopedTx): Promise<string[]> {
  const rows = await tx.selectFrom("audit_events").select("record_type").distinct().orderBy("record_type").execute();
  return rows.map((row) => row.record_type);
}

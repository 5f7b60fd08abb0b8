import { sql } from "kysely";
import type { Db } from "../db/database.js";
import type { Queryable } from "../jobs/repo.js";

/** The sender addresses the municipalities given have set (null where one has none). */
export async function mailFromOf(db: Queryable, ids: readonly string[]): Promise<Array<{ id: string; mail_from: string | null }>> {
  return (await sql<{ id: string; mail_from: string | null }>`select id, mail_from from municipalities where id = any(${[...ids]}::uuid[])`.execute(db)).rows;
}

/** A municipality's own SMTP server's URL, as stored (sealed), or null. */
export async function sealedSmtpUrlOf(db: Db, id: string): Promise<string | null> {
  return (await db.selectFrom("municipalities").select("smtp_url_sealed").where("id", "=", id).executeTakeFirst())?.smtp_url_sealed ?? null;
}

/** Sets a municipality's sender and SMTP server (sealed), each left as it is when undefined. */
export async function saveMunicipalMail(db: Db, id: string, values: { mail_from?: string | null; smtp_url_sealed?: string | null }): Promise<void> {
  await db
    .updateTable("municipalities")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

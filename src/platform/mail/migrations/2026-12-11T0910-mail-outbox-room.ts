import { sql, type Kysely } from "kysely";

/**
 * Room on each page of the outbox for a mail's claim to be written beside it. The claim
 * changes no indexed column, so with room PostgreSQL updates it in place of the page (a
 * HOT update): no new entry in any index, and none left dead in the queue's index for
 * every later claim to step over. Without room, each claim added an entry to every index.
 * Pages written from now on keep the room; those before fill as they are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_outbox set (fillfactor = 70)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_outbox reset (fillfactor)`.execute(db);
}

import { sql, type Kysely } from "kysely";

/**
 * A campaign's next batch is its waiting recipients in subscriber order. The index on the
 * campaign alone gave them in no order, so every batch read and sorted all who were still
 * waiting: a campaign of 100,000 sorted up to 100,000 rows 200 times. In subscriber order,
 * a batch reads its 500 and stops.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index campaign_recipients_waiting`.execute(db);
  await sql`create index campaign_recipients_waiting on campaign_recipients (campaign_id, subscriber_id) where outbox_id is null and skipped is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index campaign_recipients_waiting`.execute(db);
  await sql`create index campaign_recipients_waiting on campaign_recipients (campaign_id) where outbox_id is null and skipped is null`.execute(db);
}

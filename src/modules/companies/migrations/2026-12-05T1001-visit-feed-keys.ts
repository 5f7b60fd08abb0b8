import { sql, type Kysely } from "kysely";

/**
 * The salt of a staff member's visit calendar feed: its link is an HMAC over the account
 * and this salt, so a new salt ends the old link (a copy that went astray, a lost phone).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table visit_feed_keys (
      user_id uuid primary key references users(id) on delete cascade,
      municipality_id uuid not null references municipalities(id),
      salt text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table visit_feed_keys enable row level security`.execute(db);
  await sql`alter table visit_feed_keys force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on visit_feed_keys
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table visit_feed_keys`.execute(db);
}

import { sql, type Kysely } from "kysely";

/**
 * What each officer wants to hear of by mail: a new case in one of their units, and a
 * business's reply in a case of theirs. No row means both, so a new officer hears of work
 * from the first day; turning one off is a row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table desk_notification_settings (
      user_id uuid primary key references users(id) on delete cascade,
      municipality_id uuid not null references municipalities(id),
      new_cases boolean not null default true,
      replies boolean not null default true,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table desk_notification_settings enable row level security`.execute(db);
  await sql`alter table desk_notification_settings force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on desk_notification_settings
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table desk_notification_settings`.execute(db);
}

import { sql, type Kysely } from "kysely";

/**
 * Failed logins, counted per e-mail address and client address (so one address cannot lock
 * an account for everyone) and per e-mail address alone (so many addresses together are
 * still slowed). Keyed by a hash of the e-mail, whether or not an account has it: a locked,
 * an unknown and a wrong answer are alike. The users table's own counters are no longer used.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table login_throttle (
      municipality_id uuid not null references municipalities(id) on delete cascade,
      key text not null,
      failures integer not null,
      window_started_at timestamptz not null,
      locked_until timestamptz,
      primary key (municipality_id, key)
    )`.execute(db);
  await sql`alter table login_throttle enable row level security`.execute(db);
  await sql`alter table login_throttle force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on login_throttle
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table login_throttle`.execute(db);
}

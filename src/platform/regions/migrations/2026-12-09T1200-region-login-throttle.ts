import { sql, type Kysely } from "kysely";

/**
 * Failed sign-ins on a region's host, counted per e-mail address and client address (so that
 * one address cannot lock an analyst out for everyone), as a municipality's `login_throttle`
 * counts its staff's; seen only in a transaction bound to the region. The accounts' own
 * counters go.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table region_login_throttle (
      region_id uuid not null references regions(id) on delete cascade,
      key text not null,
      failures integer not null,
      window_started_at timestamptz not null,
      locked_until timestamptz,
      primary key (region_id, key)
    )`.execute(db);
  await sql`alter table region_login_throttle enable row level security`.execute(db);
  await sql`alter table region_login_throttle force row level security`.execute(db);
  await sql`
    create policy region_isolation on region_login_throttle
      using (region_id = nullif(current_setting('app.region', true), '')::uuid)
      with check (region_id = nullif(current_setting('app.region', true), '')::uuid)
  `.execute(db);
  await sql`alter table region_accounts drop column failed_logins, drop column locked_until`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table region_accounts add column failed_logins integer not null default 0, add column locked_until timestamptz`.execute(db);
  await sql`drop table region_login_throttle`.execute(db);
}

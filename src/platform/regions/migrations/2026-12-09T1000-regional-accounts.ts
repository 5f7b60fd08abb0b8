import { sql, type Kysely } from "kysely";

/** The tables whose rows belong to a region, not to a municipality: seen only in a transaction bound to it. */
const regionTables = ["region_accounts", "region_sessions", "region_audit_events"];

/**
 * A region as a home of its own: the hosts it answers on (held unique with the
 * municipalities' in `municipality_hosts`), its accounts (a regional analyst belongs to the
 * region, not to a member), their sessions and the log of what was done to them. Row-level
 * security admits these rows to a transaction bound to their region (`app.region`) and to no
 * other; a municipality's transaction sees none of them, as a region's sees no record of a
 * municipality.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table regions add column hosts text[] not null default '{}'`.execute(db);
  await sql`alter table municipality_hosts alter column municipality_id drop not null`.execute(db);
  await sql`alter table municipality_hosts add column region_id uuid references regions(id) on delete cascade`.execute(db);
  await sql`alter table municipality_hosts add constraint municipality_hosts_one_owner check ((municipality_id is null) <> (region_id is null))`.execute(db);
  await sql`
    create function region_hosts_sync() returns trigger language plpgsql as $$
    begin
      delete from municipality_hosts where region_id = new.id;
      insert into municipality_hosts (host, region_id) select distinct unnest(new.hosts), new.id;
      return new;
    end
    $$`.execute(db);
  await sql`create trigger region_hosts_sync after insert or update of hosts on regions for each row execute function region_hosts_sync()`.execute(db);
  await sql`
    create table region_accounts (
      id uuid primary key,
      region_id uuid not null references regions(id) on delete cascade,
      email text not null,
      name text not null,
      password_hash text not null,
      active boolean not null default true,
      must_change_password boolean not null default true,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (region_id, email)
    )`.execute(db);
  await sql`
    create table region_sessions (
      id_hash text primary key,
      region_id uuid not null references regions(id) on delete cascade,
      account_id uuid not null references region_accounts(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index region_sessions_account on region_sessions (account_id)`.execute(db);
  await sql`
    create table region_audit_events (
      id uuid primary key,
      region_id uuid not null references regions(id) on delete cascade,
      at timestamptz not null default now(),
      actor_label text not null,
      action text not null,
      record_type text not null,
      record_id uuid,
      changes jsonb not null default '{}',
      request_id text
    )`.execute(db);
  await sql`create index region_audit_events_region_at on region_audit_events (region_id, at desc)`.execute(db);
  for (const table of regionTables) {
    const name = sql.id(table);
    await sql`alter table ${name} enable row level security`.execute(db);
    await sql`alter table ${name} force row level security`.execute(db);
    await sql`
      create policy region_isolation on ${name}
        using (region_id = nullif(current_setting('app.region', true), '')::uuid)
        with check (region_id = nullif(current_setting('app.region', true), '')::uuid)
    `.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table region_audit_events, region_sessions, region_accounts`.execute(db);
  await sql`drop trigger region_hosts_sync on regions`.execute(db);
  await sql`drop function region_hosts_sync()`.execute(db);
  await sql`delete from municipality_hosts where region_id is not null`.execute(db);
  await sql`alter table municipality_hosts drop constraint municipality_hosts_one_owner`.execute(db);
  await sql`alter table municipality_hosts drop column region_id`.execute(db);
  await sql`alter table municipality_hosts alter column municipality_id set not null`.execute(db);
  await sql`alter table regions drop column hosts`.execute(db);
}

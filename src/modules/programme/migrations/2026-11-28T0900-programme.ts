import { sql, type Kysely } from "kysely";

const tenantTables = [
  "programme_action_statuses",
  "programmes",
  "programme_parties",
  "programme_commitments",
  "programme_focus_areas",
  "programme_actions",
  "programme_action_contributors",
  "programme_action_updates",
  "programme_indicators",
  "programme_indicator_targets",
  "programme_indicator_values",
  "programme_focus_area_summaries",
  "programme_follow_ups",
  "programme_documents",
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table programme_action_statuses (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      name text not null,
      default_progress integer not null check (default_progress between 0 and 100),
      closed boolean not null default false,
      position integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, name)
    )`.execute(db);
  await sql`
    create table programmes (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      name text not null,
      start_year integer not null check (start_year between 1900 and 2200),
      end_year integer not null check (end_year between 1900 and 2200),
      status text not null default 'draft' check (status in ('draft', 'adopted', 'archived')),
      adopted_by text,
      adopted_on date,
      purpose text not null default '',
      vision text not null default '',
      goal text not null default '',
      previous_id uuid references programmes(id) on delete set null,
      unlocked_at timestamptz,
      unlock_reason text,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (end_year >= start_year)
    )`.execute(db);
  await sql`
    create table programme_parties (
      municipality_id uuid not null references municipalities(id),
      programme_id uuid not null references programmes(id) on delete cascade,
      party_id uuid not null references external_parties(id) on delete cascade,
      primary key (programme_id, party_id)
    )`.execute(db);
  await sql`
    create table programme_commitments (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      programme_id uuid not null references programmes(id) on delete cascade,
      title text not null,
      description text not null default '',
      position integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table programme_focus_areas (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      programme_id uuid not null references programmes(id) on delete cascade,
      name text not null,
      description text not null default '',
      position integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (programme_id, name)
    )`.execute(db);
  await sql`
    create table programme_actions (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      programme_id uuid not null references programmes(id) on delete cascade,
      focus_area_id uuid not null references programme_focus_areas(id) on delete cascade,
      title text not null,
      description text not null default '',
      responsible_unit_id uuid references org_units(id) on delete set null,
      responsible_party_id uuid references external_parties(id) on delete set null,
      owner_id uuid references users(id) on delete set null,
      start_date date,
      end_date date,
      status_id uuid not null references programme_action_statuses(id),
      progress integer not null default 0 check (progress between 0 and 100),
      weight double precision not null default 1 check (weight > 0),
      position integer not null default 0,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (responsible_unit_id is null or responsible_party_id is null),
      check (end_date is null or start_date is null or end_date >= start_date)
    )`.execute(db);
  await sql`create index programme_actions_programme on programme_actions (programme_id, focus_area_id, position)`.execute(db);
  await sql`create index programme_actions_owner on programme_actions (owner_id)`.execute(db);
  await sql`
    create table programme_action_contributors (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      action_id uuid not null references programme_actions(id) on delete cascade,
      unit_id uuid references org_units(id) on delete cascade,
      party_id uuid references external_parties(id) on delete cascade,
      check ((unit_id is null) <> (party_id is null))
    )`.execute(db);
  await sql`create index programme_action_contributors_action on programme_action_contributors (action_id)`.execute(db);
  await sql`
    create table programme_action_updates (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      action_id uuid not null references programme_actions(id) on delete cascade,
      at timestamptz not null default now(),
      author_id uuid references users(id),
      year integer,
      text text not null default '',
      status_id uuid references programme_action_statuses(id) on delete set null,
      status_name text not null,
      progress integer not null check (progress between 0 and 100)
    )`.execute(db);
  await sql`create index programme_action_updates_action on programme_action_updates (action_id, at)`.execute(db);
  await sql`
    create table programme_indicators (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      programme_id uuid not null references programmes(id) on delete cascade,
      focus_area_id uuid references programme_focus_areas(id) on delete cascade,
      name text not null,
      description text not null default '',
      unit text not null default '',
      direction text not null check (direction in ('higher', 'lower')),
      baseline_value double precision,
      baseline_year integer,
      source text not null default 'manual' check (source in ('manual', 'computed', 'imported')),
      owner_id uuid references users(id) on delete set null,
      position integer not null default 0,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index programme_indicators_programme on programme_indicators (programme_id, position)`.execute(db);
  await sql`
    create table programme_indicator_targets (
      municipality_id uuid not null references municipalities(id),
      indicator_id uuid not null references programme_indicators(id) on delete cascade,
      year integer not null,
      value double precision not null,
      primary key (indicator_id, year)
    )`.execute(db);
  await sql`
    create table programme_indicator_values (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      indicator_id uuid not null references programme_indicators(id) on delete cascade,
      year integer not null,
      quarter integer check (quarter between 1 and 4),
      value double precision not null,
      comment text not null default '',
      recorded_by_id uuid references users(id),
      recorded_at timestamptz not null default now(),
      unique nulls not distinct (indicator_id, year, quarter)
    )`.execute(db);
  await sql`
    create table programme_focus_area_summaries (
      municipality_id uuid not null references municipalities(id),
      focus_area_id uuid not null references programme_focus_areas(id) on delete cascade,
      year integer not null,
      text text not null,
      author_id uuid references users(id),
      updated_at timestamptz not null default now(),
      primary key (focus_area_id, year)
    )`.execute(db);
  await sql`
    create table programme_follow_ups (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      programme_id uuid not null references programmes(id),
      year integer not null,
      revision integer not null,
      correction_note text not null default '',
      published_at timestamptz not null default now(),
      published_by_id uuid references users(id),
      snapshot jsonb not null,
      demo boolean not null default false,
      unique (programme_id, year, revision)
    )`.execute(db);
  // A published follow-up is a record: its content can never change or go, not even for the
  // owner role. (Who published it is a staff id, so erasing that account still works.)
  await sql`
    create function programme_follow_ups_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'a published follow-up cannot be changed; publish a new revision';
    end $$`.execute(db);
  await sql`
    create trigger programme_follow_ups_immutable
      before update of programme_id, year, revision, correction_note, published_at, snapshot or delete on programme_follow_ups
      for each row execute function programme_follow_ups_immutable()`.execute(db);
  // The read model of the public page: each programme with its parts as one document,
  // rewritten in the same transaction as every change to the programme.
  await sql`
    create table programme_documents (
      programme_id uuid primary key references programmes(id) on delete cascade,
      municipality_id uuid not null references municipalities(id),
      document jsonb not null,
      refreshed_at timestamptz not null default now()
    )`.execute(db);
  // The documents hold the names of units and external parties (responsible, contributing,
  // partners): renaming or removing one sets the municipality's documents aside, and the
  // next read writes them anew.
  await sql`
    create function programme_documents_set_aside() returns trigger language plpgsql as $$
    begin
      delete from programme_documents where municipality_id = old.municipality_id;
      return null;
    end $$`.execute(db);
  for (const table of ["org_units", "external_parties"]) {
    await sql`
      create trigger programme_documents_set_aside after update of name or delete on ${sql.id(table)}
        for each row execute function programme_documents_set_aside()`.execute(db);
  }
  for (const table of tenantTables) {
    await enableTenantSecurity(db, table);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger programme_documents_set_aside on org_units`.execute(db);
  await sql`drop trigger programme_documents_set_aside on external_parties`.execute(db);
  await sql`drop table ${sql.join([...tenantTables].reverse().map((table) => sql.id(table)))}`.execute(db);
  await sql`drop function programme_follow_ups_immutable(), programme_documents_set_aside()`.execute(db);
}

async function enableTenantSecurity(db: Kysely<any>, table: string): Promise<void> {
  const name = sql.id(table);
  await sql`alter table ${name} enable row level security`.execute(db);
  await sql`alter table ${name} force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on ${name}
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
  `.execute(db);
}

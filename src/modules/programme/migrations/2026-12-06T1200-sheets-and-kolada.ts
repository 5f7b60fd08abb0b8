import { sql, type Kysely } from "kysely";

/**
 * Spreadsheets brought back in (a preview kept until it is applied, with its progress) and
 * official statistics from Kolada: an indicator's key figure, the municipality's settings
 * (its code, its comparison group, the service's address) and every value fetched.
 */
const tenantTables = ["programme_sheet_imports", "programme_kolada_settings", "programme_kolada_kpis", "programme_kolada_values"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table programme_sheet_imports (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      programme_id uuid not null references programmes(id) on delete cascade,
      kind text not null check (kind in ('actions', 'values')),
      file_name text not null default '',
      -- The file's rows as read, and what applying them would do: applying plans again and refuses if that differs.
      rows jsonb not null,
      plan jsonb not null,
      state text not null default 'preview' check (state in ('preview', 'queued', 'applied', 'failed', 'stale')),
      total integer not null default 0,
      done integer not null default 0,
      error text,
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      applied_at timestamptz
    )`.execute(db);
  await sql`create index programme_sheet_imports_programme on programme_sheet_imports (municipality_id, programme_id, created_at desc)`.execute(db);
  await sql`alter table programme_indicators drop constraint if exists programme_indicators_source_check`.execute(db);
  await sql`alter table programme_indicators add constraint programme_indicators_source_check check (source in ('manual', 'computed', 'imported', 'kolada'))`.execute(
    db,
  );
  await sql`alter table programme_indicators add column kolada_kpi text check (kolada_kpi ~ '^[A-Z][0-9]{5}$')`.execute(db);
  await sql`alter table programme_indicators add column kolada_gender char(1) check (kolada_gender in ('T', 'K', 'M'))`.execute(db);
  await sql`
    create table programme_kolada_settings (
      municipality_id uuid primary key references municipalities(id),
      base_url text not null,
      group_name text not null,
      group_codes text[] not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table programme_kolada_kpis (
      municipality_id uuid not null references municipalities(id),
      kpi text not null,
      title text not null,
      -- Set when Kolada's title differs from the one first seen: the figure may no longer measure the same thing.
      previous_title text,
      title_changed_at timestamptz,
      fetched_at timestamptz,
      last_error text,
      primary key (municipality_id, kpi)
    )`.execute(db);
  await sql`
    create table programme_kolada_values (
      municipality_id uuid not null references municipalities(id),
      kpi text not null,
      -- The kommunkod the value is of: the municipality itself or a member of its comparison group.
      area char(4) not null,
      gender char(1) not null check (gender in ('T', 'K', 'M')),
      year smallint not null,
      value double precision,
      fetched_at timestamptz not null default now(),
      primary key (municipality_id, kpi, area, gender, year)
    )`.execute(db);
  for (const table of tenantTables) {
    await sql`alter table ${sql.id(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.id(table)} force row level security`.execute(db);
    await sql`
      create policy tenant_isolation on ${sql.id(table)}
        using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
        with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
    `.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...tenantTables].reverse()) {
    await sql`drop table ${sql.id(table)}`.execute(db);
  }
  await sql`alter table programme_indicators drop column kolada_gender, drop column kolada_kpi`.execute(db);
}

import { sql, type Kysely } from "kysely";

const tenantTables = ["org_units", "external_parties"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`
    create table regions (
      id uuid primary key,
      name text not null,
      slug text not null unique,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table municipalities (
      id uuid primary key,
      region_id uuid references regions(id),
      name text not null,
      kommunkod char(4) not null unique,
      slug text not null unique,
      hosts text[] not null default '{}',
      contact_email text,
      accessibility_compliance text not null default 'partial'
        check (accessibility_compliance in ('full', 'partial', 'none')),
      accessibility_non_compliant text not null default '',
      accessibility_assessed_on date,
      accessibility_updated_on date,
      accessibility_assessment_method text not null default '',
      accessibility_feedback text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index municipalities_hosts on municipalities using gin (hosts)`.execute(db);
  await sql`
    create table org_units (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      parent_id uuid references org_units(id),
      kind text not null check (kind in ('department', 'section', 'team', 'company')),
      name text not null,
      manager_id uuid,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique nulls not distinct (municipality_id, parent_id, name)
    )`.execute(db);
  await sql`create index org_units_parent on org_units (municipality_id, parent_id)`.execute(db);
  await sql`
    create table external_parties (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      kind text not null check (kind in ('business_council', 'regional_collaboration', 'business_association', 'authority', 'other')),
      name text not null,
      description text not null default '',
      website text,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, name)
    )`.execute(db);
  for (const table of tenantTables) {
    await enableTenantSecurity(db, table);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table external_parties, org_units, municipalities, regions`.execute(db);
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

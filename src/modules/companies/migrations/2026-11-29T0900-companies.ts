import { sql, type Kysely } from "kysely";

/** The municipality's own knowledge of companies: tenant data under row-level security. */
const tenantTables = [
  "company_areas",
  "company_links",
  "company_profiles",
  "contacts",
  "contact_companies",
  "visit_templates",
  "visits",
  "visit_staff",
  "visit_contacts",
  "company_tasks",
];

export async function up(db: Kysely<any>): Promise<void> {
  // --- The national register: one row per organisation, no municipality ----------------
  await sql`
    create table companies (
      id uuid primary key,
      org_number text not null unique check (org_number ~ '^[0-9]{10}$'),
      is_person boolean not null default false,
      name text not null,
      legal_form_code text,
      legal_form_token text,
      status text not null default 'active' check (status in ('active', 'deregistered', 'bankrupt', 'liquidation')),
      registered_on date,
      deregistered_on date,
      deregistration_reason text,
      street text,
      care_of text,
      postcode text,
      town text,
      size_class text,
      web text,
      phone text,
      email text,
      description text,
      advertising_opt_out boolean not null default false,
      industries jsonb not null default '[]',
      industry_keys text[] not null default '{}',
      industry_text text not null default '',
      sources text[] not null default '{}',
      missing_from text[] not null default '{}',
      search_vector tsvector generated always as (
        to_tsvector('swedish'::regconfig, name || ' ' || coalesce(town, '') || ' ' || industry_text)
      ) stored,
      -- The keys of the municipalities' own areas: the postcode's first three digits, the town.
      area_key text generated always as (left(postcode, 3)) stored,
      town_key text generated always as (upper(town)) stored,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // One text index that also holds the area keys (btree_gin), so "the words, in our area"
  // is one index scan that intersects posting lists instead of reading every match.
  await sql`create extension if not exists btree_gin`.execute(db);
  await sql`create index companies_search on companies using gin (area_key, town_key, search_vector)`.execute(db);
  await sql`create index companies_industry_keys on companies using gin (industry_keys)`.execute(db);
  await sql`create index companies_postcode on companies (postcode text_pattern_ops)`.execute(db);
  // Names can run to thousands of characters; the sort index holds their first 200.
  await sql`create index companies_name_sv on companies ((left(name, 200) collate "sv-SE-x-icu"), id)`.execute(db);

  // The register's vocabulary: each search word's lexeme with how many organisations use it.
  // A typed prefix becomes the exact lexemes it begins (fast to intersect); a typo finds its
  // nearest lexemes by trigram similarity.
  await sql`
    create table company_lexemes (
      lexeme text collate "C" primary key,
      documents integer not null
    )`.execute(db);
  await sql`create index company_lexemes_trigram on company_lexemes using gin (lexeme gin_trgm_ops)`.execute(db);

  await sql`
    create table company_import_runs (
      id uuid primary key,
      source text not null,
      file_name text not null,
      municipality_id uuid references municipalities(id),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      counts jsonb not null default '{}'
    )`.execute(db);
  // Which organisations a running import has seen, so the end can mark those that
  // disappeared from the source. Unlogged: it is rebuilt by running the import again.
  await sql`
    create unlogged table company_import_seen (
      run_id uuid not null references company_import_runs(id) on delete cascade,
      org_number text not null,
      primary key (run_id, org_number)
    )`.execute(db);

  // --- The municipality's own knowledge ----------------------------------------------------
  await sql`
    create table company_areas (
      municipality_id uuid primary key references municipalities(id),
      postcodes text[] not null default '{}',
      towns text[] not null default '{}',
      contact_retention_months integer not null default 36 check (contact_retention_months between 1 and 240),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table company_links (
      municipality_id uuid not null references municipalities(id),
      company_id uuid not null references companies(id) on delete cascade,
      reason text not null check (reason in ('manual', 'visit', 'contact', 'import', 'case')),
      created_at timestamptz not null default now(),
      primary key (municipality_id, company_id)
    )`.execute(db);
  await sql`
    create table company_profiles (
      municipality_id uuid not null references municipalities(id),
      company_id uuid not null references companies(id) on delete cascade,
      owner_id uuid references users(id) on delete set null,
      tags text[] not null default '{}',
      notes text not null default '',
      updated_at timestamptz not null default now(),
      primary key (municipality_id, company_id)
    )`.execute(db);
  await sql`create index company_profiles_tags on company_profiles using gin (tags)`.execute(db);
  await sql`
    create table contacts (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      name text not null,
      title text,
      email text,
      phone text,
      lawful_basis text not null check (lawful_basis in ('public_task', 'legitimate_interest', 'consent', 'contract')),
      source text not null,
      touched_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table contact_companies (
      municipality_id uuid not null references municipalities(id),
      contact_id uuid not null references contacts(id) on delete cascade,
      company_id uuid not null references companies(id) on delete cascade,
      role text,
      primary key (contact_id, company_id)
    )`.execute(db);
  await sql`create index contact_companies_company on contact_companies (company_id)`.execute(db);
  await sql`
    create table visit_templates (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      name text not null,
      questions jsonb not null default '[]',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (municipality_id, name)
    )`.execute(db);
  await sql`
    create table visits (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      company_id uuid not null references companies(id),
      status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
      starts_at timestamptz not null,
      ends_at timestamptz,
      purpose text not null default '',
      template_id uuid references visit_templates(id) on delete set null,
      report jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at is null or ends_at >= starts_at)
    )`.execute(db);
  await sql`create index visits_company on visits (company_id, starts_at desc)`.execute(db);
  await sql`
    create table visit_staff (
      municipality_id uuid not null references municipalities(id),
      visit_id uuid not null references visits(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      primary key (visit_id, user_id)
    )`.execute(db);
  await sql`create index visit_staff_user on visit_staff (user_id)`.execute(db);
  await sql`
    create table visit_contacts (
      municipality_id uuid not null references municipalities(id),
      visit_id uuid not null references visits(id) on delete cascade,
      contact_id uuid not null references contacts(id) on delete cascade,
      primary key (visit_id, contact_id)
    )`.execute(db);
  await sql`
    create table company_tasks (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      company_id uuid not null references companies(id),
      visit_id uuid references visits(id) on delete set null,
      title text not null,
      owner_id uuid references users(id) on delete set null,
      due_on date,
      done_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index company_tasks_owner on company_tasks (owner_id, done_at, due_on)`.execute(db);
  await sql`create index company_tasks_company on company_tasks (company_id)`.execute(db);

  for (const table of tenantTables) {
    await enableTenantSecurity(db, table);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ${sql.join([...tenantTables].reverse().map((table) => sql.id(table)))}`.execute(db);
  await sql`drop table company_import_seen, company_import_runs, company_lexemes, companies`.execute(db);
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

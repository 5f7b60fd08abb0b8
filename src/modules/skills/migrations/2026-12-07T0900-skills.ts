import { sql, type Kysely } from "kysely";

/** Skills supply and work: every table is tenant data under row-level security. */
const tenantTables = ["skills_openings", "skills_seekers", "skills_seeker_statuses", "skills_seeker_reads", "skills_introductions"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table skills_openings (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      kind text not null check (kind in ('job', 'internship', 'summer_job', 'apprenticeship', 'trainee')),
      title text not null,
      description text not null,
      -- An SSYK 2012 unit group.
      occupation text not null check (occupation ~ '^[0-9]{4}$'),
      -- [{ name, must, weight }]: a must-have rules a seeker out when missing; the rest count by weight.
      skills jsonb not null default '[]',
      languages text[] not null default '{}',
      licences text[] not null default '{}',
      extent smallint not null check (extent between 1 and 100),
      duration text,
      starts_on date,
      apply_by date,
      places smallint not null default 1 check (places between 1 and 999),
      filled smallint not null default 0 check (filled between 0 and places),
      workplace_address text,
      workplace_municipality text check (workplace_municipality ~ '^[0-9]{4}$'),
      org_number text check (org_number ~ '^[0-9]{10}$'),
      employer text not null,
      contact_name text,
      contact_email text,
      contact_phone text,
      -- unverified: posted by a business, its link not yet followed; review: verified, waiting for staff.
      status text not null check (status in ('unverified', 'draft', 'review', 'published', 'closed')),
      source text not null default 'staff' check (source in ('staff', 'business')),
      -- The SHA-256 of the verification link a business posting gets by mail; spent when followed.
      token_hash text unique,
      verified_at timestamptz,
      published_at timestamptz,
      closed_at timestamptz,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index skills_openings_status on skills_openings (municipality_id, status, apply_by)`.execute(db);
  await sql`create index skills_openings_org_number on skills_openings (municipality_id, org_number) where org_number is not null`.execute(db);
  await sql`
    create table skills_seekers (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      name text not null,
      email text,
      phone text,
      personal_number text check (personal_number ~ '^[0-9]{10}$'),
      occupations text[] not null default '{}',
      places text[] not null default '{}',
      skills text[] not null default '{}',
      languages text[] not null default '{}',
      licences text[] not null default '{}',
      -- What a requirement can ask for, folded ("s:truckkort", "l:svenska", "c:B"): an opening's
      -- requirements are a containment query on it, so the ruled out are never loaded.
      requirement_keys text[] not null default '{}',
      available_from date,
      extent smallint not null default 100 check (extent between 1 and 100),
      support text,
      notes text,
      officer_id uuid references users(id) on delete set null,
      status text not null check (status in ('registered', 'searching', 'placed', 'paused', 'closed')),
      lawful_basis text not null check (lawful_basis in ('consent', 'public_task')),
      basis_source text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index skills_seekers_personal_number on skills_seekers (municipality_id, personal_number) where personal_number is not null`.execute(
    db,
  );
  await sql`create index skills_seekers_retention on skills_seekers (updated_at) where status in ('closed', 'placed')`.execute(db);
  await sql`create index skills_seekers_email on skills_seekers (municipality_id, email) where email is not null`.execute(db);
  await sql`create index skills_seekers_requirements on skills_seekers using gin (requirement_keys) where status in ('registered', 'searching')`.execute(db);
  await sql`
    create table skills_seeker_statuses (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      seeker_id uuid not null references skills_seekers(id) on delete cascade,
      status text not null,
      at timestamptz not null default now(),
      by_name text not null
    )`.execute(db);
  await sql`create index skills_seeker_statuses_seeker on skills_seeker_statuses (seeker_id, at)`.execute(db);
  await sql`
    create table skills_seeker_reads (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      seeker_id uuid not null references skills_seekers(id) on delete cascade,
      reader_id uuid references users(id) on delete set null,
      reader_name text not null,
      what text not null check (what in ('record', 'form', 'matches', 'profile')),
      read_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index skills_seeker_reads_seeker on skills_seeker_reads (seeker_id, read_at)`.execute(db);
  await sql`
    create table skills_introductions (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      -- Kept without the person when they are erased: the placements are the programme's figures.
      seeker_id uuid references skills_seekers(id) on delete set null,
      opening_id uuid not null references skills_openings(id) on delete cascade,
      status text not null check (status in ('proposed', 'contacted', 'interview', 'placed', 'declined', 'withdrawn')),
      score smallint not null,
      consent_at timestamptz,
      -- [{ status, at, by }]: every step, dated and by whom.
      steps jsonb not null,
      -- The placement: when it was made, its start and end, and how it went 90 days after.
      placed_at timestamptz,
      starts_on date,
      ends_on date,
      follow_up_due date,
      follow_up text check (follow_up in ('in_work', 'in_studies', 'other')),
      followed_up_at timestamptz,
      reminded_at timestamptz,
      check (ends_on is null or starts_on is null or ends_on >= starts_on),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (seeker_id, opening_id)
    )`.execute(db);
  await sql`create index skills_introductions_opening on skills_introductions (opening_id)`.execute(db);
  await sql`create index skills_introductions_seeker on skills_introductions (seeker_id)`.execute(db);
  await sql`create index skills_introductions_follow_up on skills_introductions (follow_up_due) where follow_up is null and follow_up_due is not null`.execute(
    db,
  );
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
}

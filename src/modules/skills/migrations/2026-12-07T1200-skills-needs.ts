import { sql, type Kysely } from "kysely";

/**
 * Skills needs: the yearly survey asking the municipality's companies which occupations they
 * will need and how many, answered behind a mailed link or at a visit; a published
 * opening's company becomes one of the municipality's own; and the shortlist's index.
 */
const tenantTables = ["skills_needs_rounds", "skills_needs_invitations", "skills_needs_answers", "skills_needs_lines"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table skills_needs_rounds (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      year smallint not null check (year between 2000 and 2100),
      closes_on date not null,
      created_at timestamptz not null default now(),
      unique (municipality_id, year)
    )`.execute(db);
  // Who was asked: the company, and the SHA-256 of its link. The address is the outbox's alone.
  await sql`
    create table skills_needs_invitations (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      round_id uuid not null references skills_needs_rounds(id) on delete cascade,
      company_id uuid not null references companies(id),
      token_hash text not null unique,
      sent_at timestamptz not null default now(),
      answered_at timestamptz,
      unique (round_id, company_id)
    )`.execute(db);
  // A company's answer for a year, by the link or at a visit: one per company and year, the latest standing.
  await sql`
    create table skills_needs_answers (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      year smallint not null check (year between 2000 and 2100),
      company_id uuid not null references companies(id),
      source text not null check (source in ('survey', 'visit')),
      visit_id uuid references visits(id) on delete set null,
      answered_at timestamptz not null default now(),
      unique (municipality_id, year, company_id)
    )`.execute(db);
  await sql`create index skills_needs_answers_visit on skills_needs_answers (visit_id) where visit_id is not null`.execute(db);
  await sql`
    create table skills_needs_lines (
      municipality_id uuid not null references municipalities(id),
      answer_id uuid not null references skills_needs_answers(id) on delete cascade,
      -- An SSYK 2012 unit group.
      occupation text not null check (occupation ~ '^[0-9]{4}$'),
      people integer not null check (people between 1 and 10000),
      primary key (answer_id, occupation)
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
  await sql`alter table company_links drop constraint company_links_reason_check`.execute(db);
  await sql`alter table company_links add constraint company_links_reason_check check (reason in ('manual', 'visit', 'contact', 'import', 'case', 'event', 'opening'))`.execute(
    db,
  );
  // Under row-level security PostgreSQL does not use an operator that is not leakproof (`@>`)
  // as an index condition, so the GIN index on the requirement keys was never used: every
  // shortlist read all municipalities' seekers. The matchable of one municipality are found by
  // its id, and their keys checked as a filter.
  await sql`drop index skills_seekers_requirements`.execute(db);
  await sql`create index skills_seekers_matchable on skills_seekers (municipality_id) where status in ('registered', 'searching')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index skills_seekers_matchable`.execute(db);
  await sql`create index skills_seekers_requirements on skills_seekers using gin (requirement_keys) where status in ('registered', 'searching')`.execute(db);
  await sql`delete from company_links where reason = 'opening'`.execute(db);
  await sql`alter table company_links drop constraint company_links_reason_check`.execute(db);
  await sql`alter table company_links add constraint company_links_reason_check check (reason in ('manual', 'visit', 'contact', 'import', 'case', 'event'))`.execute(
    db,
  );
  for (const table of [...tenantTables].reverse()) {
    await sql`drop table ${sql.id(table)}`.execute(db);
  }
}

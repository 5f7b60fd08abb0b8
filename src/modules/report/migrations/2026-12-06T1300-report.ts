import { sql, type Kysely } from "kysely";

/** The yearly report: the municipality's template, each year's report with its sections, and comments. */
const tenantTables = ["report_template_sections", "report_settings", "reports", "report_sections", "report_comments"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table report_template_sections (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      -- A text of its own (introduction, closing), every focus area in turn, official statistics, or a module's figures.
      kind text not null check (kind in ('text', 'focus_areas', 'statistics', 'figures')),
      title text not null,
      -- For figures: the module whose indicator sources it shows (desk, surveys).
      source text,
      guidance text not null default '',
      position integer not null default 0,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table report_settings (
      municipality_id uuid primary key references municipalities(id),
      -- The logo on the exported report's first page: PNG or JPEG, checked by its bytes.
      logo bytea,
      logo_type text check (logo_type in ('image/png', 'image/jpeg')),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table reports (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      programme_id uuid not null references programmes(id) on delete cascade,
      year integer not null,
      state text not null default 'draft' check (state in ('draft', 'review', 'approved', 'published', 'archived')),
      approved_by_id uuid references users(id) on delete set null,
      approved_at timestamptz,
      follow_up_id uuid references programme_follow_ups(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (programme_id, year)
    )`.execute(db);
  await sql`
    create table report_sections (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      report_id uuid not null references reports(id) on delete cascade,
      kind text not null check (kind in ('text', 'focus_area', 'statistics', 'figures')),
      title text not null,
      source text,
      focus_area_id uuid references programme_focus_areas(id) on delete set null,
      guidance text not null default '',
      text text not null default '',
      -- Who writes it; the business developer may always.
      writer_id uuid references users(id) on delete set null,
      ready_at timestamptz,
      ready_by_id uuid references users(id) on delete set null,
      position integer not null default 0,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index report_sections_report on report_sections (report_id, position)`.execute(db);
  await sql`create index report_sections_writer on report_sections (municipality_id, writer_id) where ready_at is null`.execute(db);
  await sql`
    create table report_comments (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      section_id uuid not null references report_sections(id) on delete cascade,
      author_id uuid references users(id) on delete set null,
      text text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index report_comments_section on report_comments (section_id, created_at)`.execute(db);
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

import { sql, type Kysely } from "kysely";

/**
 * A municipality's own logo in the header of its pages. The picture is its own tenant row,
 * written only in the municipality's scope; the municipality carries the version the pages
 * name it by, so a page knows of the logo without reading it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table municipality_logos (
      municipality_id uuid primary key references municipalities(id) on delete cascade,
      content bytea not null,
      content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
      filename text not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table municipality_logos enable row level security`.execute(db);
  await sql`alter table municipality_logos force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on municipality_logos
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
  `.execute(db);
  await sql`alter table municipalities add column logo_version text check (logo_version ~ '^[0-9a-f]{12}$')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table municipalities drop column logo_version`.execute(db);
  await sql`drop table municipality_logos`.execute(db);
}

import { sql, type Kysely } from "kysely";

/**
 * The read log of a shortlist: one row per look, naming every seeker shown. A row per seeker
 * cost fifty inserts a page (each with its indexes and its key check), which was most of
 * what a kept shortlist cost the database. No key to the opening or the seekers, as in the
 * audit log: the opening may go and the log stays; an erased seeker is taken out of the list
 * (`deleteSeeker`). Row-level security keeps containment (`@>`) from an index, so a seeker's
 * reads are found among the municipality's by time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table skills_shortlist_reads (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      opening_id uuid not null,
      seeker_ids uuid[] not null check (cardinality(seeker_ids) > 0),
      reader_id uuid,
      reader_name text not null,
      read_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index skills_shortlist_reads_at on skills_shortlist_reads (municipality_id, read_at)`.execute(db);
  await sql`alter table skills_shortlist_reads enable row level security`.execute(db);
  await sql`alter table skills_shortlist_reads force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on skills_shortlist_reads
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table skills_shortlist_reads`.execute(db);
}

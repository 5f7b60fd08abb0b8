import { sql, type Kysely } from "kysely";

/**
 * The figures a municipality shares with its region, by year: numbers only, computed by the
 * job runner in the municipality's own scope. A transaction bound to a region (and to no
 * municipality) sees its members' rows of this table and no row of any other.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table region_figures (
      municipality_id uuid not null references municipalities(id) on delete cascade,
      year integer not null,
      -- An indicator source's key (desk.cases), or a programme indicator's name (programme:<name>).
      key text not null,
      -- A programme indicator's name as its municipality writes it, and its unit.
      label text,
      unit text,
      -- How a region adds the members' figures up: a count is summed, a rate is their mean.
      aggregate text not null check (aggregate in ('sum', 'mean')),
      value numeric,
      computed_at timestamptz not null default now(),
      primary key (municipality_id, year, key)
    )`.execute(db);
  await sql`alter table region_figures enable row level security`.execute(db);
  await sql`alter table region_figures force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on region_figures
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
  `.execute(db);
  // Read only, and only the region's own members.
  await sql`
    create policy region_members on region_figures for select
      using (municipality_id in (select m.id from municipalities m where m.region_id = nullif(current_setting('app.region', true), '')::uuid))
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table region_figures`.execute(db);
}

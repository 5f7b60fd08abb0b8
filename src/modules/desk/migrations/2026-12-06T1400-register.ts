import { sql, type Kysely } from "kysely";

/**
 * The register of incoming cases for the municipality's records system (diarium): each
 * export a row, each case marked with the export that registered it and the one that
 * carried its closing, so that nothing goes out twice or is missed; and the words of a
 * subject an officer has marked secret, withheld from the register.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table desk_register_exports (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      at timestamptz not null default now(),
      by_id uuid references users(id) on delete set null,
      registered integer not null,
      closed integer not null
    )`.execute(db);
  await sql`alter table desk_register_exports enable row level security`.execute(db);
  await sql`alter table desk_register_exports force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on desk_register_exports
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
  `.execute(db);
  await sql`
    alter table desk_cases
      add column registered_export_id uuid references desk_register_exports(id),
      add column closed_export_id uuid references desk_register_exports(id),
      add column subject_secret text[] not null default '{}',
      add column subject_secret_reason text`.execute(db);
  // The next export's cases: those never sent, and those closed since they were.
  await sql`create index desk_cases_unregistered on desk_cases (municipality_id, created_at) where registered_export_id is null`.execute(db);
  await sql`create index desk_cases_closed_unexported on desk_cases (municipality_id, closed_at) where closed_at is not null and closed_export_id is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index desk_cases_closed_unexported`.execute(db);
  await sql`drop index desk_cases_unregistered`.execute(db);
  await sql`alter table desk_cases drop column registered_export_id, drop column closed_export_id, drop column subject_secret, drop column subject_secret_reason`.execute(
    db,
  );
  await sql`drop table desk_register_exports`.execute(db);
}

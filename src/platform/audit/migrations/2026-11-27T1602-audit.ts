import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_events (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id),
      at timestamptz not null default now(),
      actor_id uuid,
      actor_label text not null,
      action text not null,
      record_type text not null,
      record_id uuid,
      changes jsonb not null default '{}',
      request_id text
    )`.execute(db);
  await sql`create index audit_events_record on audit_events (municipality_id, record_type, record_id, at desc)`.execute(db);
  await sql`create index audit_events_actor on audit_events (municipality_id, actor_id, at desc)`.execute(db);
  await sql`create index audit_events_at on audit_events (municipality_id, at desc)`.execute(db);
  await sql`alter table audit_events enable row level security`.execute(db);
  await sql`alter table audit_events force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on audit_events
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table audit_events`.execute(db);
}

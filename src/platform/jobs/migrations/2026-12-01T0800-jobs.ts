import { sql, type Kysely } from "kysely";

/**
 * Durable background work. A row is a job: queued in the same transaction as the change
 * that asks for it, claimed with `FOR UPDATE SKIP LOCKED` so several processes can work
 * the queue at once, retried with backoff, and kept after it is done so that a scheduled
 * slot (its `singleton_key`) runs once however many processes schedule it.
 *
 * A job belongs to a municipality (or to the installation, with none). Row-level
 * security shows a municipality its own jobs; the worker, which serves them all, says so
 * with the transaction setting `app.worker`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table jobs (
      id uuid primary key,
      municipality_id uuid references municipalities(id) on delete cascade,
      queue text not null,
      payload jsonb not null default '{}',
      singleton_key text unique,
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 10,
      locked_until timestamptz,
      locked_by text,
      last_error text,
      done_at timestamptz,
      failed_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index jobs_due on jobs (run_at) where done_at is null and failed_at is null`.execute(db);
  await sql`alter table jobs enable row level security`.execute(db);
  await sql`alter table jobs force row level security`.execute(db);
  await sql`
    create policy tenant_or_worker on jobs
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid or current_setting('app.worker', true) = 'on')
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid or current_setting('app.worker', true) = 'on')
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table jobs`.execute(db);
}

import { sql, type Kysely } from "kysely";

/**
 * Webhooks: the endpoints an administrator registers, each for the event types it wants,
 * and the deliveries written in the transaction of the change (an outbox, as the mail's),
 * with each attempt's answer. An endpoint that keeps failing is paused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table webhook_endpoints (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id) on delete cascade,
      url text not null,
      description text,
      event_types text[] not null,
      secret text not null,
      paused_at timestamptz,
      pause_reason text,
      failures_in_row integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table webhook_deliveries (
      id uuid primary key,
      municipality_id uuid not null references municipalities(id) on delete cascade,
      endpoint_id uuid not null references webhook_endpoints(id) on delete cascade,
      event_type text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      last_attempt_at timestamptz,
      last_status integer,
      last_response text,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at desc)`.execute(db);
  // The nightly pruning of delivered deliveries, across municipalities (the job runner's worker).
  await sql`create index webhook_deliveries_delivered on webhook_deliveries (delivered_at) where status = 'delivered'`.execute(db);
  for (const table of ["webhook_endpoints", "webhook_deliveries"]) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    await sql`
      create policy tenant_or_worker on ${sql.table(table)}
        using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid or current_setting('app.worker', true) = 'on')
        with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid or current_setting('app.worker', true) = 'on')
    `.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table webhook_deliveries`.execute(db);
  await sql`drop table webhook_endpoints`.execute(db);
}

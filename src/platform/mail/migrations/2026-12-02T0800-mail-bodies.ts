import { sql, type Kysely } from "kysely";

/**
 * Bulk mail: one body for many outbox rows. A newsletter's text and HTML are stored once
 * with placeholders (`{{unsubscribe}}`), and each recipient's row keeps only its own
 * values; the sender fills them in. A campaign to 100,000 then writes 100,000 small rows
 * rather than 100,000 copies of its body. And bulk mail waits behind the mail a person
 * is waiting for (a receipt, a confirmation link): lower priority goes first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table mail_bodies (
      id uuid primary key,
      municipality_id uuid references municipalities(id) on delete cascade,
      text_body text not null,
      html_body text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table mail_bodies enable row level security`.execute(db);
  await sql`alter table mail_bodies force row level security`.execute(db);
  await sql`
    create policy tenant_or_worker on mail_bodies
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid or current_setting('app.worker', true) = 'on')
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid or current_setting('app.worker', true) = 'on')
  `.execute(db);
  await sql`alter table mail_outbox add column body_id uuid references mail_bodies(id) on delete cascade`.execute(db);
  await sql`alter table mail_outbox add column vars jsonb not null default '{}'`.execute(db);
  await sql`alter table mail_outbox add column priority smallint not null default 0`.execute(db);
  await sql`drop index mail_outbox_due`.execute(db);
  await sql`create index mail_outbox_due on mail_outbox (priority, next_attempt_at) where status = 'queued'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index mail_outbox_due`.execute(db);
  await sql`create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'queued'`.execute(db);
  await sql`alter table mail_outbox drop column priority, drop column vars, drop column body_id`.execute(db);
  await sql`drop table mail_bodies`.execute(db);
}

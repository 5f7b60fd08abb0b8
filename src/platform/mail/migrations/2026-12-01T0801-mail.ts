import { sql, type Kysely } from "kysely";

/**
 * The outbox: every mail Lotsen sends is first a row here, written in the transaction of
 * the change that sends it, so no mail is lost and none is sent for a change that rolled
 * back. `smtp_started_at` is set (and committed) before the SMTP exchange begins: after a
 * crash, only a row with it set and no `sent_at` may have reached the recipient, and it
 * is sent again with the same Message-ID.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table mail_outbox (
      id uuid primary key,
      municipality_id uuid references municipalities(id) on delete cascade,
      message_id text not null unique,
      purpose text not null,
      subject_ref uuid,
      from_address text not null,
      reply_to text,
      to_address text not null,
      subject text not null,
      text_body text not null,
      html_body text,
      headers jsonb not null default '{}',
      attachments jsonb not null default '[]',
      status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      lease_until timestamptz,
      smtp_started_at timestamptz,
      sent_at timestamptz,
      failed_at timestamptz,
      last_error text,
      response_code integer,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'queued'`.execute(db);
  await sql`create index mail_outbox_subject on mail_outbox (subject_ref) where subject_ref is not null`.execute(db);
  // Tenant isolation, plus the sender that serves every municipality (as for jobs).
  await sql`alter table mail_outbox enable row level security`.execute(db);
  await sql`alter table mail_outbox force row level security`.execute(db);
  await sql`
    create policy tenant_or_worker on mail_outbox
      using (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid or current_setting('app.worker', true) = 'on')
      with check (municipality_id = nullif(current_setting('app.municipality', true), '')::uuid or current_setting('app.worker', true) = 'on')
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table mail_outbox`.execute(db);
}

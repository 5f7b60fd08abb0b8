import { sql } from "kysely";
import type { MailAttachment } from "../db/schema.js";
import { newId } from "../ids.js";
import type { Queryable } from "../jobs/repo.js";
import { sendersOf } from "./municipal.js";

export interface MailRequest {
  municipalityId: string | null;
  /** What the mail is for, e.g. `desk.receipt`: for reports and for finding it again. */
  purpose: string;
  /** The record whose person the mail is about (a case, a subscriber): erasure finds the mail by it. */
  subjectRef?: string;
  to: string;
  /** The installation's sender when left out. */
  from?: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  /** Lower goes first: 0 for a mail a person is waiting for, 10 for bulk (a newsletter). */
  priority?: number;
  /** A shared body (`createMailBody`) instead of `text` and `html`, with this mail's values for its placeholders. */
  bodyId?: string;
  vars?: Record<string, string>;
}

/** A body many mails share; `{{name}}` placeholders are filled per mail from its `vars`. */
export async function createMailBody(db: Queryable, body: { municipalityId: string | null; text: string; html: string | null }): Promise<string> {
  const id = newId();
  await sql`insert into mail_bodies (id, municipality_id, text_body, html_body) values (${id}, ${body.municipalityId}, ${body.text}, ${body.html})`.execute(db);
  return id;
}

export async function findMailBody(db: Queryable, id: string): Promise<{ text_body: string; html_body: string | null } | undefined> {
  const result = await sql<{ text_body: string; html_body: string | null }>`select text_body, html_body from mail_bodies where id = ${id}`.execute(db);
  return result.rows[0];
}

/**
 * Puts a mail in the outbox. Called with the transaction of the change that sends it,
 * the mail exists exactly when the change does; the sender delivers it after commit.
 * The Message-ID is fixed here, so a repeat after a crash carries the same one.
 */
export async function queueMail(db: Queryable, mail: MailRequest): Promise<{ id: string; messageId: string }> {
  const id = newId();
  const sender = (await sendersOf(db, [mail.municipalityId])).get(mail.municipalityId)!;
  const messageId = `<${id}@${sender.domain}>`;
  await sql`
    insert into mail_outbox (id, municipality_id, message_id, purpose, subject_ref, from_address, reply_to, to_address, subject, text_body, html_body, headers, attachments, priority)
    values (${id}, ${mail.municipalityId}, ${messageId}, ${mail.purpose}, ${mail.subjectRef ?? null}, ${mail.from ?? sender.from}, ${mail.replyTo ?? null},
            ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}, ${JSON.stringify(mail.headers ?? {})}, ${JSON.stringify(mail.attachments ?? [])}, ${mail.priority ?? 0})`.execute(
    db,
  );
  return { id, messageId };
}

/**
 * Puts many mails in the outbox in one statement (a newsletter's batch), each with its
 * own Message-ID fixed here. Answers the outbox ids in the order given.
 */
export async function queueMails(db: Queryable, mails: readonly MailRequest[]): Promise<string[]> {
  if (mails.length === 0) {
    return [];
  }
  const senders = await sendersOf(
    db,
    mails.map((mail) => mail.municipalityId),
  );
  const senderOf = (mail: MailRequest) => senders.get(mail.municipalityId)!;
  const ids = mails.map(() => newId());
  // One array per column (unnest), so a batch of thousands is sixteen parameters, not thousands.
  const column = <T>(value: (mail: MailRequest, index: number) => T) => mails.map(value);
  await sql`
    insert into mail_outbox (id, municipality_id, message_id, purpose, subject_ref, from_address, reply_to, to_address, subject, text_body, html_body, headers, attachments, priority, body_id, vars)
    select * from unnest(
      ${ids}::uuid[], ${column((mail) => mail.municipalityId)}::uuid[], ${ids.map((id, index) => `<${id}@${senderOf(mails[index]!).domain}>`)}::text[], ${column((mail) => mail.purpose)}::text[],
      ${column((mail) => mail.subjectRef ?? null)}::uuid[], ${column((mail) => mail.from ?? senderOf(mail).from)}::text[], ${column((mail) => mail.replyTo ?? null)}::text[],
      ${column((mail) => mail.to)}::text[], ${column((mail) => mail.subject)}::text[], ${column((mail) => mail.text)}::text[], ${column((mail) => mail.html ?? null)}::text[],
      ${column((mail) => JSON.stringify(mail.headers ?? {}))}::jsonb[], ${column((mail) => JSON.stringify(mail.attachments ?? []))}::jsonb[], ${column((mail) => mail.priority ?? 0)}::smallint[],
      ${column((mail) => mail.bodyId ?? null)}::uuid[], ${column((mail) => JSON.stringify(mail.vars ?? {}))}::jsonb[])`.execute(db);
  return ids;
}

/**
 * Erasure: the outbox keeps that a mail was sent and why, and loses to whom and what.
 * Returns the ids, so the stored mail files can go too.
 */
export async function redactMail(db: Queryable, subjectRef: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    update mail_outbox set to_address = '[raderad]', reply_to = null, subject = '[raderad]', text_body = '', html_body = null, headers = '{}', attachments = '[]', vars = '{}',
      status = case when status = 'queued' then 'failed' else status end,
      failed_at = case when status = 'queued' then now() else failed_at end,
      last_error = case when status = 'queued' then 'erased before sending' else last_error end
    where subject_ref = ${subjectRef}
    returning id`.execute(db);
  return result.rows.map((row) => row.id);
}

export interface OutboxRow {
  id: string;
  municipality_id: string | null;
  message_id: string;
  purpose: string;
  from_address: string;
  reply_to: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: Record<string, string>;
  attachments: MailAttachment[];
  attempts: number;
  body_id: string | null;
  vars: Record<string, string>;
}

/**
 * Marks the mails connections just delivered as sent and claims up to `wanted` due ones,
 * each marked as in its SMTP exchange (`smtp_started_at`), in one statement that commits
 * before any of the next exchanges begins. A crash between a delivery and this statement
 * leaves that one mail to be sent again: at most one per connection. Connections that ask
 * together share the statement (`MailSender`), so a busy outbox costs one round trip for
 * several mails.
 */
export async function markSentAndClaim(db: Queryable, sentIds: readonly string[], wanted: number, leaseSeconds: number): Promise<OutboxRow[]> {
  const result = await sql<OutboxRow>`
    with sent as (
      update mail_outbox set status = 'sent', sent_at = now(), lease_until = null, last_error = null, response_code = null
      where id = any(${sentIds}::uuid[])
      returning id
    ), due as materialized (
      -- Materialized: run once, so the limit and the locks hold (a subquery under IN may be run again per row).
      select id from mail_outbox
      where status = 'queued' and next_attempt_at <= now() and (lease_until is null or lease_until < now())
      order by priority, next_attempt_at
      limit ${wanted}
      for update skip locked
    )
    update mail_outbox set lease_until = now() + make_interval(secs => ${leaseSeconds}), smtp_started_at = now(), attempts = attempts + 1
    where id in (select id from due)
    returning id, municipality_id, message_id, purpose, from_address, reply_to, to_address, subject, text_body, html_body, headers, attachments, attempts, body_id, vars`.execute(
    db,
  );
  return result.rows;
}

export async function markMailSent(db: Queryable, id: string): Promise<void> {
  await sql`update mail_outbox set status = 'sent', sent_at = now(), lease_until = null, last_error = null, response_code = null where id = ${id}`.execute(db);
}

/** A failed exchange: given up (`retryMinutes` null) or tried again later. */
export async function markMailFailed(
  db: Queryable,
  id: string,
  error: { message: string; responseCode: number | null },
  retryMinutes: number | null,
): Promise<void> {
  if (retryMinutes === null) {
    await sql`update mail_outbox set status = 'failed', failed_at = now(), lease_until = null, smtp_started_at = null, last_error = ${error.message}, response_code = ${error.responseCode} where id = ${id}`.execute(
      db,
    );
  } else {
    await sql`update mail_outbox set lease_until = null, smtp_started_at = null, last_error = ${error.message}, response_code = ${error.responseCode}, next_attempt_at = now() + make_interval(mins => ${retryMinutes}) where id = ${id}`.execute(
      db,
    );
  }
}

/**
 * Bulk mail's own values (its links) leave the outbox after `days`: who it went to, when
 * and how it went stay; its text was the shared body's.
 */
export async function forgetBulkValues(db: Queryable, purpose: string, days: number): Promise<void> {
  await sql`
    update mail_outbox set text_body = '', html_body = null, vars = '{}'
    where purpose = ${purpose} and status <> 'queued' and created_at < now() - make_interval(days => ${days}) and vars <> '{}'`.execute(db);
}

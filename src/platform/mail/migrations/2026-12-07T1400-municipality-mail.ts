import { sql, type Kysely } from "kysely";

/**
 * Every municipality its own mail: the sender address its mail goes out from, and its own
 * SMTP server (the URL sealed under the installation's secret: it carries a password).
 * Without them, the installation's sender and server are used.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table municipalities add column mail_from text, add column smtp_url_sealed text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table municipalities drop column mail_from, drop column smtp_url_sealed`.execute(db);
}

import { sql, type Kysely } from "kysely";

/**
 * A question that came by phone or at the counter may have no e-mail address: it is
 * answered by phone or letter, and the case's channel says how.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table desk_cases alter column correspondent_email drop not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update desk_cases set correspondent_email = '' where correspondent_email is null`.execute(db);
  await sql`alter table desk_cases alter column correspondent_email set not null`.execute(db);
}

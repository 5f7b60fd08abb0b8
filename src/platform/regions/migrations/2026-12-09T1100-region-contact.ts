import { sql, type Kysely } from "kysely";

/** Where a region's own pages say to write about them (its accessibility statement's contact). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table regions add column contact_email text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table regions drop column contact_email`.execute(db);
}

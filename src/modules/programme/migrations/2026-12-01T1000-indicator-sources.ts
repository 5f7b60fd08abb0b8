import { sql, type Kysely } from "kysely";

/** A computed indicator names the figure it takes its yearly values from (another module's, e.g. the desk's). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table programme_indicators add column computed_from text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table programme_indicators drop column computed_from`.execute(db);
}

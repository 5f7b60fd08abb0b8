import { sql, type Kysely } from "kysely";

/**
 * A visit report template may take in parts other modules offer (the skills module's
 * question of which occupations the company will need): their keys, by the extension
 * point `visitSections`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table visit_templates add column sections text[] not null default '{}'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table visit_templates drop column sections`.execute(db);
}

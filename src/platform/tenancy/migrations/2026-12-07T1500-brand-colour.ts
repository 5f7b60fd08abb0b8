import { sql, type Kysely } from "kysely";

/** Every municipality its own colour: the header, buttons and accents take it (white text on it passes WCAG AA). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table municipalities add column brand_colour text check (brand_colour ~ '^#[0-9a-f]{6}$')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table municipalities drop column brand_colour`.execute(db);
}

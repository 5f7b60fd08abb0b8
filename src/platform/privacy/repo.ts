import { sql, type RawBuilder } from "kysely";
import type { ScopedTx } from "../db/database.js";

/** How many records one source lists for a name: a name is a search, not an export. */
export const hitLimit = 50;

/**
 * A condition that every word of a name appears in a column, in any case and order
 * ("anna svens" finds "Svensson, Anna"). LIKE's wildcards in the words are matched as
 * themselves. Each module's person search uses it, so a name is found alike everywhere.
 */
export function nameHas(column: string, name: string): RawBuilder<boolean> {
  const words = name.split(/\s+/).filter((word) => word.length > 0);
  const conditions = words.map((word) => sql<boolean>`${sql.ref(column)} ilike ${`%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`}`);
  return conditions.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

export function staffMatching(tx: ScopedTx, by: { email?: string; name?: string }) {
  let query = tx.selectFrom("users").select(["id", "name", "email", "active"]).orderBy("name").limit(hitLimit);
  if (by.email !== undefined) {
    query = query.where("email", "=", by.email);
  }
  if (by.name !== undefined) {
    query = query.where(nameHas("name", by.name));
  }
  return query.execute();
}

export function staffAccount(tx: ScopedTx, email: string) {
  return tx
    .selectFrom("users")
    .select(["id", "name", "email", "roles", "active", "must_change_password", "external_subject", "created_at", "updated_at"])
    .select(
      sql<
        string[]
      >`coalesce((select array_agg(u.name order by u.name) from user_units uu join org_units u on u.id = uu.unit_id where uu.user_id = users.id), '{}')`.as(
        "units",
      ),
    )
    .where("email", "=", email)
    .executeTakeFirst();
}

export function tokensOf(tx: ScopedTx, userId: string) {
  return tx
    .selectFrom("api_tokens")
    .select(["name", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
}

export async function sessionCount(tx: ScopedTx, userId: string): Promise<number> {
  const row = await tx
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

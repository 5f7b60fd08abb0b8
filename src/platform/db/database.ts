import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

// bigint counts come back as strings by default; Lotsen's counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
// Dates (not timestamps) stay as ISO strings: a date has no time zone to shift.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export type Db = Kysely<Database>;

/** The municipality every query of an operation runs in. */
export interface Scope {
  readonly municipalityId: string;
}

const scoped: unique symbol = Symbol("scope");
/**
 * A transaction that has set its municipality. Repos take this type, so a query
 * without a scope does not type-check; only `inScope` makes one.
 */
export type ScopedTx = Transaction<Database> & { readonly [scoped]: Scope };

export function createDb(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  pool.on("error", () => {
    // An idle client lost its server (a restart); the pool replaces it on next use.
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Runs `work` in one transaction bound to a municipality: row-level security then shows
 * and accepts only that municipality's rows.
 */
export async function inScope<T>(db: Db, scope: Scope, work: (tx: ScopedTx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('app.municipality', ${scope.municipalityId}, true)`.execute(tx);
    return work(Object.assign(tx, { [scoped]: scope }) as ScopedTx);
  });
}

/** Reads the scope a transaction runs in (for audit rows written inside it). */
export function scopeOf(tx: ScopedTx): Scope {
  return tx[scoped];
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

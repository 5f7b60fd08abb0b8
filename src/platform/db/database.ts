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
 * A small pool whose sessions are the installation's worker (`app.worker` set when each
 * connection opens), for the outbox sender alone: it serves every municipality, and its
 * claims are then single statements. Nothing that serves a request may use it.
 */
export function createWorkerDb(connectionString: string, max: number): Db {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, options: "-c app.worker=on -c enable_bitmapscan=off" });
  pool.on("error", () => {});
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

/**
 * Runs `work` in a transaction that may see every municipality's queue rows (jobs and the
 * mail outbox admit the `app.worker` setting in their row-level security). Only the job
 * runner and the mail sender use it; a job's handler goes back into its municipality's scope.
 */
export async function asWorker<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('app.worker', 'on', true)`.execute(tx);
    return work(tx);
  });
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

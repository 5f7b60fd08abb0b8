import { Kysely, PostgresDialect, sql, type ControlledTransaction, type Transaction } from "kysely";
import pg from "pg";
import { afterCatalogueWrites, catalogueGeneration, catalogueWatch } from "./catalogues.js";
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
const began = Symbol("catalogue generation");
/**
 * A transaction that has set its municipality. Repos take this type, so a query
 * without a scope does not type-check; only `inScope` makes one.
 */
export type ScopedTx = Transaction<Database> & { readonly [scoped]: Scope };

const regional: unique symbol = Symbol("region");
/** A transaction bound to a region and to no municipality: it sees the members' figures and nothing else. */
export type RegionTx = Transaction<Database> & { readonly [regional]: string };

const pools = new WeakMap<Db, pg.Pool>();

/**
 * A connection of the database's own pool, for what Kysely does not speak: COPY (the
 * company import's staging). The caller releases it.
 */
export function rawConnection(db: Db): Promise<pg.PoolClient> {
  const pool = pools.get(db);
  if (!pool) {
    throw new Error("This database was not made by createDb");
  }
  return pool.connect();
}

export function createDb(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  pool.on("error", () => {
    // An idle client lost its server (a restart); the pool replaces it on next use.
  });
  pool.on("connect", prepareNamedStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [catalogueWatch] });
  pools.set(db, pool);
  const waiting = new Set<OpenTransaction>();
  openSets.set(db, waiting);
  // Open request transactions only wait for their operation. When a connection is asked for
  // and none is free, they are ended first: a request that holds one and asks for another
  // (an installation-wide read) can then never wait on itself, nor on others doing the same.
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  pool.connect = (() => {
    if (waiting.size > 0 && pool.idleCount === 0 && pool.totalCount >= max) {
      for (const open of [...waiting]) {
        void endOpen(open);
      }
    }
    return connect();
  }) as typeof pool.connect;
  return db;
}

/** Statements run by name (`namedStatement`), by their text: the name they are prepared under on each connection. */
const statementNames = new Map<string, string>();

/**
 * Has the statement with this text prepared once on each connection and run by name after:
 * the database then plans it once per connection rather than on every run. For the
 * statements every request runs (the sign-in checks, `compiledOnce`), whose planning costs
 * about as much as their running.
 */
export function namedStatement(text: string): void {
  if (!statementNames.has(text)) {
    statementNames.set(text, `lotsen_${statementNames.size + 1}`);
  }
}

/** A new connection of a request pool runs the named statements by name. */
function prepareNamedStatements(client: pg.PoolClient): void {
  // The client's own query, looked up at each call (not kept from now), so what wraps the class's method later still sees every statement.
  const query = (...args: unknown[]) => (Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown }).query.apply(client, args);
  client.query = ((config: unknown, ...rest: unknown[]) => {
    const name = typeof config === "string" ? statementNames.get(config) : undefined;
    return name ? query({ name, text: config, values: rest[0] }, ...rest.slice(1)) : query(config, ...rest);
  }) as typeof client.query;
}

/**
 * A small pool whose sessions are the installation's worker (`app.worker` set when each
 * connection opens), for the outbox sender alone: it serves every municipality, and its
 * claims are then single statements. Nothing that serves a request may use it.
 */
export function createWorkerDb(connectionString: string, max: number): Db {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, options: "-c app.worker=on -c enable_bitmapscan=off" });
  pool.on("error", () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [catalogueWatch] });
}

/**
 * Runs `work` in one transaction bound to a municipality: row-level security then shows
 * and accepts only that municipality's rows. When a request's sign-in check left its
 * transaction open under this very scope object (`inRequestTransaction`), the first such
 * call carries on in that transaction and ends it: a signed-in page costs one, not two.
 */
export async function inScope<T>(db: Db, scope: Scope, work: (tx: ScopedTx) => Promise<T>): Promise<T> {
  const open = openTransactions.get(scope);
  if (open?.state === "open" && open.db === db) {
    leave(open, "claimed");
    return finish(open, () => work(open.scoped));
  }
  const generation = catalogueGeneration();
  try {
    return await db.transaction().execute(async (tx) => {
      await sql`select set_config('app.municipality', ${scope.municipalityId}, true)`.execute(tx);
      return work(Object.assign(tx, { [scoped]: scope, [began]: generation }) as ScopedTx);
    });
  } finally {
    afterCatalogueWrites(generation);
  }
}

/**
 * Runs `work` in one transaction bound to a region and to no municipality: every tenant
 * table then shows no row at all, and the figures the region's members share
 * (`region_figures`, whose policy admits its members' rows) are all there is to read.
 */
export async function inRegion<T>(db: Db, regionId: string, work: (tx: RegionTx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('app.region', ${regionId}, true), set_config('app.municipality', '', true)`.execute(tx);
    return work(Object.assign(tx, { [regional]: regionId }) as RegionTx);
  });
}

/** A request's transaction left open after its sign-in check, until its first operation takes it over. */
interface OpenTransaction {
  readonly db: Db;
  readonly tx: ControlledTransaction<Database>;
  readonly scoped: ScopedTx;
  /** The catalogues' generation when it began (`afterCatalogueWrites`). */
  readonly generation: number;
  state: "open" | "claimed" | "ended";
}

// By the request's own scope object (the request decorates it once): an operation finds
// its request's transaction by the scope it is given, with no context carried through
// promises (AsyncLocalStorage costs every promise of the process on Node 20).
const openTransactions = new WeakMap<Scope, OpenTransaction>();
// The open transactions of each pool, for ending when the pool runs dry.
const openSets = new WeakMap<Db, Set<OpenTransaction>>();

function leave(open: OpenTransaction, state: "claimed" | "ended"): void {
  open.state = state;
  openSets.get(open.db)?.delete(open);
}

/**
 * Runs `work` in a scoped transaction and leaves it open for the first `inScope` given the
 * same scope object to continue and end; `endRequestTransaction` ends it if none does.
 * When the scope already has one, it is `inScope`.
 */
export async function inRequestTransaction<T>(db: Db, scope: Scope, work: (tx: ScopedTx) => Promise<T>): Promise<T> {
  const waiting = openSets.get(db);
  if (openTransactions.has(scope) || !waiting) {
    return inScope(db, scope, work);
  }
  const generation = catalogueGeneration();
  const tx = await db.startTransaction().execute();
  const open: OpenTransaction = { db, tx, scoped: Object.assign(tx, { [scoped]: scope, [began]: generation }) as ScopedTx, generation, state: "open" };
  try {
    await sql`select set_config('app.municipality', ${scope.municipalityId}, true)`.execute(tx);
    const result = await work(open.scoped);
    openTransactions.set(scope, open);
    waiting.add(open);
    return result;
  } catch (error) {
    open.state = "ended";
    await tx
      .rollback()
      .execute()
      .catch(() => undefined);
    afterCatalogueWrites(generation);
    throw error;
  }
}

/** Commits a request's transaction that no operation took over (a page that failed its access check, one that reads nothing). */
export async function endRequestTransaction(scope: Scope | null): Promise<void> {
  const open = scope ? openTransactions.get(scope) : undefined;
  if (open) {
    await endOpen(open);
  }
}

async function endOpen(open: OpenTransaction): Promise<void> {
  if (open.state !== "open") {
    return;
  }
  leave(open, "ended");
  await open.tx
    .commit()
    .execute()
    .catch(() =>
      open.tx
        .rollback()
        .execute()
        .catch(() => undefined),
    );
  afterCatalogueWrites(open.generation);
}

/** Commits after `work`, rolls back when it or the commit fails; either way the connection goes back to the pool. */
async function finish<T>(open: OpenTransaction, work: () => Promise<T>): Promise<T> {
  const { tx } = open;
  try {
    const result = await work();
    await tx.commit().execute();
    return result;
  } catch (error) {
    if (!tx.isCommitted) {
      await tx
        .rollback()
        .execute()
        .catch(() => undefined);
    }
    throw error;
  } finally {
    afterCatalogueWrites(open.generation);
  }
}

/** The catalogues' generation when a transaction began: what it reads is kept only if none changed since (`Catalogue`). */
export function generationOf(tx: ScopedTx): number {
  return (tx as unknown as Record<symbol, number>)[began] ?? -1;
}

/** The region a region-bound transaction runs in (for rows written inside it). */
export function regionOf(tx: RegionTx): string {
  return tx[regional];
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

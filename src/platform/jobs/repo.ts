import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../db/schema.js";
import { newId } from "../ids.js";

/** Anything that can run a query: the pool, or the transaction of the change asking for the job. */
export type Queryable = Kysely<Database> | Transaction<Database>;

export interface JobRequest {
  queue: string;
  /** Ids and settings only: a job's payload is no place for personal data. */
  payload?: Record<string, unknown>;
  municipalityId?: string | null;
  runAt?: Date;
  /** At most one job per key, ever: a scheduled slot, or "warn about this case once". */
  singletonKey?: string;
  maxAttempts?: number;
}

/**
 * Queues a job. Called with the transaction of the change that asks for it, the job
 * exists exactly when the change does. Returns false when the singleton key was taken.
 */
export async function enqueue(db: Queryable, job: JobRequest): Promise<boolean> {
  const result = await sql`
    insert into jobs (id, municipality_id, queue, payload, singleton_key, run_at, max_attempts)
    values (${newId()}, ${job.municipalityId ?? null}, ${job.queue}, ${JSON.stringify(job.payload ?? {})}, ${job.singletonKey ?? null}, ${job.runAt ?? new Date()}, ${job.maxAttempts ?? 10})
    on conflict (singleton_key) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

export interface ClaimedJobRow {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  municipality_id: string | null;
  attempts: number;
}

/** Claims up to `limit` due jobs of the given queues for `worker`, for `leaseSeconds`. */
export async function claimJobs(tx: Transaction<Database>, queues: string[], limit: number, worker: string, leaseSeconds: number): Promise<ClaimedJobRow[]> {
  const result = await sql<ClaimedJobRow>`
    update jobs set locked_until = now() + make_interval(secs => ${leaseSeconds}), locked_by = ${worker}, attempts = attempts + 1
    where id in (
      select id from jobs
      where done_at is null and failed_at is null and run_at <= now() and queue = any(${queues})
        and (locked_until is null or locked_until < now())
      order by run_at
      limit ${limit}
      for update skip locked)
    returning id, queue, payload, municipality_id, attempts`.execute(tx);
  return result.rows;
}

export async function markJobDone(tx: Transaction<Database>, id: string): Promise<void> {
  await sql`update jobs set done_at = now(), locked_until = null, last_error = null where id = ${id}`.execute(tx);
}

/** A failed attempt: tried again after `retrySeconds`, or kept as failed after its last attempt. */
export async function markJobFailed(tx: Transaction<Database>, id: string, error: string, retrySeconds: number): Promise<void> {
  await sql`
    update jobs set locked_until = null, last_error = ${error.slice(0, 2000)},
      failed_at = case when attempts >= max_attempts then now() end,
      run_at = now() + make_interval(secs => ${retrySeconds})
    where id = ${id}`.execute(tx);
}

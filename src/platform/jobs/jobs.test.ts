import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { stockholmInstant } from "../sweden/time.js";
import { asWorker } from "../db/database.js";
import { enqueue } from "./repo.js";
import { JobRunner, scheduleSlot, type ClaimedJob } from "./runner.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await asWorker(db.app, (tx) => sql`delete from jobs`.execute(tx));
});

const jobRows = () =>
  asWorker(
    db.app,
    async (tx) =>
      (
        await sql<{
          queue: string;
          attempts: number;
          done_at: Date | null;
          failed_at: Date | null;
          last_error: string | null;
          run_at: Date;
        }>`select queue, attempts, done_at, failed_at, last_error, run_at from jobs order by created_at`.execute(tx)
      ).rows,
  );

describe("the job runner", () => {
  it("two processes working one queue run each job exactly once", async () => {
    await asWorker(db.app, async (tx) => {
      for (let i = 0; i < 60; i++) {
        await enqueue(tx, { queue: "count", payload: { i } });
      }
    });
    const seen: number[] = [];
    const handler = async (job: ClaimedJob) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      seen.push(job.payload.i as number);
    };
    const one = new JobRunner(db.app, { handlers: { count: handler }, concurrency: 3 });
    const two = new JobRunner(db.app, { handlers: { count: handler }, concurrency: 3 });
    const [ranOne, ranTwo] = await Promise.all([one.runDue(), two.runDue()]);
    expect(ranOne + ranTwo).toBe(60);
    expect(ranOne).toBeGreaterThan(0);
    expect(ranTwo).toBeGreaterThan(0);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect((await jobRows()).every((row) => row.done_at !== null)).toBe(true);
  });

  it("a job queued in a transaction that rolls back never runs", async () => {
    await expect(
      asWorker(db.app, async (tx) => {
        await enqueue(tx, { queue: "count" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await jobRows()).toEqual([]);
  });

  it("retries a failing job with backoff and keeps it as failed after its last attempt", async () => {
    await asWorker(db.app, (tx) => enqueue(tx, { queue: "flaky", maxAttempts: 2 }));
    const runner = new JobRunner(db.app, { handlers: { flaky: async () => Promise.reject(new Error("the mail server is down")) } });
    expect(await runner.runDue()).toBe(1);
    let [row] = await jobRows();
    expect(row).toMatchObject({ attempts: 1, done_at: null, failed_at: null, last_error: "the mail server is down" });
    expect(row!.run_at.getTime()).toBeGreaterThan(Date.now() + 5_000);
    expect(await runner.runDue()).toBe(0); // not due yet
    await asWorker(db.app, (tx) => sql`update jobs set run_at = now()`.execute(tx));
    expect(await runner.runDue()).toBe(1);
    [row] = await jobRows();
    expect(row!.attempts).toBe(2);
    expect(row!.failed_at).not.toBeNull();
  });

  it("takes up a crashed process's job when its lease has run out", async () => {
    await asWorker(db.app, (tx) => enqueue(tx, { queue: "count" }));
    // A process claimed it and died: the lease is still running, so nobody else takes it.
    await asWorker(db.app, (tx) => sql`update jobs set locked_until = now() + interval '5 minutes', attempts = 1, locked_by = 'dead'`.execute(tx));
    let ran = 0;
    const runner = new JobRunner(db.app, { handlers: { count: async () => void (ran += 1) } });
    expect(await runner.runDue()).toBe(0);
    await asWorker(db.app, (tx) => sql`update jobs set locked_until = now() - interval '1 second'`.execute(tx));
    expect(await runner.runDue()).toBe(1);
    expect(ran).toBe(1);
  });

  it("a daily schedule runs once a day after its time, however many processes schedule it", async () => {
    let ran = 0;
    const options = { handlers: { digest: async () => void (ran += 1) }, schedules: [{ queue: "digest", dailyAt: "07:00" }] };
    const morning = stockholmInstant("2026-11-30", "06:59");
    const later = stockholmInstant("2026-11-30", "07:01");
    expect(scheduleSlot(options.schedules[0]!, morning)).toBeNull();
    await Promise.all([new JobRunner(db.app, options).runDue(morning), new JobRunner(db.app, options).runDue(morning)]);
    expect(ran).toBe(0);
    await Promise.all([new JobRunner(db.app, options).runDue(later), new JobRunner(db.app, options).runDue(later)]);
    await new JobRunner(db.app, options).runDue(stockholmInstant("2026-11-30", "15:00"));
    expect(ran).toBe(1);
    await new JobRunner(db.app, options).runDue(stockholmInstant("2026-12-01", "07:00"));
    expect(ran).toBe(2);
  });

  it("the app role sees no municipality's jobs without a scope or the worker setting", async () => {
    await asWorker(db.app, (tx) => enqueue(tx, { queue: "count" }));
    const seen = await sql<{ n: number }>`select count(*)::int as n from jobs`.execute(db.app);
    expect(seen.rows[0]!.n).toBe(0);
  });
});

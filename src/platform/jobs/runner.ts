import { hostname } from "node:os";
import { asWorker, type Db } from "../db/database.js";
import { stockholmParts } from "../sweden/time.js";
import { claimJobs, enqueue, markJobDone, markJobFailed } from "./repo.js";

export interface ClaimedJob {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  municipalityId: string | null;
  /** 1 on the first run. */
  attempt: number;
}

export type JobHandler = (job: ClaimedJob) => Promise<void>;

/** Work that recurs: every n minutes, or daily at a Swedish wall-clock time. */
export type Schedule = { queue: string; everyMinutes: number } | { queue: string; dailyAt: string };

export interface RunnerOptions {
  handlers: Record<string, JobHandler>;
  schedules?: Schedule[];
  /** Jobs run at once by this process. */
  concurrency?: number;
  pollMs?: number;
  /** How long a claimed job is ours; a crashed process's jobs are taken up after it. */
  leaseMs?: number;
  log?: (message: string) => void;
}

/** Seconds to wait before attempt n+1: 10 s, 20 s, 40 s … at most an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempt - 1));
}

/**
 * The durable job runner. Several processes may run one each: a job is claimed with
 * `FOR UPDATE SKIP LOCKED` and a lease, so each runs once; a process that dies leaves its
 * jobs to be claimed again when the lease runs out; a failure is retried with backoff
 * until `max_attempts`, then kept as failed with its error.
 */
export class JobRunner {
  private readonly worker = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly options: RunnerOptions,
  ) {}

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  /** Stops claiming and waits for the jobs in hand. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.idle;
  }

  /** Puts the recurring slots that are due in the queue and runs what is due; returns how many jobs ran. */
  async runDue(now = new Date()): Promise<number> {
    await this.enqueueSchedules(now);
    let ran = 0;
    for (;;) {
      const jobs = await this.claim(this.options.concurrency ?? 2);
      if (jobs.length === 0) {
        return ran;
      }
      await Promise.all(jobs.map((job) => this.execute(job)));
      ran += jobs.length;
    }
  }

  private schedule(delay: number): void {
    if (!this.running) {
      return;
    }
    this.timer = setTimeout(() => {
      this.idle = this.runDue()
        .then(() => undefined)
        .catch((error: unknown) => this.options.log?.(`jobs: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.schedule(this.options.pollMs ?? 1000));
    }, delay);
  }

  private async enqueueSchedules(now: Date): Promise<void> {
    for (const schedule of this.options.schedules ?? []) {
      const slot = scheduleSlot(schedule, now);
      if (slot) {
        await asWorker(this.db, (tx) => enqueue(tx, { queue: schedule.queue, singletonKey: `${schedule.queue}@${slot}` }));
      }
    }
  }

  private async claim(limit: number): Promise<ClaimedJob[]> {
    const queues = Object.keys(this.options.handlers);
    const leaseSeconds = Math.ceil((this.options.leaseMs ?? 300_000) / 1000);
    const rows = await asWorker(this.db, (tx) => claimJobs(tx, queues, limit, this.worker, leaseSeconds));
    return rows.map((row) => ({ id: row.id, queue: row.queue, payload: row.payload, municipalityId: row.municipality_id, attempt: row.attempts }));
  }

  private async execute(job: ClaimedJob): Promise<void> {
    try {
      await this.options.handlers[job.queue]!(job);
      await asWorker(this.db, (tx) => markJobDone(tx, job.id));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.log?.(`jobs: ${job.queue} ${job.id} attempt ${job.attempt} failed: ${message}`);
      await asWorker(this.db, (tx) => markJobFailed(tx, job.id, message, backoffSeconds(job.attempt)));
    }
  }
}

/** The slot a schedule is in at `now`, or null before today's time of a daily schedule. */
export function scheduleSlot(schedule: Schedule, now: Date): string | null {
  if ("everyMinutes" in schedule) {
    return String(Math.floor(now.getTime() / (schedule.everyMinutes * 60_000)));
  }
  const local = stockholmParts(now);
  return local.time >= schedule.dailyAt ? local.date : null;
}

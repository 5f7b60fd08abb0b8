/**
 * What else ran while a workload was measured: the database's autovacuum workers (sampled
 * from pg_stat_activity) and the bench process's own garbage collection. Either takes CPU
 * from the server on a small machine, so a ratio that moves between runs can be told apart
 * from a route that became dearer.
 */
import { PerformanceObserver } from "node:perf_hooks";
import pg from "pg";

export interface Background {
  /** The tables autovacuum worked on during the workload, as `vacuum companies` or `analyze desk_cases`. */
  autovacuum: string[];
  /** Milliseconds this process spent in garbage collection during the workload. */
  gcMs: number;
  /** The bench process's V8 heap in use and its memory outside the heap (Buffers), in MB, at the end. */
  heapMb: number;
  externalMb: number;
}

export class BackgroundWatch {
  private readonly tables = new Set<string>();
  private gcMs = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      this.gcMs += entry.duration;
    }
  });
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();

  constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<BackgroundWatch> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new BackgroundWatch(client);
  }

  start(): void {
    this.tables.clear();
    this.gcMs = 0;
    this.observer.observe({ entryTypes: ["gc"] });
    this.timer = setInterval(() => {
      this.sampling = this.sample();
    }, 500);
  }

  async stop(): Promise<Background> {
    clearInterval(this.timer);
    await this.sampling;
    this.observer.disconnect();
    const memory = process.memoryUsage();
    return {
      autovacuum: [...this.tables].sort(),
      gcMs: Math.round(this.gcMs),
      heapMb: Math.round(memory.heapUsed / 1e6),
      externalMb: Math.round(memory.external / 1e6),
    };
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async sample(): Promise<void> {
    // A worker's query reads "autovacuum: VACUUM public.companies" (or ANALYZE); only a superuser sees the text.
    const { rows } = await this.client.query<{ query: string }>("select query from pg_stat_activity where backend_type = 'autovacuum worker'");
    for (const { query } of rows) {
      const match = /autovacuum:\s+(VACUUM ANALYZE|VACUUM|ANALYZE)\s+(?:public\.)?(\S+)/i.exec(query);
      this.tables.add(match ? `${match[1]!.toLowerCase()} ${match[2]}` : query || "(worker)");
    }
  }
}

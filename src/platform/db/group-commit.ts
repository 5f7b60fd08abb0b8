import { inScope, type Db, type Scope, type ScopedTx } from "./database.js";

interface Waiting<Row> {
  row: Row;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Rows that must be stored before a page is answered but need not share the page's own
 * transaction: a read log, for a page that writes nothing else. Each caller waits until its
 * row has committed, so no page goes out unlogged; rows that arrive while a batch is being
 * written go together in the next one, in one transaction per municipality. Alone, a row is
 * written at once; under load, many requests share one insert and one commit (the commit's
 * flush to disk being most of what a write costs the database).
 *
 * Call it after the request's own transaction has ended: the batch takes a connection of its
 * own, and a request holding one while it waits could leave none for the batch.
 */
export class GroupCommit<Row> {
  private readonly queues = new WeakMap<Db, Map<string, Array<Waiting<Row>>>>();
  private readonly writing = new WeakMap<Db, Set<string>>();

  constructor(private readonly write: (tx: ScopedTx, rows: Row[]) => Promise<void>) {}

  /** Resolves once `row` is committed in `scope`; rejects with the batch's error if its batch failed. */
  append(db: Db, scope: Scope, row: Row): Promise<void> {
    const queues = this.queues.get(db) ?? new Map<string, Array<Waiting<Row>>>();
    this.queues.set(db, queues);
    return new Promise<void>((resolve, reject) => {
      const queue = queues.get(scope.municipalityId) ?? [];
      queue.push({ row, resolve, reject });
      queues.set(scope.municipalityId, queue);
      const writing = this.writing.get(db) ?? new Set<string>();
      this.writing.set(db, writing);
      if (!writing.has(scope.municipalityId)) {
        void this.drain(db, scope.municipalityId, queues, writing);
      }
    });
  }

  /** Writes the municipality's waiting rows batch after batch until none are left. */
  private async drain(db: Db, municipalityId: string, queues: Map<string, Array<Waiting<Row>>>, writing: Set<string>): Promise<void> {
    writing.add(municipalityId);
    try {
      for (let batch = queues.get(municipalityId); batch && batch.length > 0; batch = queues.get(municipalityId)) {
        queues.delete(municipalityId);
        try {
          await inScope(db, { municipalityId }, (tx) =>
            this.write(
              tx,
              batch!.map((waiting) => waiting.row),
            ),
          );
          batch.forEach((waiting) => waiting.resolve());
        } catch (error) {
          batch.forEach((waiting) => waiting.reject(error));
        }
      }
    } finally {
      writing.delete(municipalityId);
    }
  }
}

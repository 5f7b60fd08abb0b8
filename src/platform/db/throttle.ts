import { sql, type QueryExecutorProvider } from "kysely";

/** When a sign-in throttle locks a key: after `limit` failures within `windowMs`, for `lockMs`. */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  lockMs: number;
}

/** A throttle table: unique on its owner (a municipality or a region) and key, with the failures' window and the lock. */
interface ThrottleTable {
  table: "login_throttle" | "region_login_throttle";
  owner: { column: "municipality_id" | "region_id"; id: string };
}

/**
 * Counts one failure against a key in one statement (concurrent failures each count), in
 * a window that starts again once it has passed, and locks the key at `limit`. Says
 * whether the key is locked now. The municipalities' and the regions' sign-ins share it.
 */
export async function countThrottledFailure(
  tx: QueryExecutorProvider,
  { table, owner }: ThrottleTable,
  key: string,
  now: Date,
  rule: ThrottleRule,
): Promise<boolean> {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const lockUntil = new Date(now.getTime() + rule.lockMs);
  const ownerColumn = sql.ref(owner.column);
  const result = await sql<{ locked: boolean }>`
    insert into ${sql.table(table)} as t (${ownerColumn}, key, failures, window_started_at)
    values (${owner.id}, ${key}, 1, ${now})
    on conflict (${ownerColumn}, key) do update set
      failures = case when t.window_started_at < ${windowStart} then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at < ${windowStart} then ${now} else t.window_started_at end,
      locked_until = case when t.window_started_at >= ${windowStart} and t.failures + 1 >= ${rule.limit} then ${lockUntil}::timestamptz else t.locked_until end
    returning (locked_until is not null and locked_until > ${now}) as locked`.execute(tx);
  return result.rows[0]?.locked ?? false;
}

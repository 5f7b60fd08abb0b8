import type { ScopedTx } from "../../platform/db/database.js";
import "./tables.js";

/** Cases of some categories closed in (after, upTo], oldest first: what a satisfaction survey asks about. */
export function closedCasesBetween(tx: ScopedTx, categoryIds: readonly string[], after: Date, upTo: Date, limit: number) {
  return tx
    .selectFrom("desk_cases")
    .select([
      "id",
      "number",
      "category_id",
      "unit_id",
      "company_id",
      "org_number",
      "company_name",
      "correspondent_name",
      "correspondent_email",
      "correspondent_phone",
      "language",
      "created_at",
      "resolved_at",
      "closed_at",
      "resolution_minutes",
      "resolution_on_time",
      "decided_on",
    ])
    .where("category_id", "in", categoryIds)
    .where("status", "=", "closed")
    .where("closed_at", ">", after)
    .where("closed_at", "<=", upTo)
    .orderBy("closed_at")
    .limit(limit)
    .execute();
}

import type { ScopedTx } from "../../platform/db/database.js";
import "./tables.js";

/** Every case a person wrote in (by the address they gave), newest first. */
export function casesOfCorrespondent(tx: ScopedTx, email: string) {
  return tx
    .selectFrom("desk_cases as k")
    .innerJoin("desk_categories as c", "c.id", "k.category_id")
    .innerJoin("org_units as u", "u.id", "k.unit_id")
    .select([
      "k.id",
      "k.number",
      "k.created_at",
      "k.status",
      "k.channel",
      "k.subject",
      "k.description",
      "k.org_number",
      "k.company_name",
      "k.correspondent_name",
      "k.correspondent_email",
      "k.correspondent_phone",
      "k.consent_at",
      "k.closed_at",
      "c.name_sv as category",
      "u.name as unit",
    ])
    .where("k.correspondent_email", "=", email)
    .orderBy("k.created_at", "desc")
    .execute();
}

export function messagesOfCases(tx: ScopedTx, caseIds: string[]) {
  if (caseIds.length === 0) {
    return Promise.resolve([]);
  }
  return tx
    .selectFrom("desk_messages")
    .select(["case_id", "kind", "body", "secret", "secret_reason", "created_at"])
    .where("case_id", "in", caseIds)
    .orderBy("created_at")
    .execute();
}

export function attachmentsOfCases(tx: ScopedTx, caseIds: string[]) {
  if (caseIds.length === 0) {
    return Promise.resolve([]);
  }
  return tx
    .selectFrom("desk_attachments")
    .select(["case_id", "filename", "content_type", "size", "secret", "created_at"])
    .where("case_id", "in", caseIds)
    .orderBy("created_at")
    .execute();
}

/** Closed cases whose retention time has run out. */
export function casesPastRetention(tx: ScopedTx, closedBefore: Date, limit: number) {
  return tx
    .selectFrom("desk_cases")
    .select(["id", "number", "subject", "closed_at"])
    .where("status", "=", "closed")
    .where("closed_at", "<", closedBefore)
    .orderBy("closed_at")
    .limit(limit)
    .execute();
}

export async function deleteCases(tx: ScopedTx, ids: string[]): Promise<void> {
  if (ids.length > 0) {
    await tx.deleteFrom("desk_cases").where("id", "in", ids).execute();
  }
}

import type { ScopedTx } from "../../platform/db/database.js";
import { hitLimit, nameHas } from "../../platform/privacy/repo.js";
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

/** Correspondents matching an address, a name or (a sole trader's) organisation number, with how many cases each wrote. */
export function correspondentsMatching(tx: ScopedTx, by: { email?: string; name?: string; orgNumber?: string }) {
  let query = tx
    .selectFrom("desk_cases")
    .select(["correspondent_email as email", (eb) => eb.fn.max("correspondent_name").as("name"), (eb) => eb.fn.countAll<string>().as("cases")])
    .where("correspondent_email", "is not", null)
    .groupBy("correspondent_email")
    .orderBy("correspondent_email")
    .limit(hitLimit);
  if (by.email !== undefined) {
    query = query.where("correspondent_email", "=", by.email);
  }
  if (by.name !== undefined) {
    query = query.where(nameHas("correspondent_name", by.name));
  }
  if (by.orgNumber !== undefined) {
    query = query.where("org_number", "=", by.orgNumber);
  }
  return query.execute();
}

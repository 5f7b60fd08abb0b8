import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { Database } from "../../platform/db/schema.js";
import type { AttachmentTable, CaseEventTable, CaseStatus, CaseTable, MessageTable, Priority } from "./tables.js";
import "./tables.js";

export type Case = Selectable<CaseTable>;
export type CaseRow = Case & { category_sv: string; category_en: string; unit_name: string; unit_kind: string; assignee_name: string | null };
/** The columns a list of cases shows (the inbox, the start page, the API's list): no texts, no clocks it does not show. */
const listColumns = [
  "k.id",
  "k.number",
  "k.status",
  "k.priority",
  "k.channel",
  "k.category_id",
  "k.unit_id",
  "k.assignee_id",
  "k.org_number",
  "k.company_name",
  "k.subject",
  "k.created_at",
  "k.next_due_at",
  "k.next_warn_at",
  "k.first_response_minutes",
  "k.first_response_on_time",
  "k.resolution_minutes",
  "k.resolution_on_time",
] as const;
type ListColumn = (typeof listColumns)[number] extends `k.${infer Column}` ? Column : never;
export type CaseListRow = Pick<CaseRow, ListColumn | "category_sv" | "category_en" | "unit_name" | "unit_kind" | "assignee_name">;
export type Message = Selectable<MessageTable> & { author_name: string | null };
export type AttachmentMeta = Omit<Selectable<AttachmentTable>, "content">;
export type CaseEvent = Selectable<CaseEventTable> & { actor_name: string | null };

/** The next number in the municipality's series for a year: `2026-0042`. */
export async function nextCaseNumber(tx: ScopedTx, municipalityId: string, year: number): Promise<string> {
  const row = await tx
    .insertInto("desk_case_numbers")
    .values({ municipality_id: municipalityId, year, last: 1 })
    .onConflict((conflict) => conflict.columns(["municipality_id", "year"]).doUpdateSet({ last: sql`desk_case_numbers.last + 1` }))
    .returning("last")
    .executeTakeFirstOrThrow();
  return `${year}-${String(row.last).padStart(4, "0")}`;
}

export async function insertCase(tx: ScopedTx, values: Insertable<CaseTable>): Promise<void> {
  await tx.insertInto("desk_cases").values(values).execute();
}

export async function updateCase(tx: ScopedTx, id: string, values: Updateable<CaseTable>): Promise<void> {
  await tx
    .updateTable("desk_cases")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

function cases(tx: ScopedTx) {
  return tx
    .selectFrom("desk_cases as k")
    .innerJoin("desk_categories as c", "c.id", "k.category_id")
    .innerJoin("org_units as u", "u.id", "k.unit_id")
    .leftJoin("users as a", "a.id", "k.assignee_id")
    .selectAll("k")
    .select(["c.name_sv as category_sv", "c.name_en as category_en", "u.name as unit_name", "u.kind as unit_kind", "a.name as assignee_name"]);
}

export function findCase(tx: ScopedTx, id: string): Promise<CaseRow | undefined> {
  return cases(tx).where("k.id", "=", id).executeTakeFirst();
}

/** Locks the case for a change, so two officers' changes to its clocks do not interleave. */
export async function lockCase(tx: ScopedTx, id: string): Promise<Case | undefined> {
  return tx.selectFrom("desk_cases").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export function findCaseByToken(tx: ScopedTx, tokenHash: string): Promise<CaseRow | undefined> {
  return cases(tx).where("k.status_token_hash", "=", tokenHash).executeTakeFirst();
}

export interface InboxFilter {
  /** One unit's cases: its own and those it helps with. `unitIds` does the same for several. */
  unitId?: string | undefined;
  unitIds?: readonly string[] | undefined;
  status?: CaseStatus | "active" | undefined;
  categoryId?: string | undefined;
  assigneeId?: string | "none" | undefined;
  sla?: "on_time" | "warning" | "breached" | "paused" | undefined;
  priority?: Priority | undefined;
  query?: string | undefined;
}

function filtered(tx: ScopedTx, filter: InboxFilter, now: Date) {
  let query = cases(tx);
  for (const unitIds of [filter.unitId ? [filter.unitId] : undefined, filter.unitIds]) {
    if (unitIds) {
      // No unit at all matches no case (an empty IN list is not valid SQL).
      const ids = unitIds.length > 0 ? [...unitIds] : ["00000000-0000-0000-0000-000000000000"];
      query = query.where((eb) =>
        eb.or([
          eb("k.unit_id", "in", ids),
          eb.exists(eb.selectFrom("desk_case_units as cu").select("cu.case_id").whereRef("cu.case_id", "=", "k.id").where("cu.unit_id", "in", ids)),
        ]),
      );
    }
  }
  if (filter.status === "active" || filter.status === undefined) {
    query = query.where("k.status", "in", ["new", "open", "waiting"]);
  } else {
    query = query.where("k.status", "=", filter.status);
  }
  if (filter.categoryId) {
    query = query.where("k.category_id", "=", filter.categoryId);
  }
  if (filter.assigneeId === "none") {
    query = query.where("k.assignee_id", "is", null);
  } else if (filter.assigneeId) {
    query = query.where("k.assignee_id", "=", filter.assigneeId);
  }
  if (filter.priority) {
    query = query.where("k.priority", "=", filter.priority);
  }
  switch (filter.sla) {
    case "paused":
      query = query.where("k.status", "=", "waiting");
      break;
    case "breached":
      query = query.where("k.next_due_at", "<=", now);
      break;
    case "warning":
      query = query.where("k.next_due_at", ">", now).where("k.next_warn_at", "<=", now);
      break;
    case "on_time":
      query = query.where("k.status", "in", ["new", "open"]).where((eb) => eb.or([eb("k.next_warn_at", ">", now), eb("k.next_due_at", "is", null)]));
      break;
  }
  if (filter.query) {
    const words = filter.query.trim();
    const digits = words.replace(/\D/g, "");
    query = query.where((eb) =>
      eb.or([
        eb("k.number", "=", words),
        eb("k.subject", "ilike", `%${words.replace(/[%_\\]/g, "\\$&")}%`),
        eb("k.company_name", "ilike", `%${words.replace(/[%_\\]/g, "\\$&")}%`),
        ...(digits.length === 10 ? [eb("k.org_number", "=", digits)] : []),
      ]),
    );
  }
  return query;
}

/** One page of the inbox, sorted by the next deadline (cases without one last). */
export async function listInbox(
  tx: ScopedTx,
  filter: InboxFilter,
  page: { limit: number; offset: number },
  now: Date,
): Promise<{ rows: CaseListRow[]; total: number }> {
  // One statement: the page and, with each row, how many the filter finds in all.
  const rows = await filtered(tx, filter, now)
    .clearSelect()
    .select([...listColumns, "c.name_sv as category_sv", "c.name_en as category_en", "u.name as unit_name", "u.kind as unit_kind", "a.name as assignee_name"])
    .select(sql<number>`count(*) over ()`.as("total"))
    .orderBy(sql`k.next_due_at asc nulls last`)
    .orderBy("k.created_at")
    .orderBy("k.id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  if (rows.length === 0 && page.offset > 0) {
    const count = await filtered(tx, filter, now)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return { rows: [], total: Number(count.n) };
  }
  return { rows: rows.map(({ total: _total, ...row }) => row), total: Number(rows[0]?.total ?? 0) };
}

/** Every case the filter finds, for the CSV export (at most `limit`). */
export function listForExport(tx: ScopedTx, filter: InboxFilter, now: Date, limit: number): Promise<CaseRow[]> {
  return filtered(tx, filter, now).orderBy("k.created_at").limit(limit).execute();
}

export async function addCaseUnit(tx: ScopedTx, municipalityId: string, caseId: string, unitId: string): Promise<boolean> {
  const result = await tx
    .insertInto("desk_case_units")
    .values({ municipality_id: municipalityId, case_id: caseId, unit_id: unitId })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeCaseUnit(tx: ScopedTx, caseId: string, unitId: string): Promise<void> {
  await tx.deleteFrom("desk_case_units").where("case_id", "=", caseId).where("unit_id", "=", unitId).execute();
}

export function listCaseUnits(tx: ScopedTx, caseId: string): Promise<Array<{ unit_id: string; name: string }>> {
  return tx
    .selectFrom("desk_case_units as cu")
    .innerJoin("org_units as u", "u.id", "cu.unit_id")
    .select(["cu.unit_id", "u.name"])
    .where("cu.case_id", "=", caseId)
    .orderBy("u.name")
    .execute();
}

export async function insertMessage(tx: ScopedTx, values: Insertable<MessageTable>): Promise<void> {
  await tx.insertInto("desk_messages").values(values).execute();
}

export function listMessages(tx: ScopedTx, caseId: string, options: { forBusiness: boolean }): Promise<Message[]> {
  let query = tx
    .selectFrom("desk_messages as m")
    .leftJoin("users as a", "a.id", "m.author_id")
    .selectAll("m")
    .select("a.name as author_name")
    .where("m.case_id", "=", caseId);
  if (options.forBusiness) {
    query = query.where("m.kind", "<>", "note");
  }
  return query.orderBy("m.created_at").orderBy("m.id").execute();
}

export function findMessage(tx: ScopedTx, caseId: string, id: string): Promise<Selectable<MessageTable> | undefined> {
  return tx.selectFrom("desk_messages").selectAll().where("case_id", "=", caseId).where("id", "=", id).executeTakeFirst();
}

export async function setMessageSecret(tx: ScopedTx, id: string, secret: boolean, reason: string | null): Promise<void> {
  await tx.updateTable("desk_messages").set({ secret, secret_reason: reason }).where("id", "=", id).execute();
}

export async function insertAttachment(tx: ScopedTx, values: Insertable<AttachmentTable>): Promise<void> {
  await tx.insertInto("desk_attachments").values(values).execute();
}

const attachmentColumns = [
  "id",
  "municipality_id",
  "case_id",
  "message_id",
  "filename",
  "content_type",
  "size",
  "from_business",
  "secret",
  "secret_reason",
  "created_at",
] as const;

/** A case's files; for the business, none of those added with an internal note. */
export function listAttachments(tx: ScopedTx, caseId: string, options: { forBusiness: boolean } = { forBusiness: false }): Promise<AttachmentMeta[]> {
  let query = tx.selectFrom("desk_attachments").select(attachmentColumns).where("case_id", "=", caseId);
  if (options.forBusiness) {
    query = query.where(notOnANote);
  }
  return query.orderBy("created_at").execute();
}

/** One of a case's files; for the business, 404 for a file added with an internal note. */
export function findAttachment(
  tx: ScopedTx,
  caseId: string,
  id: string,
  options: { forBusiness: boolean } = { forBusiness: false },
): Promise<Selectable<AttachmentTable> | undefined> {
  let query = tx.selectFrom("desk_attachments").selectAll().where("case_id", "=", caseId).where("id", "=", id);
  if (options.forBusiness) {
    query = query.where(notOnANote);
  }
  return query.executeTakeFirst();
}

const notOnANote = (eb: ExpressionBuilder<Database, "desk_attachments">) =>
  eb.or([
    eb("message_id", "is", null),
    eb.not(eb.exists(eb.selectFrom("desk_messages as m").select("m.id").whereRef("m.id", "=", "desk_attachments.message_id").where("m.kind", "=", "note"))),
  ]);

export async function setAttachmentSecret(tx: ScopedTx, id: string, secret: boolean, reason: string | null): Promise<void> {
  await tx.updateTable("desk_attachments").set({ secret, secret_reason: reason }).where("id", "=", id).execute();
}

export async function insertEvent(tx: ScopedTx, values: Insertable<CaseEventTable>): Promise<void> {
  await tx.insertInto("desk_events").values(values).execute();
}

export function listEvents(tx: ScopedTx, caseId: string): Promise<CaseEvent[]> {
  return tx
    .selectFrom("desk_events as e")
    .leftJoin("users as a", "a.id", "e.actor_id")
    .selectAll("e")
    .select("a.name as actor_name")
    .where("e.case_id", "=", caseId)
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
}

/** The cases of one organisation, for the company's timeline. */
export function listCasesForCompany(tx: ScopedTx, companyId: string, orgNumber: string): Promise<CaseRow[]> {
  return cases(tx)
    .where((eb) => eb.or([eb("k.company_id", "=", companyId), eb("k.org_number", "=", orgNumber)]))
    .orderBy("k.created_at", "desc")
    .limit(200)
    .execute();
}

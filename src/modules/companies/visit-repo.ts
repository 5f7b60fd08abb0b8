import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { CompanyTaskTable, VisitTable, VisitTemplateTable } from "./tables.js";
import "./tables.js";

export type VisitTemplate = Selectable<VisitTemplateTable>;
export type Visit = Selectable<VisitTable>;
export type VisitRow = Visit & { company_name: string; template_name: string | null };
export type Task = Selectable<CompanyTaskTable> & { owner_name: string | null; company_name: string };

// --- Templates ------------------------------------------------------------------------

export function listTemplates(tx: ScopedTx): Promise<VisitTemplate[]> {
  return tx.selectFrom("visit_templates").selectAll().orderBy("name").execute();
}

export function findTemplate(tx: ScopedTx, id: string): Promise<VisitTemplate | undefined> {
  return tx.selectFrom("visit_templates").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertTemplate(tx: ScopedTx, values: Insertable<VisitTemplateTable>): Promise<void> {
  await tx.insertInto("visit_templates").values(values).execute();
}

export async function updateTemplate(tx: ScopedTx, id: string, values: Updateable<VisitTemplateTable>): Promise<void> {
  await tx
    .updateTable("visit_templates")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

// --- Visits ---------------------------------------------------------------------------

const visitRows = (tx: ScopedTx) =>
  tx
    .selectFrom("visits as v")
    .innerJoin("companies as c", "c.id", "v.company_id")
    .leftJoin("visit_templates as t", "t.id", "v.template_id")
    .selectAll("v")
    .select(["c.name as company_name", "t.name as template_name"]);

export function findVisit(tx: ScopedTx, id: string): Promise<VisitRow | undefined> {
  return visitRows(tx).where("v.id", "=", id).executeTakeFirst();
}

export function listCompanyVisits(tx: ScopedTx, companyId: string): Promise<VisitRow[]> {
  return visitRows(tx).where("v.company_id", "=", companyId).orderBy("v.starts_at", "desc").execute();
}

/** A staff member's planned visits from a day on: their calendar feed. */
export function listPlannedVisitsOf(tx: ScopedTx, userId: string, from: Date): Promise<VisitRow[]> {
  return visitRows(tx)
    .where("v.status", "=", "planned")
    .where("v.starts_at", ">=", from)
    .where((eb) => eb.exists(eb.selectFrom("visit_staff as s").select("s.user_id").whereRef("s.visit_id", "=", "v.id").where("s.user_id", "=", userId)))
    .orderBy("v.starts_at")
    .execute();
}

export async function insertVisit(tx: ScopedTx, values: Insertable<VisitTable>): Promise<void> {
  await tx.insertInto("visits").values(values).execute();
}

export async function updateVisit(tx: ScopedTx, id: string, values: Updateable<VisitTable>): Promise<void> {
  await tx
    .updateTable("visits")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function participants(
  tx: ScopedTx,
  visitId: string,
): Promise<{ staff: Array<{ id: string; name: string }>; contacts: Array<{ id: string; name: string }> }> {
  const [staff, contacts] = await Promise.all([
    tx
      .selectFrom("visit_staff as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .select(["u.id", "u.name"])
      .where("s.visit_id", "=", visitId)
      .orderBy("u.name")
      .execute(),
    tx
      .selectFrom("visit_contacts as vc")
      .innerJoin("contacts as p", "p.id", "vc.contact_id")
      .select(["p.id", "p.name"])
      .where("vc.visit_id", "=", visitId)
      .orderBy("p.name")
      .execute(),
  ]);
  return { staff, contacts };
}

export async function setParticipants(tx: ScopedTx, municipalityId: string, visitId: string, staffIds: string[], contactIds: string[]): Promise<void> {
  await tx.deleteFrom("visit_staff").where("visit_id", "=", visitId).execute();
  await tx.deleteFrom("visit_contacts").where("visit_id", "=", visitId).execute();
  if (staffIds.length > 0) {
    await tx
      .insertInto("visit_staff")
      .values(staffIds.map((user_id) => ({ municipality_id: municipalityId, visit_id: visitId, user_id })))
      .execute();
  }
  if (contactIds.length > 0) {
    await tx
      .insertInto("visit_contacts")
      .values(contactIds.map((contact_id) => ({ municipality_id: municipalityId, visit_id: visitId, contact_id })))
      .execute();
  }
}

// --- Tasks ----------------------------------------------------------------------------

const taskRows = (tx: ScopedTx) =>
  tx
    .selectFrom("company_tasks as t")
    .innerJoin("companies as c", "c.id", "t.company_id")
    .leftJoin("users as u", "u.id", "t.owner_id")
    .selectAll("t")
    .select(["u.name as owner_name", "c.name as company_name"]);

export function findTask(tx: ScopedTx, id: string): Promise<Task | undefined> {
  return taskRows(tx).where("t.id", "=", id).executeTakeFirst();
}

export function listCompanyTasks(tx: ScopedTx, companyId: string): Promise<Task[]> {
  return taskRows(tx)
    .where("t.company_id", "=", companyId)
    .orderBy(sql`t.done_at is not null`)
    .orderBy("t.due_on")
    .execute();
}

/** The follow-up tasks a visit gave. */
export function listVisitTasks(tx: ScopedTx, visitId: string): Promise<Task[]> {
  return taskRows(tx)
    .where("t.visit_id", "=", visitId)
    .orderBy(sql`t.done_at is not null`)
    .orderBy("t.due_on")
    .execute();
}

/** A staff member's open tasks, the earliest due first. */
export function listOpenTasksOf(tx: ScopedTx, userId: string): Promise<Task[]> {
  return taskRows(tx)
    .where("t.owner_id", "=", userId)
    .where("t.done_at", "is", null)
    .orderBy(sql`t.due_on nulls last`)
    .orderBy("t.created_at")
    .execute();
}

export async function insertTask(tx: ScopedTx, values: Insertable<CompanyTaskTable>): Promise<void> {
  await tx.insertInto("company_tasks").values(values).execute();
}

export async function updateTask(tx: ScopedTx, id: string, values: Updateable<CompanyTaskTable>): Promise<void> {
  await tx
    .updateTable("company_tasks")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** The salt of a staff member's calendar feed link; none until the link is first renewed. */
export async function feedSalt(tx: ScopedTx, userId: string): Promise<string> {
  const row = await tx.selectFrom("visit_feed_keys").select("salt").where("user_id", "=", userId).executeTakeFirst();
  return row?.salt ?? "";
}

export async function renewFeedSalt(tx: ScopedTx, municipalityId: string, userId: string, salt: string): Promise<void> {
  await tx
    .insertInto("visit_feed_keys")
    .values({ user_id: userId, municipality_id: municipalityId, salt })
    .onConflict((conflict) => conflict.column("user_id").doUpdateSet({ salt }))
    .execute();
}

/** How many companies had a visit held within the period: the programme's and the region's figure. */
export async function companiesVisited(tx: ScopedTx, period: { from: Date; to: Date }): Promise<number> {
  const row = await tx
    .selectFrom("visits")
    .select((eb) => eb.fn.count<string>("company_id").distinct().as("companies"))
    .where("status", "=", "held")
    .where("starts_at", ">=", period.from)
    .where("starts_at", "<", period.to)
    .executeTakeFirstOrThrow();
  return Number(row.companies);
}

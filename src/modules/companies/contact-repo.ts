import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import { hitLimit, nameHas } from "../../platform/privacy/repo.js";
import type { ContactTable } from "./tables.js";
import "./tables.js";

export type Contact = Selectable<ContactTable>;
export type ContactLink = { company_id: string; company_name: string; org_number: string; role: string | null };
export type CompanyContact = Contact & { role: string | null };

export function findContact(tx: ScopedTx, id: string): Promise<Contact | undefined> {
  return tx.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listContactLinks(tx: ScopedTx, contactId: string): Promise<ContactLink[]> {
  return tx
    .selectFrom("contact_companies as cc")
    .innerJoin("companies as c", "c.id", "cc.company_id")
    .select(["cc.company_id", "c.name as company_name", "c.org_number", "cc.role"])
    .where("cc.contact_id", "=", contactId)
    .orderBy("c.name")
    .execute();
}

export function listCompanyContacts(tx: ScopedTx, companyId: string): Promise<CompanyContact[]> {
  return tx
    .selectFrom("contact_companies as cc")
    .innerJoin("contacts as p", "p.id", "cc.contact_id")
    .selectAll("p")
    .select("cc.role")
    .where("cc.company_id", "=", companyId)
    .orderBy("p.name")
    .execute();
}

export async function insertContact(tx: ScopedTx, values: Insertable<ContactTable>): Promise<void> {
  await tx.insertInto("contacts").values(values).execute();
}

export async function updateContact(tx: ScopedTx, id: string, values: Updateable<ContactTable>): Promise<void> {
  await tx
    .updateTable("contacts")
    .set({ ...values, updated_at: new Date(), touched_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function linkContact(
  tx: ScopedTx,
  values: { municipality_id: string; contact_id: string; company_id: string; role: string | null },
): Promise<void> {
  await tx
    .insertInto("contact_companies")
    .values(values)
    .onConflict((conflict) => conflict.columns(["contact_id", "company_id"]).doUpdateSet({ role: values.role }))
    .execute();
}

export async function unlinkContact(tx: ScopedTx, contactId: string, companyId: string): Promise<void> {
  await tx.deleteFrom("contact_companies").where("contact_id", "=", contactId).where("company_id", "=", companyId).execute();
}

export async function deleteContact(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("contacts").where("id", "=", id).execute();
}

/** Contacts nobody has touched since the cut-off: the retention rule's candidates. */
export function listStaleContacts(tx: ScopedTx, before: Date): Promise<Array<Contact & { companies: string | null }>> {
  return tx
    .selectFrom("contacts as p")
    .selectAll("p")
    .select(
      sql<
        string | null
      >`(select string_agg(c.name, ', ' order by c.name) from contact_companies cc join companies c on c.id = cc.company_id where cc.contact_id = p.id)`.as(
        "companies",
      ),
    )
    .where("p.touched_at", "<", before)
    .orderBy("p.touched_at")
    .limit(500)
    .execute();
}

export async function touchContacts(tx: ScopedTx, ids: string[]): Promise<void> {
  if (ids.length > 0) {
    await tx.updateTable("contacts").set({ touched_at: new Date() }).where("id", "in", ids).execute();
  }
}

/** The visits a contact took part in: part of their register extract. */
export function listContactVisits(tx: ScopedTx, contactId: string) {
  return tx
    .selectFrom("visit_contacts as vc")
    .innerJoin("visits as v", "v.id", "vc.visit_id")
    .innerJoin("companies as c", "c.id", "v.company_id")
    .select(["v.id", "v.starts_at", "v.status", "v.purpose", "c.name as company_name"])
    .where("vc.contact_id", "=", contactId)
    .orderBy("v.starts_at")
    .execute();
}

/** The audit log's events about a contact, with their values: part of their register extract. */
export function listContactEvents(tx: ScopedTx, contactId: string) {
  return tx
    .selectFrom("audit_events")
    .select(["at", "action", "actor_label", "changes"])
    .where("record_type", "=", "contact")
    .where("record_id", "=", contactId)
    .orderBy("at")
    .execute();
}

/** Contacts matching an address (in any case) or a name: the data-protection page's search. */
export function contactsMatching(tx: ScopedTx, by: { email?: string; name?: string }): Promise<Contact[]> {
  let query = tx.selectFrom("contacts").selectAll().orderBy("name").limit(hitLimit);
  if (by.email !== undefined) {
    query = query.where(sql<string>`lower(email)`, "=", by.email);
  }
  if (by.name !== undefined) {
    query = query.where(nameHas("name", by.name));
  }
  return query.execute();
}

/**
 * A sole trader's businesses in the national register, by the owner's personal number, with
 * how many visits this municipality has recorded to each.
 */
export function soleTraderCompanies(tx: ScopedTx, digits: string) {
  return tx
    .selectFrom("companies as c")
    .select(["c.id", "c.name", "c.org_number", "c.street", "c.postcode", "c.town", "c.phone", "c.email", "c.status", "c.registered_on", "c.sources"])
    .select((eb) => eb.selectFrom("visits as v").select(eb.fn.countAll<string>().as("n")).whereRef("v.company_id", "=", "c.id").as("visits"))
    .where("c.org_number", "=", digits)
    .where("c.is_person", "=", true)
    .execute();
}

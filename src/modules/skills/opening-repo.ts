import type { Insertable, Selectable, Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { OpeningStatus, OpeningTable } from "./tables.js";

export type Opening = Selectable<OpeningTable>;

export const openingPageSize = 50;

/** Openings for staff, those waiting for review first, then the newest. */
export async function listOpenings(tx: ScopedTx, status: OpeningStatus | null, page: number): Promise<Opening[]> {
  let query = tx.selectFrom("skills_openings").selectAll();
  if (status) {
    query = query.where("status", "=", status);
  }
  return query
    .orderBy((eb) => eb.case().when("status", "=", "review").then(0).else(1).end())
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(openingPageSize + 1)
    .offset((page - 1) * openingPageSize)
    .execute();
}

/** Published openings whose deadline has not passed (`today` in Swedish time), the nearest deadline first. */
export async function listOpen(tx: ScopedTx, today: string, limit: number, offset = 0): Promise<Opening[]> {
  return tx
    .selectFrom("skills_openings")
    .selectAll()
    .where("status", "=", "published")
    .where((eb) => eb.or([eb("apply_by", "is", null), eb("apply_by", ">=", today)]))
    .orderBy("published_at", "desc")
    .orderBy("id")
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function findOpening(tx: ScopedTx, id: string): Promise<Opening | undefined> {
  return tx.selectFrom("skills_openings").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findOpeningForUpdate(tx: ScopedTx, id: string): Promise<Opening | undefined> {
  return tx.selectFrom("skills_openings").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function insertOpening(tx: ScopedTx, values: Insertable<OpeningTable>): Promise<void> {
  await tx.insertInto("skills_openings").values(values).execute();
}

export async function updateOpening(tx: ScopedTx, id: string, values: Updateable<OpeningTable>): Promise<void> {
  await tx
    .updateTable("skills_openings")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteOpening(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("skills_openings").where("id", "=", id).execute();
}

/** Closes the published openings whose deadline has passed; answers their ids. */
export async function closePassed(tx: ScopedTx, today: string): Promise<string[]> {
  const rows = await tx
    .updateTable("skills_openings")
    .set({ status: "closed", closed_at: new Date(), updated_at: new Date() })
    .where("status", "=", "published")
    .where("apply_by", "<", today)
    .returning("id")
    .execute();
  return rows.map((row) => row.id);
}

/** The company's openings, for its timeline. */
export async function openingsOfCompany(tx: ScopedTx, orgNumber: string): Promise<Opening[]> {
  return tx.selectFrom("skills_openings").selectAll().where("org_number", "=", orgNumber).where("status", "in", ["published", "closed"]).execute();
}

/** The placements made through a company's openings: when, and in which opening; never who. */
export async function placementsOfCompany(tx: ScopedTx, orgNumber: string): Promise<Array<{ opening_id: string; title: string; placed_at: Date }>> {
  const rows = await tx
    .selectFrom("skills_introductions as i")
    .innerJoin("skills_openings as o", "o.id", "i.opening_id")
    .select(["o.id as opening_id", "o.title", "i.placed_at"])
    .where("o.org_number", "=", orgNumber)
    .where("i.status", "=", "placed")
    .where("i.placed_at", "is not", null)
    .execute();
  return rows.map((row) => ({ ...row, placed_at: row.placed_at! }));
}

export async function anyOpening(tx: ScopedTx): Promise<boolean> {
  return (await tx.selectFrom("skills_openings").select("id").limit(1).executeTakeFirst()) !== undefined;
}

/** A business posting whose mailed link is followed within its week; the link is spent by the update. */
export async function verifyByTokenHash(tx: ScopedTx, tokenHash: string, since: Date): Promise<Opening | undefined> {
  return tx
    .updateTable("skills_openings")
    .set({ status: "review", verified_at: new Date(), token_hash: null, updated_at: new Date() })
    .where("token_hash", "=", tokenHash)
    .where("status", "=", "unverified")
    .where("created_at", ">=", since)
    .returningAll()
    .executeTakeFirst();
}

export async function findUnverifiedByTokenHash(tx: ScopedTx, tokenHash: string, since: Date): Promise<Opening | undefined> {
  return tx
    .selectFrom("skills_openings")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("status", "=", "unverified")
    .where("created_at", ">=", since)
    .executeTakeFirst();
}

/** Openings whose contact a data-protection search finds: by address, or by every word of a name. */
export async function openingsWithContact(tx: ScopedTx, match: { email?: string; name?: string }): Promise<Opening[]> {
  let query = tx.selectFrom("skills_openings").selectAll();
  if (match.email) {
    query = query.where("contact_email", "=", match.email);
  } else if (match.name) {
    for (const word of match.name.split(" ")) {
      query = query.where("contact_name", "ilike", `%${word.replace(/[\\%_]/g, "\\$&")}%`);
    }
  } else {
    return [];
  }
  return query.orderBy("created_at").limit(100).execute();
}

/** Removes the contact person of the openings given; the openings themselves stay. */
export async function clearContacts(tx: ScopedTx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) {
    await tx
      .updateTable("skills_openings")
      .set({ contact_name: null, contact_email: null, contact_phone: null, updated_at: new Date() })
      .where("id", "in", ids)
      .execute();
  }
}

/** Closed openings that still name a contact and closed before the cut-off: the retention rule's candidates. */
export async function closedWithContactBefore(tx: ScopedTx, before: Date): Promise<string[]> {
  const rows = await tx
    .selectFrom("skills_openings")
    .select("id")
    .where("status", "=", "closed")
    .where("closed_at", "<", before)
    .where((eb) => eb.or([eb("contact_name", "is not", null), eb("contact_email", "is not", null), eb("contact_phone", "is not", null)]))
    .execute();
  return rows.map((row) => row.id);
}

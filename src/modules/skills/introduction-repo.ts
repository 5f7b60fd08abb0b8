import type { Insertable, Selectable, Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { IntroductionTable } from "./tables.js";

export type Introduction = Selectable<IntroductionTable>;
export type IntroductionRow = Introduction & { seeker_name: string; opening_title: string; employer: string };

export async function findIntroduction(tx: ScopedTx, id: string): Promise<Introduction | undefined> {
  return tx.selectFrom("skills_introductions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findIntroductionForUpdate(tx: ScopedTx, id: string): Promise<Introduction | undefined> {
  return tx.selectFrom("skills_introductions").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function introductionExists(tx: ScopedTx, seekerId: string, openingId: string): Promise<boolean> {
  const row = await tx.selectFrom("skills_introductions").select("id").where("seeker_id", "=", seekerId).where("opening_id", "=", openingId).executeTakeFirst();
  return row !== undefined;
}

function withNames(tx: ScopedTx) {
  return tx
    .selectFrom("skills_introductions as i")
    .innerJoin("skills_seekers as s", "s.id", "i.seeker_id")
    .innerJoin("skills_openings as o", "o.id", "i.opening_id")
    .selectAll("i")
    .select(["s.name as seeker_name", "o.title as opening_title", "o.employer"]);
}

export async function introductionsOfSeeker(tx: ScopedTx, seekerId: string): Promise<IntroductionRow[]> {
  return withNames(tx).where("i.seeker_id", "=", seekerId).orderBy("i.created_at", "desc").execute();
}

export async function introductionsOfOpening(tx: ScopedTx, openingId: string): Promise<IntroductionRow[]> {
  return withNames(tx).where("i.opening_id", "=", openingId).orderBy("i.created_at", "desc").execute();
}

export async function insertIntroduction(tx: ScopedTx, values: Insertable<IntroductionTable>): Promise<void> {
  await tx.insertInto("skills_introductions").values(values).execute();
}

export async function updateIntroduction(tx: ScopedTx, id: string, values: Updateable<IntroductionTable>): Promise<void> {
  await tx
    .updateTable("skills_introductions")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function fillPlace(tx: ScopedTx, openingId: string): Promise<boolean> {
  const rows = await tx
    .updateTable("skills_openings")
    .set((eb) => ({ filled: eb("filled", "+", 1), updated_at: new Date() }))
    .where("id", "=", openingId)
    .whereRef("filled", "<", "places")
    .returning("id")
    .execute();
  return rows.length > 0;
}

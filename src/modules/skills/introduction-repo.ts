import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { IntroductionTable } from "./tables.js";

export type Introduction = Selectable<IntroductionTable>;
export type IntroductionRow = Introduction & { seeker_id: string; seeker_name: string; opening_title: string; employer: string };

/** An introduction of a person still held: one whose person was erased is only a figure, reached by no page. */
export type HeldIntroduction = Introduction & { seeker_id: string };

export async function findIntroduction(tx: ScopedTx, id: string): Promise<HeldIntroduction | undefined> {
  return (await tx.selectFrom("skills_introductions").selectAll().where("id", "=", id).where("seeker_id", "is not", null).executeTakeFirst()) as
    HeldIntroduction | undefined;
}

export async function findIntroductionForUpdate(tx: ScopedTx, id: string): Promise<HeldIntroduction | undefined> {
  return (await tx.selectFrom("skills_introductions").selectAll().where("id", "=", id).where("seeker_id", "is not", null).forUpdate().executeTakeFirst()) as
    HeldIntroduction | undefined;
}

export async function introductionExists(tx: ScopedTx, seekerId: string, openingId: string): Promise<boolean> {
  const row = await tx.selectFrom("skills_introductions").select("id").where("seeker_id", "=", seekerId).where("opening_id", "=", openingId).executeTakeFirst();
  return row !== undefined;
}

function withNames(tx: ScopedTx) {
  return (
    tx
      .selectFrom("skills_introductions as i")
      .innerJoin("skills_seekers as s", "s.id", "i.seeker_id")
      .innerJoin("skills_openings as o", "o.id", "i.opening_id")
      .selectAll("i")
      // The inner join leaves out the introductions of erased people: the seeker is always there.
      .select(["s.id as seeker_id", "s.name as seeker_name", "o.title as opening_title", "o.employer"])
  );
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

/** Placements whose follow-up has fallen due and nobody has been reminded of, with the responsible officer's address. */
export async function followUpsToRemind(tx: ScopedTx, today: string) {
  return tx
    .selectFrom("skills_introductions as i")
    .innerJoin("skills_seekers as s", "s.id", "i.seeker_id")
    .innerJoin("skills_openings as o", "o.id", "i.opening_id")
    .innerJoin("users as u", "u.id", "s.officer_id")
    .select(["i.id", "s.id as seeker_id", "i.follow_up_due", "o.employer", "u.email as officer_email"])
    .where("i.status", "=", "placed")
    .where("i.follow_up", "is", null)
    .where("i.reminded_at", "is", null)
    .where("i.follow_up_due", "<=", today)
    .where("u.active", "=", true)
    .execute();
}

export async function markReminded(tx: ScopedTx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) {
    await tx.updateTable("skills_introductions").set({ reminded_at: new Date() }).where("id", "in", ids).execute();
  }
}

/**
 * A year's outcomes, by the Swedish date the placement was made (and, for the share in work,
 * the date its follow-up fell due): people placed, places filled, how many follow-ups were
 * recorded and how many said in work, and the median days from publication to placement.
 */
export async function yearOutcomes(tx: ScopedTx, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const placedOn = sql<string>`(i.placed_at at time zone 'Europe/Stockholm')::date`;
  const placements = await tx
    .selectFrom("skills_introductions as i")
    .innerJoin("skills_openings as o", "o.id", "i.opening_id")
    .select((eb) => [
      eb.fn.count<number>("i.id").as("places"),
      eb.fn.count<number>(sql`distinct i.seeker_id`).as("people"),
      sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from i.placed_at - o.published_at) / 86400)`.as("median_days"),
    ])
    .where("i.status", "=", "placed")
    .where(placedOn, ">=", from)
    .where(placedOn, "<=", to)
    .executeTakeFirstOrThrow();
  const followUps = await tx
    .selectFrom("skills_introductions")
    .select((eb) => [eb.fn.count<number>("id").as("recorded"), eb.fn.count<number>("id").filterWhere("follow_up", "=", "in_work").as("in_work")])
    .where("follow_up", "is not", null)
    .where("follow_up_due", ">=", from)
    .where("follow_up_due", "<=", to)
    .executeTakeFirstOrThrow();
  return { ...placements, ...followUps };
}

export async function countOfSeeker(tx: ScopedTx, seekerId: string): Promise<number> {
  const row = await tx
    .selectFrom("skills_introductions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("seeker_id", "=", seekerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

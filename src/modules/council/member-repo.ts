import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { MemberRole, MemberTable, TermTable } from "./tables.js";

export type Member = Selectable<MemberTable>;
export type Term = Selectable<TermTable>;

/** A member with the role of their term on a given day (null when they hold none then). */
export interface MemberOnDay extends Member {
  role: MemberRole | null;
  term_starts_on: string | null;
  term_ends_on: string | null;
}

/** Every member with their role on the day, those in office first (chair, secretary, members, adjuncts), then the former by name. */
export async function listMembers(tx: ScopedTx, day: string): Promise<MemberOnDay[]> {
  return tx
    .selectFrom("council_members as m")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("council_terms as t")
          .select(["t.role", "t.starts_on", "t.ends_on"])
          .whereRef("t.member_id", "=", "m.id")
          .where("t.starts_on", "<=", day)
          .where((eb) => eb.or([eb("t.ends_on", "is", null), eb("t.ends_on", ">=", day)]))
          .orderBy("t.starts_on", "desc")
          .limit(1)
          .as("term"),
      (join) => join.onTrue(),
    )
    .selectAll("m")
    .select(["term.role", "term.starts_on as term_starts_on", "term.ends_on as term_ends_on"])
    .where("m.erased_at", "is", null)
    .orderBy(sql`case term.role when 'chair' then 0 when 'secretary' then 1 when 'member' then 2 when 'adjunct' then 3 else 4 end`)
    .orderBy(sql`m.name collate "sv-SE-x-icu"`)
    .execute() as Promise<MemberOnDay[]>;
}

export function findMember(tx: ScopedTx, id: string): Promise<Member | undefined> {
  return tx.selectFrom("council_members").selectAll().where("id", "=", id).where("erased_at", "is", null).executeTakeFirst();
}

export async function insertMember(tx: ScopedTx, row: Insertable<MemberTable>): Promise<void> {
  await tx.insertInto("council_members").values(row).execute();
}

export async function updateMember(tx: ScopedTx, id: string, changes: Updateable<MemberTable>): Promise<void> {
  await tx
    .updateTable("council_members")
    .set({ ...changes, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** Whether a member has sat in a meeting or been asked to approve minutes: such a member is kept for the record. */
export async function memberHasRecord(tx: ScopedTx, id: string): Promise<boolean> {
  const row = await tx
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom("council_participants").select("member_id").where("member_id", "=", id)).as("sat"),
      eb.exists(eb.selectFrom("council_approvals").select("member_id").where("member_id", "=", id)).as("approved"),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.sat) || Boolean(row.approved);
}

export async function deleteMember(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("council_members").where("id", "=", id).execute();
}

export function listTerms(tx: ScopedTx, memberId: string): Promise<Term[]> {
  return tx.selectFrom("council_terms").selectAll().where("member_id", "=", memberId).orderBy("starts_on", "desc").execute();
}

export function findTerm(tx: ScopedTx, id: string): Promise<Term | undefined> {
  return tx.selectFrom("council_terms").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Whether a term of the member overlaps the given period (a member holds one role at a time). */
export async function termOverlaps(tx: ScopedTx, memberId: string, startsOn: string, endsOn: string | null, except?: string): Promise<boolean> {
  const row = await tx
    .selectFrom("council_terms")
    .select("id")
    .where("member_id", "=", memberId)
    .where((eb) => eb.or([eb("ends_on", "is", null), eb("ends_on", ">=", startsOn)]))
    .$if(endsOn !== null, (query) => query.where("starts_on", "<=", endsOn!))
    .$if(except !== undefined, (query) => query.where("id", "!=", except!))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertTerm(tx: ScopedTx, row: Insertable<TermTable>): Promise<void> {
  await tx.insertInto("council_terms").values(row).execute();
}

export async function endTerm(tx: ScopedTx, id: string, endsOn: string): Promise<void> {
  await tx.updateTable("council_terms").set({ ends_on: endsOn }).where("id", "=", id).execute();
}

/** The members in office on a day, with the role they hold then: whom a meeting invites. */
export async function membersInOffice(tx: ScopedTx, day: string): Promise<Array<MemberOnDay & { role: MemberRole }>> {
  return (await listMembers(tx, day)).filter((member): member is MemberOnDay & { role: MemberRole } => member.role !== null);
}

/** Members found by e-mail, for a person's register extract and erasure. */
export function membersByEmail(tx: ScopedTx, email: string): Promise<Member[]> {
  return tx
    .selectFrom("council_members")
    .selectAll()
    .where(sql<string>`lower(email)`, "=", email.toLowerCase())
    .where("erased_at", "is", null)
    .execute();
}

/** Forgets who a member was: name and details go, the rows stay so locked minutes keep their count. */
export async function eraseMember(tx: ScopedTx, id: string, now: Date): Promise<void> {
  await tx
    .updateTable("council_members")
    .set({ name: "[raderad]", email: null, phone: null, organisation: "[raderad]", org_number: null, company_id: null, erased_at: now, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** Members whose name holds every word of the query. */
export function membersByName(tx: ScopedTx, name: string): Promise<Member[]> {
  const words = name.trim().split(/\s+/).filter(Boolean).slice(0, 6);
  return tx
    .selectFrom("council_members")
    .selectAll()
    .where("erased_at", "is", null)
    .where((eb) => eb.and(words.map((word) => eb("name", "ilike", `%${word.replace(/[\\%_]/g, "\\$&")}%`))))
    .limit(50)
    .execute();
}

/** The meetings a member was called to, with their answer and presence: their part of the register extract. */
export function meetingsOf(tx: ScopedTx, memberId: string) {
  return tx
    .selectFrom("council_participants as p")
    .innerJoin("council_meetings as m", "m.id", "p.meeting_id")
    .select(["m.title", "m.starts_at", "p.role", "p.answer", "p.answered_at", "p.present"])
    .where("p.member_id", "=", memberId)
    .orderBy("m.starts_at")
    .execute();
}

/** How many approved minutes name any of the members: the archive's, kept on erasure. */
export async function approvedMinutesOf(tx: ScopedTx, memberIds: readonly string[]): Promise<number> {
  if (memberIds.length === 0) {
    return 0;
  }
  const row = await tx
    .selectFrom("council_participants as p")
    .innerJoin("council_minutes as v", "v.meeting_id", "p.meeting_id")
    .select((eb) => eb.fn.count<string>("v.meeting_id").distinct().as("count"))
    .where("p.member_id", "in", [...memberIds])
    .where("v.approved_at", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

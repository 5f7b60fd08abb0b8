import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { Answer, DocumentTable, ItemTable, MeetingTable, MemberRole, ParticipantTable } from "./tables.js";

export type Meeting = Selectable<MeetingTable>;
export type Item = Selectable<ItemTable>;
export type Participant = Selectable<ParticipantTable>;

/** A document of an agenda item, without its content. */
export type DocumentInfo = Omit<Selectable<DocumentTable>, "content" | "municipality_id">;

export interface ParticipantRow {
  member_id: string;
  name: string;
  email: string | null;
  organisation: string;
  role: MemberRole;
  answer: Answer | null;
  answered_at: Date | null;
  present: boolean | null;
}

export function listMeetings(tx: ScopedTx): Promise<Meeting[]> {
  return tx.selectFrom("council_meetings").selectAll().orderBy("starts_at", "desc").limit(500).execute();
}

export function findMeeting(tx: ScopedTx, id: string, options: { forUpdate?: boolean } = {}): Promise<Meeting | undefined> {
  return tx
    .selectFrom("council_meetings")
    .selectAll()
    .where("id", "=", id)
    .$if(options.forUpdate === true, (query) => query.forUpdate())
    .executeTakeFirst();
}

export async function insertMeeting(tx: ScopedTx, row: Insertable<MeetingTable>): Promise<void> {
  await tx.insertInto("council_meetings").values(row).execute();
}

export async function updateMeeting(tx: ScopedTx, id: string, changes: Updateable<MeetingTable>): Promise<void> {
  await tx
    .updateTable("council_meetings")
    .set({ ...changes, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteMeeting(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("council_meetings").where("id", "=", id).execute();
}

/** Published meetings, newest first: the public page and its feed. */
export function publishedMeetings(tx: ScopedTx, limit: number): Promise<Meeting[]> {
  return tx.selectFrom("council_meetings").selectAll().where("published_at", "is not", null).orderBy("starts_at", "desc").limit(limit).execute();
}

export function listParticipants(tx: ScopedTx, meetingId: string): Promise<ParticipantRow[]> {
  return tx
    .selectFrom("council_participants as p")
    .innerJoin("council_members as m", "m.id", "p.member_id")
    .select(["p.member_id", "m.name", "m.email", "m.organisation", "p.role", "p.answer", "p.answered_at", "p.present"])
    .where("p.meeting_id", "=", meetingId)
    .orderBy(sql`case p.role when 'chair' then 0 when 'secretary' then 1 when 'member' then 2 else 3 end`)
    .orderBy(sql`m.name collate "sv-SE-x-icu"`)
    .execute();
}

/** Adds members to a meeting, each with their own link; one already there keeps their link and answer. */
export async function upsertParticipants(tx: ScopedTx, rows: ReadonlyArray<Insertable<ParticipantTable>>): Promise<void> {
  if (rows.length > 0) {
    await tx
      .insertInto("council_participants")
      .values([...rows])
      .onConflict((conflict) => conflict.columns(["meeting_id", "member_id"]).doUpdateSet((eb) => ({ role: eb.ref("excluded.role") })))
      .execute();
  }
}

/** The participants' links' salts, by member. */
export async function participantSalts(tx: ScopedTx, meetingId: string): Promise<Map<string, string>> {
  const rows = await tx.selectFrom("council_participants").select(["member_id", "token_salt"]).where("meeting_id", "=", meetingId).execute();
  return new Map(rows.filter((row) => row.token_salt !== null).map((row) => [row.member_id, row.token_salt!]));
}

export function participantByToken(tx: ScopedTx, tokenHash: string): Promise<Participant | undefined> {
  return tx.selectFrom("council_participants").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function setAnswer(tx: ScopedTx, meetingId: string, memberId: string, answer: Answer, now: Date): Promise<boolean> {
  const result = await tx
    .updateTable("council_participants")
    .set({ answer, answered_at: now })
    .where("meeting_id", "=", meetingId)
    .where("member_id", "=", memberId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setPresence(tx: ScopedTx, meetingId: string, present: ReadonlySet<string>): Promise<void> {
  await tx
    .updateTable("council_participants")
    .set({ present: sql<boolean>`member_id = any(${[...present]}::uuid[])` })
    .where("meeting_id", "=", meetingId)
    .execute();
}

export function listItems(tx: ScopedTx, meetingId: string): Promise<Item[]> {
  return tx.selectFrom("council_items").selectAll().where("meeting_id", "=", meetingId).orderBy("position").orderBy("created_at").execute();
}

export function findItem(tx: ScopedTx, id: string): Promise<Item | undefined> {
  return tx.selectFrom("council_items").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function nextItemPosition(tx: ScopedTx, meetingId: string): Promise<number> {
  const row = await tx
    .selectFrom("council_items")
    .select((eb) => eb.fn.max<number | null>("position").as("last"))
    .where("meeting_id", "=", meetingId)
    .executeTakeFirstOrThrow();
  return (row.last ?? 0) + 1;
}

export async function insertItem(tx: ScopedTx, row: Insertable<ItemTable>): Promise<void> {
  await tx.insertInto("council_items").values(row).execute();
}

export async function updateItem(tx: ScopedTx, id: string, changes: Updateable<ItemTable>): Promise<void> {
  await tx.updateTable("council_items").set(changes).where("id", "=", id).execute();
}

export async function deleteItem(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("council_items").where("id", "=", id).execute();
}

/** Numbers a meeting's items 1, 2, 3 … in the given order. */
export async function renumberItems(tx: ScopedTx, ids: readonly string[]): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await tx
      .updateTable("council_items")
      .set({ position: index + 1 })
      .where("id", "=", id)
      .execute();
  }
}

export function listDocuments(tx: ScopedTx, meetingId: string): Promise<DocumentInfo[]> {
  return tx
    .selectFrom("council_documents as d")
    .innerJoin("council_items as i", "i.id", "d.item_id")
    .select(["d.id", "d.item_id", "d.filename", "d.content_type", "d.size", "d.created_at"])
    .where("i.meeting_id", "=", meetingId)
    .orderBy("d.created_at")
    .execute();
}

export function findDocument(tx: ScopedTx, id: string): Promise<(Selectable<DocumentTable> & { meeting_id: string }) | undefined> {
  return tx
    .selectFrom("council_documents as d")
    .innerJoin("council_items as i", "i.id", "d.item_id")
    .selectAll("d")
    .select("i.meeting_id")
    .where("d.id", "=", id)
    .executeTakeFirst();
}

export async function insertDocuments(tx: ScopedTx, rows: ReadonlyArray<Insertable<DocumentTable>>): Promise<void> {
  if (rows.length > 0) {
    await tx
      .insertInto("council_documents")
      .values([...rows])
      .execute();
  }
}

export async function deleteDocument(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("council_documents").where("id", "=", id).execute();
}

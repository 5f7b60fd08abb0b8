import type { Insertable, Selectable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { ApprovalTable, ApproverRole, DecisionTable, FollowUpTable, MinutesContent, MinutesTable } from "./tables.js";

export type Decision = Selectable<DecisionTable>;
export type Minutes = Selectable<MinutesTable>;
export type Approval = Selectable<ApprovalTable>;

export interface FollowUpRow extends Selectable<FollowUpTable> {
  owner_name: string;
}

/** A decision with where it was made, for its own page and the programme action's. */
export interface DecisionRow extends Decision {
  item_title: string;
  meeting_title: string;
  starts_at: Date;
}

export function listDecisions(tx: ScopedTx, meetingId: string): Promise<Decision[]> {
  return tx.selectFrom("council_decisions").selectAll().where("meeting_id", "=", meetingId).orderBy("created_at").execute();
}

const decisionRows = (tx: ScopedTx) =>
  tx
    .selectFrom("council_decisions as d")
    .innerJoin("council_items as i", "i.id", "d.item_id")
    .innerJoin("council_meetings as m", "m.id", "d.meeting_id")
    .selectAll("d")
    .select(["i.title as item_title", "m.title as meeting_title", "m.starts_at"]);

export function findDecision(tx: ScopedTx, id: string): Promise<DecisionRow | undefined> {
  return decisionRows(tx).where("d.id", "=", id).executeTakeFirst();
}

/** The decisions behind a programme action, oldest first. */
export function decisionsForAction(tx: ScopedTx, actionId: string): Promise<DecisionRow[]> {
  return decisionRows(tx).where("d.action_id", "=", actionId).orderBy("m.starts_at").execute();
}

export async function insertDecision(tx: ScopedTx, row: Insertable<DecisionTable>): Promise<void> {
  await tx.insertInto("council_decisions").values(row).execute();
}

export async function deleteDecision(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("council_decisions").where("id", "=", id).execute();
}

export async function setDecisionAction(tx: ScopedTx, id: string, actionId: string | null): Promise<void> {
  await tx.updateTable("council_decisions").set({ action_id: actionId }).where("id", "=", id).execute();
}

export function listFollowUps(tx: ScopedTx, decisionIds: readonly string[]): Promise<FollowUpRow[]> {
  if (decisionIds.length === 0) {
    return Promise.resolve([]);
  }
  return tx
    .selectFrom("council_follow_ups as f")
    .innerJoin("users as u", "u.id", "f.owner_id")
    .selectAll("f")
    .select("u.name as owner_name")
    .where("f.decision_id", "in", decisionIds)
    .orderBy("f.due_on")
    .execute();
}

export function findFollowUp(tx: ScopedTx, id: string): Promise<Selectable<FollowUpTable> | undefined> {
  return tx.selectFrom("council_follow_ups").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertFollowUp(tx: ScopedTx, row: Insertable<FollowUpTable>): Promise<void> {
  await tx.insertInto("council_follow_ups").values(row).execute();
}

export async function markFollowUpDone(tx: ScopedTx, id: string, now: Date | null): Promise<void> {
  await tx.updateTable("council_follow_ups").set({ done_at: now }).where("id", "=", id).execute();
}

/** Open follow-ups due by the day and not yet reminded, with their owner's address. */
export function followUpsToRemind(tx: ScopedTx, dueBy: string) {
  return tx
    .selectFrom("council_follow_ups as f")
    .innerJoin("users as u", "u.id", "f.owner_id")
    .innerJoin("council_decisions as d", "d.id", "f.decision_id")
    .select(["f.id", "f.text", "f.due_on", "f.decision_id", "u.email as owner_email", "d.text as decision_text"])
    .where("f.done_at", "is", null)
    .where("f.reminded_at", "is", null)
    .where("f.due_on", "<=", dueBy)
    .orderBy("f.due_on")
    .execute();
}

export async function markReminded(tx: ScopedTx, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length > 0) {
    await tx
      .updateTable("council_follow_ups")
      .set({ reminded_at: now })
      .where("id", "in", [...ids])
      .execute();
  }
}

/** A staff member's open follow-ups, for their start page. */
export function openFollowUpsOf(tx: ScopedTx, ownerId: string) {
  return tx
    .selectFrom("council_follow_ups as f")
    .innerJoin("council_decisions as d", "d.id", "f.decision_id")
    .select(["f.id", "f.text", "f.due_on", "f.decision_id", "d.text as decision_text"])
    .where("f.owner_id", "=", ownerId)
    .where("f.done_at", "is", null)
    .orderBy("f.due_on")
    .limit(20)
    .execute();
}

export function listVersions(tx: ScopedTx, meetingId: string): Promise<Minutes[]> {
  return tx.selectFrom("council_minutes").selectAll().where("meeting_id", "=", meetingId).orderBy("version", "desc").execute();
}

export function findVersion(tx: ScopedTx, meetingId: string, version: number): Promise<Minutes | undefined> {
  return tx.selectFrom("council_minutes").selectAll().where("meeting_id", "=", meetingId).where("version", "=", version).executeTakeFirst();
}

/** The newest approved version of each of the meetings: what the public and the archive read. */
export async function latestApproved(tx: ScopedTx, meetingIds: readonly string[]): Promise<Map<string, Minutes>> {
  if (meetingIds.length === 0) {
    return new Map();
  }
  const rows = await tx
    .selectFrom("council_minutes")
    .selectAll()
    .distinctOn("meeting_id")
    .where("meeting_id", "in", [...meetingIds])
    .where("approved_at", "is not", null)
    .orderBy("meeting_id")
    .orderBy("version", "desc")
    .execute();
  return new Map(rows.map((row) => [row.meeting_id, row]));
}

export async function insertVersion(
  tx: ScopedTx,
  row: {
    meeting_id: string;
    version: number;
    municipality_id: string;
    content: MinutesContent;
    content_hash: string;
    reason: string | null;
    created_by: string;
  },
): Promise<void> {
  await tx
    .insertInto("council_minutes")
    .values({ ...row, content: JSON.stringify(row.content) })
    .execute();
}

/** Removes a version not yet approved (taken back for more writing); its approval links go with it. */
export async function deletePendingVersion(tx: ScopedTx, meetingId: string, version: number): Promise<void> {
  await tx.deleteFrom("council_minutes").where("meeting_id", "=", meetingId).where("version", "=", version).where("approved_at", "is", null).execute();
}

export async function markVersionApproved(tx: ScopedTx, meetingId: string, version: number, now: Date): Promise<void> {
  await tx.updateTable("council_minutes").set({ approved_at: now }).where("meeting_id", "=", meetingId).where("version", "=", version).execute();
}

export async function insertApprovals(tx: ScopedTx, rows: ReadonlyArray<Insertable<ApprovalTable>>): Promise<void> {
  await tx
    .insertInto("council_approvals")
    .values([...rows])
    .execute();
}

export function listApprovals(tx: ScopedTx, meetingId: string, version: number) {
  return tx
    .selectFrom("council_approvals as a")
    .innerJoin("council_members as m", "m.id", "a.member_id")
    .select(["a.role", "a.member_id", "a.approved_at", "a.requested_at", "m.name"])
    .where("a.meeting_id", "=", meetingId)
    .where("a.version", "=", version)
    .orderBy("a.role")
    .execute();
}

export function approvalByToken(tx: ScopedTx, tokenHash: string): Promise<Approval | undefined> {
  return tx.selectFrom("council_approvals").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function markApproved(tx: ScopedTx, meetingId: string, version: number, role: ApproverRole, now: Date): Promise<void> {
  await tx
    .updateTable("council_approvals")
    .set({ approved_at: now })
    .where("meeting_id", "=", meetingId)
    .where("version", "=", version)
    .where("role", "=", role)
    .execute();
}

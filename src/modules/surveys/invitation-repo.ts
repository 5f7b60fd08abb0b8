import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import { hitLimit, nameHas } from "../../platform/privacy/repo.js";
import type { AnswerTable, InvitationTable } from "./tables.js";
import "./tables.js";

export type Invitation = Selectable<InvitationTable>;
export type Answer = Selectable<AnswerTable>;

/** Adds an invitation unless the case or the business in that period has one; answers whether it was added. */
export async function insertInvitation(tx: ScopedTx, values: Insertable<InvitationTable>): Promise<boolean> {
  const row = await tx
    .insertInto("survey_invitations")
    .values(values)
    .onConflict((conflict) => conflict.doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export function findByTokenHash(tx: ScopedTx, hash: string): Promise<Invitation | undefined> {
  return tx.selectFrom("survey_invitations").selectAll().where("token_hash", "=", hash).executeTakeFirst();
}

export async function updateInvitation(tx: ScopedTx, id: string, values: Updateable<InvitationTable>): Promise<void> {
  await tx.updateTable("survey_invitations").set(values).where("id", "=", id).execute();
}

export function answersOf(tx: ScopedTx, invitationId: string): Promise<Answer[]> {
  return tx.selectFrom("survey_answers").selectAll().where("invitation_id", "=", invitationId).execute();
}

/** Saves a respondent's answers so far: each question's value or text, replacing what was there. */
export async function saveAnswers(tx: ScopedTx, rows: ReadonlyArray<Insertable<AnswerTable>>, invitationId: string): Promise<void> {
  await tx.deleteFrom("survey_answers").where("invitation_id", "=", invitationId).execute();
  if (rows.length > 0) {
    await tx.insertInto("survey_answers").values(rows).execute();
  }
}

/** Invitations whose next reminder is due, for surveys still asking. */
export function dueReminders(
  tx: ScopedTx,
  now: Date,
  limit: number,
): Promise<Array<Invitation & { reminders: number; reminder_days: number; survey_name_sv: string; survey_name_en: string }>> {
  return tx
    .selectFrom("survey_invitations as i")
    .innerJoin("survey_surveys as s", "s.id", "i.survey_id")
    .selectAll("i")
    .select(["s.reminders", "s.reminder_days", "s.name_sv as survey_name_sv", "s.name_en as survey_name_en"])
    .where("i.next_reminder_at", "<=", now)
    .where("i.answered_at", "is", null)
    .where("i.opted_out_at", "is", null)
    .where("i.email", "is not", null)
    .orderBy("i.next_reminder_at")
    .limit(limit)
    .execute();
}

/**
 * Unlinks from their person the invitations reminders no longer need (answered, declined or
 * expired): who was asked and about which case goes; the area, unit, waiting and indexes stay.
 */
export async function forgetFinished(tx: ScopedTx, now: Date): Promise<string[]> {
  const rows = await tx
    .updateTable("survey_invitations")
    .set(forgotten(now))
    .where("forgotten_at", "is", null)
    .where((eb) => eb.or([eb("answered_at", "is not", null), eb("opted_out_at", "is not", null), eb("expires_at", "<", now)]))
    .returning("id")
    .execute();
  return rows.map((row) => row.id);
}

export const forgotten = (now: Date) =>
  ({
    case_id: null,
    case_number: null,
    org_number: null,
    company_name: null,
    contact_name: null,
    email: null,
    phone: null,
    token_salt: null,
    next_reminder_at: null,
    forgotten_at: now,
  }) as const;

/** Everything held about the person at an address: their invitations, with the survey's name. */
export function invitationsOfEmail(tx: ScopedTx, email: string) {
  return tx
    .selectFrom("survey_invitations as i")
    .innerJoin("survey_surveys as s", "s.id", "i.survey_id")
    .select([
      "i.id",
      "s.name_sv as survey",
      "i.case_number",
      "i.org_number",
      "i.company_name",
      "i.contact_name",
      "i.email",
      "i.phone",
      "i.language",
      "i.sent_at",
      "i.reminders_sent",
      "i.opted_out_at",
      "i.answered_at",
      "i.expires_at",
    ])
    .where("i.email", "=", email)
    .orderBy("i.sent_at")
    .execute();
}

export function answersWithQuestions(tx: ScopedTx, invitationIds: readonly string[]) {
  if (invitationIds.length === 0) {
    return Promise.resolve([]);
  }
  return tx
    .selectFrom("survey_answers as a")
    .innerJoin("survey_questions as q", "q.id", "a.question_id")
    .select(["a.invitation_id", "q.text_sv as question", "a.value", "a.scale_max", "a.text"])
    .where("a.invitation_id", "in", invitationIds)
    .orderBy("q.position")
    .execute();
}

/** Erasure: a person's free texts go (they may name them), and their invitations are unlinked and stop. */
export async function eraseInvitations(tx: ScopedTx, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  await tx.deleteFrom("survey_answers").where("invitation_id", "in", ids).where("text", "is not", null).execute();
  await tx
    .updateTable("survey_invitations")
    .set({ ...forgotten(now), opted_out_at: sql`coalesce(opted_out_at, ${now})` })
    .where("id", "in", ids)
    .execute();
}

/** The raw answers of every respondent of a survey, to work out their indexes again when the transform changes. */
export function scaledAnswersOfSurvey(tx: ScopedTx, surveyId: string) {
  return tx
    .selectFrom("survey_answers as a")
    .innerJoin("survey_questions as q", "q.id", "a.question_id")
    .innerJoin("survey_invitations as i", "i.id", "a.invitation_id")
    .select(["a.invitation_id", "q.code", "a.value", "a.scale_max"])
    .where("i.survey_id", "=", surveyId)
    .where("i.answered_at", "is not", null)
    .where("q.code", "is not", null)
    .execute();
}

/** The businesses a survey has asked in a period (their pseudonyms). */
export async function businessKeysOf(tx: ScopedTx, surveyId: string, period: string): Promise<Set<string>> {
  const rows = await tx.selectFrom("survey_invitations").select("business_key").where("survey_id", "=", surveyId).where("period", "=", period).execute();
  return new Set(rows.map((row) => row.business_key));
}

/** Invitations still linked to a person, by address, contact name or (a sole trader's) organisation number. */
export function invitedMatching(tx: ScopedTx, by: { email?: string; name?: string; orgNumber?: string }) {
  let query = tx
    .selectFrom("survey_invitations")
    .select(["contact_name as name", "email"])
    .distinct()
    .where("email", "is not", null)
    .orderBy("email")
    .limit(hitLimit);
  if (by.email !== undefined) {
    query = query.where("email", "=", by.email);
  }
  if (by.name !== undefined) {
    query = query.where(nameHas("contact_name", by.name));
  }
  if (by.orgNumber !== undefined) {
    query = query.where("org_number", "=", by.orgNumber);
  }
  return query.execute();
}

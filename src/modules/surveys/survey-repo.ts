import type { Insertable, Selectable, Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { Area, QuestionTable, SurveyTable } from "./tables.js";
import "./tables.js";

export type Survey = Selectable<SurveyTable>;
export type Question = Selectable<QuestionTable>;
export type SurveyListRow = Survey & { invited: number; answered: number };

export function listSurveys(tx: ScopedTx): Promise<SurveyListRow[]> {
  return tx
    .selectFrom("survey_surveys as s")
    .selectAll("s")
    .select((eb) => [
      eb
        .selectFrom("survey_invitations as i")
        .whereRef("i.survey_id", "=", "s.id")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .as("invited"),
      eb
        .selectFrom("survey_invitations as i")
        .whereRef("i.survey_id", "=", "s.id")
        .where("i.answered_at", "is not", null)
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .as("answered"),
    ])
    .orderBy("s.name_sv")
    .execute() as Promise<SurveyListRow[]>;
}

/** Every survey's name and kind, without its counts: what a choice of survey needs. */
export function surveyNames(tx: ScopedTx): Promise<Array<Pick<Survey, "id" | "kind" | "name_sv" | "name_en">>> {
  return tx.selectFrom("survey_surveys").select(["id", "kind", "name_sv", "name_en"]).orderBy("name_sv").execute();
}

export function findSurvey(tx: ScopedTx, id: string): Promise<Survey | undefined> {
  return tx.selectFrom("survey_surveys").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The running surveys after cases: what the sweep invites to. */
export function activeSurveys(tx: ScopedTx): Promise<Survey[]> {
  return tx.selectFrom("survey_surveys").selectAll().where("active", "=", true).where("kind", "=", "after_case").execute();
}

export async function insertSurvey(tx: ScopedTx, values: Insertable<SurveyTable>): Promise<void> {
  await tx.insertInto("survey_surveys").values(values).execute();
}

export async function updateSurvey(tx: ScopedTx, id: string, values: Updateable<SurveyTable>): Promise<void> {
  await tx
    .updateTable("survey_surveys")
    .set({ updated_at: new Date(), ...values })
    .where("id", "=", id)
    .execute();
}

export async function deleteSurvey(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("survey_surveys").where("id", "=", id).execute();
}

export function questionsOf(tx: ScopedTx, surveyId: string): Promise<Question[]> {
  return tx.selectFrom("survey_questions").selectAll().where("survey_id", "=", surveyId).orderBy("position").execute();
}

export function findQuestion(tx: ScopedTx, surveyId: string, id: string): Promise<Question | undefined> {
  return tx.selectFrom("survey_questions").selectAll().where("survey_id", "=", surveyId).where("id", "=", id).executeTakeFirst();
}

export async function insertQuestions(tx: ScopedTx, rows: ReadonlyArray<Insertable<QuestionTable>>): Promise<void> {
  if (rows.length > 0) {
    await tx.insertInto("survey_questions").values(rows).execute();
  }
}

export async function deleteQuestion(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("survey_questions").where("id", "=", id).execute();
}

export async function nextQuestionPosition(tx: ScopedTx, surveyId: string): Promise<number> {
  const row = await tx
    .selectFrom("survey_questions")
    .select((eb) => eb.fn.max("position").as("last"))
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

export function categoriesOf(tx: ScopedTx, surveyId: string): Promise<Array<{ category_id: string; area: Area }>> {
  return tx.selectFrom("survey_categories").select(["category_id", "area"]).where("survey_id", "=", surveyId).execute();
}

/** Replaces what a survey asks about: each desk category with the area its answers count in. */
export async function replaceCategories(
  tx: ScopedTx,
  municipalityId: string,
  surveyId: string,
  rows: ReadonlyArray<{ category_id: string; area: Area }>,
): Promise<void> {
  await tx.deleteFrom("survey_categories").where("survey_id", "=", surveyId).execute();
  if (rows.length > 0) {
    await tx
      .insertInto("survey_categories")
      .values(rows.map((row) => ({ ...row, survey_id: surveyId, municipality_id: municipalityId })))
      .execute();
  }
}

/**
 * Surveys and their questions: a new survey comes with the standard questions (the six
 * service factors and the three from which NKI is computed), the municipality adds its own,
 * and chooses which of the desk's categories it asks about and in which area each counts.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { deskCategoryChoices } from "../desk/index.js";
import * as invitations from "./invitation-repo.js";
import { respondentIndexes } from "./nki.js";
import { authorizeSurvey } from "./policy.js";
import type { QuestionInput, SurveyInput } from "./schemas.js";
import { climateQuestions, standardQuestions } from "./standard.js";
import * as repo from "./survey-repo.js";
import type { Area, SurveyKind } from "./tables.js";

export type { SurveyListRow } from "./survey-repo.js";

export interface SurveyDetail {
  survey: repo.Survey;
  questions: repo.Question[];
  categories: Array<{ category_id: string; area: Area }>;
}

export async function listSurveys(ctx: OperationContext): Promise<repo.SurveyListRow[]> {
  authorizeSurvey(ctx.actor, "surveys.results");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listSurveys(tx));
}

async function load(tx: ScopedTx, id: string): Promise<repo.Survey> {
  const survey = await repo.findSurvey(tx, id);
  if (!survey) {
    throw new NotFoundError();
  }
  return survey;
}

export async function getSurvey(ctx: OperationContext, id: string): Promise<SurveyDetail> {
  authorizeSurvey(ctx.actor, "surveys.results");
  return inScope(ctx.db, ctx.scope, async (tx) => ({
    survey: await load(tx, id),
    questions: await repo.questionsOf(tx, id),
    categories: await repo.categoriesOf(tx, id),
  }));
}

export async function categoryChoices(ctx: OperationContext) {
  authorizeSurvey(ctx.actor, "surveys.results");
  return inScope(ctx.db, ctx.scope, (tx) => deskCategoryChoices(tx));
}

async function checkedAreas(tx: ScopedTx, input: SurveyInput): Promise<Array<{ category_id: string; area: Area }>> {
  const known = new Set((await deskCategoryChoices(tx)).map((category) => category.id));
  const rows = input.areas.map((value) => {
    const [category_id, area] = value.split(":") as [string, Area];
    return { category_id, area };
  });
  if (rows.some((row) => !known.has(row.category_id)) || new Set(rows.map((row) => row.category_id)).size !== rows.length) {
    throw new ValidationError([{ path: "areas", message: "invalid_choice" }]);
  }
  return rows;
}

/** A survey's settings as stored: a climate survey goes out yearly and asks about no desk category; a survey after cases never yearly. */
function settingsOf(input: SurveyInput, kind: SurveyKind) {
  const { areas: _areas, kind: _kind, intro_sv, intro_en, ...settings } = input;
  if (kind === "after_case" && settings.timing === "yearly") {
    throw new ValidationError([{ path: "timing", message: "surveys.yearly_is_climate" }]);
  }
  return { ...settings, timing: kind === "climate" ? ("yearly" as const) : settings.timing, intro_sv: intro_sv ?? "", intro_en: intro_en ?? "" };
}

async function nameTaken(tx: ScopedTx, name: string, except: string | null): Promise<void> {
  if ((await repo.surveyNames(tx)).some((survey) => survey.name_sv === name && survey.id !== except)) {
    throw new ConflictError([{ path: "name_sv", message: "surveys.name_taken" }]);
  }
}

export async function createSurvey(ctx: OperationContext, input: SurveyInput): Promise<string> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    await nameTaken(tx, input.name_sv, null);
    const areas = input.kind === "climate" ? [] : await checkedAreas(tx, input);
    const id = newId();
    const municipality_id = ctx.scope.municipalityId;
    await repo.insertSurvey(tx, { id, municipality_id, kind: input.kind, ...settingsOf(input, input.kind), swept_until: input.active ? new Date() : null });
    await repo.insertQuestions(
      tx,
      (input.kind === "climate" ? climateQuestions : standardQuestions).map((question, index) => ({
        id: newId(),
        municipality_id,
        survey_id: id,
        position: index + 1,
        kind: question.kind,
        code: question.code,
        text_sv: question.sv,
        text_en: question.en,
      })),
    );
    await repo.replaceCategories(tx, municipality_id, id, areas);
    await recordAudit(tx, ctx.actor, { action: "create", recordType: "survey", recordId: id, changes: { ...input } }, ctx.requestId);
    return id;
  });
}

export async function updateSurvey(ctx: OperationContext, id: string, input: SurveyInput): Promise<void> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await load(tx, id);
    await nameTaken(tx, input.name_sv, id);
    const areas = before.kind === "climate" ? [] : await checkedAreas(tx, input);
    // A survey switched on asks about cases closed from now, not about everything before it.
    const sweptUntil = input.active && !before.active ? new Date() : before.swept_until;
    await repo.updateSurvey(tx, id, { ...settingsOf(input, before.kind), swept_until: sweptUntil });
    await repo.replaceCategories(tx, ctx.scope.municipalityId, id, areas);
    if (before.transform !== input.transform) {
      await recomputeIndexes(tx, id, input.transform);
    }
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "survey", recordId: id, changes: { ...input } }, ctx.requestId);
  });
}

/** Each respondent's indexes again from the raw answers, after the transform changed. */
async function recomputeIndexes(tx: ScopedTx, surveyId: string, transform: repo.Survey["transform"]): Promise<void> {
  const byRespondent = new Map<string, Array<{ code: repo.Question["code"]; value: number | null; scaleMax: number | null }>>();
  for (const row of await invitations.scaledAnswersOfSurvey(tx, surveyId)) {
    const list = byRespondent.get(row.invitation_id) ?? [];
    list.push({ code: row.code, value: row.value, scaleMax: row.scale_max });
    byRespondent.set(row.invitation_id, list);
  }
  for (const [invitationId, answers] of byRespondent) {
    const indexes = respondentIndexes(answers, transform);
    await invitations.updateInvitation(tx, invitationId, { nki: indexes.nki, climate: indexes.climate, ...indexes.factors });
  }
}

export async function deleteSurvey(ctx: OperationContext, id: string): Promise<void> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const survey = await load(tx, id);
    await repo.deleteSurvey(tx, id);
    await recordAudit(tx, ctx.actor, { action: "delete", recordType: "survey", recordId: id, changes: { name_sv: survey.name_sv } }, ctx.requestId);
  });
}

export async function addQuestion(ctx: OperationContext, surveyId: string, input: QuestionInput): Promise<void> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await load(tx, surveyId);
    const id = newId();
    const position = await repo.nextQuestionPosition(tx, surveyId);
    await repo.insertQuestions(tx, [{ id, municipality_id: ctx.scope.municipalityId, survey_id: surveyId, position, code: null, ...input }]);
    await recordAudit(tx, ctx.actor, { action: "question.added", recordType: "survey", recordId: surveyId, changes: { ...input } }, ctx.requestId);
  });
}

/** Only the municipality's own questions go; the standard ones are what NKI and the factors are computed from. */
export async function deleteQuestion(ctx: OperationContext, surveyId: string, questionId: string): Promise<void> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const question = await repo.findQuestion(tx, surveyId, questionId);
    if (!question) {
      throw new NotFoundError();
    }
    if (question.code !== null) {
      throw new ValidationError([{ path: "question", message: "surveys.standard_question" }]);
    }
    await repo.deleteQuestion(tx, questionId);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "question.deleted", recordType: "survey", recordId: surveyId, changes: { text_sv: question.text_sv } },
      ctx.requestId,
    );
  });
}

export async function questionName(ctx: OperationContext, surveyId: string, questionId: string): Promise<string> {
  const { questions } = await getSurvey(ctx, surveyId);
  const question = questions.find((candidate) => candidate.id === questionId);
  if (!question) {
    throw new NotFoundError();
  }
  return question.text_sv;
}

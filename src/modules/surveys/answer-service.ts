/**
 * The business's side: the answer page behind a private link. A half-filled answer is
 * saved and shown again; sending it is once and for all (the link then only thanks); a
 * business may decline, which stops the reminders. Nothing here needs an account.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import { systemActor } from "../../platform/auth/roles.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError, type FieldProblem } from "../../platform/errors.js";
import { hashLinkToken, looksLikeLinkToken } from "../../platform/links.js";
import { fieldOf, maxTextLength } from "./answer-fields.js";
import * as repo from "./invitation-repo.js";
import { respondentIndexes } from "./nki.js";
import * as surveys from "./survey-repo.js";

const business = systemActor("Företag via enkätlänk");

export type AnswerState = "open" | "answered" | "declined" | "expired";

export type { Question } from "./survey-repo.js";

export interface AnswerView {
  state: AnswerState;
  language: "sv" | "en";
  survey: Pick<surveys.Survey, "name_sv" | "name_en" | "intro_sv" | "intro_en" | "scale_max">;
  questions: surveys.Question[];
  /** The answers saved so far, by question id, as the form shows them. */
  values: Record<string, string>;
  expiresAt: Date;
}

async function byToken(tx: ScopedTx, token: string): Promise<repo.Invitation> {
  const invitation = looksLikeLinkToken(token) ? await repo.findByTokenHash(tx, hashLinkToken(token)) : undefined;
  if (!invitation) {
    throw new NotFoundError();
  }
  return invitation;
}

function stateOf(invitation: repo.Invitation, now: Date): AnswerState {
  if (invitation.answered_at) {
    return "answered";
  }
  if (invitation.opted_out_at) {
    return "declined";
  }
  return invitation.expires_at <= now || invitation.forgotten_at ? "expired" : "open";
}

export async function answerPage(db: Db, scope: Scope, token: string, now = new Date()): Promise<AnswerView> {
  return inScope(db, scope, async (tx) => {
    const invitation = await byToken(tx, token);
    const survey = (await surveys.findSurvey(tx, invitation.survey_id))!;
    const state = stateOf(invitation, now);
    const answers = state === "open" ? await repo.answersOf(tx, invitation.id) : [];
    return {
      state,
      language: invitation.language,
      survey,
      questions: state === "open" ? await surveys.questionsOf(tx, survey.id) : [],
      values: Object.fromEntries(answers.map((answer) => [fieldOf(answer.question_id), answer.value !== null ? String(answer.value) : (answer.text ?? "")])),
      expiresAt: invitation.expires_at,
    };
  });
}

/**
 * Saves what the form carries; `send` makes it the answer. Each scale answer is a whole
 * step of the survey's scale or left out ("don't know"); the three overall questions (a
 * climate survey's summary grade) are needed to send, since the figure is computed from them. Fields the survey has not asked are ignored.
 */
export async function saveAnswer(
  db: Db,
  scope: Scope,
  token: string,
  form: Record<string, unknown>,
  send: boolean,
  requestId?: string,
  now = new Date(),
): Promise<void> {
  await inScope(db, scope, async (tx) => {
    const invitation = await byToken(tx, token);
    if (stateOf(invitation, now) !== "open") {
      throw new ValidationError([{ path: "answer", message: "surveys.closed" }]);
    }
    const survey = (await surveys.findSurvey(tx, invitation.survey_id))!;
    const questions = await surveys.questionsOf(tx, survey.id);
    const problems: FieldProblem[] = [];
    const rows = [];
    for (const question of questions) {
      const field = fieldOf(question.id);
      const raw = typeof form[field] === "string" ? (form[field] as string).trim() : "";
      if (question.kind === "text") {
        if (raw.length > maxTextLength) {
          problems.push({ path: field, message: "surveys.text_too_long" });
        } else if (raw !== "") {
          rows.push({
            invitation_id: invitation.id,
            question_id: question.id,
            municipality_id: invitation.municipality_id,
            value: null,
            scale_max: null,
            text: raw,
          });
        }
        continue;
      }
      if (raw === "") {
        if (send && (question.kind === "overall" || question.kind === "climate")) {
          problems.push({ path: field, message: "surveys.overall_required" });
        }
        continue;
      }
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 1 || value > survey.scale_max) {
        problems.push({ path: field, message: "surveys.out_of_scale" });
        continue;
      }
      rows.push({
        invitation_id: invitation.id,
        question_id: question.id,
        municipality_id: invitation.municipality_id,
        value,
        scale_max: survey.scale_max,
        text: null,
      });
    }
    if (problems.length > 0) {
      throw new ValidationError(problems);
    }
    await repo.saveAnswers(tx, rows, invitation.id);
    if (send) {
      const codeOf = new Map(questions.map((question) => [question.id, question.code]));
      const indexes = respondentIndexes(
        rows.map((row) => ({ code: codeOf.get(row.question_id) ?? null, value: row.value, scaleMax: row.scale_max })),
        survey.transform,
      );
      await repo.updateInvitation(tx, invitation.id, {
        answered_at: now,
        next_reminder_at: null,
        nki: indexes.nki,
        climate: indexes.climate,
        ...indexes.factors,
      });
      await recordAudit(tx, business, { action: "answered", recordType: "survey_invitation", recordId: invitation.id }, requestId);
    }
  });
}

/** The business would rather not answer: no reminders, and the link says so from now on. */
export async function decline(db: Db, scope: Scope, token: string, requestId?: string, now = new Date()): Promise<void> {
  await inScope(db, scope, async (tx) => {
    const invitation = await byToken(tx, token);
    if (stateOf(invitation, now) !== "open") {
      return;
    }
    await repo.updateInvitation(tx, invitation.id, { opted_out_at: now, next_reminder_at: null });
    await recordAudit(tx, business, { action: "declined", recordType: "survey_invitation", recordId: invitation.id }, requestId);
  });
}

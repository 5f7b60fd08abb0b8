/**
 * The newcomer's demo: the standard survey over the desk's demo categories, running, and a
 * year of answers to the desk's demo history, so the results and the waiting comparison
 * have something to show. The answers are made up, deterministically: satisfaction falls
 * as the wait grows and where the service level was broken.
 */
import { systemActor } from "../../platform/auth/roles.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { newId } from "../../platform/ids.js";
import { closedCasesForSurvey, deskCategoryChoices } from "../desk/index.js";
import { pseudonym } from "./invitation-service.js";
import * as repo from "./invitation-repo.js";
import { respondentIndexes } from "./nki.js";
import { createSurvey } from "./survey-service.js";
import * as surveys from "./survey-repo.js";
import type { Area } from "./tables.js";

type Log = (message: string) => void;

const areaOfDemoCategory: Record<string, Area> = {
  Bygglov: "bygglov",
  Förhandsbesked: "bygglov",
  Serveringstillstånd: "servering",
  Livsmedel: "livsmedel",
  Miljö: "miljo",
  "Mark och lokaler": "markupplatelse",
};

export async function seedSurveysDemo(db: Db, scope: Scope, log: Log, secret: string): Promise<void> {
  const ctx = { db, actor: systemActor("demo"), scope };
  const { existing, categories } = await inScope(db, scope, async (tx) => ({
    existing: await surveys.surveyNames(tx),
    categories: await deskCategoryChoices(tx),
  }));
  if (existing.length > 0 || categories.length === 0) {
    return;
  }
  const surveyId = await createSurvey(ctx, {
    kind: "after_case",
    name_sv: "Nöjd kund-index efter ärenden",
    name_en: "Customer satisfaction after cases",
    intro_sv: null,
    intro_en: null,
    timing: "closing",
    scale_max: 10,
    transform: "linear",
    reminders: 2,
    reminder_days: 7,
    answer_days: 30,
    active: true,
    areas: categories.map((category) => `${category.id}:${areaOfDemoCategory[category.name_sv] ?? "foretagslots"}`),
  });
  const made = await inScope(db, scope, async (tx) => {
    const survey = (await surveys.findSurvey(tx, surveyId))!;
    const questions = await surveys.questionsOf(tx, surveyId);
    const areaOf = new Map((await surveys.categoriesOf(tx, surveyId)).map((row) => [row.category_id, row.area]));
    const cases = await closedCasesForSurvey(tx, [...areaOf.keys()], new Date(0), survey.swept_until ?? new Date(), 20_000);
    let answered = 0;
    for (const [index, closed] of cases.entries()) {
      // About three in five answer, as in a good year of Insikt.
      if (index % 5 >= 3) {
        continue;
      }
      const id = newId();
      const base = 9.2 - Math.min(4, closed.waiting_days / 12) - (closed.on_time === false ? 1.5 : 0);
      const values = questions.map((question, step) =>
        question.kind === "text" ? null : Math.max(1, Math.min(10, Math.round(base + (((index + step) * 7) % 5) - 2))),
      );
      const indexes = respondentIndexes(
        questions.map((question, step) => ({ code: question.code, value: values[step] ?? null, scaleMax: 10 })),
        "linear",
      );
      await repo.insertInvitation(tx, {
        id,
        municipality_id: scope.municipalityId,
        survey_id: surveyId,
        source: "desk",
        area: areaOf.get(closed.category_id)!,
        unit_id: closed.unit_id,
        category_id: closed.category_id,
        closed_on: closed.decided_on,
        waiting_days: closed.waiting_days,
        on_time: closed.on_time,
        period: closed.decided_on.slice(0, 7),
        business_key: pseudonym(secret, "business", id),
        case_key: pseudonym(secret, "case", closed.id),
        language: "sv",
        expires_at: closed.closed_at,
        sent_at: closed.closed_at,
        answered_at: closed.closed_at,
        forgotten_at: closed.closed_at,
        nki: indexes.nki,
        climate: indexes.climate,
        ...indexes.factors,
      });
      await repo.saveAnswers(
        tx,
        questions.flatMap((question, step) =>
          values[step] == null
            ? []
            : [{ invitation_id: id, question_id: question.id, municipality_id: scope.municipalityId, value: values[step]!, scale_max: 10, text: null }],
        ),
        id,
      );
      answered += 1;
    }
    return answered;
  });
  log(`Loaded the demo satisfaction survey with ${made} answers.`);
}

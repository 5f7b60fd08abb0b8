import type { Db } from "../../src/platform/db/database.js";
import { inScope } from "../../src/platform/db/database.js";
import * as handling from "../../src/modules/desk/handling-service.js";
import * as desk from "../../src/modules/desk/service.js";
import * as answers from "../../src/modules/surveys/answer-service.js";
import { fieldOf } from "../../src/modules/surveys/answer-fields.js";
import { defaultMapping } from "../../src/modules/surveys/case-list.js";
import { saveMapping } from "../../src/modules/surveys/mapping-repo.js";
import { answerToken, sweep } from "../../src/modules/surveys/invitation-service.js";
import * as surveys from "../../src/modules/surveys/survey-service.js";
import type { SurveyInput } from "../../src/modules/surveys/schemas.js";
import { deskLinks } from "./desk.js";
import { systemContext, type TestMunicipality } from "./factories.js";
import { testSecret } from "../global-setup.js";

export interface SurveyRecords {
  survey: string;
  /** A question of the municipality's own (free text), answered by `surveyAnswer`. */
  surveyQuestion: string;
  /** An answered invitation: its free text can be marked out of publication. */
  surveyAnswer: string;
  /** The answer link of an invitation nobody has answered yet. */
  surveyToken: string;
}

export const surveyLinks = (municipality: TestMunicipality) => ({ base: `http://${municipality.host}`, municipality: "Testkommun", secret: testSecret });

export function surveyValues(categoryAreas: string[], changes: Partial<SurveyInput> = {}): SurveyInput {
  return {
    kind: "after_case",
    name_sv: `Nöjdhet ${Math.random().toString(36).slice(2, 8)}`,
    name_en: "Satisfaction",
    intro_sv: null,
    intro_en: null,
    timing: "closing",
    scale_max: 10,
    transform: "linear",
    reminders: 3,
    reminder_days: 7,
    answer_days: 30,
    active: true,
    areas: categoryAreas,
    ...changes,
  } as SurveyInput;
}

let counter = 0;

/** A case registered in a category and closed; answers its id. */
export async function closeCase(
  db: Db,
  municipality: TestMunicipality,
  categoryId: string,
  email: string,
  changes: { org_number?: string | null; language?: "sv" | "en" } = {},
): Promise<string> {
  counter += 1;
  const ctx = systemContext(db, municipality);
  const created = await desk.registerCase(
    ctx,
    {
      org_number: changes.org_number ?? null,
      company_name: `Enkätbolaget ${counter} AB`,
      name: "Siv Svarare",
      email,
      phone: null,
      category_id: categoryId,
      subject: "Fråga om tillstånd",
      description: "Hur gör vi?",
      channel: "phone",
      priority: "normal",
      language: changes.language ?? "sv",
    },
    [],
    changes.language ?? "sv",
    deskLinks(municipality),
  );
  await handling.setStatus(ctx, created.id, "resolved");
  await handling.setStatus(ctx, created.id, "closed");
  return created.id;
}

/** The answer token of the invitation about a case, made again from its salt as the mail's link is. */
export async function tokenOfCase(db: Db, municipality: TestMunicipality, caseId: string, surveyId?: string): Promise<string> {
  const row = await inScope(db, municipality.scope, (tx) => {
    const query = tx.selectFrom("survey_invitations").select(["id", "token_salt"]).where("case_id", "=", caseId);
    return (surveyId ? query.where("survey_id", "=", surveyId) : query).executeTakeFirstOrThrow();
  });
  return answerToken(testSecret, { id: row.id, token_salt: row.token_salt! });
}

/** A running survey over a desk category with a free-text question of its own, one invitation answered and one open. */
export async function buildSurveyRecords(db: Db, municipality: TestMunicipality, deskCategory: string): Promise<SurveyRecords> {
  const ctx = systemContext(db, municipality);
  const survey = await surveys.createSurvey(ctx, surveyValues([`${deskCategory}:bygglov`]));
  await surveys.addQuestion(ctx, survey, { kind: "text", text_sv: "Något mer?", text_en: "Anything else?" });
  const { questions } = await surveys.getSurvey(ctx, survey);
  const own = questions.at(-1)!;
  const answered = await closeCase(db, municipality, deskCategory, "svarar@example.se");
  const open = await closeCase(db, municipality, deskCategory, "vantar@example.se");
  await sweep(db, { id: municipality.id }, surveyLinks(municipality));
  const answeredToken = await tokenOfCase(db, municipality, answered, survey);
  const form = Object.fromEntries(questions.filter((question) => question.kind !== "text").map((question) => [fieldOf(question.id), "8"]));
  await answers.saveAnswer(db, municipality.scope, answeredToken, { ...form, [fieldOf(own.id)]: "Snabbt och vänligt" }, true);
  const surveyAnswer = await inScope(db, municipality.scope, (tx) =>
    tx.selectFrom("survey_invitations").select("id").where("answered_at", "is not", null).where("survey_id", "=", survey).executeTakeFirstOrThrow(),
  );
  // The municipality's own headings for case lists: a row in the column mappings.
  await inScope(db, municipality.scope, (tx) => saveMapping(tx, municipality.id, { ...defaultMapping, case_number: "Dnr" }));
  return { survey, surveyQuestion: own.id, surveyAnswer: surveyAnswer.id, surveyToken: await tokenOfCase(db, municipality, open, survey) };
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { formPages } from "../../platform/http/form-pages.js";
import { formProblems, handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { MadeOnce } from "../../platform/http/made-once.js";
import { htmlBytes, pageContext, redirectAfterPost, sendKeptContentPage, sendPage } from "../../platform/http/render.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import * as climate from "./climate-service.js";
import { canSurvey, type SurveyAction } from "./policy.js";
import * as records from "./records-service.js";
import { resultsCsv } from "./results-csv.js";
import * as results from "./results-service.js";
import { personInput, personQuery, questionInput, questionParams, resultsQuery, surveyInput, textMarkInput, textParams, textsQuery } from "./schemas.js";
import * as surveys from "./survey-service.js";
import { RecordsPage } from "./views/records.js";
import { ResultsContent } from "./views/results.js";
import { TextsPage } from "./views/texts.js";
import { SurveyFormPage, SurveysPage } from "./views/surveys.js";

export const surveyLabels = (request: FastifyRequest): Record<string, string> => ({
  name_sv: request.t("surveys.name_sv"),
  name_en: request.t("surveys.name_en"),
  intro_sv: request.t("surveys.intro_sv"),
  intro_en: request.t("surveys.intro_en"),
  timing: request.t("surveys.timing"),
  scale_max: request.t("surveys.scale_max"),
  transform: request.t("surveys.transform"),
  reminders: request.t("surveys.reminders"),
  reminder_days: request.t("surveys.reminder_days"),
  answer_days: request.t("surveys.answer_days"),
  active: request.t("surveys.active_label"),
  areas: request.t("surveys.categories"),
  kind: request.t("surveys.question_kind"),
  text_sv: request.t("surveys.text_sv"),
  text_en: request.t("surveys.text_en"),
  email: request.t("surveys.email"),
});

/** Staff's service measurement: surveys and their questions, the results beside the measured waiting, and personal data. */
export async function surveyRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const can = (request: FastifyRequest, action: SurveyAction) => request.actor !== null && canSurvey(request.actor, action);
  const state = (request: FastifyRequest, problems: FieldProblem[] | undefined) => formState(request, problems, surveyLabels(request));

  app.get("/enkater", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      <SurveysPage
        ctx={pageContext(request, services.secret)}
        surveys={await surveys.listSurveys(ctxOf(request))}
        canManage={can(request, "surveys.manage")}
        people={can(request, "surveys.people")}
      />,
    ),
  );

  // Surveys -----------------------------------------------------------------------------------
  const showSurvey = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    problems: FieldProblem[] | undefined,
    status: number,
    failed?: "question",
  ) => {
    const ctx = ctxOf(request);
    return sendPage(
      reply,
      <SurveyFormPage
        ctx={pageContext(request, services.secret)}
        detail={id ? await surveys.getSurvey(ctx, id) : null}
        categories={await surveys.categoryChoices(ctx)}
        canManage={can(request, "surveys.manage")}
        people={can(request, "surveys.people")}
        failed={failed ?? "survey"}
        {...state(request, problems)}
      />,
      status,
    );
  };
  formPages(app, {
    path: "/enkater",
    record: "survey",
    body: surveyInput,
    show: showSurvey,
    done: (id) => `/enkater/${id}`,
    deleted: "/enkater",
    create: (request, body) => surveys.createSurvey(ctxOf(request), body),
    update: (request, id, body) => surveys.updateSurvey(ctxOf(request), id, body),
    remove: (request, id) => surveys.deleteSurvey(ctxOf(request), id),
    named: async (request, id) =>
      ((detail) => (request.lang === "en" ? detail.survey.name_en : detail.survey.name_sv))(await surveys.getSurvey(ctxOf(request), id)),
  });
  app.post(
    "/enkater/:id/fragor",
    { config: { ...page, record: "survey" }, attachValidation: true, schema: { hide: true, params: idParams, body: questionInput } },
    async (request, reply) => {
      await surveys.getSurvey(ctxOf(request), request.params.id);
      return handleFormPost(
        request,
        reply,
        (problems, status) => showSurvey(request, reply, request.params.id, problems, status, "question"),
        async () => {
          await surveys.addQuestion(ctxOf(request), request.params.id, request.body);
          return `/enkater/${request.params.id}`;
        },
      );
    },
  );
  app.post(
    "/enkater/:id/fragor/:questionId/ta-bort",
    {
      config: {
        ...page,
        record: "survey",
        confirm: async (request) => {
          const { id, questionId } = request.params as { id: string; questionId: string };
          return {
            title: request.t("common.confirm_delete_title", { name: await surveys.questionName(ctxOf(request), id, questionId) }),
            text: request.t("surveys.question_delete_text"),
            button: request.t("common.delete"),
            back: `/enkater/${id}`,
          };
        },
      },
      schema: { hide: true, params: questionParams },
    },
    async (request, reply) => {
      await surveys.deleteQuestion(ctxOf(request), request.params.id, request.params.questionId);
      return redirectAfterPost(reply, `/enkater/${request.params.id}`, "common.deleted");
    },
  );

  app.post(
    "/enkater/:id/skicka",
    {
      config: {
        ...page,
        record: "survey",
        confirm: async (request) => {
          const { id } = request.params as { id: string };
          const count = await climate.recipientCount(ctxOf(request), id, services.secret);
          return {
            title: request.t("surveys.climate_confirm_title", { count }),
            text: request.t("surveys.climate_confirm_text"),
            button: request.t("surveys.climate_send"),
            back: `/enkater/${id}`,
          };
        },
      },
      schema: { hide: true, params: idParams },
    },
    async (request, reply) => {
      const links = { base: services.linkBase(request.municipality!), municipality: request.municipality?.name ?? "", secret: services.secret };
      await climate.sendClimateSurvey(ctxOf(request), request.params.id, links);
      return redirectAfterPost(reply, `/enkater/${request.params.id}`, "surveys.climate_sent");
    },
  );

  // Results -------------------------------------------------------------------------------------
  const periodOf = (request: FastifyRequest<{ Querystring: { ar?: number | undefined; halvar?: "1" | "2" | undefined; enkat?: string | undefined } }>) => ({
    year: request.query.ar ?? Number(stockholmParts(new Date()).date.slice(0, 4)),
    half: request.query.halvar ? (Number(request.query.halvar) as 1 | 2) : null,
    surveyId: request.query.enkat ?? null,
  });
  const resultsOf = (request: Parameters<typeof periodOf>[0]) => results.results(ctxOf(request), periodOf(request), request.lang);
  // A period's results are kept (`results.results`); their content is made once per kept results and reader's rights, and
  // per token where the reader may hide free texts (their forms post).
  const renderedResults = new MadeOnce<results.Results, Buffer>(8);
  app.get("/enkater/resultat", { config: page, schema: { hide: true, querystring: resultsQuery } }, async (request, reply) => {
    const kept = await resultsOf(request);
    const shown = pageContext(request, services.secret);
    const rights = { canManage: can(request, "surveys.manage"), people: can(request, "surveys.people") };
    const key = `${shown.lang}|${rights.canManage}|${rights.people}|${rights.canManage && kept.texts?.length ? shown.csrfToken : ""}`;
    const content = renderedResults.get(kept, key, () => htmlBytes(<ResultsContent ctx={shown} results={kept} {...rights} />));
    return sendKeptContentPage(reply, { ctx: shown, title: shown.t("surveys.nav_results") }, content);
  });
  app.get("/enkater/resultat.csv", { config: page, schema: { hide: true, querystring: resultsQuery } }, async (request, reply) =>
    reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="nki.csv"')
      .send(resultsCsv(await resultsOf(request), request.t)),
  );
  app.get("/enkater/fritexter", { config: page, schema: { hide: true, querystring: textsQuery } }, async (request, reply) => {
    const period = periodOf(request);
    const { texts, hasNext } = await results.textsPage(ctxOf(request), period, request.query.page);
    return sendPage(
      reply,
      <TextsPage
        ctx={pageContext(request, services.secret)}
        period={period}
        texts={texts}
        page={request.query.page}
        hasNext={hasNext}
        canManage={can(request, "surveys.manage")}
        people={can(request, "surveys.people")}
      />,
    );
  });
  app.post(
    "/enkater/svar/:id/:questionId",
    { config: { ...page, record: "surveyAnswer" }, schema: { hide: true, params: textParams, body: textMarkInput } },
    async (request, reply) => {
      await results.markText(ctxOf(request), request.params.id, request.params.questionId, request.body.hidden);
      return redirectAfterPost(reply, "/enkater/fritexter", "common.saved");
    },
  );

  // Personal data -------------------------------------------------------------------------------
  app.get("/enkater/personuppgifter", { config: page, schema: { hide: true, querystring: personQuery } }, async (request, reply) => {
    records.assertPeople(ctxOf(request));
    const extract = request.query.email ? await records.personExtract(ctxOf(request), request.query.email) : null;
    return sendPage(reply, <RecordsPage ctx={pageContext(request, services.secret)} email={request.query.email} extract={extract} />);
  });
  app.post(
    "/enkater/personuppgifter/radera",
    {
      config: {
        ...page,
        confirm: (request) => {
          const { email } = request.body as { email: string };
          return {
            title: request.t("surveys.erase_confirm_title", { email }),
            text: request.t("surveys.erase_confirm_text"),
            button: request.t("surveys.erase"),
            back: `/enkater/personuppgifter?email=${encodeURIComponent(email)}`,
          };
        },
      },
      attachValidation: true,
      schema: { hide: true, body: personInput },
    },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return sendPage(reply, <RecordsPage ctx={pageContext(request, services.secret)} email={undefined} extract={null} {...state(request, problems)} />, 400);
      }
      await records.erasePerson(ctxOf(request), request.body.email);
      return redirectAfterPost(reply, "/enkater/personuppgifter", "surveys.erased");
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { stringify } from "csv-stringify/sync";
import { spreadsheetCast } from "../../platform/csv.js";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formProblems, idParams, noInput, serviceProblems, submittedValues } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { fieldErrors } from "../../platform/http/problems.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import { uploadedFiles } from "../../platform/http/uploads.js";
import { xlsxOf } from "../../platform/spreadsheet.js";
import { addMonths, nextDate } from "../../platform/sweden/business-calendar.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import { defaultMapping } from "./case-list.js";
import * as lists from "./list-service.js";
import { canSurvey } from "./policy.js";
import { listMappingInput, listPeriodQuery } from "./schemas.js";
import * as surveys from "./survey-service.js";
import { listFields, type ListField } from "./tables.js";
import { ListsPage } from "./views/lists.js";

/** Last month, as the contractor's list is asked for by default. */
function lastMonth(): { from: string; to: string } {
  const firstOfThisMonth = `${stockholmParts(new Date()).date.slice(0, 7)}-01`;
  return { from: addMonths(firstOfThisMonth, -1), to: nextDate(firstOfThisMonth, -1) };
}

/** A survey's case lists: a list from another system in, the contractor's list out (CSV and XLSX). */
export async function surveyListRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const, record: "survey" };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const labels = (request: FastifyRequest) => ({
    file: request.t("surveys.file"),
    ...Object.fromEntries(listFields.map((field) => [field, request.t(`surveys.field_${field}`)])),
  });

  const show = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    state: { problems?: FieldProblem[]; result?: lists.UploadResult; mapping?: Record<ListField, string> },
    status: number,
  ) => {
    const ctx = ctxOf(request);
    const { survey } = await surveys.getSurvey(ctx, request.params.id);
    return sendPage(
      reply,
      <ListsPage
        ctx={pageContext(request, services.secret)}
        survey={{ id: survey.id, name: request.lang === "en" ? survey.name_en : survey.name_sv }}
        mapping={state.mapping ?? (await lists.columnMapping(ctx))}
        result={state.result ?? null}
        period={lastMonth()}
        people={request.actor !== null && canSurvey(request.actor, "surveys.people")}
        errors={state.problems ? fieldErrors(state.problems, request.t, labels(request)) : undefined}
        values={state.problems ? submittedValues(request) : undefined}
      />,
      status,
    );
  };

  app.get("/enkater/:id/lista", { config: page, schema: { ...noInput, hide: true, params: idParams } }, async (request, reply) =>
    show(request, reply, {}, 200),
  );
  app.post(
    "/enkater/:id/lista",
    {
      config: { ...page, multipart: { files: 1, fileBytes: 5 * 1024 * 1024 }, rateLimit: { max: 20, timeWindow: "1 minute" } },
      attachValidation: true,
      schema: { hide: true, params: idParams, body: listMappingInput },
    },
    async (request, reply) => {
      await surveys.getSurvey(ctxOf(request), request.params.id);
      const problems = formProblems(request);
      if (problems) {
        return show(request, reply, { problems }, 400);
      }
      const file = uploadedFiles(request, "file")[0];
      if (!file || file.size === 0 || file.tooLarge) {
        return show(request, reply, { problems: [{ path: "file", message: file?.tooLarge ? "surveys.unreadable_file" : "required" }] }, 400);
      }
      const mapping = Object.fromEntries(listFields.map((field) => [field, request.body[field] ?? defaultMapping[field]])) as Record<ListField, string>;
      try {
        const links = { base: services.linkBase(request.municipality!), municipality: request.municipality?.name ?? "", secret: services.secret };
        const result = await lists.uploadCaseList(ctxOf(request), request.params.id, file.path, mapping, links);
        return show(request, reply, { result, mapping }, 200);
      } catch (error) {
        return show(request, reply, { problems: serviceProblems(error) }, 400);
      }
    },
  );

  const contractorList = async (request: FastifyRequest<{ Params: { id: string }; Querystring: { fran?: string | undefined; till?: string | undefined } }>) => {
    const period = lastMonth();
    return lists.contractorList(ctxOf(request), request.params.id, request.query.fran ?? period.from, request.query.till ?? period.to, {
      area: (area) => request.t(`surveys.area_${area}`),
      language: (lang) => request.t(`surveys.language_${lang}`),
    });
  };
  app.get("/enkater/:id/lista.csv", { config: page, schema: { hide: true, params: idParams, querystring: listPeriodQuery } }, async (request, reply) => {
    const list = await contractorList(request);
    return reply
      .type("text/csv; charset=utf-8")
      .header("cache-control", "no-store")
      .header("content-disposition", 'attachment; filename="arendelista.csv"')
      .send(stringify([list.headers, ...list.rows], { delimiter: ";", bom: true, cast: spreadsheetCast }));
  });
  app.get("/enkater/:id/lista.xlsx", { config: page, schema: { hide: true, params: idParams, querystring: listPeriodQuery } }, async (request, reply) => {
    const list = await contractorList(request);
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("cache-control", "no-store")
      .header("content-disposition", 'attachment; filename="arendelista.xlsx"')
      .send(await xlsxOf(request.t("surveys.list_title"), list.headers, list.rows));
  });
}

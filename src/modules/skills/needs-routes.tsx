import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { handleFormPost, idParams } from "../../platform/http/forms.js";
import { operationContext, requestScope } from "../../platform/http/operation.js";
import { pageContext, privateHeaders, sendPage } from "../../platform/http/render.js";
import { needsCsv } from "./needs-csv.js";
import { needRowsMax } from "./needs-form.js";
import * as needs from "./needs-service.js";
import { canSkills } from "./policy.js";
import { needsAnswerInput, needsQuery, needsRoundInput } from "./schemas.js";
import { NeedsPage } from "./views/needs.js";
import { NeedsAnswerPage, VisitNeedsPage } from "./views/needs-form.js";

const tokenParams = z.object({ token: z.string().max(200) });

/** The rows' field names in the reader's words, for the error summary: "Yrke, rad 3". */
const needLabels = (request: FastifyRequest): Record<string, string> => ({
  closes_on: request.t("skills.needs_closes_on"),
  no_need: request.t("skills.field.no_need"),
  ...Object.fromEntries(
    Array.from({ length: needRowsMax }, (_, index) => [
      [`occupation_${index + 1}`, request.t("skills.needs_occupation", { row: index + 1 })],
      [`people_${index + 1}`, request.t("skills.needs_people_row", { row: index + 1 })],
    ]).flat(),
  ),
});

/** Skills needs: the figures and the year's sending for staff, the part of a visit's report, and the company's answer page. */
export async function needsRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const links = (request: FastifyRequest) => ({
    base: services.linkBase(request.municipality!),
    municipality: request.municipality?.name ?? "",
    secret: services.secret,
  });

  const showNeeds = async (request: FastifyRequest, reply: FastifyReply, year: number | undefined, problems?: FieldProblem[], status = 200) => {
    const ctx = ctxOf(request);
    const overview = await needs.needsOverview(ctx, year);
    return sendPage(
      reply,
      <NeedsPage
        ctx={pageContext(request, services.secret)}
        overview={overview}
        seekers={canSkills(ctx.actor, "skills.seekers")}
        {...formState(request, problems, needLabels(request))}
      />,
      status,
    );
  };
  app.get("/kompetens/behov", { config: page, schema: { hide: true, querystring: needsQuery } }, async (request, reply) =>
    showNeeds(request, reply, request.query.ar),
  );
  app.get("/kompetens/behov.csv", { config: page, schema: { hide: true, querystring: needsQuery } }, async (request, reply) => {
    const overview = await needs.needsOverview(ctxOf(request), request.query.ar);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="kompetensbehov-${overview.year}.csv"`)
      .send(needsCsv(overview.figures, request.t));
  });
  // Sending mails every company on the list: it asks first, with how many it will reach.
  const confirmSending = async (request: FastifyRequest) => ({
    title: request.t("skills.needs_confirm_title"),
    text: request.t("skills.needs_recipients", { count: await needs.recipientCount(ctxOf(request)) }),
    button: request.t("skills.needs_send_round"),
    back: "/kompetens/behov",
  });
  app.post(
    "/kompetens/behov/skicka",
    { config: { ...page, confirm: confirmSending }, attachValidation: true, schema: { hide: true, body: needsRoundInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showNeeds(request, reply, undefined, problems, status),
        async () => (await needs.sendNeedsRound(ctxOf(request), request.body.closes_on, links(request)), "/kompetens/behov"),
        "skills.needs_sent_flash",
      ),
  );

  // At a visit --------------------------------------------------------------------------------
  const showVisit = async (request: FastifyRequest, reply: FastifyReply, id: string, problems?: FieldProblem[], status = 200) =>
    sendPage(
      reply,
      <VisitNeedsPage
        ctx={pageContext(request, services.secret)}
        needs={await needs.visitNeeds(ctxOf(request), id)}
        {...formState(request, problems, needLabels(request))}
      />,
      status,
    );
  app.get("/kompetens/behov/besok/:id", { config: { ...page, record: "visit" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showVisit(request, reply, request.params.id),
  );
  app.post(
    "/kompetens/behov/besok/:id",
    { config: { ...page, record: "visit" }, attachValidation: true, schema: { hide: true, params: idParams, body: needsAnswerInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showVisit(request, reply, request.params.id, problems, status),
        async () => (await needs.saveVisitNeeds(ctxOf(request), request.params.id, request.body), `/besok/${request.params.id}`),
      ),
  );

  // The company's own answer, behind its link -----------------------------------------------
  const publicPage = { kind: "page" as const, access: "public" as const };
  const showAnswer = async (request: FastifyRequest, reply: FastifyReply, token: string, problems?: FieldProblem[], status = 200) => {
    const answer = await needs.needsByToken(services.db, requestScope(request), token);
    privateHeaders(reply);
    return sendPage(
      reply,
      <NeedsAnswerPage ctx={pageContext(request, services.secret)} page={answer} token={token} {...formState(request, problems, needLabels(request))} />,
      status,
    );
  };
  app.get("/kompetensbehov/:token", { config: publicPage, schema: { hide: true, params: tokenParams } }, async (request, reply) =>
    showAnswer(request, reply, request.params.token),
  );
  app.post(
    "/kompetensbehov/:token",
    {
      config: { ...publicPage, rateLimit: { max: 20, timeWindow: "10 minutes" } },
      attachValidation: true,
      schema: { hide: true, params: tokenParams, body: needsAnswerInput },
    },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showAnswer(request, reply, request.params.token, problems, status),
        async () => (
          await needs.answerByToken(services.db, requestScope(request), request.params.token, request.body, request.id),
          `/kompetensbehov/${request.params.token}`
        ),
        "skills.needs_thanks",
      ),
  );
}

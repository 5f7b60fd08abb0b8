import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { cookieNames } from "../../platform/http/cookies.js";
import { formProblems, serviceProblems, submittedValues } from "../../platform/http/forms.js";
import { requestScope } from "../../platform/http/operation.js";
import { fieldErrors } from "../../platform/http/problems.js";
import { pageContext, privateHeaders, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import { isMessageKey, translator } from "../../platform/ui/i18n.js";
import { fieldOf } from "./answer-fields.js";
import * as answers from "./answer-service.js";
import { answerInput, tokenParams } from "./schemas.js";
import { AnswerPage } from "./views/answer.js";

/** A private link is tried a few times by a person; many tries are someone guessing. */
const linkRate = { max: 30, timeWindow: "10 minutes" };

/** The business's side of a survey: the answer page behind its private link. */
export async function surveyPublicRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const, access: "public" as const };

  /** The page speaks the invitation's language until the visitor picks one with the language switch. */
  const contextFor = (request: FastifyRequest, view: answers.AnswerView, flash?: string) => {
    const ctx = pageContext(request, services.secret, flash);
    if (request.cookies[cookieNames.lang] || view.language === ctx.lang) {
      return ctx;
    }
    const t = translator(view.language);
    return { ...ctx, lang: view.language, t, flash: request.flash && isMessageKey(request.flash) ? t(request.flash) : undefined };
  };

  const show = async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const view = await answers.answerPage(services.db, requestScope(request), request.params.token);
    const ctx = contextFor(request, view);
    const labels = Object.fromEntries(view.questions.map((question, index) => [fieldOf(question.id), ctx.t("surveys.question_number", { number: index + 1 })]));
    privateHeaders(reply);
    return sendPage(
      reply,
      <AnswerPage
        ctx={ctx}
        view={view}
        token={request.params.token}
        errors={problems ? fieldErrors(problems, ctx.t, labels) : undefined}
        values={problems ? submittedValues(request) : undefined}
      />,
      status,
    );
  };

  app.get("/enkat/:token", { config: { ...page, rateLimit: linkRate }, schema: { hide: true, params: tokenParams } }, async (request, reply) =>
    show(request, reply, undefined, 200),
  );
  app.post(
    "/enkat/:token",
    { config: { ...page, rateLimit: linkRate }, attachValidation: true, schema: { hide: true, params: tokenParams, body: answerInput } },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return show(request, reply, problems, 400);
      }
      const { intent, ...form } = request.body;
      try {
        await answers.saveAnswer(services.db, requestScope(request), request.params.token, form, intent === "send", request.id);
      } catch (error) {
        return show(request, reply, serviceProblems(error), 400);
      }
      privateHeaders(reply);
      return redirectAfterPost(reply, `/enkat/${request.params.token}`, intent === "send" ? "surveys.thanks" : "surveys.saved");
    },
  );
  app.post("/enkat/:token/avsta", { config: { ...page, rateLimit: linkRate }, schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    await answers.decline(services.db, requestScope(request), request.params.token, request.id);
    privateHeaders(reply);
    return redirectAfterPost(reply, `/enkat/${request.params.token}`, "surveys.declined");
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { confirmDelete } from "../../platform/http/confirm.js";
import { formState } from "../../platform/http/form-state.js";
import { handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import * as decisions from "./decision-service.js";
import * as minutes from "./minutes-service.js";
import { canFinishFollowUp } from "./policy.js";
import { councilLabels } from "./routes.js";
import { actionLinkInput, followUpDoneInput, followUpInput, newActionInput } from "./schemas.js";
import { DecisionPage } from "./views/decision.js";

/** A decision's page: the action it points to or creates, and its follow-ups. */
export async function decisionRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const onDecision = { kind: "page" as const, record: "councilDecision" };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const showDecision = async (request: FastifyRequest, reply: FastifyReply, id: string, problems?: FieldProblem[], status = 200) => {
    const ctx = ctxOf(request);
    return sendPage(
      reply,
      <DecisionPage
        ctx={pageContext(request, services.secret)}
        page={await decisions.decisionPage(ctx, id)}
        canFinish={(ownerId) => canFinishFollowUp(ctx.actor, { owner_id: ownerId })}
        {...formState(request, problems, councilLabels(request))}
      />,
      status,
    );
  };
  app.get("/radet/beslut/:id", { config: onDecision, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showDecision(request, reply, request.params.id),
  );

  const decisionForm = <B,>(path: string, body: z.ZodType<B>, act: (request: FastifyRequest, id: string, body: B) => Promise<unknown>, flash?: string) =>
    app.post(
      `/radet/beslut/:id/${path}`,
      { config: onDecision, attachValidation: true, schema: { hide: true, params: idParams, body } },
      async (request, reply) =>
        handleFormPost(
          request,
          reply,
          (problems, status) => showDecision(request, reply, request.params.id, problems, status),
          async () => (await act(request, request.params.id, request.body as B), `/radet/beslut/${request.params.id}`),
          flash,
        ),
    );
  decisionForm("atgard", actionLinkInput, (request, id, body) => decisions.linkAction(ctxOf(request), id, body.action_id), "council.action_saved_flash");
  decisionForm(
    "ny-atgard",
    newActionInput,
    (request, id, body) => decisions.createAction(ctxOf(request), id, body.focus_area_id, body.title),
    "council.action_saved_flash",
  );
  decisionForm("uppfoljningar", followUpInput, (request, id, body) => decisions.addFollowUp(ctxOf(request), id, body));

  app.post(
    "/radet/beslut/:id/ta-bort",
    {
      config: { ...onDecision, confirm: confirmDelete(async (request, id) => (await decisions.decisionPage(ctxOf(request), id)).decision.text.slice(0, 120)) },
      attachValidation: true,
      schema: { hide: true, params: idParams, body: noInput.querystring },
    },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems) => showDecision(request, reply, request.params.id, problems, 409),
        async () => `/radet/moten/${await minutes.removeDecision(ctxOf(request), request.params.id)}/protokoll`,
        "common.deleted",
      ),
  );
  app.post(
    "/radet/uppfoljningar/:id/klar",
    { config: { kind: "page", record: "councilFollowUp" }, attachValidation: true, schema: { hide: true, params: idParams, body: followUpDoneInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        () => reply.code(400).send(),
        async () => `/radet/beslut/${await decisions.finishFollowUp(ctxOf(request), request.params.id, request.body.done)}`,
      ),
  );
}

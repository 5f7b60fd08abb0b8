import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { FieldProblem } from "../errors.js";
import type { AppServices } from "../http/app.js";
import { pageAbove } from "../http/confirm.js";
import { formProblems, handleFormPost, idParams, noInput, serviceProblems } from "../http/forms.js";
import { formState } from "../http/form-state.js";
import { operationContext } from "../http/operation.js";
import { pageContext, redirectAfterPost, sendPage } from "../http/render.js";
import { endpointInput } from "./schemas.js";
import * as webhooks from "./service.js";
import { EndpointPage } from "./views/endpoint.js";
import { WebhooksPage } from "./views/webhooks.js";

/** The administrator's webhook pages: endpoints, their event types and secrets, and every delivery's answer. */
export async function webhookRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const endpointPage = { ...page, record: "webhookEndpoint" };
  const labels = (request: FastifyRequest) => ({
    url: request.t("webhooks.url"),
    description: request.t("webhooks.description"),
    event_types: request.t("webhooks.event_types"),
  });

  const showList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { problems?: FieldProblem[]; created?: { id: string; secret: string } } = {},
  ) => {
    const ctx = operationContext(request, services);
    const state = formState(request, extra.problems, labels(request));
    return sendPage(
      reply,
      <WebhooksPage
        ctx={pageContext(request, services.secret)}
        endpoints={await webhooks.listEndpoints(ctx)}
        catalogue={webhooks.eventCatalogue(ctx)}
        created={extra.created}
        {...state}
      />,
      status,
    );
  };

  const showEndpoint = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    status: number,
    extra: { problems?: FieldProblem[]; secret?: string } = {},
  ) => {
    const ctx = operationContext(request, services);
    const { endpoint, deliveries } = await webhooks.getEndpoint(ctx, id);
    const state = formState(request, extra.problems, labels(request));
    return sendPage(
      reply,
      <EndpointPage
        ctx={pageContext(request, services.secret)}
        endpoint={endpoint}
        deliveries={deliveries}
        catalogue={webhooks.eventCatalogue(ctx)}
        secret={extra.secret}
        {...state}
      />,
      status,
    );
  };

  // A confirmation names the endpoint, read in the municipality's scope: another's is a 404 before anything is asked.
  const endpointUrl = (request: FastifyRequest) => webhooks.endpointUrl(operationContext(request, services), (request.params as { id: string }).id);

  app.get("/admin/webhooks", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showList(request, reply, 200));

  app.post("/admin/webhooks/ny", { config: page, attachValidation: true, schema: { hide: true, body: endpointInput } }, async (request, reply) => {
    const problems = formProblems(request);
    if (problems) {
      return showList(request, reply, 400, { problems });
    }
    try {
      // The secret is shown on this answer only: it is stored for signing and never shown again.
      const created = await webhooks.createEndpoint(operationContext(request, services), request.body);
      return showList(request, reply, 201, { created });
    } catch (error) {
      return showList(request, reply, 400, { problems: serviceProblems(error) });
    }
  });

  app.get("/admin/webhooks/:id", { config: endpointPage, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showEndpoint(request, reply, request.params.id, 200),
  );

  app.post(
    "/admin/webhooks/:id",
    { config: endpointPage, attachValidation: true, schema: { hide: true, params: idParams, body: endpointInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showEndpoint(request, reply, request.params.id, status, { problems }),
        async () => {
          await webhooks.updateEndpoint(operationContext(request, services), request.params.id, request.body);
          return `/admin/webhooks/${request.params.id}`;
        },
      ),
  );

  const action = (
    path: string,
    run: (request: FastifyRequest<{ Params: { id: string } }>) => Promise<unknown>,
    flash: "webhooks.paused" | "webhooks.resumed" | "webhooks.test_sent",
  ) =>
    app.post(`/admin/webhooks/:id/${path}`, { config: endpointPage, schema: { ...noInput, hide: true, params: idParams } }, async (request, reply) => {
      await run(request);
      return redirectAfterPost(reply, `/admin/webhooks/${request.params.id}`, flash);
    });
  action("pausa", (request) => webhooks.pauseEndpoint(operationContext(request, services), request.params.id), "webhooks.paused");
  action("aterstart", (request) => webhooks.resumeEndpoint(operationContext(request, services), request.params.id), "webhooks.resumed");
  action("test", (request) => webhooks.sendTest(operationContext(request, services), request.params.id), "webhooks.test_sent");

  app.post(
    "/admin/webhooks/:id/hemlighet",
    {
      config: {
        ...endpointPage,
        confirm: async (request) => ({
          title: request.t("webhooks.rotate_confirm_title", { url: await endpointUrl(request) }),
          text: request.t("webhooks.rotate_confirm_text"),
          button: request.t("webhooks.rotate"),
          back: pageAbove(request),
        }),
      },
      schema: { ...noInput, hide: true, params: idParams },
    },
    async (request, reply) => {
      const secret = await webhooks.rotateSecret(operationContext(request, services), request.params.id);
      return showEndpoint(request, reply, request.params.id, 200, { secret });
    },
  );

  app.post(
    "/admin/webhooks/:id/ta-bort",
    {
      config: {
        ...endpointPage,
        confirm: async (request) => ({
          title: request.t("webhooks.delete_confirm_title", { url: await endpointUrl(request) }),
          text: request.t("webhooks.delete_confirm_text"),
          button: request.t("webhooks.delete"),
          back: pageAbove(request),
        }),
      },
      schema: { ...noInput, hide: true, params: idParams },
    },
    async (request, reply) => {
      await webhooks.deleteEndpoint(operationContext(request, services), request.params.id);
      return redirectAfterPost(reply, "/admin/webhooks", "webhooks.deleted");
    },
  );

  app.post(
    "/admin/webhookleveranser/:id/igen",
    { config: { ...page, record: "webhookDelivery" }, schema: { ...noInput, hide: true, params: idParams } },
    async (request, reply) => {
      const endpointId = await webhooks.redeliver(operationContext(request, services), request.params.id);
      return redirectAfterPost(reply, `/admin/webhooks/${endpointId}`, "webhooks.sent_again");
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { FieldProblem } from "../errors.js";
import type { AppServices } from "../http/app.js";
import { formState } from "../http/form-state.js";
import { handleFormPost, idParams, noInput } from "../http/forms.js";
import { operationContext } from "../http/operation.js";
import { pageContext, sendPage } from "../http/render.js";
import { municipalityAddInput, municipalityConfigInput } from "./schemas.js";
import * as installation from "./installation-service.js";
import { MunicipalitiesPage, MunicipalityPage } from "./views/municipalities.js";

/** The installation's municipalities, for a system administrator: add one, set each one's own. */
export async function installationRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const labels = (request: FastifyRequest): Record<string, string> => ({
    kommunkod: request.t("system.kommun"),
    hosts: request.t("settings.hosts"),
    region_id: request.t("system.region"),
    mail_from: request.t("system.mail_from"),
    smtp_url: request.t("system.smtp_url"),
    smtp_reset: request.t("system.smtp_reset"),
    brand_colour: request.t("settings.brand_colour"),
  });

  const showList = async (request: FastifyRequest, reply: FastifyReply, problems?: FieldProblem[], status = 200) =>
    sendPage(
      reply,
      <MunicipalitiesPage
        ctx={pageContext(request, services.secret)}
        overview={await installation.installationOverview(ctxOf(request))}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  app.get("/system/kommuner", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showList(request, reply));
  app.post("/system/kommuner", { config: page, attachValidation: true, schema: { hide: true, body: municipalityAddInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showList(request, reply, problems, status),
      async () => {
        const id = await installation.addFromWeb(ctxOf(request), request.body);
        services.tenants.invalidate();
        return `/system/kommuner/${id}`;
      },
    ),
  );

  const showOne = async (request: FastifyRequest, reply: FastifyReply, id: string, problems?: FieldProblem[], status = 200) =>
    sendPage(
      reply,
      <MunicipalityPage
        ctx={pageContext(request, services.secret)}
        municipality={await installation.findForSystem(ctxOf(request), id)}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  app.get("/system/kommuner/:id", { config: { ...page, record: "municipality" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showOne(request, reply, request.params.id),
  );
  app.post(
    "/system/kommuner/:id",
    { config: { ...page, record: "municipality" }, attachValidation: true, schema: { hide: true, params: idParams, body: municipalityConfigInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showOne(request, reply, request.params.id, problems, status),
        async () => {
          await installation.configure(ctxOf(request), request.params.id, request.body, services.secret);
          services.tenants.invalidate();
          return `/system/kommuner/${request.params.id}`;
        },
      ),
  );
}

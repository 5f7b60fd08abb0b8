import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../http/app.js";
import { handleFormPost, noInput } from "../http/forms.js";
import { formState } from "../http/form-state.js";
import { operationContext, requestScope } from "../http/operation.js";
import { pageContext, sendPage } from "../http/render.js";
import { uploadedFiles } from "../http/uploads.js";
import { NotFoundError, type FieldProblem } from "../errors.js";
import { logoMaxBytes, logoOf, removeLogo, saveLogo } from "./logo-service.js";
import { SettingsPage } from "./views/settings.js";

/** The municipality's logo: saved and removed on the settings page, served to anyone by the version the pages name. */
export async function logoRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const csrfOnly = noInput.querystring;
  const showSettings = (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[], status: number) => {
    if (!request.municipality) {
      throw new NotFoundError();
    }
    return sendPage(
      reply,
      // The logo's own problems; the settings form above it keeps what is saved.
      <SettingsPage
        ctx={pageContext(request, services.secret)}
        municipality={request.municipality}
        logoErrors={formState(request, problems, { logo: request.t("settings.logo") }).errors}
      />,
      status,
    );
  };

  app.post(
    "/admin/installningar/logotyp",
    { config: { ...page, multipart: { files: 2, fileBytes: logoMaxBytes + 1024 } }, attachValidation: true, schema: { hide: true, body: csrfOnly } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showSettings(request, reply, problems, status),
        async () => {
          await saveLogo(operationContext(request, services), uploadedFiles(request, "logo"));
          services.tenants.invalidate();
          return "/admin/installningar";
        },
      ),
  );
  app.post(
    "/admin/installningar/logotyp/ta-bort",
    {
      config: {
        ...page,
        confirm: (request) => ({
          title: request.t("settings.logo_remove_title"),
          text: request.t("settings.logo_remove_text"),
          button: request.t("settings.logo_remove"),
          back: "/admin/installningar",
        }),
      },
      attachValidation: true,
      schema: { hide: true, body: csrfOnly },
    },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showSettings(request, reply, problems, status),
        async () => {
          await removeLogo(operationContext(request, services));
          services.tenants.invalidate();
          return "/admin/installningar";
        },
        "common.deleted",
      ),
  );
  app.get(
    "/kommun/logotyp",
    { config: { access: "public" }, schema: { querystring: z.object({ v: z.string().max(20).optional() }), hide: true } },
    async (request, reply) => {
      const version = request.municipality?.logo_version ?? null;
      if (!version) {
        throw new NotFoundError();
      }
      const logo = await logoOf(services.db, requestScope(request));
      return reply
        .type(logo.content_type)
        .header("cache-control", request.query.v === version ? "public, max-age=31536000, immutable" : "public, max-age=300")
        .send(logo.content);
    },
  );
}

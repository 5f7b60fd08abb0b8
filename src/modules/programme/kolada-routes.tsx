import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { handleFormPost, noInput } from "../../platform/http/forms.js";
import { formState } from "../../platform/http/form-state.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import * as kolada from "./kolada-service.js";
import { canProgramme } from "./policy.js";
import { koladaSettingsInput } from "./schemas.js";
import { KoladaPage } from "./views/kolada.js";

const csrfOnly = z.object({ _csrf: z.string().optional() });

/** Official statistics: the municipality's Kolada settings and the key figures fetched, and fetching now. */
export async function programmeKoladaRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const show = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const t = request.t;
    return sendPage(
      reply,
      <KoladaPage
        ctx={pageContext(request, services.secret)}
        overview={await kolada.koladaOverview(ctx)}
        canManage={canProgramme(ctx.actor, "programme.manage")}
        {...formState(request, problems, {
          base_url: t("programme.kolada_base_url"),
          group_name: t("programme.kolada_group_name"),
          group_codes: t("programme.kolada_group_codes"),
        })}
      />,
      status,
    );
  };
  app.get("/admin/kolada", { config: { kind: "page" }, schema: { ...noInput, hide: true } }, async (request, reply) => show(request, reply, undefined, 200));
  app.post("/admin/kolada", { config: { kind: "page" }, attachValidation: true, schema: { hide: true, body: koladaSettingsInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => show(request, reply, problems, status),
      async () => {
        await kolada.saveKoladaSettings(ctxOf(request), request.body);
        return "/admin/kolada";
      },
    ),
  );
  app.post("/admin/kolada/hamta", { config: { kind: "page" }, schema: { hide: true, body: csrfOnly } }, async (request, reply) => {
    await kolada.requestKoladaFetch(ctxOf(request));
    return redirectAfterPost(reply, "/admin/kolada", "programme.kolada_fetch_flash");
  });
}

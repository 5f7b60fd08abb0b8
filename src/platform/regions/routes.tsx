import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { NotFoundError, type FieldProblem } from "../errors.js";
import type { AppServices } from "../http/app.js";
import { formState } from "../http/form-state.js";
import { formProblems, handleFormPost, idParams, noInput, serviceProblems } from "../http/forms.js";
import { operationContext } from "../http/operation.js";
import { pageContext, redirectAfterPost, sendPage } from "../http/render.js";
import { accountParams, regionalAccountInput, regionSettingsInput } from "./schemas.js";
import * as regions from "./service.js";
import { RegionPage, type RegionForms } from "./views/region.js";

/**
 * A region's page for the installation's administrator, on a member's host: its own hosts and
 * its accounts (add, turn off and on, extract, erase), each change in the region's own log.
 */
export async function regionAdminRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const, record: "region" };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const labels = (request: FastifyRequest) => ({
    hosts: request.t("regions.hosts"),
    contact_email: request.t("regions.contact"),
    name: request.t("account.name"),
    email: request.t("account.email"),
  });
  const show = async (request: FastifyRequest, reply: FastifyReply, id: string, forms: RegionForms = {}, status = 200) =>
    sendPage(reply, <RegionPage ctx={pageContext(request, services.secret)} view={await regions.regionForSystem(ctxOf(request), id)} forms={forms} />, status);
  /** The account named by the path, in the region named by it: 404 when either is not there. */
  const accountOf = async (request: FastifyRequest) => {
    const { id, accountId } = request.params as { id: string; accountId: string };
    const account = (await regions.regionForSystem(ctxOf(request), id)).accounts.find((candidate) => candidate.id === accountId);
    if (!account) {
      throw new NotFoundError();
    }
    return { regionId: id, account };
  };

  app.get("/system/regioner/:id", { config: page, schema: { hide: true, params: idParams, ...noInput } }, async (request, reply) =>
    show(request, reply, request.params.id),
  );

  app.post(
    "/system/regioner/:id",
    { config: page, attachValidation: true, schema: { hide: true, params: idParams, body: regionSettingsInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems?: FieldProblem[], status?: number) =>
          show(request, reply, request.params.id, { hosts: formState(request, problems, labels(request)) }, status),
        async () => {
          const { region } = await regions.regionForSystem(ctxOf(request), request.params.id);
          await regions.setRegionSettings(ctxOf(request), region.id, request.body);
          services.tenants.invalidate();
          return `/system/regioner/${region.id}`;
        },
      ),
  );

  app.post(
    "/system/regioner/:id/konton",
    { config: page, attachValidation: true, schema: { hide: true, params: idParams, body: regionalAccountInput } },
    async (request, reply) => {
      const refuse = (problems: FieldProblem[]) => show(request, reply, request.params.id, { account: formState(request, problems, labels(request)) }, 400);
      const problems = formProblems(request);
      if (problems) {
        return refuse(problems);
      }
      const { region } = await regions.regionForSystem(ctxOf(request), request.params.id);
      try {
        const { account, temporaryPassword } = await regions.createRegionalAccount(ctxOf(request), region.id, request.body);
        // The temporary password is shown on this answer only: never stored where a reload could show it again.
        return show(request, reply, region.id, { added: { name: account.name, password: temporaryPassword ?? "" } }, 201);
      } catch (error) {
        return refuse(serviceProblems(error));
      }
    },
  );

  app.post(
    "/system/regioner/:id/konton/:accountId/aktiv",
    { config: page, schema: { hide: true, params: accountParams, ...noInput } },
    async (request, reply) => {
      const { regionId, account } = await accountOf(request);
      await regions.setRegionalAccountActive(ctxOf(request), regionId, account.id, !account.active);
      return redirectAfterPost(reply, `/system/regioner/${regionId}`, "common.saved");
    },
  );

  app.get(
    "/system/regioner/:id/konton/:accountId/utdrag",
    { config: page, schema: { hide: true, params: accountParams, ...noInput } },
    async (request, reply) => {
      const { regionId, account } = await accountOf(request);
      const extract = await regions.regionalAccountExtract(ctxOf(request), regionId, account.id);
      return reply
        .header("content-disposition", 'attachment; filename="lotsen-regionkonto.json"')
        .header("cache-control", "no-store")
        .type("application/json; charset=utf-8")
        .send(JSON.stringify(extract, null, 2));
    },
  );

  app.post(
    "/system/regioner/:id/konton/:accountId/radera",
    {
      config: {
        ...page,
        confirm: async (request) => {
          const { regionId, account } = await accountOf(request);
          return {
            title: request.t("regions.erase_confirm_title", { name: account.name }),
            text: request.t("regions.erase_confirm_text"),
            button: request.t("regions.erase", { name: account.name }),
            back: `/system/regioner/${regionId}`,
          };
        },
      },
      schema: { hide: true, params: accountParams, ...noInput },
    },
    async (request, reply) => {
      const { regionId, account } = await accountOf(request);
      await regions.eraseRegionalAccount(ctxOf(request), regionId, account.id);
      return redirectAfterPost(reply, `/system/regioner/${regionId}`, "common.saved");
    },
  );
}

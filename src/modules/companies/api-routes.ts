import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { idParams } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { companyHitJson, companyJson, presentCompany, presentHit } from "./presenter.js";
import { searchQuery } from "./schemas.js";
import * as companies from "./service.js";

/** `/api/v1/companies…`: the register searched as its page searches it, and one company, read by token. */
export async function companyApiRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const api = { kind: "api" as const };
  const tags = ["companies"];
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);

  app.get(
    "/api/v1/companies",
    {
      config: api,
      schema: {
        summary: "companies.api.search",
        tags,
        querystring: searchQuery,
        response: {
          200: z.object({
            data: z.array(companyHitJson),
            page: z.number(),
            has_more: z.boolean(),
            mode: z.enum(["words", "similar"]),
            capped_at: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const result = await companies.searchCompanies(ctx, request.query);
      return {
        data: result.hits.map((hit) => presentHit(hit, ctx.actor)),
        page: request.query.page,
        has_more: result.hasMore,
        mode: result.mode,
        capped_at: result.cappedAt,
      };
    },
  );
  app.get(
    "/api/v1/companies/:id",
    { config: { ...api, record: "company" }, schema: { summary: "companies.api.one", tags, params: idParams, response: { 200: companyJson } } },
    async (request) => {
      const ctx = ctxOf(request);
      return presentCompany(await companies.getCompany(ctx, request.params.id), ctx.actor);
    },
  );
}

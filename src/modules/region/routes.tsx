import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import { indicatorSourcesOf } from "../programme/index.js";
import { regionOverview } from "./service.js";
import { RegionPage } from "./views/region.js";

const yearQuery = z.object({ ar: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });

/** The region's page: its members' figures side by side. */
export async function regionRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get("/region", { config: { kind: "page" }, schema: { hide: true, querystring: yearQuery } }, async (request, reply) => {
    const ctx = operationContext(request, services);
    return sendPage(
      reply,
      <RegionPage
        ctx={pageContext(request, services.secret)}
        overview={await regionOverview(ctx, indicatorSourcesOf(ctx), request.query.ar, await services.tenants.all())}
      />,
    );
  });
}

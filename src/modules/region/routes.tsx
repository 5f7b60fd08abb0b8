import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import { ForbiddenError } from "../../platform/errors.js";
import { indicatorSourcesOf } from "../programme/index.js";
import { regionOverview, regionOverviewOf } from "./service.js";
import { RegionPage } from "./views/region.js";

const yearQuery = z.object({ ar: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });

/**
 * The region's page: its members' figures side by side. A regional account reads it on its
 * region's own host; a member's regional analyst on the member's host.
 */
export async function regionRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get("/region", { config: { kind: "page", region: true }, schema: { hide: true, querystring: yearQuery } }, async (request, reply) => {
    const sources = indicatorSourcesOf(services);
    const members = await services.tenants.all();
    const actor = request.actor;
    let overview;
    if (request.region) {
      if (actor?.kind !== "regional") {
        throw new ForbiddenError();
      }
      overview = await regionOverviewOf(services.db, actor, request.region, sources, request.query.ar, members);
    } else {
      overview = await regionOverview(operationContext(request, services), sources, request.query.ar, members);
    }
    return sendPage(reply, <RegionPage ctx={pageContext(request, services.secret)} overview={overview} />);
  });
}

import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { renderToString } from "preact-render-to-string";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import { ForbiddenError } from "../../platform/errors.js";
import { indicatorSourcesOf } from "../programme/index.js";
import { figuresVersion, regionOverviewOf, thisYear } from "./service.js";
import { RegionFigures, RegionPage } from "./views/region.js";

const yearQuery = z.object({ ar: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });

/**
 * The region's page: its members' figures side by side. A regional account reads it on its
 * region's own host; a member's regional analyst on the member's host. The figures change
 * only when the nightly job computes them: their rendering is kept by the figures' version,
 * the year, the language and the members, and only the page's frame is made per request.
 */
export async function regionRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get("/region", { config: { kind: "page", region: true }, schema: { hide: true, querystring: yearQuery } }, async (request, reply) => {
    const actor = request.actor;
    const members = await services.tenants.all();
    const regionId = request.region?.id ?? request.municipality?.region_id;
    const region = regionId ? (await services.tenants.regions()).find((candidate) => candidate.id === regionId) : undefined;
    if (!actor) {
      throw new ForbiddenError();
    }
    const ctx = pageContext(request, services.secret);
    const year = request.query.ar ?? thisYear();
    let figures: string | undefined;
    if (region) {
      const version = await figuresVersion(services.db, actor, region, members);
      const memberNames = members.flatMap((member) => (member.region_id === region.id ? [`${member.id}:${member.name}`] : [])).join(",");
      const key = `region|${region.id}|${year}|${ctx.lang}|${version}|${memberNames}`;
      figures = services.pages.get(key, "");
      if (figures === undefined) {
        const overview = await regionOverviewOf(services.db, actor, region, indicatorSourcesOf(services), year, members);
        figures = renderToString(<RegionFigures t={ctx.t} lang={ctx.lang} overview={overview} />);
        services.pages.remember(key, figures);
      }
    } else {
      figures = renderToString(
        <RegionFigures t={ctx.t} lang={ctx.lang} overview={{ region: null, year, years: [year], members: [], rows: [], sourceLabels: {}, computedAt: null }} />,
      );
    }
    return sendPage(reply, <RegionPage ctx={ctx} figures={figures} />);
  });
}

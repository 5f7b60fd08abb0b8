import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppServices } from "../../platform/http/app.js";
import { idParams, noInput } from "../../platform/http/forms.js";
import { requestScope } from "../../platform/http/operation.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import { jobPosting, jobsFeed } from "./job-posting.js";
import * as openings from "./opening-service.js";
import { publicListQuery } from "./schemas.js";
import { JobPage, JobsPage } from "./views/public.js";

/** The public side of skills supply: open jobs and internships, each with its structured data, and the feed. */
export async function skillsPublicRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const, access: "public" as const };
  const site = (request: Parameters<typeof requestScope>[0]) => ({
    base: services.linkBase(request.municipality!),
    municipality: request.municipality?.name ?? "",
    lang: request.lang,
  });

  app.get("/jobb", { config: page, schema: { hide: true, querystring: publicListQuery } }, async (request, reply) => {
    const { openings: rows, hasNext } = await openings.openOpenings(services.db, requestScope(request), request.query.sida);
    return sendPage(reply, <JobsPage ctx={pageContext(request, services.secret)} openings={rows} page={request.query.sida} hasNext={hasNext} />);
  });
  app.get("/jobb/rss.xml", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const { openings: rows } = await openings.openOpenings(services.db, requestScope(request), 1);
    return reply
      .type("application/rss+xml; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .send(jobsFeed(rows, site(request)));
  });
  app.get("/jobb/:id", { config: { ...page, record: "opening" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const { opening, open } = await openings.publicOpening(services.db, requestScope(request), request.params.id);
    return sendPage(
      reply,
      <JobPage ctx={pageContext(request, services.secret)} opening={opening} open={open} structured={jobPosting(opening, site(request))} />,
    );
  });
}

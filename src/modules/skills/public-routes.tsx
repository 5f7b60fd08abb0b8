import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import { botProblem, formStamp } from "../../platform/http/bot-guard.js";
import { formState } from "../../platform/http/form-state.js";
import { formProblems, serviceProblems } from "../../platform/http/forms.js";
import { privateHeaders, redirectAfterPost } from "../../platform/http/render.js";
import { postingByToken, postOpening, verifyPosting } from "./posting-service.js";
import { skillsLabels } from "./routes.js";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppServices } from "../../platform/http/app.js";
import { idParams, noInput } from "../../platform/http/forms.js";
import { requestScope } from "../../platform/http/operation.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import { jobPosting, jobsFeed } from "./job-posting.js";
import * as openings from "./opening-service.js";
import { postingInput, publicListQuery } from "./schemas.js";
import { JobPage, JobsPage, PostOpeningPage, VerifyPostingPage } from "./views/public.js";

const tokenParams = z.object({ token: z.string().max(200) });
const doneQuery = z.object({ klart: z.enum(["1", "bekraftad"]).optional().catch(undefined) });

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
  // A business posts an opening ------------------------------------------------------------
  const showPost = async (
    request: FastifyRequest,
    reply: FastifyReply,
    done: "sent" | "verified" | null,
    problems: FieldProblem[] | undefined,
    status: number,
  ) =>
    sendPage(
      reply,
      <PostOpeningPage
        ctx={pageContext(request, services.secret)}
        stamp={formStamp(services.secret)}
        done={done}
        {...formState(request, problems, skillsLabels(request))}
      />,
      status,
    );
  app.get("/jobb/annonsera", { config: page, schema: { hide: true, querystring: doneQuery } }, async (request, reply) =>
    showPost(request, reply, request.query.klart === "1" ? "sent" : request.query.klart === "bekraftad" ? "verified" : null, undefined, 200),
  );
  app.post(
    "/jobb/annonsera",
    { config: { ...page, rateLimit: { max: 10, timeWindow: "10 minutes" } }, attachValidation: true, schema: { hide: true, body: postingInput } },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return showPost(request, reply, null, problems, 400);
      }
      // A bot fills in the field people never see: it is answered as if it had worked. A post
      // faster than a person fills in the form is shown the form again.
      const bot = botProblem(services.secret, request.body);
      if (bot && (request.body.website ?? "") === "") {
        return showPost(request, reply, null, [bot], 400);
      }
      if (!bot) {
        try {
          const { website: _website, started: _started, consent: _consent, ...opening } = request.body;
          await postOpening(services.db, requestScope(request), opening, request.lang, { ...site(request), secret: services.secret }, request.id);
        } catch (error) {
          return showPost(request, reply, null, serviceProblems(error), 400);
        }
      }
      return redirectAfterPost(reply, "/jobb/annonsera?klart=1");
    },
  );
  app.get("/jobb/bekrafta/:token", { config: page, schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const opening = await postingByToken(services.db, requestScope(request), request.params.token);
    privateHeaders(reply);
    return sendPage(reply, <VerifyPostingPage ctx={pageContext(request, services.secret)} opening={opening} token={request.params.token} />);
  });
  app.post(
    "/jobb/bekrafta/:token",
    { config: { ...page, rateLimit: { max: 20, timeWindow: "10 minutes" } }, schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      await verifyPosting(services.db, requestScope(request), request.params.token, request.id);
      return redirectAfterPost(reply, "/jobb/annonsera?klart=bekraftad");
    },
  );

  app.get("/jobb/:id", { config: { ...page, record: "opening" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const { opening, open } = await openings.publicOpening(services.db, requestScope(request), request.params.id);
    return sendPage(
      reply,
      <JobPage ctx={pageContext(request, services.secret)} opening={opening} open={open} structured={jobPosting(opening, site(request))} />,
    );
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { formPages } from "../../platform/http/form-pages.js";
import { handleFormPost, idParams, noInput, serviceProblems } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { htmlBytes, pageContext, redirectAfterPost, sendKeptContentPage, sendPage } from "../../platform/http/render.js";
import * as matching from "./match-service.js";
import * as openings from "./opening-service.js";
import * as outcomes from "./outcome-service.js";
import { canSkills, type SkillsAction } from "./policy.js";
import { followUpInput, openingInput, openingsQuery, proposeInput, seekerInput, seekersQuery, shortlistQuery, stepInput } from "./schemas.js";
import * as seekers from "./seeker-service.js";
import { SeekerMatchesPage, ShortlistContent, shortlistTitle } from "./views/matches.js";
import { OpeningPage, OpeningsPage } from "./views/openings.js";
import { EmployerProfilePage } from "./views/profile.js";
import { SeekerFormPage, SeekerPage, SeekersPage } from "./views/seekers.js";
import { MadeOnce } from "../../platform/http/made-once.js";

/** Field names in the reader's words, for the error summary. */
export const skillsLabels = (request: FastifyRequest): Record<string, string> =>
  Object.fromEntries(
    [
      ...["kind", "title", "description", "occupation", "must_skills", "wanted_skills", "languages", "licences", "extent", "duration", "starts_on"],
      ...["apply_by", "places", "workplace_address", "workplace_municipality", "org_number", "employer", "contact_name", "contact_email", "contact_phone"],
      ...["name", "email", "phone", "personal_number", "occupations", "skills", "available_from", "support", "notes", "officer_id", "status"],
      ...["lawful_basis", "basis_source", "consent", "seeker_id", "opening_id", "follow_up", "ends_on"],
    ].map((field) => [field, request.t(`skills.field.${field}` as Parameters<typeof request.t>[0])]),
  );

/** Staff's skills supply: openings, job seekers, matching both ways and introductions. */
export async function skillsRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const can = (request: FastifyRequest, action: SkillsAction) => request.actor !== null && canSkills(request.actor, action);
  const state = (request: FastifyRequest, problems: FieldProblem[] | undefined) => formState(request, problems, skillsLabels(request));
  // A shortlist's content, once per kept shortlist, language and reader (its forms carry the reader's token).
  const renderedShortlists = new MadeOnce<matching.Shortlist, Buffer>(32);

  app.get("/kompetens", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    ctxOf(request);
    return reply.code(303).redirect("/kompetens/annonser");
  });

  // Openings ------------------------------------------------------------------------------
  app.get("/kompetens/annonser", { config: page, schema: { hide: true, querystring: openingsQuery } }, async (request, reply) => {
    const status = request.query.status ?? null;
    const { openings: rows, hasNext } = await openings.listOpenings(ctxOf(request), status, request.query.sida);
    return sendPage(
      reply,
      <OpeningsPage
        ctx={pageContext(request, services.secret)}
        openings={rows}
        status={status}
        page={request.query.sida}
        hasNext={hasNext}
        canWrite={can(request, "skills.openings.write")}
        seekers={can(request, "skills.seekers")}
      />,
    );
  });
  const showOpening = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const detail = id ? await openings.getOpening(ctx, id) : (openings.assertWrite(ctx), null);
    return sendPage(
      reply,
      <OpeningPage
        ctx={pageContext(request, services.secret)}
        opening={detail?.opening ?? null}
        introductions={detail?.introductions ?? []}
        canWrite={can(request, "skills.openings.write")}
        seekers={can(request, "skills.seekers")}
        {...state(request, problems)}
      />,
      status,
    );
  };
  formPages(app, {
    path: "/kompetens/annonser",
    record: "opening",
    body: openingInput,
    show: showOpening,
    done: (id) => `/kompetens/annonser/${id}`,
    deleted: "/kompetens/annonser",
    create: (request, body) => openings.createOpening(ctxOf(request), body),
    update: (request, id, body) => openings.updateOpening(ctxOf(request), id, body),
    remove: (request, id) => openings.deleteOpening(ctxOf(request), id),
    named: async (request, id) => (await openings.getOpening(ctxOf(request), id)).opening.title,
  });
  for (const [segment, to] of [
    ["publicera", "published"],
    ["stang", "closed"],
  ] as const) {
    // Publishing puts the opening before the public, feeds and job boards: it asks first. Closing is undone by publishing again.
    const confirm =
      to === "published"
        ? async (request: FastifyRequest) => {
            const { id } = request.params as { id: string };
            const { opening } = await openings.getOpening(ctxOf(request), id);
            return {
              title: request.t("skills.publish_confirm_title", { title: opening.title }),
              text: request.t("skills.publish_confirm_text"),
              button: request.t("skills.publish"),
              back: `/kompetens/annonser/${id}`,
            };
          }
        : undefined;
    app.post(
      `/kompetens/annonser/:id/${segment}`,
      { config: { ...page, record: "opening", confirm }, schema: { hide: true, params: idParams } },
      async (request, reply) =>
        handleFormPost(
          request,
          reply,
          (problems, status) => showOpening(request, reply, request.params.id, problems, status),
          async () => (await openings.setStatus(ctxOf(request), request.params.id, to), `/kompetens/annonser/${request.params.id}`),
          to === "published" ? "skills.published" : "skills.closed",
        ),
    );
  }
  app.get(
    "/kompetens/annonser/:id/matchning",
    { config: { ...page, record: "opening" }, schema: { hide: true, params: idParams, querystring: shortlistQuery } },
    async (request, reply) => {
      const shortlist = await matching.shortlistForOpening(ctxOf(request), request.params.id, request.query);
      const ctx = pageContext(request, services.secret);
      // The service keeps a shortlist per opening and filter until it changes: its content is made once per language and reader.
      const content = renderedShortlists.get(shortlist, `${ctx.lang}|${ctx.csrfToken}`, () =>
        htmlBytes(<ShortlistContent ctx={ctx} shortlist={shortlist} filter={request.query} />),
      );
      return sendKeptContentPage(reply, { ctx, title: shortlistTitle(ctx, shortlist) }, content);
    },
  );

  // Job seekers -------------------------------------------------------------------------------
  app.get("/kompetens/arbetssokande", { config: page, schema: { hide: true, querystring: seekersQuery } }, async (request, reply) => {
    const filter = { status: request.query.status ?? null, mine: request.query.mine };
    const { seekers: rows, hasNext, officers } = await seekers.listSeekers(ctxOf(request), filter, request.query.sida);
    return sendPage(
      reply,
      <SeekersPage
        ctx={pageContext(request, services.secret)}
        seekers={rows}
        officers={officers}
        filter={filter}
        page={request.query.sida}
        hasNext={hasNext}
      />,
    );
  });
  const showSeekerForm = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    // Opening the form, or showing it again after a failed post, is a read of the record: logged.
    const seeker = id ? (await seekers.getSeeker(ctx, id, "form")).seeker : null;
    return sendPage(
      reply,
      <SeekerFormPage ctx={pageContext(request, services.secret)} seeker={seeker} officers={await seekers.officerChoices(ctx)} {...state(request, problems)} />,
      status,
    );
  };
  formPages(app, {
    path: "/kompetens/arbetssokande",
    record: "seeker",
    edit: "redigera",
    body: seekerInput,
    show: showSeekerForm,
    done: (id) => `/kompetens/arbetssokande/${id}`,
    create: (request, body) => seekers.createSeeker(ctxOf(request), body),
    update: (request, id, body) => seekers.updateSeeker(ctxOf(request), id, body),
  });
  const showSeeker = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: { id: string; problems: FieldProblem[] }) =>
    sendPage(
      reply,
      <SeekerPage
        ctx={pageContext(request, services.secret)}
        detail={await seekers.getSeeker(ctxOf(request), id)}
        failed={failed ? { id: failed.id, errors: state(request, failed.problems).errors } : undefined}
      />,
      failed ? 400 : 200,
    );
  app.get("/kompetens/arbetssokande/:id", { config: { ...page, record: "seeker" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showSeeker(request, reply, request.params.id),
  );
  app.get(
    "/kompetens/arbetssokande/:id/matchning",
    { config: { ...page, record: "seeker" }, schema: { hide: true, params: idParams, querystring: shortlistQuery } },
    async (request, reply) => {
      const matches = await matching.matchesForSeeker(ctxOf(request), request.params.id, request.query);
      return sendPage(reply, <SeekerMatchesPage ctx={pageContext(request, services.secret)} matches={matches} filter={request.query} />);
    },
  );

  // Introductions ----------------------------------------------------------------------------
  // The proposal's fields are hidden but for the consent: a malformed one is a bad request, and
  // what the service refuses (a requirement missing, no place left) shows on the seeker's matches.
  app.post("/kompetens/formedlingar", { config: page, schema: { hide: true, body: proposeInput } }, async (request, reply) => {
    try {
      await matching.propose(ctxOf(request), request.body);
    } catch (error) {
      const problems = serviceProblems(error);
      const filter = { alla: false, plats: false, i_tid: false };
      const matches = await matching.matchesForSeeker(ctxOf(request), request.body.seeker_id, filter);
      return sendPage(
        reply,
        <SeekerMatchesPage ctx={pageContext(request, services.secret)} matches={matches} filter={filter} errors={state(request, problems).errors} />,
        409,
      );
    }
    return redirectAfterPost(reply, `/kompetens/arbetssokande/${request.body.seeker_id}`, "skills.proposed");
  });
  // An introduction's step and its follow-up post from the seeker's page, and fail back to it.
  const introductionPost = <Body,>(path: string, body: z.ZodType<Body>, act: (request: FastifyRequest, id: string, body: Body) => Promise<unknown>) =>
    app.post(
      path,
      { config: { ...page, record: "introduction" }, attachValidation: true, schema: { hide: true, params: idParams, body } },
      async (request, reply) => {
        // Another municipality's introduction is a 404 before anything of the post is read.
        const seekerId = await matching.seekerOfIntroduction(ctxOf(request), request.params.id);
        return handleFormPost(
          request,
          reply,
          (problems) => showSeeker(request, reply, seekerId, { id: request.params.id, problems }),
          async () => (await act(request, request.params.id, request.body as Body), `/kompetens/arbetssokande/${seekerId}`),
        );
      },
    );
  introductionPost("/kompetens/formedlingar/:id", stepInput, (request, id, body) => matching.step(ctxOf(request), id, body));
  introductionPost("/kompetens/formedlingar/:id/uppfoljning", followUpInput, (request, id, body) => outcomes.recordFollowUp(ctxOf(request), id, body));
  app.get(
    "/kompetens/formedlingar/:id/profil",
    { config: { ...page, record: "introduction" }, schema: { hide: true, params: idParams } },
    async (request, reply) =>
      sendPage(
        reply,
        <EmployerProfilePage ctx={pageContext(request, services.secret)} profile={await matching.employerProfile(ctxOf(request), request.params.id)} />,
      ),
  );
}

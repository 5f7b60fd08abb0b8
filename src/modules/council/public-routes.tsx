import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { requestScope } from "../../platform/http/operation.js";
import { pageContext, privateHeaders, sendPage } from "../../platform/http/render.js";
import { minutesFeed } from "./feed.js";
import * as invitations from "./invitation-service.js";
import * as minutes from "./minutes-service.js";
import * as published from "./public-service.js";
import { answerInput } from "./schemas.js";
import { ApprovalPage, InvitationPage, PublicCouncilPage, PublicMinutesPage } from "./views/public.js";

const tokenParams = z.object({ token: z.string().max(200) });
const documentParams = tokenParams.extend({ documentId: z.string().max(100) });
const csrfOnly = z.object({ _csrf: z.string().optional() });

/** The council's public pages (the approved minutes and their feed) and the members' own links (invitation, approval). */
export async function councilPublicRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const, access: "public" as const };
  const labels = (request: FastifyRequest) => ({ answer: request.t("council.field.answer") });

  app.get("/naringslivsradet", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      <PublicCouncilPage ctx={pageContext(request, services.secret)} minutes={await published.publishedMinutes(services.db, requestScope(request))} />,
    ),
  );
  app.get("/naringslivsradet/flode.xml", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const rows = await published.publishedMinutes(services.db, requestScope(request), 30);
    return reply
      .type("application/rss+xml; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .send(minutesFeed({ base: services.linkBase(request.municipality!), municipality: request.municipality?.name ?? "" }, rows));
  });
  app.get("/naringslivsradet/:id", { config: { ...page, record: "councilMeeting" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    sendPage(
      reply,
      <PublicMinutesPage
        ctx={pageContext(request, services.secret)}
        minutes={await published.publishedMeeting(services.db, requestScope(request), request.params.id)}
      />,
    ),
  );

  // A member's invitation: the agenda, its documents, and the answer --------------------------
  const showInvitation = async (request: FastifyRequest, reply: FastifyReply, token: string, problems?: FieldProblem[], status = 200) => {
    const invitation = await invitations.invitationByToken(services.db, requestScope(request), token);
    privateHeaders(reply);
    return sendPage(
      reply,
      <InvitationPage ctx={pageContext(request, services.secret)} page={invitation} token={token} {...formState(request, problems, labels(request))} />,
      status,
    );
  };
  app.get("/radet/kallelse/:token", { config: page, schema: { hide: true, params: tokenParams } }, async (request, reply) =>
    showInvitation(request, reply, request.params.token),
  );
  app.post(
    "/radet/kallelse/:token",
    {
      config: { ...page, rateLimit: { max: 20, timeWindow: "10 minutes" } },
      attachValidation: true,
      schema: { hide: true, params: tokenParams, body: answerInput },
    },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showInvitation(request, reply, request.params.token, problems, status),
        async () => (
          await invitations.answerByToken(services.db, requestScope(request), request.params.token, request.body.answer, request.id),
          `/radet/kallelse/${request.params.token}`
        ),
        "council.answer_flash",
      ),
  );
  app.get("/radet/kallelse/:token/dokument/:documentId", { config: page, schema: { hide: true, params: documentParams } }, async (request, reply) => {
    const document = await invitations.documentByToken(services.db, requestScope(request), request.params.token, request.params.documentId);
    privateHeaders(reply);
    return reply
      .type(document.content_type)
      .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(document.filename)}`)
      .send(document.content);
  });

  // The chair's and the adjuster's approval ------------------------------------------------
  const showApproval = async (request: FastifyRequest, reply: FastifyReply, token: string, problems?: FieldProblem[], status = 200) => {
    const approval = await minutes.approvalByToken(services.db, requestScope(request), token);
    privateHeaders(reply);
    return sendPage(
      reply,
      <ApprovalPage ctx={pageContext(request, services.secret)} page={approval} token={token} {...formState(request, problems, {})} />,
      status,
    );
  };
  app.get("/radet/justera/:token", { config: page, schema: { hide: true, params: tokenParams } }, async (request, reply) =>
    showApproval(request, reply, request.params.token),
  );
  app.post(
    "/radet/justera/:token",
    {
      config: { ...page, rateLimit: { max: 20, timeWindow: "10 minutes" } },
      attachValidation: true,
      schema: { hide: true, params: tokenParams, body: csrfOnly },
    },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showApproval(request, reply, request.params.token, problems, status),
        async () => (await minutes.approve(services.db, requestScope(request), request.params.token, request.id), `/radet/justera/${request.params.token}`),
        "council.approved_flash",
      ),
  );
}

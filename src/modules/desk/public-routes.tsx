import { requestScope } from "../../platform/http/operation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { formProblems, noInput } from "../../platform/http/forms.js";
import { pageContext, privateHeaders, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import { uploadedFiles, type MultipartLimits } from "../../platform/http/uploads.js";
import { checkFiles, maxFileBytes, maxFiles } from "./attachments.js";
import { replyAsBusiness } from "./handling-service.js";
import { businessReplyInput, publicCaseInput } from "./schemas.js";
import * as desk from "./service.js";
import { botProblem, formStamp } from "../../platform/http/bot-guard.js";
import { PublicFormPage, StatusPage } from "./views/public.js";

/** A desk form's files: a few more than a case takes, so the form can say there were too many. */
export const deskUploads: MultipartLimits = { files: maxFiles * 2, fileBytes: maxFileBytes };

/** The files this request's multipart form posted under `files`, checked by content. */
export function checkPostedFiles(request: FastifyRequest) {
  return checkFiles(uploadedFiles(request, "files"), "files");
}

/** Links in mail point to the municipality's configured host, never to the request's `Host`. */
export function deskLinks(request: FastifyRequest, services: AppServices): desk.DeskLinks {
  return { base: services.linkBase(request.municipality!), municipality: request.municipality?.name ?? "", secret: services.secret };
}

export const deskLabels = (request: FastifyRequest): Record<string, string> => ({
  org_number: request.t("desk.org_number"),
  company_name: request.t("desk.company_name"),
  name: request.t("desk.name"),
  email: request.t("desk.email"),
  phone: request.t("desk.phone"),
  category_id: request.t("desk.category"),
  subject: request.t("desk.subject"),
  description: request.t("desk.description"),
  files: request.t("desk.files"),
  consent: request.t("desk.consent_field"),
  body: request.t("desk.message_field"),
  channel: request.t("desk.channel_label"),
  priority: request.t("desk.priority"),
  language: request.t("desk.language"),
});

const tokenParams = z.object({ token: z.string().max(100) });
const fileParams = z.object({ token: z.string().max(100), fileId: z.string().max(100) });
const statusQuery = z.object({ ny: z.string().max(5).optional().catch(undefined) });

/** The business's side: the public form, the receipt, the private status page with its reply and files. */
export async function deskPublicRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const, access: "public" as const };

  const showForm = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const scope = requestScope(request);
    const { categories, consent } = await desk.publicFormChoices(services.db, scope);
    return sendPage(
      reply,
      <PublicFormPage
        ctx={pageContext(request, services.secret)}
        categories={categories}
        consent={consent[request.lang]}
        stamp={formStamp(services.secret)}
        {...formState(request, problems, deskLabels(request))}
      />,
      status,
    );
  };
  app.get("/foretagslots", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showForm(request, reply, undefined, 200));
  app.post(
    "/foretagslots",
    {
      config: { ...page, multipart: deskUploads, rateLimit: { max: 10, timeWindow: "10 minutes" } },
      attachValidation: true,
      schema: { hide: true, body: publicCaseInput },
    },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return showForm(request, reply, problems, 400);
      }
      const bot = botProblem(services.secret, request.body);
      if (bot) {
        return showForm(request, reply, [bot], 400);
      }
      const checked = await checkPostedFiles(request);
      if (checked.problems.length > 0) {
        return showForm(request, reply, checked.problems, 400);
      }
      const { statusUrl } = await desk.submitPublicCase(
        services.db,
        requestScope(request),
        request.body,
        checked.files,
        request.lang,
        deskLinks(request, services),
        request.id,
      );
      return redirectAfterPost(reply, `${new URL(statusUrl).pathname}?ny=1`, "desk.received_flash");
    },
  );

  const showStatus = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    fresh: boolean,
    problems: FieldProblem[] | undefined,
    status: number,
  ) => {
    const view = await desk.getStatus(services.db, requestScope(request), token);
    privateHeaders(reply);
    return sendPage(
      reply,
      <StatusPage
        ctx={pageContext(request, services.secret)}
        status={view}
        token={token}
        fresh={fresh}
        {...formState(request, problems, deskLabels(request))}
      />,
      status,
    );
  };
  app.get("/foretagslots/status/:token", { config: page, schema: { hide: true, params: tokenParams, querystring: statusQuery } }, async (request, reply) =>
    showStatus(request, reply, request.params.token, request.query.ny === "1", undefined, 200),
  );
  app.post(
    "/foretagslots/status/:token/svar",
    {
      config: { ...page, multipart: deskUploads, rateLimit: { max: 20, timeWindow: "10 minutes" } },
      attachValidation: true,
      schema: { hide: true, params: tokenParams, body: businessReplyInput },
    },
    async (request, reply) => {
      const scope = requestScope(request);
      await desk.getStatus(services.db, scope, request.params.token);
      const problems = formProblems(request);
      if (problems) {
        return showStatus(request, reply, request.params.token, false, problems, 400);
      }
      const checked = await checkPostedFiles(request);
      if (checked.problems.length > 0) {
        return showStatus(request, reply, request.params.token, false, checked.problems, 400);
      }
      await replyAsBusiness(services.db, scope, request.params.token, request.body.body, checked.files, services.linkBase(request.municipality!), request.id);
      privateHeaders(reply);
      return redirectAfterPost(reply, `/foretagslots/status/${request.params.token}`, "desk.reply_sent_flash");
    },
  );
  app.get("/foretagslots/status/:token/filer/:fileId", { config: page, schema: { hide: true, params: fileParams } }, async (request, reply) => {
    const file = await desk.getStatusAttachment(services.db, requestScope(request), request.params.token, request.params.fileId);
    privateHeaders(reply);
    return sendFile(reply, file);
  });
}

/** A stored file as a download: its checked type, never rendered inline. */
export function sendFile(reply: FastifyReply, file: { filename: string; content_type: string; content: Buffer }): FastifyReply {
  return reply
    .type(file.content_type)
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .send(file.content);
}

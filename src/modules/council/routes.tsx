import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ValidationError, type FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { checkFiles } from "../../platform/files.js";
import { confirmDelete } from "../../platform/http/confirm.js";
import { formState } from "../../platform/http/form-state.js";
import { childFormPages, formPages } from "../../platform/http/form-pages.js";
import { handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, privateHeaders, sendPage } from "../../platform/http/render.js";
import { uploadedFiles, uploadLimitBytes, type MultipartLimits } from "../../platform/http/uploads.js";
import * as invitations from "./invitation-service.js";
import * as meetings from "./meeting-service.js";
import * as members from "./member-service.js";
import { canCouncil } from "./policy.js";
import { endTermInput, itemInput, meetingInput, memberFormInput, moveInput, staffAnswerInput, termInput } from "./schemas.js";
import { ItemFormPage } from "./views/agenda.js";
import { CouncilPage, MeetingFormPage, MeetingPage } from "./views/meetings.js";
import { MemberFormPage, MemberPage, MembersPage } from "./views/members.js";

const maxDocuments = 10;
const documentUploads: MultipartLimits = { files: maxDocuments * 2, fileBytes: uploadLimitBytes };
const csrfOnly = noInput.querystring;

/** The words of the council's form fields, for the error summary. */
export function councilLabels(request: FastifyRequest): Record<string, string> {
  const fields = [
    "name",
    "email",
    "phone",
    "organisation",
    "org_number",
    "lawful_basis",
    "basis_source",
    "role",
    "starts_on",
    "ends_on",
    "title",
    "date",
    "start_time",
    "end_time",
    "place",
    "video_url",
    "presenter",
    "description",
    "public",
    "documents",
    "minutes",
    "decision",
    "present",
    "adjuster",
    "answer",
    "reason",
    "action",
    "focus_area",
    "owner",
    "due_on",
  ] as const;
  return {
    ...Object.fromEntries(fields.map((field) => [field, request.t(`council.field.${field}`)])),
    files: request.t("council.field.documents"),
    text: request.t("council.field.decision"),
    adjuster_id: request.t("council.field.adjuster"),
    member_id: request.t("council.member"),
    action_id: request.t("council.field.action"),
    focus_area_id: request.t("council.field.focus_area"),
    owner_id: request.t("council.field.owner"),
  };
}

/** Links in mail point to the municipality's configured host, never to the request's `Host`. */
export const councilLinks = (request: FastifyRequest, services: AppServices): invitations.CouncilLinks => ({
  base: services.linkBase(request.municipality!),
  municipality: request.municipality?.name ?? "",
  secret: services.secret,
});

/** The council's staff pages: members and terms, meetings, agendas with documents, and the invitation. */
export async function councilRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const view = (request: FastifyRequest, problems: FieldProblem[] | undefined) => ({
    ctx: pageContext(request, services.secret),
    ...formState(request, problems, councilLabels(request)),
  });

  app.get("/radet", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    return sendPage(
      reply,
      <CouncilPage ctx={pageContext(request, services.secret)} meetings={await meetings.listMeetings(ctx)} manage={canCouncil(ctx.actor, "council.manage")} />,
    );
  });

  // Members --------------------------------------------------------------------------------
  app.get("/radet/ledamoter", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    return sendPage(
      reply,
      <MembersPage ctx={pageContext(request, services.secret)} members={await members.listMembers(ctx)} manage={canCouncil(ctx.actor, "council.manage")} />,
    );
  });
  formPages(app, {
    path: "/radet/ledamoter",
    record: "councilMember",
    edit: "redigera",
    body: memberFormInput,
    show: async (request, reply, id, problems, status) =>
      sendPage(reply, <MemberFormPage {...view(request, problems)} member={id ? await members.getMember(ctxOf(request), id) : null} />, status),
    create: async (request, body) => {
      const term = termInput.safeParse({ role: body.role, starts_on: body.starts_on ?? "", ends_on: body.ends_on ?? undefined });
      if (!term.success) {
        throw new ValidationError(term.error.issues.map((issue) => ({ path: String(issue.path[0]), message: issue.message as never })));
      }
      return members.createMember(ctxOf(request), { ...body, ...term.data });
    },
    update: (request, id, body) => members.updateMember(ctxOf(request), id, body),
    remove: (request, id) => members.deleteMember(ctxOf(request), id),
    named: (request, id) => members.memberName(ctxOf(request), id),
    done: (id) => `/radet/ledamoter/${id}`,
    deleted: "/radet/ledamoter",
  });
  const showMember = async (request: FastifyRequest, reply: FastifyReply, id: string, problems?: FieldProblem[], status = 200) => {
    const ctx = ctxOf(request);
    return sendPage(
      reply,
      <MemberPage {...view(request, problems)} member={await members.getMember(ctx, id)} manage={canCouncil(ctx.actor, "council.manage")} />,
      status,
    );
  };
  app.get("/radet/ledamoter/:id", { config: { ...page, record: "councilMember" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showMember(request, reply, request.params.id),
  );
  app.post(
    "/radet/ledamoter/:id/uppdrag",
    { config: { ...page, record: "councilMember" }, attachValidation: true, schema: { hide: true, params: idParams, body: termInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showMember(request, reply, request.params.id, problems, status),
        async () => (await members.addTerm(ctxOf(request), request.params.id, request.body), `/radet/ledamoter/${request.params.id}`),
      ),
  );
  app.post(
    "/radet/uppdrag/:id/avsluta",
    { config: { ...page, record: "councilTerm" }, attachValidation: true, schema: { hide: true, params: idParams, body: endTermInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        async (problems, status) => showMember(request, reply, await members.memberOfTerm(ctxOf(request), request.params.id), problems, status),
        async () => `/radet/ledamoter/${await members.endTerm(ctxOf(request), request.params.id, request.body.ends_on)}`,
        "council.term_ended_flash",
      ),
  );

  // Meetings -------------------------------------------------------------------------------
  const showMeeting = async (request: FastifyRequest, reply: FastifyReply, id: string, problems?: FieldProblem[], status = 200) =>
    sendPage(reply, <MeetingPage {...view(request, problems)} page={await meetings.meetingPage(ctxOf(request), id)} />, status);
  formPages(app, {
    path: "/radet/moten",
    record: "councilMeeting",
    edit: "redigera",
    body: meetingInput,
    show: async (request, reply, id, problems, status) =>
      sendPage(reply, <MeetingFormPage {...view(request, problems)} meeting={id ? (await meetings.meetingPage(ctxOf(request), id)).meeting : null} />, status),
    create: (request, body) => meetings.createMeeting(ctxOf(request), body),
    update: (request, id, body) => meetings.updateMeeting(ctxOf(request), id, body),
    remove: (request, id) => meetings.deleteMeeting(ctxOf(request), id),
    named: (request, id) => meetings.meetingTitle(ctxOf(request), id),
    done: (id) => `/radet/moten/${id}`,
    deleted: "/radet",
  });
  app.get("/radet/moten/:id", { config: { ...page, record: "councilMeeting" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showMeeting(request, reply, request.params.id),
  );
  const confirmInvitation = async (request: FastifyRequest) => ({
    title: request.t("council.invite_confirm_title"),
    text: request.t("council.invite_confirm_text", { count: await invitations.invitationCount(ctxOf(request), (request.params as { id: string }).id) }),
    button: request.t("council.invite"),
    back: `/radet/moten/${(request.params as { id: string }).id}`,
  });
  app.post(
    "/radet/moten/:id/kalla",
    {
      config: { ...page, record: "councilMeeting", confirm: confirmInvitation },
      attachValidation: true,
      schema: { hide: true, params: idParams, body: csrfOnly },
    },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems) => showMeeting(request, reply, request.params.id, problems, 409),
        async () => (
          await invitations.sendInvitations(ctxOf(request), request.params.id, councilLinks(request, services)),
          `/radet/moten/${request.params.id}`
        ),
        "council.invited_flash",
      ),
  );
  app.post(
    "/radet/moten/:id/svar",
    { config: { ...page, record: "councilMeeting" }, attachValidation: true, schema: { hide: true, params: idParams, body: staffAnswerInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showMeeting(request, reply, request.params.id, problems, status),
        async () => (
          await invitations.recordAnswer(ctxOf(request), request.params.id, request.body.member_id, request.body.answer),
          `/radet/moten/${request.params.id}`
        ),
      ),
  );

  // Agenda items and their documents -------------------------------------------------------
  const showItem = async (
    request: FastifyRequest,
    reply: FastifyReply,
    target: { parentId: string } | { id: string },
    problems: FieldProblem[] | undefined,
    status: number,
  ) => {
    const ctx = ctxOf(request);
    const item = "id" in target ? await meetings.getItem(ctx, target.id) : null;
    const meetingPage = await meetings.meetingPage(ctx, item ? item.meeting_id : (target as { parentId: string }).parentId);
    const documents = item ? (meetingPage.items.find((row) => row.id === item.id)?.documents ?? []) : [];
    return sendPage(reply, <ItemFormPage {...view(request, problems)} meeting={meetingPage.meeting} item={item} documents={documents} />, status);
  };
  childFormPages(app, {
    parent: { path: "/radet/moten", record: "councilMeeting" },
    path: "/radet/punkter",
    record: "councilItem",
    body: itemInput,
    show: showItem,
    create: (request, meetingId, body) => meetings.addItem(ctxOf(request), meetingId, body),
    update: (request, id, body) => meetings.updateItem(ctxOf(request), id, body),
    done: (item) => `/radet/moten/${item.meeting_id}`,
    remove: async (request, id) => `/radet/moten/${await meetings.removeItem(ctxOf(request), id)}`,
    named: (request, id) => meetings.itemTitle(ctxOf(request), id),
  });
  app.post(
    "/radet/punkter/:id/flytta",
    { config: { ...page, record: "councilItem" }, attachValidation: true, schema: { hide: true, params: idParams, body: moveInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showItem(request, reply, { id: request.params.id }, problems, status),
        async () => `/radet/moten/${await meetings.moveItem(ctxOf(request), request.params.id, request.body.direction)}`,
      ),
  );
  app.post(
    "/radet/punkter/:id/dokument",
    {
      config: { ...page, record: "councilItem", multipart: documentUploads },
      attachValidation: true,
      schema: { hide: true, params: idParams, body: csrfOnly },
    },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showItem(request, reply, { id: request.params.id }, problems, status),
        async () => {
          await meetings.getItem(ctxOf(request), request.params.id);
          const checked = await checkFiles(uploadedFiles(request, "files"), "files", {
            maxFiles: maxDocuments,
            maxBytes: uploadLimitBytes,
            problems: { tooMany: "too_many_files", tooLarge: "file_too_large", type: "file_type" },
          });
          if (checked.problems.length > 0 || checked.files.length === 0) {
            throw new ValidationError(checked.problems.length > 0 ? checked.problems : [{ path: "files", message: "required" }]);
          }
          await meetings.addDocuments(ctxOf(request), request.params.id, checked.files);
          return `/radet/punkter/${request.params.id}`;
        },
      ),
  );
  app.get("/radet/dokument/:id", { config: { ...page, record: "councilDocument" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const document = await meetings.getDocument(ctxOf(request), request.params.id);
    privateHeaders(reply);
    return reply
      .type(document.content_type)
      .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(document.filename)}`)
      .send(document.content);
  });
  app.post(
    "/radet/dokument/:id/ta-bort",
    {
      config: { ...page, record: "councilDocument", confirm: confirmDelete((request, id) => meetings.documentName(ctxOf(request), id)) },
      attachValidation: true,
      schema: { hide: true, params: idParams, body: csrfOnly },
    },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        async (problems) => showMeeting(request, reply, (await meetings.getDocument(ctxOf(request), request.params.id)).meeting_id, problems, 409),
        async () => `/radet/moten/${await meetings.removeDocument(ctxOf(request), request.params.id)}`,
        "common.deleted",
      ),
  );
}

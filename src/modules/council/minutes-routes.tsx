import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, privateHeaders, sendPage } from "../../platform/http/render.js";
import { formatDateTime } from "../../platform/ui/format.js";
import * as meetings from "./meeting-service.js";
import * as minutes from "./minutes-service.js";
import { minutesPdf } from "./pdf.js";
import { councilLabels, councilLinks } from "./routes.js";
import { attendanceInput, correctionInput, decisionInput, sectionInput, versionQuery } from "./schemas.js";
import { MeetingPage } from "./views/meetings.js";
import { MinutesEditPage, VersionPage } from "./views/minutes.js";

const csrfOnly = noInput.querystring;

/** The minutes: the meeting held, attendance, sections and decisions, approval, publication, corrections, versions and the PDF. */
export async function minutesRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const onMeeting = { ...page, record: "councilMeeting" };
  const onItem = { ...page, record: "councilItem" };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const view = (request: FastifyRequest, problems: FieldProblem[] | undefined) => ({
    ctx: pageContext(request, services.secret),
    ...formState(request, problems, councilLabels(request)),
  });
  const showMeeting = async (request: FastifyRequest, reply: FastifyReply, id: string, problems?: FieldProblem[], status = 200) =>
    sendPage(reply, <MeetingPage {...view(request, problems)} page={await meetings.meetingPage(ctxOf(request), id)} />, status);
  const showMinutes = async (request: FastifyRequest, reply: FastifyReply, id: string, problems?: FieldProblem[], status = 200, failedItem?: string) =>
    sendPage(reply, <MinutesEditPage {...view(request, problems)} page={await meetings.meetingPage(ctxOf(request), id)} failedItem={failedItem} />, status);
  const onMeetingAction = (
    path: string,
    act: (request: FastifyRequest, id: string) => Promise<unknown>,
    flash?: string,
    confirm?: (request: FastifyRequest) => Promise<{ title: string; text: string; button: string; back: string }>,
  ) =>
    app.post(
      `/radet/moten/:id/${path}`,
      { config: { ...onMeeting, ...(confirm ? { confirm } : {}) }, attachValidation: true, schema: { hide: true, params: idParams, body: csrfOnly } },
      async (request, reply) =>
        handleFormPost(
          request,
          reply,
          (problems) => showMeeting(request, reply, request.params.id, problems, 409),
          async () => (await act(request, request.params.id), `/radet/moten/${request.params.id}`),
          flash,
        ),
    );
  const meetingOf = (request: FastifyRequest) => `/radet/moten/${(request.params as { id: string }).id}`;

  onMeetingAction("hallet", (request, id) => minutes.markHeld(ctxOf(request), id), "council.held_flash");
  onMeetingAction(
    "justering",
    (request, id) => minutes.sendForApproval(ctxOf(request), id, councilLinks(request, services)),
    "council.sent_for_approval_flash",
    async (request) => ({
      title: request.t("council.approval_confirm_title", { title: await meetings.meetingTitle(ctxOf(request), (request.params as { id: string }).id) }),
      text: request.t("council.approval_confirm_text"),
      button: request.t("council.send_for_approval"),
      back: meetingOf(request),
    }),
  );
  onMeetingAction("ta-tillbaka", (request, id) => minutes.takeBack(ctxOf(request), id), "council.taken_back_flash");
  onMeetingAction(
    "publicera",
    (request, id) => minutes.publish(ctxOf(request), id),
    "council.published_flash",
    async (request) => ({
      title: request.t("council.publish_confirm_title", { title: await meetings.meetingTitle(ctxOf(request), (request.params as { id: string }).id) }),
      text: request.t("council.publish_confirm_text"),
      button: request.t("council.publish"),
      back: meetingOf(request),
    }),
  );
  app.post(
    "/radet/moten/:id/rattelse",
    { config: onMeeting, attachValidation: true, schema: { hide: true, params: idParams, body: correctionInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showMeeting(request, reply, request.params.id, problems, status),
        async () => (await minutes.startCorrection(ctxOf(request), request.params.id, request.body.reason), `/radet/moten/${request.params.id}/protokoll`),
        "council.correction_started_flash",
      ),
  );

  // Writing the minutes ----------------------------------------------------------------------
  app.get("/radet/moten/:id/protokoll", { config: onMeeting, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showMinutes(request, reply, request.params.id),
  );
  app.post(
    "/radet/moten/:id/protokoll",
    { config: onMeeting, attachValidation: true, schema: { hide: true, params: idParams, body: attendanceInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showMinutes(request, reply, request.params.id, problems, status),
        async () => (await minutes.saveAttendance(ctxOf(request), request.params.id, request.body), `/radet/moten/${request.params.id}/protokoll`),
      ),
  );
  const onItemForm = <B,>(path: string, body: z.ZodType<B>, act: (request: FastifyRequest, id: string, body: B) => Promise<string>) =>
    app.post(`/radet/punkter/:id/${path}`, { config: onItem, attachValidation: true, schema: { hide: true, params: idParams, body } }, async (request, reply) =>
      handleFormPost(
        request,
        reply,
        async (problems, status) =>
          showMinutes(request, reply, (await meetings.getItem(ctxOf(request), request.params.id)).meeting_id, problems, status, request.params.id),
        async () => `/radet/moten/${await act(request, request.params.id, request.body as B)}/protokoll`,
      ),
    );
  onItemForm("protokoll", sectionInput, (request, id, body) => minutes.saveSection(ctxOf(request), id, body.minutes));
  onItemForm("beslut", decisionInput, (request, id, body) => minutes.addDecision(ctxOf(request), id, body.text));

  // Versions and the archive's PDF -------------------------------------------------------------
  app.get("/radet/moten/:id/justerat", { config: onMeeting, schema: { hide: true, params: idParams, querystring: versionQuery } }, async (request, reply) => {
    const found = await minutes.minutesVersion(ctxOf(request), request.params.id, request.query.version);
    return sendPage(reply, <VersionPage ctx={pageContext(request, services.secret)} meetingId={request.params.id} version={found.version} />);
  });
  app.get(
    "/radet/moten/:id/protokoll.pdf",
    { config: onMeeting, schema: { hide: true, params: idParams, querystring: versionQuery } },
    async (request, reply) => {
      const found = await minutes.minutesVersion(ctxOf(request), request.params.id, request.query.version);
      const pdf = await minutesPdf(found, {
        t: request.t,
        lang: request.lang,
        municipality: request.municipality?.name ?? "",
        when: (value) => formatDateTime(new Date(value), request.lang),
      });
      privateHeaders(reply);
      return reply.type("application/pdf").header("content-disposition", `attachment; filename="protokoll-${found.version.version}.pdf"`).send(pdf);
    },
  );
}

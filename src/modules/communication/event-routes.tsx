import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { stringify } from "csv-stringify/sync";
import { spreadsheetCast } from "../../platform/csv.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { formPages } from "../../platform/http/form-pages.js";
import { pageContext, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import * as events from "./event-service.js";
import * as registrations from "./registration-service.js";
import { siteOf } from "./public-routes.js";
import { checkInInput, eventInput } from "./schemas.js";
import { CheckInPage, EventFormPage, EventsAdminPage } from "./views/event-admin.js";
import { staffKit } from "./route-kit.js";

const registrationParams = z.object({ id: z.string().max(100), registrationId: z.string().max(100) });

/** Staff pages of events: the event's form, registrations, the attendee list and check-in. */
export async function eventRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const { app, page, ctxOf, can, state } = staffKit(fastify, services);

  // Events -----------------------------------------------------------------------------------
  app.get("/kommunikation/evenemang", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      <EventsAdminPage
        ctx={pageContext(request, services.secret)}
        events={await events.listEvents(ctxOf(request))}
        canWrite={can(request, "communication.events")}
      />,
    ),
  );
  const showEventForm = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const found = id ? await events.getEvent(ctx, id) : null;
    return sendPage(
      reply,
      <EventFormPage
        ctx={pageContext(request, services.secret)}
        event={found?.event ?? null}
        registrations={found?.registrations ?? []}
        canWrite={can(request, "communication.events")}
        {...state(request, problems)}
      />,
      status,
    );
  };
  formPages(app, {
    path: "/kommunikation/evenemang",
    record: "event",
    body: eventInput,
    show: showEventForm,
    done: (id) => `/kommunikation/evenemang/${id}`,
    deleted: "/kommunikation/evenemang",
    create: (request, body) => events.createEvent(ctxOf(request), body, siteOf(request, services).base),
    update: (request, id, body) => events.updateEvent(ctxOf(request), id, body, siteOf(request, services)),
    remove: (request, id) => events.deleteEvent(ctxOf(request), id),
    named: async (request, id) => (await events.getEvent(ctxOf(request), id)).event.title,
  });
  app.post(
    "/kommunikation/evenemang/:id/anmalningar/:registrationId/avboka",
    { config: { ...page, record: "event" }, schema: { hide: true, params: registrationParams } },
    async (request, reply) => {
      await registrations.cancelByStaff(ctxOf(request), request.params.id, request.params.registrationId, siteOf(request, services));
      return redirectAfterPost(reply, `/kommunikation/evenemang/${request.params.id}`, "communication.registration_cancelled");
    },
  );
  app.get(
    "/kommunikation/evenemang/:id/deltagare.csv",
    { config: { ...page, record: "event" }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { event, registrations } = await events.getEvent(ctxOf(request), request.params.id);
      const t = request.t;
      // Swedish wall-clock time, as the reader's spreadsheet shows it, not UTC.
      const swedishTime = (value: Date) => `${stockholmParts(value).date} ${stockholmParts(value).time}`;
      const rows = registrations.map((row) => [
        row.name,
        row.email,
        row.company_name ?? "",
        row.org_number ?? "",
        t(`communication.registration.${row.status}`),
        swedishTime(row.created_at),
        row.checked_in_at ? swedishTime(row.checked_in_at) : "",
        ...event.questions.map((question) => row.answers[question.key] ?? ""),
      ]);
      const csv = stringify(
        [
          [
            t("communication.name"),
            t("communication.email"),
            t("communication.company"),
            t("communication.org_number"),
            t("communication.state"),
            t("communication.registered_at"),
            t("communication.checked_in_at"),
            ...event.questions.map((question) => question.label),
          ],
          ...rows,
        ],
        { bom: true, delimiter: ";", cast: spreadsheetCast },
      );
      return reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="deltagare.csv"').send(csv);
    },
  );
  const showCheckIn = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    problems: FieldProblem[] | undefined,
    status: number,
  ) => {
    const { event, registrations } = await events.getEvent(ctxOf(request), request.params.id);
    return sendPage(
      reply,
      <CheckInPage
        ctx={pageContext(request, services.secret)}
        event={event}
        registrations={registrations}
        canWrite={can(request, "communication.events")}
        {...state(request, problems)}
      />,
      status,
    );
  };
  app.get(
    "/kommunikation/evenemang/:id/incheckning",
    { config: { ...page, record: "event" }, schema: { hide: true, params: idParams } },
    async (request, reply) => showCheckIn(request, reply, undefined, 200),
  );
  app.post(
    "/kommunikation/evenemang/:id/incheckning",
    { config: { ...page, record: "event" }, attachValidation: true, schema: { hide: true, params: idParams, body: checkInInput } },
    async (request, reply) => {
      await events.getEvent(ctxOf(request), request.params.id);
      return handleFormPost(
        request,
        reply,
        (problems, status) => showCheckIn(request, reply, problems, status),
        async () => {
          await registrations.checkIn(ctxOf(request), request.params.id, request.body.registration_ids, request.body.present);
          return `/kommunikation/evenemang/${request.params.id}/incheckning`;
        },
        "communication.checked_in",
      );
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ValidationError, type FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { formProblems, handleFormPost, idParams, noInput, serviceProblems } from "../../platform/http/forms.js";
import { MadeOnce } from "../../platform/http/made-once.js";
import { operationContext } from "../../platform/http/operation.js";
import { htmlBytes, pageContext, redirectAfterPost, sendKeptContentPage, sendPage } from "../../platform/http/render.js";
import * as handling from "./handling-service.js";
import * as inboxes from "./inbox-service.js";
import * as notifications from "./notification-service.js";
import { canDesk } from "./policy.js";
import { checkPostedFiles, deskLabels, deskLinks, deskUploads, sendFile } from "./public-routes.js";
import * as reports from "./report-service.js";
import {
  extractQuery,
  assignInput,
  bulkInput,
  collaboratorInput,
  dashboardQuery,
  delayNoticeInput,
  inboxQuery,
  noteInput,
  notificationInput,
  priorityInput,
  replyInput,
  secrecyInput,
  staffCaseInput,
  statusInput,
  statutoryInput,
  subjectSecretInput,
  transferInput,
} from "./schemas.js";
import * as desk from "./service.js";
import * as settings from "./settings-service.js";
import { CasePage } from "./views/case.js";
import { type CaseForm } from "./views/case-panels.js";
import { DashboardContent } from "./views/dashboard.js";
import { InboxContent, inboxUrl } from "./views/inbox.js";
import { NewCasePage } from "./views/new-case.js";
import { NotificationsPage } from "./views/notifications.js";
import { figuresCsv } from "./report-csv.js";
import * as records from "./records-service.js";
import { RecordsPage } from "./views/records.js";

const messageParams = z.object({ id: z.string().max(100), messageId: z.string().max(100) });
const fileParams = z.object({ id: z.string().max(100), fileId: z.string().max(100) });

/** Staff's desk: the inbox, registering a case, a case and everything done on it, the dashboard. */
export async function deskRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const labels = (request: FastifyRequest): Record<string, string> => ({
    ...deskLabels(request),
    then: request.t("desk.then"),
    status: request.t("desk.status_label"),
    assignee_id: request.t("desk.assignee"),
    unit_id: request.t("desk.unit"),
    reason: request.t("desk.reason_field"),
    complete_on: request.t("desk.complete_on"),
    extension_weeks: request.t("desk.extension_weeks"),
    extension_reason: request.t("desk.extension_reason"),
    decided_on: request.t("desk.decided_on"),
    decision_demanded_on: request.t("desk.decision_demanded_on"),
    case_ids: request.t("desk.cases_field"),
    action: request.t("desk.bulk_action"),
  });

  // The dashboard's content, once per kept dashboard and language.
  const renderedDashboards = new MadeOnce<reports.Dashboard, Buffer>(2);
  // The inbox's content, once per kept page of rows, language, reader and query.
  const renderedInboxes = new MadeOnce<inboxes.Inbox["rows"], Buffer>(8);
  const showInbox = async (request: FastifyRequest, reply: FastifyReply, raw: unknown, problems: FieldProblem[] | undefined, status: number) => {
    // A form post that failed its body's schema leaves the query unparsed: every field of it falls back, so parsing cannot fail.
    const query = inboxQuery.parse(raw);
    const ctx = ctxOf(request);
    const inbox = await inboxes.inbox(ctx, query);
    const rights = { register: canDesk(ctx.actor, "desk.register"), settings: canDesk(ctx.actor, "desk.settings") };
    const shown = pageContext(request, services.secret);
    const render = () => htmlBytes(<InboxContent ctx={shown} inbox={inbox} query={query} rights={rights} {...formState(request, problems, labels(request))} />);
    // A form sent back with its problems is made for that answer; otherwise once per kept page, language, reader (its form's token) and query.
    const content =
      problems === undefined
        ? renderedInboxes.get(inbox.rows, `${shown.lang}|${shown.csrfToken}|${rights.register}|${rights.settings}|${JSON.stringify(query)}`, render)
        : render();
    return sendKeptContentPage(reply, { ctx: shown, title: shown.t("desk.inbox_title"), htmx: true }, content, status);
  };
  app.get("/arenden/aviseringar", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(reply, <NotificationsPage ctx={pageContext(request, services.secret)} choice={await notifications.myNotifications(ctxOf(request))} />),
  );
  app.post("/arenden/aviseringar", { config: page, schema: { hide: true, body: notificationInput } }, async (request, reply) => {
    await notifications.saveMyNotifications(ctxOf(request), request.body);
    return redirectAfterPost(reply, "/arenden/aviseringar", "common.saved");
  });
  app.get("/arenden", { config: page, schema: { hide: true, querystring: inboxQuery } }, async (request, reply) =>
    showInbox(request, reply, request.query, undefined, 200),
  );
  app.get("/arenden.csv", { config: page, schema: { hide: true, querystring: inboxQuery } }, async (request, reply) =>
    reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="arenden.csv"')
      .send(await inboxes.exportCases(ctxOf(request), request.query, request.t)),
  );
  app.post(
    "/arenden/massandring",
    { config: page, attachValidation: true, schema: { hide: true, querystring: inboxQuery, body: bulkInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showInbox(request, reply, request.query, problems, status),
        async () => {
          await inboxes.bulk(ctxOf(request), request.body);
          return inboxUrl(inboxQuery.parse(request.query));
        },
      ),
  );

  const showNew = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const categories = (await settings.listCategories(ctx)).filter((category) => category.active);
    return sendPage(
      reply,
      <NewCasePage ctx={pageContext(request, services.secret)} categories={categories} {...formState(request, problems, labels(request))} />,
      status,
    );
  };
  app.get("/arenden/ny", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showNew(request, reply, undefined, 200));
  app.post(
    "/arenden/ny",
    { config: { ...page, multipart: deskUploads }, attachValidation: true, schema: { hide: true, body: staffCaseInput } },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return showNew(request, reply, problems, 400);
      }
      const checked = await checkPostedFiles(request);
      if (checked.problems.length > 0) {
        return showNew(request, reply, checked.problems, 400);
      }
      try {
        const created = await desk.registerCase(ctxOf(request), request.body, checked.files, request.body.language, deskLinks(request, services));
        return redirectAfterPost(reply, `/arenden/${created.id}`, "desk.registered_flash");
      } catch (error) {
        return showNew(request, reply, serviceProblems(error), 400);
      }
    },
  );

  app.get("/arenden/statistik", { config: page, schema: { hide: true, querystring: dashboardQuery } }, async (request, reply) => {
    const dashboard = await reports.dashboard(ctxOf(request), request.query);
    const shown = pageContext(request, services.secret);
    const content = renderedDashboards.get(dashboard, shown.lang, () => htmlBytes(<DashboardContent ctx={shown} dashboard={dashboard} />));
    return sendKeptContentPage(reply, { ctx: shown, title: shown.t("desk.dashboard_title") }, content);
  });
  app.get("/arenden/statistik.csv", { config: page, schema: { hide: true, querystring: dashboardQuery } }, async (request, reply) =>
    reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="vantetider.csv"')
      .send(figuresCsv(await reports.dashboard(ctxOf(request), request.query))),
  );

  app.get("/arenden/personuppgifter", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(reply, <RecordsPage ctx={pageContext(request, services.secret)} disposal={await records.casesToDispose(ctxOf(request))} />),
  );
  app.get("/arenden/registerutdrag.json", { config: page, schema: { hide: true, querystring: extractQuery } }, async (request, reply) => {
    const extract = await records.correspondentExtract(ctxOf(request), request.query.epost ?? "");
    return reply
      .type("application/json; charset=utf-8")
      .header("cache-control", "no-store")
      .header("content-disposition", 'attachment; filename="registerutdrag-foretagslotsen.json"')
      .send(JSON.stringify(extract, null, 2));
  });
  app.post(
    "/arenden/gallring",
    {
      config: {
        ...page,
        confirm: async (request) => {
          const { cases } = await records.casesToDispose(ctxOf(request));
          return {
            title: request.t("desk.disposal_confirm_title", { count: cases.length }),
            text: request.t("desk.disposal_confirm_text"),
            button: request.t("desk.disposal_button", { count: cases.length }),
            back: "/arenden/personuppgifter",
          };
        },
      },
      schema: { ...noInput, hide: true },
    },
    async (request, reply) => {
      await records.disposeCases(ctxOf(request));
      return redirectAfterPost(reply, "/arenden/personuppgifter", "desk.disposed_flash");
    },
  );

  const showCase = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    failed: { form: CaseForm; problems: FieldProblem[]; extra?: Record<string, string> } | undefined,
    status: number,
  ) => {
    const ctx = ctxOf(request);
    const detail = await desk.getCase(ctx, id);
    const choices = await desk.caseChoices(ctx);
    const state = failed ? formState(request, failed.problems, labels(request)) : undefined;
    return sendPage(
      reply,
      <CasePage
        ctx={pageContext(request, services.secret)}
        detail={detail}
        choices={choices}
        failed={failed && state?.errors ? { form: failed.form, errors: state.errors, values: { ...(state.values ?? {}), ...(failed.extra ?? {}) } } : undefined}
      />,
      status,
    );
  };
  app.get("/arenden/:id", { config: { ...page, record: "case" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showCase(request, reply, request.params.id, undefined, 200),
  );
  app.get("/arenden/:id/filer/:fileId", { config: { ...page, record: "case" }, schema: { hide: true, params: fileParams } }, async (request, reply) =>
    sendFile(reply, await desk.getAttachment(ctxOf(request), request.params.id, request.params.fileId)),
  );

  /** A case form: bad input re-shows the case with the form's errors; otherwise act and go back to the case. */
  const caseForm = <B,>(
    path: string,
    form: CaseForm,
    body: z.ZodType<B>,
    act: (request: FastifyRequest & { params: { id: string }; body: B }) => Promise<void>,
    withUploads = false,
  ) =>
    app.post(
      path,
      {
        config: { ...page, record: "case", ...(withUploads ? { multipart: deskUploads } : {}) },
        attachValidation: true,
        schema: { hide: true, params: idParams, body },
      },
      async (request, reply) => {
        const typed = request as unknown as FastifyRequest & { params: { id: string }; body: B };
        const problems = formProblems(request);
        if (problems) {
          return showCase(request, reply, typed.params.id, { form, problems }, 400);
        }
        try {
          await act(typed);
        } catch (error) {
          return showCase(request, reply, typed.params.id, { form, problems: serviceProblems(error) }, 400);
        }
        return redirectAfterPost(reply, `/arenden/${typed.params.id}`, "common.saved");
      },
    );

  const withFiles = async (request: FastifyRequest) => {
    const checked = await checkPostedFiles(request);
    if (checked.problems.length > 0) {
      throw new ValidationError(checked.problems);
    }
    return checked.files;
  };
  caseForm(
    "/arenden/:id/svar",
    "reply",
    replyInput,
    async (request) => handling.reply(ctxOf(request), request.params.id, request.body, await withFiles(request), deskLinks(request, services)),
    true,
  );
  caseForm(
    "/arenden/:id/anteckning",
    "note",
    noteInput,
    async (request) => handling.addNote(ctxOf(request), request.params.id, request.body.body, await withFiles(request)),
    true,
  );
  caseForm("/arenden/:id/status", "status", statusInput, async (request) => handling.setStatus(ctxOf(request), request.params.id, request.body.status));
  caseForm("/arenden/:id/tilldela", "assign", assignInput, async (request) => handling.assign(ctxOf(request), request.params.id, request.body.assignee_id));
  caseForm("/arenden/:id/overfor", "transfer", transferInput, async (request) => handling.transfer(ctxOf(request), request.params.id, request.body.unit_id));
  caseForm("/arenden/:id/enheter", "unit", collaboratorInput, async (request) =>
    handling.addCollaborator(ctxOf(request), request.params.id, request.body.unit_id),
  );
  caseForm("/arenden/:id/enheter/ta-bort", "unit", collaboratorInput, async (request) =>
    handling.removeCollaborator(ctxOf(request), request.params.id, request.body.unit_id),
  );
  caseForm("/arenden/:id/prioritet", "priority", priorityInput, async (request) =>
    handling.setPriority(ctxOf(request), request.params.id, request.body.priority),
  );
  caseForm("/arenden/:id/lagstadgat", "statutory", statutoryInput, async (request) => handling.saveStatutory(ctxOf(request), request.params.id, request.body));
  caseForm("/arenden/:id/forseningsbesked", "delay", delayNoticeInput, async (request) =>
    handling.sendDelayNotice(ctxOf(request), request.params.id, request.body.reason, deskLinks(request, services)),
  );

  const secrecyRoute = (path: string, kind: "message" | "attachment", params: typeof messageParams | typeof fileParams) =>
    app.post(
      path,
      { config: { ...page, record: "case" }, attachValidation: true, schema: { hide: true, params, body: secrecyInput } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const itemId = kind === "message" ? (request.params as { messageId: string }).messageId : (request.params as { fileId: string }).fileId;
        const prefix = `${kind === "message" ? "m" : "a"}${itemId}-`;
        const problems = formProblems(request);
        if (problems) {
          return showCase(request, reply, id, { form: "secrecy", problems, extra: { prefix } }, 400);
        }
        const body = request.body as z.infer<typeof secrecyInput>;
        await handling.setSecrecy(ctxOf(request), id, { kind, id: itemId }, body.secret, body.reason);
        return redirectAfterPost(reply, `/arenden/${id}`, "common.saved");
      },
    );
  secrecyRoute("/arenden/:id/meddelanden/:messageId/sekretess", "message", messageParams);
  secrecyRoute("/arenden/:id/filer/:fileId/sekretess", "attachment", fileParams);
  caseForm("/arenden/:id/arendemening-sekretess", "subject_secret", subjectSecretInput, (request) =>
    handling.setSubjectSecret(ctxOf(request), request.params.id, request.body),
  );
}

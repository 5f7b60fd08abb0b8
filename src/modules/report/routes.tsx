import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { operationContext, requestScope } from "../../platform/http/operation.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import { exportFollowUp, type ExportFormat } from "./export-service.js";
import { canReport } from "./policy.js";
import * as reports from "./report-service.js";
import { publishReportInput, startInput } from "./schemas.js";
import { ReportPage } from "./views/report.js";
import { ProgrammesPage, ReportsPage } from "./views/reports.js";

const csrfOnly = z.object({ _csrf: z.string().optional() });
const types: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

/** A programme's yearly reports: started, moved through review, published; and every published follow-up as DOCX and PDF. */
export async function reportRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);

  const showReports = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    problems: FieldProblem[] | undefined,
    status: number,
  ) => {
    const ctx = ctxOf(request);
    const { detail, reports: list } = await reports.listReports(ctx, request.params.id);
    return sendPage(
      reply,
      <ReportsPage
        ctx={pageContext(request, services.secret)}
        programme={detail.programme}
        reports={list}
        canManage={canReport(ctx.actor, "report.manage")}
        {...formState(request, problems, { year: request.t("report.year") })}
      />,
      status,
    );
  };
  app.get("/admin/rapporter", { config: { kind: "page" }, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(reply, <ProgrammesPage ctx={pageContext(request, services.secret)} programmes={await reports.listProgrammes(ctxOf(request))} />),
  );
  const programmePage = { kind: "page" as const, record: "programme" };
  app.get("/admin/program/:id/rapporter", { config: programmePage, schema: { ...noInput, hide: true, params: idParams } }, async (request, reply) =>
    showReports(request, reply, undefined, 200),
  );
  app.post(
    "/admin/program/:id/rapporter",
    { config: programmePage, attachValidation: true, schema: { hide: true, params: idParams, body: startInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showReports(request, reply, problems, status),
        async () => `/admin/rapporter/${(await reports.startReport(ctxOf(request), request.params.id, request.body.year)).id}`,
        "report.started_flash",
      ),
  );

  const showReport = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    return sendPage(
      reply,
      <ReportPage
        ctx={pageContext(request, services.secret)}
        view={await reports.getReport(ctx, request.params.id)}
        canManage={canReport(ctx.actor, "report.manage")}
        {...formState(request, problems, { state: request.t("report.state"), correction_note: request.t("report.correction_note") })}
      />,
      status,
    );
  };
  const reportPage = { kind: "page" as const, record: "report" };
  app.get("/admin/rapporter/:id", { config: reportPage, schema: { ...noInput, hide: true, params: idParams } }, async (request, reply) =>
    showReport(request, reply, undefined, 200),
  );
  const steps = { granska: "submit", atergiv: "return", godkann: "approve", arkivera: "archive" } as const;
  for (const [path, step] of Object.entries(steps)) {
    app.post(
      `/admin/rapporter/:id/${path}`,
      { config: reportPage, attachValidation: true, schema: { hide: true, params: idParams, body: csrfOnly } },
      async (request, reply) =>
        handleFormPost(
          request,
          reply,
          (problems, status) => showReport(request, reply, problems, status),
          async () => `/admin/rapporter/${(await reports.moveReport(ctxOf(request), request.params.id, step)).id}`,
          "report.moved_flash",
        ),
    );
  }
  app.post(
    "/admin/rapporter/:id/publicera",
    { config: { ...reportPage, confirm: confirmPublish }, attachValidation: true, schema: { hide: true, params: idParams, body: publishReportInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showReport(request, reply, problems, status),
        async () => `/admin/rapporter/${(await reports.publishReport(ctxOf(request), request.params.id, request.body.year, request.body.correction_note)).id}`,
        "report.published_flash",
      ),
  );

  /** Publishing cannot be undone: the page says so. */
  async function confirmPublish(request: FastifyRequest) {
    const { id } = request.params as { id: string };
    const { report } = await reports.getReport(ctxOf(request), id);
    const t = request.t;
    return {
      title: t("report.publish_confirm_title", { year: report.year }),
      text: t("report.publish_confirm_text"),
      button: t("report.publish"),
      back: `/admin/rapporter/${id}`,
    };
  }

  for (const format of ["docx", "pdf"] as const) {
    app.get(
      `/uppfoljning/:id/rapport.${format}`,
      { config: { access: "public", record: "followUp" }, schema: { ...noInput, hide: true, params: idParams } },
      async (request, reply) => {
        const file = await exportFollowUp(services.db, requestScope(request), request.params.id, request.lang, format);
        return reply
          .type(types[format])
          .header("content-disposition", `attachment; filename="${file.name}"`)
          .header("cache-control", "no-cache")
          .send(file.content);
      },
    );
  }
}

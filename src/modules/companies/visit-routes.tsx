import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { handleFormPost, idParams } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import type { FieldProblem } from "../../platform/errors.js";
import { canCompanies } from "./policy.js";
import { reportInput, visitInput } from "./schemas.js";
import * as companies from "./service.js";
import * as visits from "./visit-service.js";
import { VisitFormPage, VisitPage } from "./views/visit.js";

/** Visits: plan one at a company, change it, write its report. */
export async function visitRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const labels = (request: FastifyRequest): Record<string, string> => ({
    date: request.t("companies.visit_date"),
    start_time: request.t("companies.visit_start"),
    end_time: request.t("companies.visit_end"),
    status: request.t("companies.visit_status"),
    purpose: request.t("companies.visit_purpose"),
    template_id: request.t("companies.visit_template"),
    staff_ids: request.t("companies.visit_staff"),
    contact_ids: request.t("companies.visit_contacts"),
  });

  const showNew = async (request: FastifyRequest, reply: FastifyReply, companyId: string, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const [detail, choices] = await Promise.all([companies.getCompany(ctx, companyId), companies.formChoices(ctx)]);
    return sendPage(
      reply,
      <VisitFormPage
        ctx={pageContext(request, services.secret)}
        company={detail.company}
        staff={choices.staff}
        contacts={detail.contacts}
        templates={choices.templates}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  app.get("/foretag/:id/besok/ny", { config: { ...page, record: "company" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showNew(request, reply, request.params.id, undefined, 200),
  );
  app.post(
    "/foretag/:id/besok/ny",
    { config: { ...page, record: "company" }, attachValidation: true, schema: { hide: true, params: idParams, body: visitInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showNew(request, reply, request.params.id, problems, status),
        async () => `/besok/${await visits.createVisit(ctxOf(request), request.params.id, request.body)}`,
      ),
  );

  const showEdit = async (request: FastifyRequest, reply: FastifyReply, id: string, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const [detail, choices] = await Promise.all([visits.getVisit(ctx, id), companies.formChoices(ctx)]);
    return sendPage(
      reply,
      <VisitFormPage
        ctx={pageContext(request, services.secret)}
        company={{ id: detail.visit.company_id, name: detail.visit.company_name }}
        visit={detail.visit}
        current={{ staff: detail.staff.map((person) => person.id), contacts: detail.contacts.map((contact) => contact.id) }}
        staff={choices.staff}
        contacts={detail.companyContacts}
        templates={choices.templates}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  app.get("/besok/:id/redigera", { config: { ...page, record: "visit" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showEdit(request, reply, request.params.id, undefined, 200),
  );
  app.post(
    "/besok/:id/redigera",
    { config: { ...page, record: "visit" }, attachValidation: true, schema: { hide: true, params: idParams, body: visitInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showEdit(request, reply, request.params.id, problems, status),
        async () => {
          await visits.updateVisit(ctxOf(request), request.params.id, request.body);
          return `/besok/${request.params.id}`;
        },
      ),
  );

  const showVisit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: "report" | "task" | undefined,
    problems: FieldProblem[] | undefined,
    status: number,
  ) => {
    const ctx = ctxOf(request);
    const [detail, choices] = await Promise.all([visits.getVisit(ctx, id, request.lang), companies.formChoices(ctx)]);
    return sendPage(
      reply,
      <VisitPage
        ctx={pageContext(request, services.secret)}
        detail={detail}
        manage={canCompanies(ctx.actor, "companies.manage")}
        staff={choices.staff}
        form={form}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  app.get("/besok/:id", { config: { ...page, record: "visit" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showVisit(request, reply, request.params.id, undefined, undefined, 200),
  );
  app.post(
    "/besok/:id/rapport",
    { config: { ...page, record: "visit" }, attachValidation: true, schema: { hide: true, params: idParams, body: reportInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showVisit(request, reply, request.params.id, "report", problems, status),
        async () => {
          await visits.saveReport(ctxOf(request), request.params.id, request.body);
          return `/besok/${request.params.id}`;
        },
      ),
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import { calendarInput, categoryInput, policyInput, weekdays } from "./schemas.js";
import * as settings from "./settings-service.js";
import { CalendarPage, CategoriesPage, CategoryFormPage, PoliciesPage, PolicyFormPage } from "./views/admin.js";

/** Administration of the desk: the business calendar, service-level policies and categories. */
export async function deskAdminRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const labels = (request: FastifyRequest): Record<string, string> => ({
    ...Object.fromEntries(weekdays.flatMap((day) => [[`${day}_open`, `${request.t(`desk.weekday.${day}`)}: ${request.t("desk.opens")}`], [`${day}_close`, `${request.t(`desk.weekday.${day}`)}: ${request.t("desk.closes")}`]])),
    closed_days: request.t("desk.closed_days"),
    warn_percent: request.t("desk.warn_percent"),
    retention_months: request.t("desk.retention_months"),
    consent_text_sv: request.t("desk.consent_sv"),
    consent_text_en: request.t("desk.consent_en"),
    name: request.t("desk.policy_name"),
    target_unit: request.t("desk.target_unit"),
    first_response: request.t("desk.first_response"),
    update: request.t("desk.update_interval"),
    resolution: request.t("desk.resolution"),
    name_sv: request.t("desk.name_sv"),
    name_en: request.t("desk.name_en"),
    default_unit_id: request.t("desk.default_unit"),
    sla_policy_id: request.t("desk.policy"),
    urgent_policy_id: request.t("desk.urgent_policy"),
    statutory: request.t("desk.statutory_clock"),
    position: request.t("desk.position"),
  });

  const showCalendar = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(reply, <CalendarPage ctx={pageContext(request, services.secret)} settings={await settings.getSettings(ctxOf(request))} {...formState(request, problems, labels(request))} />, status);
  app.get("/admin/foretagslots", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showCalendar(request, reply, undefined, 200));
  app.post("/admin/foretagslots", { config: page, attachValidation: true, schema: { hide: true, body: calendarInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showCalendar(request, reply, problems, status),
      async () => {
        await settings.saveCalendar(ctxOf(request), request.body);
        return "/admin/foretagslots";
      },
    ),
  );

  app.get("/admin/foretagslots/tidsmal", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    settings.assertSettings(ctx);
    return sendPage(reply, <PoliciesPage ctx={pageContext(request, services.secret)} policies={await settings.listPolicies(ctx)} />);
  });
  const showPolicy = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(reply, <PolicyFormPage ctx={pageContext(request, services.secret)} policy={id ? await settings.getPolicy(ctxOf(request), id) : settings.assertSettings(ctxOf(request))} {...formState(request, problems, labels(request))} />, status);
  app.get("/admin/foretagslots/tidsmal/ny", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showPolicy(request, reply, null, undefined, 200));
  app.post("/admin/foretagslots/tidsmal/ny", { config: page, attachValidation: true, schema: { hide: true, body: policyInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showPolicy(request, reply, null, problems, status),
      async () => {
        await settings.savePolicy(ctxOf(request), null, request.body);
        return "/admin/foretagslots/tidsmal";
      },
    ),
  );
  app.get("/admin/foretagslots/tidsmal/:id", { config: { ...page, record: "deskPolicy" }, schema: { hide: true, params: idParams } }, async (request, reply) => showPolicy(request, reply, request.params.id, undefined, 200));
  app.post("/admin/foretagslots/tidsmal/:id", { config: { ...page, record: "deskPolicy" }, attachValidation: true, schema: { hide: true, params: idParams, body: policyInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showPolicy(request, reply, request.params.id, problems, status),
      async () => {
        await settings.savePolicy(ctxOf(request), request.params.id, request.body);
        return "/admin/foretagslots/tidsmal";
      },
    ),
  );

  app.get("/admin/foretagslots/kategorier", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    settings.assertSettings(ctx);
    return sendPage(reply, <CategoriesPage ctx={pageContext(request, services.secret)} categories={await settings.listCategories(ctx)} />);
  });
  const showCategory = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const category = id ? await settings.getCategory(ctx, id) : null;
    return sendPage(reply, <CategoryFormPage ctx={pageContext(request, services.secret)} category={category} choices={await settings.settingsChoices(ctx)} {...formState(request, problems, labels(request))} />, status);
  };
  app.get("/admin/foretagslots/kategorier/ny", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showCategory(request, reply, null, undefined, 200));
  app.post("/admin/foretagslots/kategorier/ny", { config: page, attachValidation: true, schema: { hide: true, body: categoryInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showCategory(request, reply, null, problems, status),
      async () => {
        await settings.saveCategory(ctxOf(request), null, request.body);
        return "/admin/foretagslots/kategorier";
      },
    ),
  );
  app.get("/admin/foretagslots/kategorier/:id", { config: { ...page, record: "deskCategory" }, schema: { hide: true, params: idParams } }, async (request, reply) => showCategory(request, reply, request.params.id, undefined, 200));
  app.post("/admin/foretagslots/kategorier/:id", { config: { ...page, record: "deskCategory" }, attachValidation: true, schema: { hide: true, params: idParams, body: categoryInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showCategory(request, reply, request.params.id, problems, status),
      async () => {
        await settings.saveCategory(ctxOf(request), request.params.id, request.body);
        return "/admin/foretagslots/kategorier";
      },
    ),
  );
}

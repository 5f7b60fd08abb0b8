import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { handleFormPost, noInput } from "../../platform/http/forms.js";
import { formPages } from "../../platform/http/form-pages.js";
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
    ...Object.fromEntries(
      weekdays.flatMap((day) => [
        [`${day}_open`, `${request.t(`desk.weekday.${day}`)}: ${request.t("desk.opens")}`],
        [`${day}_close`, `${request.t(`desk.weekday.${day}`)}: ${request.t("desk.closes")}`],
      ]),
    ),
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
    sendPage(
      reply,
      <CalendarPage
        ctx={pageContext(request, services.secret)}
        settings={await settings.getSettings(ctxOf(request))}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
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
    sendPage(
      reply,
      <PolicyFormPage
        ctx={pageContext(request, services.secret)}
        policy={id ? await settings.getPolicy(ctxOf(request), id) : settings.assertSettings(ctxOf(request))}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  formPages(app, {
    path: "/admin/foretagslots/tidsmal",
    record: "deskPolicy",
    body: policyInput,
    show: showPolicy,
    done: "/admin/foretagslots/tidsmal",
    create: (request, body) => settings.savePolicy(ctxOf(request), null, body),
    update: (request, id, body) => settings.savePolicy(ctxOf(request), id, body),
  });

  app.get("/admin/foretagslots/kategorier", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    settings.assertSettings(ctx);
    return sendPage(reply, <CategoriesPage ctx={pageContext(request, services.secret)} categories={await settings.listCategories(ctx)} />);
  });
  const showCategory = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const category = id ? await settings.getCategory(ctx, id) : null;
    return sendPage(
      reply,
      <CategoryFormPage
        ctx={pageContext(request, services.secret)}
        category={category}
        choices={await settings.settingsChoices(ctx)}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  formPages(app, {
    path: "/admin/foretagslots/kategorier",
    record: "deskCategory",
    body: categoryInput,
    show: showCategory,
    done: "/admin/foretagslots/kategorier",
    create: (request, body) => settings.saveCategory(ctxOf(request), null, body),
    update: (request, id, body) => settings.saveCategory(ctxOf(request), id, body),
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { confirmDelete } from "../../platform/http/confirm.js";
import { handleFormPost, idParams } from "../../platform/http/forms.js";
import { childFormPages, type ChildTarget } from "../../platform/http/form-pages.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import { operationContext } from "../../platform/http/operation.js";
import type { FieldProblem } from "../../platform/errors.js";
import * as actions from "./action-service.js";
import * as followUps from "./follow-up-service.js";
import * as indicators from "./indicator-service.js";
import { koladaComparison } from "./kolada-service.js";
import { authorizeProgramme, canProgramme } from "./policy.js";
import { reportingYear } from "./rules.js";
import * as programmes from "./service.js";
import { formState } from "../../platform/http/form-state.js";
import { actionInput, actionUpdateInput, indicatorInput, indicatorValueInput, publishInput, summariesInput, valuePeriodInput, yearQuery } from "./schemas.js";
import { ActionFormPage, ActionPage } from "./views/action.js";
import { FollowUpPage } from "./views/follow-up.js";
import { IndicatorFormPage, IndicatorPage } from "./views/indicator.js";

const csrfOnly = z.object({ _csrf: z.string().optional() });

/** The years a Kolada chart shows: from the baseline year (or the programme's start) to the programme's end. */
const indicatorYears = (programme: { start_year: number; end_year: number }, baselineYear: number | null) =>
  Array.from(
    { length: programme.end_year - Math.min(programme.start_year, baselineYear ?? programme.start_year) + 1 },
    (_, index) => Math.min(programme.start_year, baselineYear ?? programme.start_year) + index,
  );

/** Staff pages for actions and indicators (structure and reporting) and the yearly follow-up. */
export async function programmeWorkRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const labels = (request: FastifyRequest): Record<string, string> => {
    const t = request.t;
    return {
      focus_area_id: t("programme.focus_area"),
      title: t("programme.action_title"),
      name: t("programme.indicator_name"),
      description: t("programme.description"),
      responsible: t("programme.responsible"),
      contributors: t("programme.contributors"),
      owner_id: t("programme.owner"),
      start_date: t("programme.start_date"),
      end_date: t("programme.end_date"),
      status_id: t("programme.action_status"),
      progress: t("programme.action_progress"),
      weight: t("programme.weight"),
      position: t("programme.position"),
      text: t("programme.note"),
      year: t("programme.choose_year"),
      unit: t("programme.unit"),
      direction: t("programme.direction"),
      baseline_value: t("programme.baseline_value"),
      baseline_year: t("programme.baseline_year"),
      source: t("programme.source"),
      kolada_kpi: t("programme.kolada_kpi"),
      kolada_gender: t("programme.kolada_gender"),
      targets: t("programme.targets"),
      quarter: t("programme.quarter"),
      value: t("programme.value"),
      comment: t("programme.comment"),
      summaries: t("programme.summary"),
      correction_note: t("programme.correction_note"),
      programme: t("programme.admin_title"),
    };
  };
  /** The year a report form starts on: the one asked for, else the programme's reporting year. */
  const yearFor = (request: FastifyRequest, programme: { start_year: number; end_year: number }) => {
    const asked = yearQuery.safeParse(request.query ?? {}).data?.year ?? null;
    return asked !== null && asked >= programme.start_year && asked <= programme.end_year ? asked : reportingYear(programme, new Date());
  };

  // --- Actions ----------------------------------------------------------------------------
  const showActionForm = async (request: FastifyRequest, reply: FastifyReply, target: ChildTarget, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    authorizeProgramme(ctx.actor, "programme.manage");
    const action = "id" in target ? await actions.getAction(ctx, target.id) : undefined;
    const [detail, choices] = await Promise.all([
      programmes.getProgramme(ctx, action?.programme_id ?? ("parentId" in target ? target.parentId : "")),
      programmes.formChoices(ctx),
    ]);
    programmes.assertStructureOpen(detail.programme);
    return sendPage(
      reply,
      <ActionFormPage
        ctx={pageContext(request, services.secret)}
        detail={detail}
        action={action}
        choices={choices}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  childFormPages(app, {
    parent: { path: "/admin/program", record: "programme" },
    path: "/admin/atgarder",
    record: "action",
    edit: "redigera",
    body: actionInput,
    show: showActionForm,
    create: (request, programmeId, body) => actions.createAction(ctxOf(request), programmeId, body),
    update: (request, id, body) => actions.updateAction(ctxOf(request), id, body),
    done: (action) => `/admin/atgarder/${action.id}`,
  });

  const showAction = async (request: FastifyRequest, reply: FastifyReply, id: string, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const action = await actions.getAction(ctx, id);
    const { programme, statuses } = action;
    const canEdit = canProgramme(ctx.actor, "programme.manage") && !programmes.isLocked(programme);
    const canReport = canProgramme(ctx.actor, "programme.report", action) && programme.status !== "archived";
    return sendPage(
      reply,
      <ActionPage
        ctx={pageContext(request, services.secret)}
        programme={programme}
        action={action}
        statuses={statuses}
        canEdit={canEdit}
        canReport={canReport}
        defaultYear={yearFor(request, programme)}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  app.get(
    "/admin/atgarder/:id",
    { config: { ...page, record: "action" }, schema: { hide: true, params: idParams, querystring: yearQuery } },
    async (request, reply) => showAction(request, reply, request.params.id, undefined, 200),
  );
  app.post(
    "/admin/atgarder/:id",
    { config: { ...page, record: "action" }, attachValidation: true, schema: { hide: true, params: idParams, body: actionUpdateInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showAction(request, reply, request.params.id, problems, status),
        async () => `/admin/atgarder/${(await actions.addActionUpdate(ctxOf(request), request.params.id, request.body)).id}`,
      ),
  );
  app.post(
    "/admin/atgarder/:id/ta-bort",
    {
      config: { ...page, record: "action", confirm: confirmDelete(async (request, id) => (await actions.getAction(ctxOf(request), id)).title) },
      schema: { hide: true, params: idParams, body: csrfOnly },
    },
    async (request, reply) => {
      const action = await actions.getAction(ctxOf(request), request.params.id);
      return handleFormPost(
        request,
        reply,
        (problems, status) => showAction(request, reply, request.params.id, problems, status),
        async () => {
          await actions.deleteAction(ctxOf(request), request.params.id);
          return `/admin/program/${action.programme_id}`;
        },
        "common.deleted",
      );
    },
  );

  // --- Indicators -------------------------------------------------------------------------
  const showIndicatorForm = async (request: FastifyRequest, reply: FastifyReply, target: ChildTarget, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    authorizeProgramme(ctx.actor, "programme.manage");
    const indicator = "id" in target ? await indicators.getIndicator(ctx, target.id) : undefined;
    const [detail, choices] = await Promise.all([
      programmes.getProgramme(ctx, indicator?.programme_id ?? ("parentId" in target ? target.parentId : "")),
      programmes.formChoices(ctx),
    ]);
    programmes.assertStructureOpen(detail.programme);
    return sendPage(
      reply,
      <IndicatorFormPage
        ctx={pageContext(request, services.secret)}
        detail={detail}
        indicator={indicator}
        staff={choices.staff}
        sources={services.contributions.indicatorSources ?? []}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  childFormPages(app, {
    parent: { path: "/admin/program", record: "programme" },
    path: "/admin/indikatorer",
    record: "indicator",
    edit: "redigera",
    body: indicatorInput,
    show: showIndicatorForm,
    create: (request, programmeId, body) => indicators.createIndicator(ctxOf(request), programmeId, body),
    update: (request, id, body) => indicators.updateIndicator(ctxOf(request), id, body),
    done: (indicator) => `/admin/indikatorer/${indicator.id}`,
  });

  const showIndicator = async (request: FastifyRequest, reply: FastifyReply, id: string, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const indicator = await indicators.getIndicator(ctx, id);
    const canEdit = canProgramme(ctx.actor, "programme.manage") && !programmes.isLocked(indicator.programme);
    const canReport = canProgramme(ctx.actor, "programme.report", indicator) && indicator.programme.status !== "archived";
    return sendPage(
      reply,
      <IndicatorPage
        ctx={pageContext(request, services.secret)}
        programme={indicator.programme}
        indicator={indicator}
        canEdit={canEdit}
        canReport={canReport}
        defaultYear={yearFor(request, indicator.programme)}
        comparison={indicator.source === "kolada" ? await koladaComparison(ctx, indicator, indicatorYears(indicator.programme, indicator.baseline_year)) : null}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  app.get(
    "/admin/indikatorer/:id",
    { config: { ...page, record: "indicator" }, schema: { hide: true, params: idParams, querystring: yearQuery } },
    async (request, reply) => showIndicator(request, reply, request.params.id, undefined, 200),
  );
  app.post(
    "/admin/indikatorer/:id/varden",
    { config: { ...page, record: "indicator" }, attachValidation: true, schema: { hide: true, params: idParams, body: indicatorValueInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showIndicator(request, reply, request.params.id, problems, status),
        async () => `/admin/indikatorer/${(await indicators.setValue(ctxOf(request), request.params.id, request.body)).id}?year=${request.body.year}`,
      ),
  );
  app.post(
    "/admin/indikatorer/:id/varden/ta-bort",
    {
      config: {
        ...page,
        record: "indicator",
        confirm: confirmDelete(async (request, id) => {
          const { year, quarter } = request.body as { year: number; quarter?: number | null };
          const indicator = await indicators.getIndicator(ctxOf(request), id);
          return request.t("programme.value_name", { indicator: indicator.name, period: quarter ? `${year} Q${quarter}` : String(year) });
        }),
      },
      attachValidation: true,
      schema: { hide: true, params: idParams, body: valuePeriodInput },
    },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showIndicator(request, reply, request.params.id, problems, status),
        async () => `/admin/indikatorer/${(await indicators.deleteValue(ctxOf(request), request.params.id, request.body.year, request.body.quarter)).id}`,
        "common.deleted",
      ),
  );
  app.post(
    "/admin/indikatorer/:id/ta-bort",
    {
      config: { ...page, record: "indicator", confirm: confirmDelete(async (request, id) => (await indicators.getIndicator(ctxOf(request), id)).name) },
      schema: { hide: true, params: idParams, body: csrfOnly },
    },
    async (request, reply) => {
      const indicator = await indicators.getIndicator(ctxOf(request), request.params.id);
      return handleFormPost(
        request,
        reply,
        (problems, status) => showIndicator(request, reply, request.params.id, problems, status),
        async () => {
          await indicators.deleteIndicator(ctxOf(request), request.params.id);
          return `/admin/program/${indicator.programme_id}`;
        },
        "common.deleted",
      );
    },
  );

  // --- Yearly follow-up -------------------------------------------------------------------
  const showFollowUp = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    year: number | null,
    problems: FieldProblem[] | undefined,
    status: number,
  ) => {
    const ctx = ctxOf(request);
    const workspace = await followUps.followUpWorkspace(ctx, id, year);
    return sendPage(
      reply,
      <FollowUpPage
        ctx={pageContext(request, services.secret)}
        workspace={workspace}
        canManage={canProgramme(ctx.actor, "programme.manage")}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  const postedYear = (request: FastifyRequest) => yearQuery.safeParse(request.body ?? {}).data?.year ?? null;
  app.get(
    "/admin/program/:id/uppfoljning",
    { config: { ...page, record: "programme" }, schema: { hide: true, params: idParams, querystring: yearQuery } },
    async (request, reply) => showFollowUp(request, reply, request.params.id, request.query.year, undefined, 200),
  );
  app.post(
    "/admin/program/:id/uppfoljning/sammanfattningar",
    { config: { ...page, record: "programme" }, attachValidation: true, schema: { hide: true, params: idParams, body: summariesInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showFollowUp(request, reply, request.params.id, postedYear(request), problems, status),
        async () => {
          await followUps.saveSummaries(ctxOf(request), request.params.id, request.body);
          return `/admin/program/${request.params.id}/uppfoljning?year=${request.body.year}`;
        },
      ),
  );
  app.post(
    "/admin/program/:id/uppfoljning/publicera",
    { config: { ...page, record: "programme", confirm: confirmPublish }, attachValidation: true, schema: { hide: true, params: idParams, body: publishInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showFollowUp(request, reply, request.params.id, postedYear(request), problems, status),
        async () => `/uppfoljning/${(await followUps.publishFollowUp(ctxOf(request), request.params.id, request.body)).id}`,
        "programme.published_flash",
      ),
  );

  /** Publishing cannot be undone: the page says so, and names every action and indicator the year still lacks. */
  async function confirmPublish(request: FastifyRequest) {
    const { id } = request.params as { id: string };
    const { year } = request.body as { year: number };
    const workspace = await followUps.followUpWorkspace(ctxOf(request), id, year);
    const { actions: notes, indicators: values } = workspace.missingNames;
    const t = request.t;
    return {
      title: t("programme.publish_confirm_title", { year: workspace.year }),
      text: t("programme.publish_confirm_text"),
      detailsLabel: notes.length + values.length > 0 ? t("programme.missing", { actions: notes.length, indicators: values.length }) : undefined,
      details: [...notes.map((title) => t("programme.missing_note", { title })), ...values.map((name) => t("programme.missing_value", { name }))],
      button: t("programme.publish"),
      back: `/admin/program/${id}/uppfoljning?year=${workspace.year}`,
    };
  }
}

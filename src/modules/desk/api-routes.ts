import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { idParams } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import * as inboxes from "./inbox-service.js";
import { caseJson, caseSummaryJson, dashboardJson, presentCase, presentDashboard, presentInboxRow } from "./presenter.js";
import * as reports from "./report-service.js";
import { dashboardQuery, inboxQuery } from "./schemas.js";
import * as desk from "./service.js";

/** `/api/v1/cases…` and the desk's figures, read by token. */
export async function deskApiRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const api = { kind: "api" as const };
  const tags = ["desk"];
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);

  app.get(
    "/api/v1/cases",
    {
      config: api,
      schema: {
        summary: "desk.api.the_desk_s_cases_by_next",
        tags,
        querystring: inboxQuery,
        response: { 200: z.object({ data: z.array(caseSummaryJson), total: z.number(), page: z.number(), page_size: z.number() }) },
      },
    },
    async (request) => {
      const inbox = await inboxes.inbox(ctxOf(request), request.query);
      return { data: inbox.rows.map(presentInboxRow), total: inbox.total, page: inbox.page, page_size: inbox.pageSize };
    },
  );
  app.get(
    "/api/v1/cases/:id",
    {
      config: { ...api, record: "case" },
      schema: { summary: "desk.api.a_case_with_its_clocks_messages", tags, params: idParams, response: { 200: caseJson } },
    },
    async (request) => presentCase(await desk.getCase(ctxOf(request), request.params.id)),
  );
  app.get(
    "/api/v1/desk/figures",
    {
      config: api,
      schema: {
        summary: "desk.api.measured_waiting_for_a_year_per",
        tags,
        querystring: dashboardQuery,
        response: { 200: dashboardJson },
      },
    },
    async (request) => presentDashboard(await reports.dashboard(ctxOf(request), request.query)),
  );
}

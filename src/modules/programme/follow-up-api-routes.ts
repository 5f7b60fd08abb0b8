import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { idParams } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import * as followUps from "./follow-up-service.js";
import * as indicators from "./indicator-service.js";
import { authorizeProgramme } from "./policy.js";
import { presentFollowUp, presentFollowUpRow, presentIndicator } from "./presenter.js";
import { followUpJson, indicatorInput, indicatorJson, indicatorValueInput, publishInput, summariesInput, valuePeriodInput } from "./schemas.js";

/** `/api/v1/…` for a programme's follow-up: indicators with their values, and the yearly follow-ups. */
export async function programmeFollowUpApiRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const api = { kind: "api" as const };
  const tags = ["programmes"];
  const ctxOf = (request: Parameters<typeof operationContext>[0]) => operationContext(request, services);

  // Indicators
  app.post(
    "/api/v1/programmes/:id/indicators",
    {
      config: { ...api, record: "programme" },
      schema: { summary: "programme.api.add_an_indicator_with_its_targets", tags, params: idParams, body: indicatorInput, response: { 201: indicatorJson } },
    },
    async (request, reply) => reply.code(201).send(presentIndicator(await indicators.createIndicator(ctxOf(request), request.params.id, request.body))),
  );
  app.get(
    "/api/v1/indicators/:id",
    {
      config: { ...api, record: "indicator" },
      schema: { summary: "programme.api.one_indicator_with_targets_and_values", tags, params: idParams, response: { 200: indicatorJson } },
    },
    async (request) => presentIndicator(await indicators.getIndicator(ctxOf(request), request.params.id)),
  );
  app.put(
    "/api/v1/indicators/:id",
    {
      config: { ...api, record: "indicator" },
      schema: { summary: "programme.api.change_an_indicator_and_its_targets", tags, params: idParams, body: indicatorInput, response: { 200: indicatorJson } },
    },
    async (request) => presentIndicator(await indicators.updateIndicator(ctxOf(request), request.params.id, request.body)),
  );
  app.delete(
    "/api/v1/indicators/:id",
    { config: { ...api, record: "indicator" }, schema: { summary: "programme.api.delete_an_indicator", tags, params: idParams } },
    async (request, reply) => {
      await indicators.deleteIndicator(ctxOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
  app.put(
    "/api/v1/indicators/:id/values",
    {
      config: { ...api, record: "indicator" },
      schema: {
        summary: "programme.api.record_the_value_of_a_year",
        tags,
        params: idParams,
        body: indicatorValueInput,
        response: { 200: indicatorJson },
      },
    },
    async (request) => presentIndicator(await indicators.setValue(ctxOf(request), request.params.id, request.body)),
  );
  app.delete(
    "/api/v1/indicators/:id/values",
    {
      config: { ...api, record: "indicator" },
      schema: { summary: "programme.api.remove_the_value_of_a_year", tags, params: idParams, querystring: valuePeriodInput, response: { 200: indicatorJson } },
    },
    async (request) => presentIndicator(await indicators.deleteValue(ctxOf(request), request.params.id, request.query.year, request.query.quarter)),
  );

  // Follow-up
  app.put(
    "/api/v1/programmes/:id/summaries",
    {
      config: { ...api, record: "programme" },
      schema: { summary: "programme.api.the_focus_areas_summaries_for_a", tags, params: idParams, body: summariesInput },
    },
    async (request, reply) => {
      await followUps.saveSummaries(ctxOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );
  app.post(
    "/api/v1/programmes/:id/follow-ups",
    {
      config: { ...api, record: "programme" },
      schema: {
        summary: "programme.api.publish_the_follow_up_of_a",
        tags,
        params: idParams,
        body: publishInput,
        response: { 201: z.object({ id: z.uuid(), year: z.number(), revision: z.number(), published_at: z.string() }) },
      },
    },
    async (request, reply) => reply.code(201).send(presentFollowUpRow(await followUps.publishFollowUp(ctxOf(request), request.params.id, request.body))),
  );
  app.get(
    "/api/v1/follow-ups/:id",
    {
      config: { ...api, record: "followUp" },
      schema: { summary: "programme.api.a_published_follow_up_with_its", tags, params: idParams, response: { 200: followUpJson } },
    },
    async (request) => {
      const ctx = ctxOf(request);
      authorizeProgramme(ctx.actor, "programme.read");
      return presentFollowUp(await followUps.getFollowUp(services.db, ctx.scope, request.params.id));
    },
  );
}

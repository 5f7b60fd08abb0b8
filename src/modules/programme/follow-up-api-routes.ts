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
      schema: { summary: "Add an indicator with its targets", tags, params: idParams, body: indicatorInput, response: { 201: indicatorJson } },
    },
    async (request, reply) => reply.code(201).send(presentIndicator(await indicators.createIndicator(ctxOf(request), request.params.id, request.body))),
  );
  app.get(
    "/api/v1/indicators/:id",
    {
      config: { ...api, record: "indicator" },
      schema: { summary: "One indicator with targets and values", tags, params: idParams, response: { 200: indicatorJson } },
    },
    async (request) => presentIndicator(await indicators.getIndicator(ctxOf(request), request.params.id)),
  );
  app.put(
    "/api/v1/indicators/:id",
    {
      config: { ...api, record: "indicator" },
      schema: { summary: "Change an indicator and its targets", tags, params: idParams, body: indicatorInput, response: { 200: indicatorJson } },
    },
    async (request) => presentIndicator(await indicators.updateIndicator(ctxOf(request), request.params.id, request.body)),
  );
  app.delete(
    "/api/v1/indicators/:id",
    { config: { ...api, record: "indicator" }, schema: { summary: "Delete an indicator", tags, params: idParams } },
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
        summary: "Record the value of a year or quarter (replaces the period's value)",
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
      schema: { summary: "Remove the value of a year or quarter", tags, params: idParams, querystring: valuePeriodInput, response: { 200: indicatorJson } },
    },
    async (request) => presentIndicator(await indicators.deleteValue(ctxOf(request), request.params.id, request.query.year, request.query.quarter)),
  );

  // Follow-up
  app.put(
    "/api/v1/programmes/:id/summaries",
    {
      config: { ...api, record: "programme" },
      schema: { summary: "The focus areas' summaries for a follow-up year", tags, params: idParams, body: summariesInput },
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
        summary: "Publish the follow-up of a year (a correction is a new revision)",
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
      schema: { summary: "A published follow-up with its snapshot", tags, params: idParams, response: { 200: followUpJson } },
    },
    async (request) => {
      const ctx = ctxOf(request);
      authorizeProgramme(ctx.actor, "programme.read");
      return presentFollowUp(await followUps.getFollowUp(services.db, ctx.scope, request.params.id));
    },
  );
}

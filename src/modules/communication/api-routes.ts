import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { operationContext, requestScope } from "../../platform/http/operation.js";
import * as events from "./event-service.js";
import * as news from "./news-service.js";
import { bounceReports } from "./schemas.js";
import * as subscribers from "./subscriber-service.js";

const bounceAnswer = z.object({ results: z.array(z.object({ email: z.string(), known: z.boolean(), blocked: z.boolean() })) });

/** Communication's JSON: published news, upcoming events, and the endpoint a mail server reports bounces to. */
export async function communicationApiRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const api = { kind: "api" as const };
  const publicApi = { kind: "api" as const, access: "public" as const };

  app.get(
    "/api/v1/news",
    { config: publicApi, schema: { tags: ["communication"], summary: "communication.api.published_news_newest_first", querystring: z.object({}) } },
    async (request) => {
      const posts = await news.latest(services.db, requestScope(request), 50);
      return {
        news: posts.map((post) => ({
          id: post.id,
          slug: post.slug,
          title: post.title,
          summary: post.summary,
          body_markdown: post.body,
          language: post.language,
          focus_area_ids: post.focus_area_ids,
          published_at: post.publish_at!.toISOString(),
        })),
      };
    },
  );

  app.get(
    "/api/v1/events",
    { config: publicApi, schema: { tags: ["communication"], summary: "communication.api.upcoming_public_events", querystring: z.object({}) } },
    async (request) => {
      const rows = await events.upcoming(services.db, requestScope(request));
      return {
        events: rows.map((event) => ({
          id: event.id,
          title: event.title,
          kind: event.kind,
          starts_at: event.starts_at.toISOString(),
          ends_at: event.ends_at.toISOString(),
          place: event.place,
          online_url: event.online_url,
          capacity: event.capacity,
          registered: event.registered,
          waiting: event.waiting,
          status: event.status,
          registration: events.openness(event),
        })),
      };
    },
  );

  app.post(
    "/api/v1/newsletter/bounces",
    {
      config: api,
      schema: {
        tags: ["communication"],
        summary: "communication.api.report_bounces_and_complaints",
        description:
          "For the mail server or delivery service: each report names an address and whether the bounce was hard, soft or a complaint. A hard bounce or a complaint blocks the address at once; soft bounces block it after three. Authenticate with an API token of an account that may send newsletters.",
        body: bounceReports,
        response: { 200: bounceAnswer },
      },
    },
    async (request) => ({ results: await subscribers.reportBounces(operationContext(request, services), request.body.reports) }),
  );
}

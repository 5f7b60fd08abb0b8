import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../http/app.js";
import { pageNumber } from "../http/fields.js";
import { pageContext, sendPage } from "../http/render.js";
import { operationContext } from "../http/operation.js";
import * as auth from "../auth/service.js";
import { listAuditEvents } from "./service.js";
import type { AuditVocabulary } from "./names.js";
import { AuditPage } from "./views/audit.js";

const blank = (value: unknown) => (value === "" ? undefined : value);
const auditQuery = z.object({
  record_type: z.preprocess(blank, z.string().max(60).optional()),
  record_id: z.preprocess(blank, z.uuid("invalid_value").optional()),
  actor_id: z.preprocess(blank, z.uuid("invalid_value").optional()),
  from: z.preprocess(blank, z.iso.date("invalid_date").optional()),
  to: z.preprocess(blank, z.iso.date("invalid_date").optional()),
  page: pageNumber(),
});

const auditEventJson = z.object({
  id: z.uuid(),
  at: z.string(),
  actor_id: z.uuid().nullable(),
  actor_label: z.string(),
  action: z.string(),
  record_type: z.string(),
  record_id: z.uuid().nullable(),
  changes: z.record(z.string(), z.unknown()),
});

/** The audit log for administrators: a filterable page and the same as JSON. */
export const auditRoutes = (vocabulary: AuditVocabulary) =>
  async function auditRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get("/admin/logg", { config: { kind: "page" }, schema: { hide: true, querystring: auditQuery } }, async (request, reply) => {
      const ctx = operationContext(request, services);
      const { page, ...filter } = request.query;
      const result = await listAuditEvents(ctx, {
        ...filter,
        recordType: filter.record_type,
        recordId: filter.record_id,
        actorId: filter.actor_id,
        page,
        pageSize: 50,
      });
      const actors = await auth.listUsers(ctx);
      const params = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
      return sendPage(
        reply,
        <AuditPage
          ctx={pageContext(request, services.secret)}
          rows={result.rows}
          hasMore={result.hasMore}
          page={page}
          filter={filter}
          recordTypes={result.recordTypes}
          vocabulary={vocabulary}
          actors={actors.map((actor) => ({ id: actor.id, name: actor.name }))}
          baseUrl={`/admin/logg?${params.toString()}`}
        />,
      );
    });

    app.get(
      "/api/v1/audit-events",
      {
        config: { kind: "api" },
        schema: {
          summary: "api.op.audit_events_newest_first_filter_by",
          tags: ["audit"],
          querystring: auditQuery,
          response: { 200: z.object({ data: z.array(auditEventJson), has_more: z.boolean() }) },
        },
      },
      async (request) => {
        const { page, ...filter } = request.query;
        const result = await listAuditEvents(operationContext(request, services), {
          recordType: filter.record_type,
          recordId: filter.record_id,
          actorId: filter.actor_id,
          from: filter.from,
          to: filter.to,
          page,
          pageSize: 100,
        });
        return {
          data: result.rows.map((row) => ({
            id: row.id,
            at: row.at.toISOString(),
            actor_id: row.actor_id,
            actor_label: row.actor_label,
            action: row.action,
            record_type: row.record_type,
            record_id: row.record_id,
            changes: row.changes,
          })),
          has_more: result.hasMore,
        };
      },
    );
  };

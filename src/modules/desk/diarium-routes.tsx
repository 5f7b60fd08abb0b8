import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { stringify } from "csv-stringify/sync";
import { spreadsheetCast } from "../../platform/csv.js";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formProblems } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { fieldErrors } from "../../platform/http/problems.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import type { Translate } from "../../platform/ui/i18n.js";
import { canDesk } from "./policy.js";
import { registerCsvRows, registerEntry } from "./register.js";
import * as register from "./register-service.js";
import { diariumExportInput, diariumQuery } from "./schemas.js";
import { DiariumPage } from "./views/diarium.js";
import { z } from "zod";

const exportParams = z.object({ id: z.string().max(100) });

/** The documented JSON of an export (`docs/diarium.md`): each case once, with what the export carries of it. */
function exportJson(exported: register.ExportedRegister, municipality: { name: string; kommunkod: string }, t: Translate) {
  return {
    format: "lotsen-diarium/1",
    export: {
      id: exported.export.id,
      at: exported.export.at.toISOString(),
      municipality,
      registered: exported.export.registered,
      closed: exported.export.closed,
    },
    cases: exported.rows.map((row) => ({
      events: [...(row.registers ? ["registered"] : []), ...(row.closes ? ["closed"] : [])],
      ...registerEntry(row, t),
    })),
  };
}

/** The register of incoming cases: the staff page, a new export to the records system, and an earlier one again. */
export async function diariumRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const show = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const query = diariumQuery.parse(request.query ?? {});
    const filter = { q: query.q || null, year: query.year ?? null, page: query.page ?? 1 };
    return sendPage(
      reply,
      <DiariumPage
        ctx={pageContext(request, services.secret)}
        overview={await register.searchRegister(ctx, filter)}
        filter={filter}
        canExport={canDesk(ctx.actor, "desk.route")}
        errors={problems ? fieldErrors(problems, request.t, { format: request.t("desk.diarium_format") }) : undefined}
      />,
      status,
    );
  };
  const send = (request: FastifyRequest, reply: FastifyReply, exported: register.ExportedRegister, format: "csv" | "json") => {
    const t = request.t;
    const name = `diarium-${exported.export.at.toISOString().slice(0, 10)}-${exported.export.id.slice(-8)}.${format}`;
    reply.header("cache-control", "no-store").header("content-disposition", `attachment; filename="${name}"`);
    if (format === "json") {
      const municipality = request.municipality!;
      return reply.type("application/json; charset=utf-8").send(exportJson(exported, { name: municipality.name, kommunkod: municipality.kommunkod }, t));
    }
    return reply.type("text/csv; charset=utf-8").send(stringify(registerCsvRows(exported.rows, t), { delimiter: ";", bom: true, cast: spreadsheetCast }));
  };

  app.get("/arenden/diarium", { config: { kind: "page" }, schema: { hide: true, querystring: diariumQuery } }, async (request, reply) =>
    show(request, reply, undefined, 200),
  );
  app.post(
    "/arenden/diarium/export",
    { config: { kind: "page" }, attachValidation: true, schema: { hide: true, body: diariumExportInput } },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return show(request, reply, problems, 400);
      }
      return send(request, reply, await register.exportRegister(ctxOf(request)), request.body.format);
    },
  );
  for (const format of ["csv", "json"] as const) {
    app.get(
      `/arenden/diarium/utskick/:id/diarium.${format}`,
      { config: { kind: "page", record: "registerExport" }, schema: { hide: true, params: exportParams } },
      async (request, reply) => send(request, reply, await register.getExport(ctxOf(request), request.params.id), format),
    );
  }
}

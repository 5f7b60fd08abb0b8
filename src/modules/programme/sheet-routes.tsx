import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { spreadsheetCast } from "../../platform/csv.js";
import type { ErrorCode, FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formProblems, idParams, noInput, serviceProblems } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { fieldErrors, problemMessage } from "../../platform/http/problems.js";
import { pageContext, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import { uploadedFiles } from "../../platform/http/uploads.js";
import { xlsxOf } from "../../platform/spreadsheet.js";
import { authorizeProgramme } from "./policy.js";
import * as programmes from "./service.js";
import * as sheets from "./sheet-service.js";
import type { SheetKind } from "./sheet.js";
import { SheetImportPage, SheetPage } from "./views/sheet.js";

const csrfOnly = z.object({ _csrf: z.string().optional() });
/** The preview lists at most this many rows. */
const shownRows = 500;
const fileNames: Record<SheetKind, string> = { actions: "atgarder", values: "indikatorvarden" };

/** A programme's actions and indicator values out as spreadsheets, and a file brought back: preview, then apply. */
export async function programmeSheetRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const, record: "programme" };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);

  const showSheets = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    authorizeProgramme(ctx.actor, "programme.manage");
    const { programme } = await programmes.getProgramme(ctx, request.params.id);
    return sendPage(
      reply,
      <SheetPage
        ctx={pageContext(request, services.secret)}
        programme={programme}
        imports={await sheets.listImports(ctx, programme.id)}
        errors={problems ? fieldErrors(problems, request.t, { file: request.t("programme.sheet_file") }) : undefined}
      />,
      status,
    );
  };
  app.get("/admin/program/:id/kalkylblad", { config: page, schema: { ...noInput, hide: true, params: idParams } }, async (request, reply) =>
    showSheets(request, reply, undefined, 200),
  );
  app.post(
    "/admin/program/:id/kalkylblad",
    {
      config: { ...page, multipart: { files: 1, fileBytes: 10 * 1024 * 1024 }, rateLimit: { max: 20, timeWindow: "1 minute" } },
      attachValidation: true,
      schema: { hide: true, params: idParams, body: csrfOnly },
    },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return showSheets(request, reply, problems, 400);
      }
      const file = uploadedFiles(request, "file")[0];
      if (!file || file.size === 0 || file.tooLarge) {
        return showSheets(request, reply, [{ path: "file", message: file?.tooLarge ? "programme.sheet_unreadable" : "required" }], 400);
      }
      try {
        const preview = await sheets.previewImport(ctxOf(request), request.params.id, { path: file.path, name: file.filename });
        return redirectAfterPost(reply, `/admin/kalkylblad/${preview.id}`, "programme.sheet_read");
      } catch (error) {
        return showSheets(request, reply, serviceProblems(error), 400);
      }
    },
  );

  for (const kind of ["actions", "values"] as const) {
    const table = (request: FastifyRequest<{ Params: { id: string } }>) => sheets.exportSheet(ctxOf(request), request.params.id, kind, request.lang);
    app.get(`/admin/program/:id/${fileNames[kind]}.csv`, { config: page, schema: { ...noInput, hide: true, params: idParams } }, async (request, reply) => {
      const { headers, rows } = await table(request);
      return reply
        .type("text/csv; charset=utf-8")
        .header("cache-control", "no-store")
        .header("content-disposition", `attachment; filename="${fileNames[kind]}.csv"`)
        .send(stringify([headers, ...rows], { delimiter: ";", bom: true, cast: spreadsheetCast }));
    });
    app.get(`/admin/program/:id/${fileNames[kind]}.xlsx`, { config: page, schema: { ...noInput, hide: true, params: idParams } }, async (request, reply) => {
      const { headers, rows } = await table(request);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("cache-control", "no-store")
        .header("content-disposition", `attachment; filename="${fileNames[kind]}.xlsx"`)
        .send(await xlsxOf(request.t(`programme.sheet_kind_${kind}`), headers, rows));
    });
  }

  const showImport = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const found = await sheetOf(request);
    const { programme } = await programmes.getProgramme(ctx, found.programme_id);
    const t = request.t;
    const label = (column: string) => t(`programme.sheet_col_${column}` as "programme.sheet_col_id");
    // Refused and changing rows first; a long file's unchanged rows are counted, not listed.
    const listed = [...found.plan.rows.filter((row) => row.outcome !== "unchanged"), ...found.plan.rows.filter((row) => row.outcome === "unchanged")].slice(
      0,
      shownRows,
    );
    const rows = listed.map((row) => ({
      line: row.line,
      outcome: row.outcome,
      label: row.label,
      changes: Object.entries(row.changes).map(([field, change]) => ({ field: label(field), ...change })),
      problems: row.problems.map((problem) =>
        problemMessage({ path: problem.column, message: problem.message as ErrorCode }, t, { [problem.column]: label(problem.column) }),
      ),
    }));
    return sendPage(
      reply,
      <SheetImportPage
        ctx={pageContext(request, services.secret)}
        programme={programme}
        sheetImport={found}
        rows={rows}
        hidden={found.plan.rows.length - rows.length}
        errors={problems ? fieldErrors(problems, t, { file: t("programme.sheet_file") }) : undefined}
      />,
      status,
    );
  };
  /** The kept file, found by its own id in the municipality (another's is a 404). */
  const sheetOf = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const ctx = ctxOf(request);
    return sheets.getImport(ctx, null, request.params.id);
  };
  const importPage = { kind: "page" as const, record: "sheetImport" };
  app.get("/admin/kalkylblad/:id", { config: importPage, schema: { ...noInput, hide: true, params: idParams } }, async (request, reply) =>
    showImport(request, reply, undefined, 200),
  );
  app.post(
    "/admin/kalkylblad/:id/infor",
    { config: importPage, attachValidation: true, schema: { hide: true, params: idParams, body: csrfOnly } },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return showImport(request, reply, problems, 400);
      }
      const found = await sheetOf(request);
      try {
        const outcome = await sheets.applyImport(ctxOf(request), found.programme_id, found.id);
        return redirectAfterPost(
          reply,
          `/admin/kalkylblad/${found.id}`,
          outcome === "applied" ? "programme.sheet_applied_flash" : "programme.sheet_queued_flash",
        );
      } catch (error) {
        return showImport(request, reply, serviceProblems(error), 409);
      }
    },
  );
}

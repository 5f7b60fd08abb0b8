import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, type FieldProblem, type ErrorCode } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { handleFormPost, noInput } from "../../platform/http/forms.js";
import { formPages } from "../../platform/http/form-pages.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, sendPage } from "../../platform/http/render.js";
import { uploadedFiles } from "../../platform/http/uploads.js";
import { fieldErrors } from "../../platform/http/problems.js";
import { authorizeCompanies } from "./policy.js";
import { areaInput, templateInput } from "./schemas.js";
import * as companies from "./service.js";
import * as visits from "./visit-service.js";
import { AreaPage, ImportPage, TemplateFormPage, TemplatesPage } from "./views/admin.js";

/** The register's settings: visit-report templates, the municipality's area and retention time, and the upload of company lists. */
/** What is wrong with an uploaded file that the page says in the reader's words. */
const importProblems: readonly ErrorCode[] = [
  "companies.import_unknown_format",
  "companies.import_empty",
  "companies.import_national_format",
  "companies.import_zip_refused",
];

export async function companyAdminRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const labels = (request: FastifyRequest): Record<string, string> => ({
    name: request.t("companies.template_name"),
    questions: request.t("companies.template_questions"),
    sections: request.t("companies.template_sections"),
    postcodes: request.t("companies.area_postcodes"),
    towns: request.t("companies.area_towns"),
    contact_retention_months: request.t("companies.retention_months"),
    file: request.t("companies.import_file"),
  });

  app.get("/admin/besoksmallar", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(reply, <TemplatesPage ctx={pageContext(request, services.secret)} templates={await visits.listTemplates(ctxOf(request))} />),
  );
  const showTemplate = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    authorizeCompanies(ctx.actor, "visits.templates");
    const template = id ? await visits.getTemplate(ctx, id) : undefined;
    return sendPage(
      reply,
      <TemplateFormPage
        ctx={pageContext(request, services.secret)}
        template={template}
        sections={(services.contributions.visitSections ?? []).map(({ key, label }) => ({ key, label }))}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  formPages(app, {
    path: "/admin/besoksmallar",
    record: "template",
    body: templateInput,
    show: showTemplate,
    done: "/admin/besoksmallar",
    create: (request, body) => visits.saveTemplate(ctxOf(request), null, body),
    update: (request, id, body) => visits.saveTemplate(ctxOf(request), id, body),
  });

  const showArea = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(
      reply,
      <AreaPage
        ctx={pageContext(request, services.secret)}
        area={await companies.getArea(ctxOf(request))}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  app.get("/admin/foretag/omrade", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showArea(request, reply, undefined, 200));
  app.post("/admin/foretag/omrade", { config: page, attachValidation: true, schema: { hide: true, body: areaInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showArea(request, reply, problems, status),
      async () => {
        await companies.saveArea(ctxOf(request), request.body);
        return "/admin/foretag/omrade";
      },
    ),
  );

  app.get("/admin/foretag/import", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    authorizeCompanies(ctxOf(request).actor, "companies.import");
    return sendPage(reply, <ImportPage ctx={pageContext(request, services.secret)} />);
  });
  const uploadBody = z.object({ _csrf: z.string().optional() });
  // One file of a municipality's own list; the national files come through the command line.
  const importUpload = { files: 1 };
  app.post(
    "/admin/foretag/import",
    {
      config: { ...page, multipart: importUpload, rateLimit: { max: 20, timeWindow: "1 minute" } },
      attachValidation: true,
      schema: { hide: true, body: uploadBody },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      authorizeCompanies(ctx.actor, "companies.import");
      const file = uploadedFiles(request, "file")[0];
      const fail = (message: ErrorCode) =>
        sendPage(
          reply,
          <ImportPage ctx={pageContext(request, services.secret)} errors={fieldErrors([{ path: "file", message }], request.t, labels(request))} />,
          400,
        );
      if (!file || (file.size === 0 && !file.tooLarge)) {
        return fail("required");
      }
      if (file.tooLarge) {
        return fail("companies.file_too_large");
      }
      try {
        const result = await companies.uploadCompanies(ctx, file.path, file.filename);
        return sendPage(reply, <ImportPage ctx={pageContext(request, services.secret, request.t("companies.import_done"))} result={result} />);
      } catch (error) {
        const told = importProblems.find((code) => error instanceof AppError && error.code === code);
        if (told) {
          return fail(told);
        }
        throw error;
      }
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { formProblems, handleFormPost, idParams, noInput, serviceProblems } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import { uploadedFiles } from "../../platform/http/uploads.js";
import { commentInput, sectionTextInput, templateInput, writerInput } from "./schemas.js";
import * as sections from "./section-service.js";
import * as templates from "./template-service.js";
import { SectionPage } from "./views/section.js";
import { TemplatePage } from "./views/template.js";

const csrfOnly = z.object({ _csrf: z.string().optional() });

/** A report's sections (text, readiness, writer, comments) and the municipality's template and logo. */
export async function reportSectionRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const page = { kind: "page" as const, record: "reportSection" };

  const showSection = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    problems: FieldProblem[] | undefined,
    status: number,
  ) => {
    const t = request.t;
    return sendPage(
      reply,
      <SectionPage
        ctx={pageContext(request, services.secret)}
        view={await sections.getSection(ctxOf(request), request.params.id)}
        {...formState(request, problems, { text: t("report.text"), comment: t("report.comment"), writer_id: t("report.writer") })}
      />,
      status,
    );
  };
  app.get("/admin/rapportavsnitt/:id", { config: page, schema: { ...noInput, hide: true, params: idParams } }, async (request, reply) =>
    showSection(request, reply, undefined, 200),
  );
  const post = <T extends z.ZodType>(path: string, body: T, act: (request: FastifyRequest<{ Params: { id: string }; Body: z.infer<T> }>) => Promise<void>) =>
    app.post(
      `/admin/rapportavsnitt/:id${path}`,
      { config: page, attachValidation: true, schema: { hide: true, params: idParams, body } },
      async (request, reply) =>
        handleFormPost(
          request,
          reply,
          (problems, status) => showSection(request, reply, problems, status),
          async () => {
            await act(request as FastifyRequest<{ Params: { id: string }; Body: z.infer<T> }>);
            return `/admin/rapportavsnitt/${request.params.id}`;
          },
        ),
    );
  post("", sectionTextInput, (request) => sections.saveSectionText(ctxOf(request), request.params.id, request.body.text));
  post("/klar", csrfOnly, (request) => sections.setSectionReady(ctxOf(request), request.params.id, true));
  post("/oppna", csrfOnly, (request) => sections.setSectionReady(ctxOf(request), request.params.id, false));
  post("/skribent", writerInput, (request) => sections.assignWriter(ctxOf(request), request.params.id, request.body.writer_id));
  post("/kommentar", commentInput, (request) => sections.addComment(ctxOf(request), request.params.id, request.body.comment));

  const showTemplate = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const { entries, hasLogo } = await templates.getTemplate(ctxOf(request));
    const t = request.t;
    return sendPage(
      reply,
      <TemplatePage
        ctx={pageContext(request, services.secret)}
        entries={entries}
        hasLogo={hasLogo}
        {...formState(request, problems, { sections: t("report.sections"), new_title: t("report.template_new"), logo: t("report.logo") })}
      />,
      status,
    );
  };
  app.get("/admin/rapportmall", { config: { kind: "page" }, schema: { ...noInput, hide: true } }, async (request, reply) =>
    showTemplate(request, reply, undefined, 200),
  );
  app.post("/admin/rapportmall", { config: { kind: "page" }, attachValidation: true, schema: { hide: true, body: templateInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showTemplate(request, reply, problems, status),
      async () => {
        await templates.saveTemplate(ctxOf(request), request.body);
        return "/admin/rapportmall";
      },
    ),
  );
  app.post(
    "/admin/rapportmall/logotyp",
    {
      config: { kind: "page", multipart: { files: 1, fileBytes: 2 * 1024 * 1024 }, rateLimit: { max: 20, timeWindow: "1 minute" } },
      attachValidation: true,
      schema: { hide: true, body: csrfOnly },
    },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return showTemplate(request, reply, problems, 400);
      }
      const file = uploadedFiles(request, "logo")[0];
      if (!file || file.size === 0 || file.tooLarge) {
        return showTemplate(request, reply, [{ path: "logo", message: file?.tooLarge ? "report.logo_invalid" : "required" }], 400);
      }
      try {
        await templates.saveLogo(ctxOf(request), await readFile(file.path));
      } catch (error) {
        return showTemplate(request, reply, serviceProblems(error), 400);
      }
      return redirectAfterPost(reply, "/admin/rapportmall");
    },
  );
}

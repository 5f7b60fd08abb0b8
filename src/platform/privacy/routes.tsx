import { stringify } from "csv-stringify/sync";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { spreadsheetCast } from "../csv.js";
import { ValidationError } from "../errors.js";
import type { AppServices } from "../http/app.js";
import { formProblems, noInput, serviceProblems } from "../http/forms.js";
import { formState } from "../http/form-state.js";
import { operationContext } from "../http/operation.js";
import { pageContext, sendPage } from "../http/render.js";
import { readPersonKey, readPersonQuery } from "./person.js";
import * as privacy from "./service.js";
import { ErasurePage, PrivacyPage, personLabel } from "./views/privacy.js";
import { ProcessingPage } from "./views/processing.js";

const searchQuery = z.object({ q: z.string().max(320, "too_long").optional() });
const personQuery = z.object({ q: z.string({ message: "required" }).max(320, "too_long") });
// An erasure names one person: the schema reads the address or number, so the confirmation never sees a name.
const eraseInput = z.object({
  q: z
    .string({ message: "required" })
    .trim()
    .min(1, "required")
    .max(320, "too_long")
    .superRefine((value, issues) => {
      try {
        readPersonKey(value);
      } catch (error) {
        for (const field of error instanceof ValidationError ? error.fields : []) {
          issues.addIssue({ code: "custom", message: field.message });
        }
      }
    }),
});

/**
 * The data-protection page (`/admin/dataskydd`): one search over every module, the register
 * extract as a page and as JSON, one erasure, and the record of processing activities.
 */
export async function privacyRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const labels = (t: (key: "privacy.query") => string) => ({ q: t("privacy.query") });

  app.get("/admin/dataskydd", { config: page, schema: { hide: true, querystring: searchQuery } }, async (request, reply) => {
    const ctx = operationContext(request, services);
    const q = request.query.q?.trim() ?? "";
    if (q === "") {
      privacy.assertPrivacy(ctx);
      return sendPage(reply, <PrivacyPage ctx={pageContext(request, services.secret)} found={null} person={null} extract={null} />);
    }
    try {
      const query = readPersonQuery(q);
      const found = await privacy.searchPeople(ctx, query);
      const person = query.kind === "name" ? null : query;
      const extract = person ? await privacy.registerExtract(ctx, person) : null;
      return sendPage(reply, <PrivacyPage ctx={pageContext(request, services.secret)} found={found} person={person} extract={extract} values={{ q }} />);
    } catch (error) {
      if (!(error instanceof ValidationError)) {
        throw error;
      }
      const state = formState(request, error.fields, labels(request.t));
      return sendPage(
        reply,
        <PrivacyPage ctx={pageContext(request, services.secret)} found={null} person={null} extract={null} errors={state.errors} values={{ q }} />,
        400,
      );
    }
  });

  app.get("/admin/dataskydd/registerutdrag.json", { config: page, schema: { hide: true, querystring: personQuery } }, async (request, reply) => {
    const person = readPersonKey(request.query.q);
    const extract = await privacy.registerExtract(operationContext(request, services), person);
    return reply
      .type("application/json; charset=utf-8")
      .header("content-disposition", 'attachment; filename="registerutdrag.json"')
      .header("cache-control", "no-store")
      .send(JSON.stringify(extract, null, 2));
  });

  app.post(
    "/admin/dataskydd/radera",
    {
      config: {
        ...page,
        confirm: (request) => {
          const { q } = request.body as { q: string };
          const person = readPersonKey(q);
          return {
            title: request.t("privacy.erase_confirm_title", { person: personLabel(person) }),
            text: request.t("privacy.erase_confirm_text"),
            button: request.t("privacy.erase"),
            back: `/admin/dataskydd?q=${encodeURIComponent(q)}`,
          };
        },
      },
      attachValidation: true,
      schema: { hide: true, body: eraseInput },
    },
    async (request, reply) => {
      const ctx = operationContext(request, services);
      privacy.assertPrivacy(ctx);
      const problems = formProblems(request);
      try {
        if (problems) {
          throw new ValidationError(problems);
        }
        const person = readPersonKey(request.body.q);
        const report = await privacy.erasePerson(ctx, person);
        return sendPage(reply, <ErasurePage ctx={pageContext(request, services.secret)} person={person} report={report} />);
      } catch (error) {
        const fields = serviceProblems(error);
        const state = formState(request, fields, labels(request.t));
        return sendPage(reply, <PrivacyPage ctx={pageContext(request, services.secret)} found={null} person={null} extract={null} {...state} />, 400);
      }
    },
  );

  app.get("/admin/dataskydd/behandlingar", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(reply, <ProcessingPage ctx={pageContext(request, services.secret)} record={privacy.processingRecord(operationContext(request, services))} />),
  );

  app.get("/admin/dataskydd/behandlingar.csv", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const t = request.t;
    const record = privacy.processingRecord(operationContext(request, services));
    const header = [
      "privacy.area",
      "privacy.activity",
      "privacy.purpose",
      "privacy.subjects",
      "privacy.categories",
      "privacy.lawful_basis",
      "privacy.retention",
      "privacy.recipients",
    ] as const;
    const rows = record.flatMap((part) =>
      part.activities.map((activity) => [
        t(part.title),
        t(activity.name),
        t(activity.purpose),
        t(activity.subjects),
        t(activity.categories),
        t(`privacy.basis.${activity.lawfulBasis}`),
        t(activity.retention),
        t(activity.recipients),
      ]),
    );
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="behandlingar.csv"')
      .send(stringify([header.map((key) => t(key)), ...rows], { delimiter: ";", bom: true, cast: spreadsheetCast }));
  });
}

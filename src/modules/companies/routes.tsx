import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { MadeOnce } from "../../platform/http/made-once.js";
import { operationContext } from "../../platform/http/operation.js";
import { htmlBytes, pageContext, redirectAfterPost, sendKeptContentPage, sendPage } from "../../platform/http/render.js";
import type { FieldProblem } from "../../platform/errors.js";
import { checkbox } from "../../platform/http/fields.js";
import { formState } from "../../platform/http/form-state.js";
import { canCompanies } from "./policy.js";
import { industryIndex, sizeClassChoices } from "./reference.js";
import { linkInput, profileInput, searchQuery, taskInput } from "./schemas.js";
import * as companies from "./service.js";
import * as visits from "./visit-service.js";
import { CompanyView } from "./views/company.js";
import { SearchContent } from "./views/search.js";
import { MyTasksPage } from "./views/tasks.js";

/** The industry filter: SNI 2025's sections and divisions first, then SNI 2007's. */
function industryChoices() {
  const choices: Array<{ value: string; label: string; group: string }> = [];
  for (const version of ["2025", "2007"] as const) {
    for (const industry of industryIndex().get(version)!.values()) {
      if (industry.level === "section" || industry.level === "division") {
        choices.push({
          value: `${version}:${industry.code}`,
          label: `${industry.level === "division" ? "\u00a0\u00a0" : ""}${industry.code} ${industry.title_sv}`,
          group: `SNI ${version}`,
        });
      }
    }
  }
  return choices;
}

/** The search page, the company page and the municipality's knowledge of a company; the task list. */
export async function companyRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const industries = industryChoices();
  // The search's content, once per kept result, language and reader's rights (its tags and staff are kept alike).
  const renderedSearches = new MadeOnce<companies.SearchResult, Buffer>(16);
  const labels = (request: FastifyRequest): Record<string, string> => ({
    owner_id: request.t("companies.owner"),
    tags: request.t("companies.tags"),
    notes: request.t("companies.notes"),
    title: request.t("companies.task_title"),
    due_on: request.t("companies.task_due"),
    visit_id: request.t("companies.visit"),
    linked: request.t("companies.linked_label"),
  });

  app.get("/foretag", { config: page, schema: { hide: true, querystring: searchQuery } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { result, ...choices } = await companies.searchPage(ctx, request.query);
    const shown = pageContext(request, services.secret);
    const rights = { settings: canCompanies(ctx.actor, "companies.settings"), import: canCompanies(ctx.actor, "companies.import") };
    // A person's number shows in full to those who manage the register only (`shownNumber`).
    const key = `${shown.lang}|${rights.settings}|${rights.import}|${canCompanies(ctx.actor, "companies.manage")}`;
    const content = renderedSearches.get(result, key, () =>
      htmlBytes(
        <SearchContent
          ctx={shown}
          filter={request.query}
          result={result}
          choices={{ industries, sizes: sizeClassChoices(), tags: choices.tags, staff: choices.staff }}
          rights={rights}
        />,
      ),
    );
    return sendKeptContentPage(reply, { ctx: shown, title: shown.t("companies.title"), htmx: true }, content);
  });

  const showCompany = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: "profile" | "task" | undefined,
    problems: FieldProblem[] | undefined,
    status: number,
  ) => {
    const ctx = ctxOf(request);
    const [detail, choices] = await Promise.all([companies.getCompany(ctx, id), companies.formChoices(ctx)]);
    const rights = { manage: canCompanies(ctx.actor, "companies.manage"), personal: canCompanies(ctx.actor, "contacts.personal") };
    return sendPage(
      reply,
      <CompanyView
        ctx={pageContext(request, services.secret)}
        page={detail}
        rights={rights}
        staff={choices.staff}
        form={form}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  app.get("/foretag/:id", { config: { ...page, record: "company" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showCompany(request, reply, request.params.id, undefined, undefined, 200),
  );

  app.post(
    "/foretag/:id/profil",
    { config: { ...page, record: "company" }, attachValidation: true, schema: { hide: true, params: idParams, body: profileInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showCompany(request, reply, request.params.id, "profile", problems, status),
        async () => {
          await companies.saveProfile(ctxOf(request), request.params.id, request.body);
          return `/foretag/${request.params.id}`;
        },
      ),
  );

  app.post(
    "/foretag/:id/koppling",
    { config: { ...page, record: "company" }, attachValidation: true, schema: { hide: true, params: idParams, body: linkInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showCompany(request, reply, request.params.id, "profile", problems, status),
        async () => {
          await companies.setLinked(ctxOf(request), request.params.id, request.body.linked);
          return `/foretag/${request.params.id}`;
        },
      ),
  );

  app.post(
    "/foretag/:id/uppgifter",
    { config: { ...page, record: "company" }, attachValidation: true, schema: { hide: true, params: idParams, body: taskInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showCompany(request, reply, request.params.id, "task", problems, status),
        async () => {
          await visits.createTask(ctxOf(request), request.params.id, request.body);
          const visitId = request.body.visit_id;
          return visitId ? `/besok/${visitId}` : `/foretag/${request.params.id}`;
        },
      ),
  );

  const doneInput = z.object({
    done: checkbox(),
    back: z
      .string()
      .max(300)
      .regex(/^\/(foretag|besok|uppgifter)(\/[0-9a-f-]{36})?$/)
      .catch("/uppgifter")
      .default("/uppgifter"),
  });
  app.post(
    "/uppgifter/:id/klar",
    { config: { ...page, record: "task" }, schema: { hide: true, params: idParams, body: doneInput } },
    async (request, reply) => {
      const companyId = await visits.setTaskDone(ctxOf(request), request.params.id, request.body.done);
      const back = request.body.back.startsWith("/foretag/") ? `/foretag/${companyId}` : request.body.back;
      return redirectAfterPost(reply, back, request.body.done ? "companies.task_marked_done" : "companies.task_marked_open");
    },
  );

  app.get("/uppgifter", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const tasks = await visits.myTasks(ctx);
    const token = await visits.myFeedToken(ctx, services.secret);
    const feedUrl = ctx.actor.kind === "user" && token ? `${services.linkBase(request.municipality!)}/besok/kalender/${ctx.actor.id}/${token}` : null;
    return sendPage(reply, <MyTasksPage ctx={pageContext(request, services.secret)} tasks={tasks} feedUrl={feedUrl} />);
  });
  app.post("/uppgifter/kalender/ny-lank", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    await visits.renewMyFeed(ctxOf(request));
    return redirectAfterPost(reply, "/uppgifter", "companies.feed_renewed");
  });

  const feedParams = z.object({ id: z.string().max(100), token: z.string().max(100) });
  app.get(
    "/besok/kalender/:id/:token",
    { config: { access: "public", record: "user" }, schema: { hide: true, params: feedParams } },
    async (request, reply) => {
      const municipality = request.municipality!;
      const calendar = await visits.visitFeed(
        services.db,
        { municipalityId: municipality.id },
        services.secret,
        request.params.id,
        request.params.token,
        `${request.t("companies.feed_name")} – ${municipality.name}`,
      );
      return reply.type("text/calendar; charset=utf-8").header("cache-control", "private, no-store").send(calendar);
    },
  );
}

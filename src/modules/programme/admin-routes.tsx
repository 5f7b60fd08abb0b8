import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { confirmDelete } from "../../platform/http/confirm.js";
import { handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { childFormPages, formPages, type ChildTarget } from "../../platform/http/form-pages.js";
import { pageContext, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import { operationContext } from "../../platform/http/operation.js";
import type { FieldProblem } from "../../platform/errors.js";
import { authorizeProgramme, canProgramme } from "./policy.js";
import * as programmes from "./service.js";
import * as copying from "./copy-service.js";
import * as statuses from "./status-service.js";
import { formState } from "../../platform/http/form-state.js";
import { adoptInput, commitmentInput, copyInput, focusAreaInput, programmeInput, statusInput, unlockInput } from "./schemas.js";
import { AdminProgrammesPage, ProgrammeAdminPage, type ProgrammeRights } from "./views/admin.js";
import { PartFormPage, ProgrammeFormPage, StatusesPage, StatusFormPage } from "./views/forms.js";

const csrfOnly = z.object({ _csrf: z.string().optional() });

/** Staff pages for programmes, their commitments and focus areas, and the action statuses. */
export async function programmeAdminRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const rightsOf = (request: FastifyRequest): ProgrammeRights => {
    const actor = ctxOf(request).actor;
    return {
      manage: canProgramme(actor, "programme.manage"),
      unlock: canProgramme(actor, "programme.unlock"),
      statuses: canProgramme(actor, "programme.statuses"),
    };
  };
  const labels = (request: FastifyRequest): Record<string, string> => {
    const t = request.t;
    return {
      name: t("programme.name"),
      title: t("programme.title_field"),
      start_year: t("programme.start_year"),
      end_year: t("programme.end_year"),
      purpose: t("programme.purpose"),
      vision: t("programme.vision"),
      goal: t("programme.goal"),
      party_ids: t("programme.parties"),
      adopted_by: t("programme.adopted_by"),
      adopted_on: t("programme.adopted_on"),
      reason: t("programme.unlock_reason"),
      description: t("programme.description"),
      position: t("programme.position"),
      default_progress: t("programme.default_progress"),
      closed: t("programme.closed"),
      status: t("programme.status"),
      programme: t("programme.admin_title"),
      id: t("programme.status_name"),
    };
  };

  // --- Programmes -----------------------------------------------------------------------
  app.get("/admin/program", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      <AdminProgrammesPage
        ctx={pageContext(request, services.secret)}
        programmes={await programmes.listProgrammes(ctxOf(request))}
        rights={rightsOf(request)}
      />,
    ),
  );

  const showProgrammeForm = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    authorizeProgramme(ctx.actor, "programme.manage");
    const [detail, choices] = await Promise.all([id ? programmes.getProgramme(ctx, id) : undefined, programmes.formChoices(ctx)]);
    const props = {
      ctx: pageContext(request, services.secret),
      programme: detail?.programme,
      partyIds: detail?.parties.map((party) => party.id) ?? [],
      parties: choices.parties,
    };
    return sendPage(reply, <ProgrammeFormPage {...props} {...formState(request, problems, labels(request))} />, status);
  };
  formPages(app, {
    path: "/admin/program",
    edit: "redigera",
    record: "programme",
    body: programmeInput,
    show: showProgrammeForm,
    done: (id) => `/admin/program/${id}`,
    create: (request, body) => programmes.createProgramme(ctxOf(request), body),
    update: (request, id, body) => programmes.updateProgramme(ctxOf(request), id, body),
  });

  const showAdminPage = async (request: FastifyRequest, reply: FastifyReply, id: string, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(
      reply,
      <ProgrammeAdminPage
        ctx={pageContext(request, services.secret)}
        detail={await programmes.getProgramme(ctxOf(request), id)}
        periods={await programmes.listProgrammes(ctxOf(request))}
        rights={rightsOf(request)}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  app.get("/admin/program/:id", { config: { ...page, record: "programme" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showAdminPage(request, reply, request.params.id, undefined, 200),
  );

  const controlForm = <T extends z.ZodType>(
    path: string,
    body: T,
    act: (request: FastifyRequest<{ Params: { id: string }; Body: z.infer<T> }>) => Promise<string>,
  ) =>
    app.post(
      `/admin/program/:id/${path}`,
      { config: { ...page, record: "programme" }, attachValidation: true, schema: { hide: true, params: idParams, body } },
      async (request, reply) =>
        handleFormPost(
          request,
          reply,
          (problems, status) => showAdminPage(request, reply, request.params.id, problems, status),
          () => act(request as FastifyRequest<{ Params: { id: string }; Body: z.infer<T> }>),
        ),
    );
  controlForm("anta", adoptInput, async (request) => `/admin/program/${(await programmes.adoptProgramme(ctxOf(request), request.params.id, request.body)).id}`);
  controlForm(
    "las-upp",
    unlockInput,
    async (request) => `/admin/program/${(await programmes.unlockProgramme(ctxOf(request), request.params.id, request.body.reason)).id}`,
  );
  controlForm("kopiera", copyInput, async (request) => `/admin/program/${(await copying.copyProgramme(ctxOf(request), request.params.id, request.body)).id}`);
  controlForm("las", csrfOnly, async (request) => `/admin/program/${(await programmes.relockProgramme(ctxOf(request), request.params.id)).id}`);
  controlForm("arkivera", csrfOnly, async (request) => `/admin/program/${(await programmes.archiveProgramme(ctxOf(request), request.params.id)).id}`);
  controlForm("aterstall", csrfOnly, async (request) => `/admin/program/${(await programmes.restoreProgramme(ctxOf(request), request.params.id)).id}`);
  app.post(
    "/admin/program/:id/ta-bort",
    {
      config: {
        ...page,
        record: "programme",
        confirm: confirmDelete(async (request, id) => (await programmes.getProgramme(ctxOf(request), id)).programme.name),
      },
      schema: { hide: true, params: idParams, body: csrfOnly },
    },
    async (request, reply) => {
      try {
        await programmes.deleteProgramme(ctxOf(request), request.params.id);
      } catch (error) {
        return handleFormPost(
          request,
          reply,
          (problems, status) => showAdminPage(request, reply, request.params.id, problems, status),
          () => Promise.reject(error),
        );
      }
      return redirectAfterPost(reply, "/admin/program", "common.deleted");
    },
  );

  // --- Commitments and focus areas --------------------------------------------------------
  for (const part of [
    { kind: "commitment" as const, record: "commitment", path: "ataganden", input: commitmentInput, nameField: "title" as const },
    { kind: "focus_area" as const, record: "focusArea", path: "fokusomraden", input: focusAreaInput, nameField: "name" as const },
  ]) {
    const show = async (request: FastifyRequest, reply: FastifyReply, target: ChildTarget, problems: FieldProblem[] | undefined, status: number) => {
      const ctx = ctxOf(request);
      const found =
        "id" in target
          ? part.kind === "commitment"
            ? await programmes.getCommitment(ctx, target.id)
            : await programmes.getFocusArea(ctx, target.id)
          : undefined;
      const detail = await programmes.getProgramme(ctx, found?.programme_id ?? ("parentId" in target ? target.parentId : ""));
      const readOnly = detail.locked || !canProgramme(ctx.actor, "programme.manage");
      if (!found && readOnly) {
        authorizeProgramme(ctx.actor, "programme.manage");
      }
      const shown = found
        ? { id: found.id, title: "title" in found ? found.title : found.name, description: found.description, position: found.position }
        : undefined;
      return sendPage(
        reply,
        <PartFormPage
          ctx={pageContext(request, services.secret)}
          kind={part.kind}
          programme={detail.programme}
          part={shown}
          readOnly={readOnly}
          {...formState(request, problems, labels(request))}
        />,
        status,
      );
    };
    const save = (request: FastifyRequest, target: { programmeId: string } | { id: string }, body: unknown): Promise<{ programme_id: string }> => {
      const ctx = ctxOf(request);
      return part.kind === "commitment"
        ? programmes.saveCommitment(ctx, target, body as z.infer<typeof commitmentInput>)
        : programmes.saveFocusArea(ctx, target, body as z.infer<typeof focusAreaInput>);
    };
    childFormPages(app, {
      parent: { path: "/admin/program", record: "programme" },
      path: `/admin/${part.path}`,
      record: part.record,
      body: part.input as z.ZodType<unknown>,
      show,
      create: (request, programmeId, body) => save(request, { programmeId }, body),
      update: (request, id, body) => save(request, { id }, body),
      done: (saved) => `/admin/program/${saved.programme_id}`,
      remove: async (request, id) => {
        const ctx = ctxOf(request);
        const found = part.kind === "commitment" ? await programmes.getCommitment(ctx, id) : await programmes.getFocusArea(ctx, id);
        await programmes.deletePart(ctx, part.kind, id);
        return `/admin/program/${found.programme_id}`;
      },
      named: async (request, id) =>
        part.kind === "commitment" ? (await programmes.getCommitment(ctxOf(request), id)).title : (await programmes.getFocusArea(ctxOf(request), id)).name,
    });
  }

  // --- Action statuses --------------------------------------------------------------------
  const showStatusForm = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    authorizeProgramme(ctx.actor, "programme.statuses");
    const found = id ? await statuses.getStatus(ctx, id) : undefined;
    return sendPage(
      reply,
      <StatusFormPage ctx={pageContext(request, services.secret)} status={found} {...formState(request, problems, labels(request))} />,
      status,
    );
  };
  app.get("/admin/atgardsstatus", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    authorizeProgramme(ctxOf(request).actor, "programme.statuses");
    return sendPage(reply, <StatusesPage ctx={pageContext(request, services.secret)} statuses={await statuses.listStatuses(ctxOf(request))} />);
  });
  formPages(app, {
    path: "/admin/atgardsstatus",
    record: "status",
    body: statusInput,
    show: showStatusForm,
    done: "/admin/atgardsstatus",
    create: (request, body) => statuses.saveStatus(ctxOf(request), null, body),
    update: (request, id, body) => statuses.saveStatus(ctxOf(request), id, body),
    remove: (request, id) => statuses.deleteStatus(ctxOf(request), id),
    named: async (request, id) => (await statuses.getStatus(ctxOf(request), id)).name,
  });
}

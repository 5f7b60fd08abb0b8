import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../http/app.js";
import { formProblems, idParams, noInput, serviceProblems, submittedValues } from "../http/forms.js";
import { fieldErrors } from "../http/problems.js";
import { pageContext, redirectAfterPost, sendPage } from "../http/render.js";
import * as tenancy from "../tenancy/service.js";
import { operationContext } from "../http/operation.js";
import { temporaryPasswordInput, userForm, userInput, userJson } from "./schemas.js";
import * as auth from "./service.js";
import { presentUser } from "./presenter.js";
import { UserFormPage, UsersPage } from "./views/users.js";
import type { FieldProblem } from "../errors.js";
import { authorize, can } from "./policy.js";

const sortQuery = z.object({ sort: z.enum(["name", "email", "status"]).optional().catch(undefined), dir: z.enum(["asc", "desc"]).optional().catch(undefined) });

/** Administration of staff accounts: list, create, edit (roles, units, active), temporary password; and the API. */
export async function userAdminRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };

  const labelsFor = (request: FastifyRequest) => ({
    name: request.t("users.name"),
    email: request.t("users.email"),
    roles: request.t("users.roles"),
    unit_ids: request.t("users.units"),
    active: request.t("users.active"),
    password: request.t("users.password"),
  });

  const unitChoices = async (request: FastifyRequest) => {
    const ctx = operationContext(request, services);
    return can(ctx.actor, "units.read") ? tenancy.listUnits(ctx) : [];
  };

  const showForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    props: { userId?: string; problems?: FieldProblem[]; passwordProblems?: FieldProblem[]; temporaryPassword?: string },
    status: number,
  ) => {
    const ctx = operationContext(request, services);
    const user = props.userId ? await auth.getUser(ctx, props.userId) : undefined;
    const labels = labelsFor(request);
    return sendPage(
      reply,
      <UserFormPage
        ctx={pageContext(request, services.secret)}
        user={user}
        units={await unitChoices(request)}
        errors={props.problems ? fieldErrors(props.problems, request.t, labels) : undefined}
        values={props.problems ? submittedValues(request) : undefined}
        passwordErrors={props.passwordProblems ? fieldErrors(props.passwordProblems, request.t, labels) : undefined}
        temporaryPassword={props.temporaryPassword}
      />,
      status,
    );
  };

  app.get("/admin/konton", { config: page, schema: { hide: true, querystring: sortQuery } }, async (request, reply) => {
    const users = await auth.listUsers(operationContext(request, services));
    const sort = request.query.sort ? { key: request.query.sort, direction: request.query.dir ?? "asc" } : undefined;
    return sendPage(reply, <UsersPage ctx={pageContext(request, services.secret)} users={users} sort={sort} />);
  });

  app.get("/admin/konton/ny", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    authorize(operationContext(request, services).actor, "users.manage");
    return showForm(request, reply, {}, 200);
  });

  app.post("/admin/konton/ny", { config: page, attachValidation: true, schema: { hide: true, body: userForm } }, async (request, reply) => {
    const problems = formProblems(request);
    if (problems) {
      return showForm(request, reply, { problems }, 400);
    }
    try {
      const { user, temporaryPassword } = await auth.createUser(operationContext(request, services), request.body);
      return showForm(request, reply, { userId: user.id, ...(temporaryPassword ? { temporaryPassword } : {}) }, 201);
    } catch (error) {
      return showForm(request, reply, { problems: serviceProblems(error) }, 400);
    }
  });

  app.get("/admin/konton/:id", { config: { ...page, record: "user" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showForm(request, reply, { userId: request.params.id }, 200),
  );

  app.post(
    "/admin/konton/:id",
    { config: { ...page, record: "user" }, attachValidation: true, schema: { hide: true, params: idParams, body: userForm } },
    async (request, reply) => {
      const ctx = operationContext(request, services);
      await auth.getUser(ctx, request.params.id);
      const problems = formProblems(request);
      if (problems) {
        return showForm(request, reply, { userId: request.params.id, problems }, 400);
      }
      try {
        await auth.updateUser(ctx, request.params.id, request.body);
      } catch (error) {
        return showForm(request, reply, { userId: request.params.id, problems: serviceProblems(error) }, 400);
      }
      return redirectAfterPost(reply, `/admin/konton/${request.params.id}`, "common.saved");
    },
  );

  app.post(
    "/admin/konton/:id/losenord",
    { config: { ...page, record: "user" }, attachValidation: true, schema: { hide: true, params: idParams, body: temporaryPasswordInput } },
    async (request, reply) => {
      const ctx = operationContext(request, services);
      await auth.getUser(ctx, request.params.id);
      const problems = formProblems(request);
      if (problems) {
        return showForm(request, reply, { userId: request.params.id, passwordProblems: problems }, 400);
      }
      await auth.setTemporaryPassword(ctx, request.params.id, request.body.password);
      return redirectAfterPost(reply, `/admin/konton/${request.params.id}`, "users.temp_password_set");
    },
  );

  app.post(
    "/admin/konton/:id/radera",
    {
      config: {
        ...page,
        record: "user",
        confirm: async (request) => {
          const { id } = request.params as { id: string };
          const user = await auth.getUser(operationContext(request, services), id);
          return {
            title: request.t("users.erase_confirm_title", { name: user.name }),
            text: request.t("users.erase_confirm_text"),
            button: request.t("users.erase"),
            back: `/admin/konton/${id}`,
          };
        },
      },
      schema: { hide: true, params: idParams, body: z.object({ _csrf: z.string().optional() }) },
    },
    async (request, reply) => {
      try {
        await auth.eraseUser(operationContext(request, services), request.params.id);
      } catch (error) {
        return showForm(request, reply, { userId: request.params.id, problems: serviceProblems(error) }, 400);
      }
      return redirectAfterPost(reply, "/admin/konton", "users.erased");
    },
  );

  const api = { kind: "api" as const };
  const tags = ["accounts"];
  app.get(
    "/api/v1/users",
    {
      config: api,
      schema: { ...noInput, summary: "api.op.staff_accounts_of_the_municipality", tags, response: { 200: z.object({ data: z.array(userJson) }) } },
    },
    async (request) => ({
      data: (await auth.listUsers(operationContext(request, services))).map(presentUser),
    }),
  );

  app.post(
    "/api/v1/users",
    {
      config: api,
      schema: {
        summary: "api.op.create_a_staff_account_a_temporary",
        tags,
        body: userInput,
        response: { 201: userJson.extend({ temporary_password: z.string().optional() }) },
      },
    },
    async (request, reply) => {
      const { user, temporaryPassword } = await auth.createUser(operationContext(request, services), request.body);
      return reply.code(201).send({ ...presentUser(user), ...(temporaryPassword ? { temporary_password: temporaryPassword } : {}) });
    },
  );

  app.get(
    "/api/v1/users/:id",
    { config: { ...api, record: "user" }, schema: { summary: "api.op.one_staff_account", tags, params: idParams, response: { 200: userJson } } },
    async (request) => presentUser(await auth.getUser(operationContext(request, services), request.params.id)),
  );

  app.put(
    "/api/v1/users/:id",
    {
      config: { ...api, record: "user" },
      schema: { summary: "api.op.change_a_staff_account", tags, params: idParams, body: userInput, response: { 200: userJson } },
    },
    async (request) => presentUser(await auth.updateUser(operationContext(request, services), request.params.id, request.body)),
  );

  app.post(
    "/api/v1/users/:id/erase",
    {
      config: { ...api, record: "user" },
      schema: { summary: "api.op.erase_a_staff_account_s_personal", tags, params: idParams },
    },
    async (request, reply) => {
      await auth.eraseUser(operationContext(request, services), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    "/api/v1/users/:id/deactivate",
    {
      config: { ...api, record: "user" },
      schema: { summary: "api.op.deactivate_a_staff_account_its_sessions", tags, params: idParams, response: { 200: userJson } },
    },
    async (request) => presentUser(await auth.deactivateUser(operationContext(request, services), request.params.id)),
  );
}

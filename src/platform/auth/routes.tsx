import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { NotFoundError } from "../errors.js";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../http/app.js";
import { formProblems, idParams, noInput, serviceProblems, submittedValues } from "../http/forms.js";
import { cookieName, cookieOptions } from "../http/cookies.js";
import { fieldErrors } from "../http/problems.js";
import { pageContext, redirectAfterPost, sendPage } from "../http/render.js";
import { operationContext } from "../http/operation.js";
import { AppError, ForbiddenError } from "../errors.js";
import * as tenancy from "../tenancy/service.js";
import { loginInput, passwordChangeInput, tokenInput, tokenJson, userJson } from "./schemas.js";
import * as auth from "./service.js";
import { presentToken } from "./presenter.js";
import { AccountPage, PasswordPage } from "./views/account.js";
import { LoginPage } from "./views/login.js";
import { can } from "./policy.js";
import { localPath } from "../http/local-path.js";
import { setPendingCookie } from "./second-factor-routes.js";
import { loginChoices } from "../sso/sign-in.js";
import * as regions from "../regions/service.js";

/** Only a local path may be the target after login, and not login or logout again: never an open redirect. */
function safeNext(next: string | undefined): string {
  const target = localPath(next);
  return target.startsWith("/logga-") ? "/" : target;
}

/** Login, logout, the account page with password change and API tokens, and their API. */
export async function authRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };

  app.get(
    "/logga-in",
    { config: { ...page, access: "public", region: true }, schema: { hide: true, querystring: z.object({ next: z.string().max(500).optional() }) } },
    async (request, reply) => {
      if (request.actor) {
        return reply.code(303).redirect(safeNext(request.query.next));
      }
      const choices = request.municipality ? await loginChoices(services.db, { municipalityId: request.municipality.id }) : undefined;
      return sendPage(reply, <LoginPage ctx={pageContext(request, services.secret)} next={request.query.next} choices={choices} />);
    },
  );

  app.post(
    "/logga-in",
    {
      config: { ...page, access: "public", region: true, rateLimit: { max: 20, timeWindow: "1 minute" } },
      attachValidation: true,
      schema: { hide: true, body: loginInput },
    },
    async (request, reply) => {
      const t = request.t;
      const labels = { email: t("login.email"), password: t("login.password") };
      const values = submittedValues(request);
      const showForm = async (problems: Parameters<typeof fieldErrors>[0], status: number) =>
        sendPage(
          reply,
          <LoginPage
            ctx={pageContext(request, services.secret)}
            errors={fieldErrors(problems, t, labels)}
            values={{ email: values.email }}
            next={typeof values.next === "string" ? values.next : undefined}
            choices={request.municipality ? await loginChoices(services.db, { municipalityId: request.municipality.id }) : undefined}
          />,
          status,
        );
      const problems = formProblems(request);
      if (problems) {
        return showForm(problems, 400);
      }
      if (request.region) {
        return regionalSignIn(request, reply, services, showForm);
      }
      const municipality = request.municipality;
      if (!municipality) {
        throw new ForbiddenError();
      }
      try {
        const { sessionToken, actor } = await auth.login(
          services.db,
          { municipalityId: municipality.id },
          request.body.email,
          request.body.password,
          request.id,
          request.ip,
        );
        if (request.sessionToken) {
          await auth.logout(services.db, { municipalityId: municipality.id }, request.sessionToken);
        }
        reply.setCookie(cookieName(request, "session"), sessionToken, cookieOptions(request, auth.sessionLimits.absoluteMs / 1000));
        const target = actor.kind === "user" && actor.mustChangePassword ? "/konto/losenord" : safeNext(request.body.next);
        return reply.code(303).redirect(target);
      } catch (error) {
        if (error instanceof auth.SecondFactorNeeded) {
          setPendingCookie(request, reply, error.pendingToken);
          const next = typeof request.body.next === "string" ? `?next=${encodeURIComponent(request.body.next)}` : "";
          return reply.code(303).redirect(`/logga-in/kod${next}`);
        }
        if (error instanceof AppError && ["invalid_login", "account_locked", "passwords_off"].includes(error.code)) {
          return showForm(error.fields, error.status);
        }
        throw error;
      }
    },
  );

  app.post(
    "/logga-ut",
    {
      config: { ...page, access: "public", allowedWithTemporaryPassword: true, region: true },
      schema: { hide: true, body: z.object({ _csrf: z.string().optional() }) },
    },
    async (request, reply) => {
      if (request.region && request.sessionToken) {
        await regions.regionalLogout(services.db, request.region.id, request.sessionToken);
      }
      const ended =
        request.sessionToken && request.municipality
          ? await auth.logout(services.db, { municipalityId: request.municipality.id }, request.sessionToken)
          : undefined;
      reply.clearCookie(cookieName(request, "session"), cookieOptions(request));
      // A session the identity provider opened: the next page offers to end the provider's session too.
      return ended?.singleSignOn ? reply.code(303).redirect("/logga-ut/leverantor") : redirectAfterPost(reply, "/logga-in", "login.logged_out");
    },
  );

  const renderAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { newToken?: string; errors?: Record<string, string>; values?: Record<string, unknown> } = {},
    status = 200,
  ) => {
    const ctx = operationContext(request, services);
    const tokens = await auth.listOwnTokens(ctx);
    const actor = request.actor;
    const units =
      actor?.kind === "user" && actor.unitIds.length > 0 && can(actor, "units.read")
        ? (await tenancy.listUnits(ctx)).filter((unit) => actor.unitIds.includes(unit.id)).map((unit) => unit.name)
        : [];
    return sendPage(
      reply,
      <AccountPage
        ctx={pageContext(request, services.secret)}
        units={units}
        tokens={tokens}
        newToken={extra.newToken}
        tokenErrors={extra.errors}
        tokenValues={extra.values}
      />,
      status,
    );
  };

  app.get("/konto", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => renderAccount(request, reply));

  app.get("/konto/export", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = operationContext(request, services);
    const actor = request.actor;
    if (actor?.kind !== "user") {
      throw new ForbiddenError();
    }
    const tokens = await auth.listOwnTokens(ctx);
    const extract = {
      account: { id: actor.id, name: actor.name, email: actor.email, roles: actor.roles, unit_ids: actor.unitIds },
      api_tokens: tokens.map(presentToken),
      exported_at: new Date().toISOString(),
    };
    return reply
      .header("content-disposition", 'attachment; filename="lotsen-mina-uppgifter.json"')
      .type("application/json; charset=utf-8")
      .send(JSON.stringify(extract, null, 2));
  });

  app.post("/konto/nycklar", { config: page, attachValidation: true, schema: { hide: true, body: tokenInput } }, async (request, reply) => {
    const t = request.t;
    const labels = { name: t("tokens.name"), days: t("tokens.days") };
    const problems = formProblems(request);
    if (problems) {
      return renderAccount(request, reply, { errors: fieldErrors(problems, t, labels), values: submittedValues(request) }, 400);
    }
    try {
      const { token } = await auth.createToken(operationContext(request, services), request.body);
      return renderAccount(request, reply, { newToken: token }, 201);
    } catch (error) {
      return renderAccount(request, reply, { errors: fieldErrors(serviceProblems(error), t, labels), values: submittedValues(request) }, 400);
    }
  });

  app.post(
    "/konto/nycklar/:id/aterkalla",
    {
      config: {
        ...page,
        record: "token",
        confirm: async (request) => {
          const { id } = request.params as { id: string };
          const token = (await auth.listOwnTokens(operationContext(request, services))).find((row) => row.id === id);
          if (!token) {
            throw new NotFoundError();
          }
          return {
            title: request.t("tokens.revoke_confirm_title", { name: token.name }),
            text: request.t("tokens.revoke_confirm_text"),
            button: request.t("tokens.revoke", { name: token.name }),
            back: "/konto#nycklar",
          };
        },
      },
      schema: { hide: true, params: idParams, body: z.object({ _csrf: z.string().optional() }) },
    },
    async (request, reply) => {
      await auth.revokeToken(operationContext(request, services), request.params.id);
      return redirectAfterPost(reply, "/konto#nycklar", "common.saved");
    },
  );

  const passwordPage = { ...page, allowedWithTemporaryPassword: true, region: true };
  app.get("/konto/losenord", { config: passwordPage, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const mustChange = request.actor?.kind !== "system" && request.actor?.mustChangePassword === true;
    return sendPage(reply, <PasswordPage ctx={pageContext(request, services.secret)} mustChange={mustChange} />);
  });

  app.post("/konto/losenord", { config: passwordPage, attachValidation: true, schema: { hide: true, body: passwordChangeInput } }, async (request, reply) => {
    const t = request.t;
    const labels = {
      current_password: t("account.current_password"),
      new_password: t("account.new_password"),
      confirm_password: t("account.confirm_password"),
    };
    const actor = request.actor;
    const mustChange = actor?.kind !== "system" && actor?.mustChangePassword === true;
    const show = (problems: Parameters<typeof fieldErrors>[0]) =>
      sendPage(reply, <PasswordPage ctx={pageContext(request, services.secret)} errors={fieldErrors(problems, t, labels)} mustChange={mustChange} />, 400);
    const problems = formProblems(request);
    if (problems) {
      return show(problems);
    }
    try {
      if (actor?.kind === "regional") {
        await regions.changeRegionalPassword(services.db, actor, request.body, request.sessionToken ?? undefined, request.id);
      } else {
        await auth.changeOwnPassword(operationContext(request, services), request.body, request.sessionToken ?? undefined);
      }
    } catch (error) {
      return show(serviceProblems(error));
    }
    return redirectAfterPost(reply, actor?.kind === "regional" ? "/region" : "/konto", "account.password_changed");
  });

  const api = { kind: "api" as const };
  app.get(
    "/api/v1/me",
    { config: api, schema: { ...noInput, summary: "api.op.the_account_behind_the_token", tags: ["account"], response: { 200: userJson } } },
    async (request) => {
      const actor = request.actor;
      if (actor?.kind !== "user") {
        throw new ForbiddenError();
      }
      return {
        id: actor.id,
        name: actor.name,
        email: actor.email,
        roles: [...actor.roles],
        unit_ids: [...actor.unitIds],
        active: true,
        must_change_password: actor.mustChangePassword,
        demo: false,
      };
    },
  );

  app.get(
    "/api/v1/tokens",
    { config: api, schema: { ...noInput, summary: "api.op.your_api_tokens", tags: ["account"], response: { 200: z.object({ data: z.array(tokenJson) }) } } },
    async (request) => {
      return { data: (await auth.listOwnTokens(operationContext(request, services))).map(presentToken) };
    },
  );

  app.post(
    "/api/v1/tokens",
    {
      config: api,
      schema: {
        summary: "api.op.create_an_api_token_the_secret",
        tags: ["account"],
        body: tokenInput,
        response: { 201: tokenJson.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const { token, row } = await auth.createToken(operationContext(request, services), request.body);
      return reply.code(201).send({ ...presentToken(row), token });
    },
  );

  app.delete(
    "/api/v1/tokens/:id",
    { config: { ...api, record: "token" }, schema: { summary: "api.op.revoke_an_api_token", tags: ["account"], params: idParams } },
    async (request, reply) => {
      await auth.revokeToken(operationContext(request, services), request.params.id);
      return reply.code(204).send();
    },
  );
}

/** A regional account signs in on its region's host: a session of the region's, never a municipality's. */
async function regionalSignIn(
  request: FastifyRequest<{ Body: z.infer<typeof loginInput> }>,
  reply: FastifyReply,
  services: AppServices,
  showForm: (problems: Parameters<typeof fieldErrors>[0], status: number) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  const region = request.region!;
  try {
    const { sessionToken, actor } = await regions.regionalLogin(services.db, region.id, request.body.email, request.body.password, request.id, request.ip);
    if (request.sessionToken) {
      await regions.regionalLogout(services.db, region.id, request.sessionToken);
    }
    reply.setCookie(cookieName(request, "session"), sessionToken, cookieOptions(request, auth.sessionLimits.absoluteMs / 1000));
    return reply.code(303).redirect(actor.mustChangePassword ? "/konto/losenord" : safeNext(request.body.next));
  } catch (error) {
    if (error instanceof AppError && ["invalid_login", "account_locked"].includes(error.code)) {
      return showForm(error.fields, error.status);
    }
    throw error;
  }
}

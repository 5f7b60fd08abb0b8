import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as auth from "../auth/service.js";
import { AppError, ForbiddenError, type FieldProblem } from "../errors.js";
import type { AppServices } from "../http/app.js";
import { cookieName, cookieOptions } from "../http/cookies.js";
import { formState } from "../http/form-state.js";
import { formProblems, noInput } from "../http/forms.js";
import { localPath } from "../http/local-path.js";
import { operationContext } from "../http/operation.js";
import { pageContext, redirectAfterPost, sendPage } from "../http/render.js";
import { ssoSettingsInput } from "./schemas.js";
import { RoleMapError, getSettings, saveSettings } from "./settings.js";
import { beginSignIn, completeSignIn, providerLogoutUrl } from "./sign-in.js";
import { ProviderLogoutPage, SignInFailedPage } from "./views/pages.js";
import { SsoSettingsPage } from "./views/settings.js";

const pendingMaxAgeSeconds = 10 * 60;
const nextQuery = z.object({ next: z.string().max(500).optional() });
// The provider's answer: a code and the state, or an error; anything else is a failed sign-in, not a 400 of the schema.
const answerQuery = z.object({}).passthrough();

/** Lotsen's own addresses the provider sends the browser back to, on the host the request came to. */
function addresses(request: FastifyRequest) {
  const origin = `${request.protocol}://${request.host}`;
  return { redirect: `${origin}/logga-in/sso/svar`, afterLogout: `${origin}/logga-in` };
}

/**
 * Single sign-on's pages: the start (to the provider), the provider's answer, the page after
 * logout that offers the provider's logout too, and the administrator's settings.
 */
export async function ssoRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const open = { kind: "page" as const, access: "public" as const, allowedWithTemporaryPassword: true };
  const municipalityOf = (request: FastifyRequest) => {
    if (!request.municipality) {
      throw new ForbiddenError();
    }
    return { municipalityId: request.municipality.id };
  };
  const failed = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (error instanceof AppError && (error.code.startsWith("sso_") || error.code === "not_found")) {
      const code = error.code === "not_found" ? "sso_off" : error.code;
      return sendPage(
        reply,
        <SignInFailedPage ctx={pageContext(request, services.secret)} message={request.t(`error.${code}` as "error.sso_off")} />,
        error.status,
      );
    }
    throw error;
  };

  app.get(
    "/logga-in/sso",
    { config: { ...open, rateLimit: { max: 30, timeWindow: "1 minute" } }, schema: { hide: true, querystring: nextQuery } },
    async (request, reply) => {
      try {
        const next = localPath(request.query.next);
        const { url, cookie } = await beginSignIn(services.db, municipalityOf(request), services.secret, addresses(request).redirect, next);
        reply.setCookie(cookieName(request, "sso"), cookie, cookieOptions(request, pendingMaxAgeSeconds));
        return reply.code(303).redirect(url);
      } catch (error) {
        return failed(request, reply, error);
      }
    },
  );

  app.get(
    "/logga-in/sso/svar",
    { config: { ...open, rateLimit: { max: 30, timeWindow: "1 minute" } }, schema: { hide: true, querystring: answerQuery } },
    async (request, reply) => {
      const scope = municipalityOf(request);
      const cookie = request.cookies[cookieName(request, "sso")];
      // The state cookie is spent whatever the answer: a second use of the same answer is refused.
      reply.clearCookie(cookieName(request, "sso"), cookieOptions(request));
      try {
        const url = new URL(request.url, `${request.protocol}://${request.host}`);
        const { sessionToken, next } = await completeSignIn(services.db, scope, services.secret, cookie, url, request.id);
        if (request.sessionToken) {
          await auth.logout(services.db, scope, request.sessionToken);
        }
        reply.setCookie(cookieName(request, "session"), sessionToken, cookieOptions(request, auth.sessionLimits.absoluteMs / 1000));
        return reply.code(303).redirect(next.startsWith("/logga-") ? "/" : next);
      } catch (error) {
        return failed(request, reply, error);
      }
    },
  );

  app.get("/logga-ut/leverantor", { config: open, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const logoutUrl = await providerLogoutUrl(services.db, municipalityOf(request), services.secret, addresses(request).afterLogout);
    return sendPage(reply, <ProviderLogoutPage ctx={pageContext(request, services.secret)} logoutUrl={logoutUrl} />);
  });

  const labels = (request: FastifyRequest) => ({
    enabled: request.t("sso.enabled"),
    issuer: request.t("sso.issuer"),
    client_id: request.t("sso.client_id"),
    client_secret: request.t("sso.client_secret"),
    scopes: request.t("sso.scopes"),
    roles_claim: request.t("sso.roles_claim"),
    role_map: request.t("sso.role_map"),
    passwords_off: request.t("sso.passwords_off"),
  });
  const showSettings = async (request: FastifyRequest, reply: FastifyReply, status: number, problems?: FieldProblem[], roleMapLine?: number) => {
    const settings = await getSettings(operationContext(request, services));
    const state = formState(request, problems, labels(request));
    return sendPage(
      reply,
      <SsoSettingsPage ctx={pageContext(request, services.secret)} settings={settings} addresses={addresses(request)} roleMapLine={roleMapLine} {...state} />,
      status,
    );
  };

  app.get("/admin/inloggning", { config: { kind: "page" }, schema: { ...noInput, hide: true } }, async (request, reply) => showSettings(request, reply, 200));

  app.post(
    "/admin/inloggning",
    { config: { kind: "page" }, attachValidation: true, schema: { hide: true, body: ssoSettingsInput } },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return showSettings(request, reply, 400, problems);
      }
      try {
        await saveSettings(operationContext(request, services), services.secret, request.body);
      } catch (error) {
        if (error instanceof AppError && error.status === 400) {
          return showSettings(request, reply, 400, error.fields, error instanceof RoleMapError ? error.line : undefined);
        }
        throw error;
      }
      return redirectAfterPost(reply, "/admin/inloggning", "common.saved");
    },
  );
}

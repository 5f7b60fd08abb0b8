import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../db/database.js";
import { authenticateSession, authenticateToken, sessionLimits } from "../auth/service.js";
import { AppError, UnauthorizedError } from "../errors.js";
import { pickLanguage, translator } from "../ui/i18n.js";
import { csrfValid } from "./csrf.js";
import type { TenantDirectory } from "./tenants.js";

export const cookieNames = { session: "lotsen_session", anon: "lotsen_anon", lang: "lotsen_lang", flash: "lotsen_flash" } as const;

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

interface HookOptions {
  db: Db;
  secret: string;
  tenants: TenantDirectory;
}

/** The cookie options every Lotsen cookie shares; Secure whenever the request came over TLS. */
export function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number) {
  return { path: "/", httpOnly: true, sameSite: "lax" as const, secure: request.protocol === "https", ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

/**
 * The request pipeline every route shares, in order: language → municipality (from the
 * host) → who is acting (session cookie or Bearer token) → access (route config) →
 * CSRF on every unsafe method not made with a token.
 */
export function registerRequestHooks(app: FastifyInstance, options: HookOptions): void {
  app.decorateRequest("municipality", null);
  app.decorateRequest("actor", null);
  app.decorateRequest("lang", "sv");
  app.decorateRequest("t", translator("sv"));
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("csrfBinding", "");
  app.decorateRequest("flash", null);

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    request.lang = pickLanguage(request.cookies[cookieNames.lang], request.headers["accept-language"]);
    request.t = translator(request.lang);
    const flash = request.cookies[cookieNames.flash];
    if (flash && request.method === "GET") {
      request.flash = flash;
      reply.clearCookie(cookieNames.flash, { path: "/" });
    }
    const config = request.routeOptions.config;
    if (config.tenant === false) {
      return;
    }
    const municipality = await options.tenants.resolve(request.headers.host);
    if (!municipality) {
      throw new AppError(404, "no_municipality", "no_municipality");
    }
    request.municipality = municipality;
    await identify(request, reply, options);
    if (config.access !== "public" && !request.is404 && !request.actor) {
      throw new UnauthorizedError();
    }
    if (request.actor?.kind === "user" && request.actor.mustChangePassword && request.actor.via === "session" && config.access !== "public" && !config.allowedWithTemporaryPassword) {
      throw new AppError(403, "password_change_required", "password_change_required");
    }
  });

  app.addHook("preValidation", async (request) => {
    if (!unsafeMethods.has(request.method) || request.routeOptions.config.tenant === false || request.routeOptions.config.csrf === false) {
      return;
    }
    if (request.actor?.kind === "user" && request.actor.via === "token") {
      return;
    }
    const body = request.body as Record<string, unknown> | undefined;
    const presented = request.headers["x-csrf-token"] ?? (body && typeof body === "object" ? body._csrf : undefined);
    if (!csrfValid(options.secret, request.csrfBinding, presented)) {
      throw new AppError(403, "csrf", "csrf");
    }
  });
}

async function identify(request: FastifyRequest, reply: FastifyReply, options: HookOptions): Promise<void> {
  const municipality = request.municipality;
  if (!municipality) {
    return;
  }
  const scope = { municipalityId: municipality.id };
  const authorization = request.headers.authorization;
  if (authorization?.startsWith("Bearer ")) {
    const actor = await authenticateToken(options.db, scope, authorization.slice(7).trim());
    if (!actor) {
      throw new UnauthorizedError("invalid_token");
    }
    request.actor = actor;
    return;
  }
  const sessionToken = request.cookies[cookieNames.session];
  if (sessionToken) {
    const actor = await authenticateSession(options.db, scope, sessionToken);
    if (actor) {
      request.actor = actor;
      request.sessionToken = sessionToken;
      request.csrfBinding = `session:${sessionToken}`;
      return;
    }
    reply.clearCookie(cookieNames.session, { path: "/" });
  }
  let anon = request.cookies[cookieNames.anon];
  if (!anon || !/^[A-Za-z0-9_-]{22,64}$/.test(anon)) {
    anon = randomBytes(18).toString("base64url");
    reply.setCookie(cookieNames.anon, anon, cookieOptions(request, sessionLimits.absoluteMs / 1000));
  }
  request.csrfBinding = `anon:${anon}`;
}

import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { endRequestTransaction, inRequestTransaction, inScope, type Db } from "../db/database.js";
import { authenticateSession, authenticateToken, sessionLimits } from "../auth/service.js";
import { AppError, NotFoundError, UnauthorizedError } from "../errors.js";
import { authenticateRegionalSession } from "../regions/service.js";
import type { Region } from "../tenancy/repo.js";
import { pickLanguage, translator } from "../ui/i18n.js";
import { csrfValid } from "./csrf.js";
import { readMultipart } from "./uploads.js";
import { cookieName, cookieOptions } from "./cookies.js";
import type { TenantDirectory } from "./tenants.js";

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const readMethods = new Set(["GET", "HEAD"]);

interface HookOptions {
  db: Db;
  secret: string;
  tenants: TenantDirectory;
  /** Where a request's uploaded files are written until its response is sent (the system's temporary folder by default). */
  uploadDir?: string | undefined;
}

/**
 * The request pipeline every route shares, in order: language → municipality (from the
 * host) → who is acting (session cookie or Bearer token) → access (route config) →
 * CSRF on every unsafe method not made with a token.
 */
export function registerRequestHooks(app: FastifyInstance, options: HookOptions): void {
  app.decorateRequest("municipality", null);
  app.decorateRequest("region", null);
  app.decorateRequest("actor", null);
  app.decorateRequest("lang", "sv");
  app.decorateRequest("t", translator("sv"));
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("csrfBinding", "");
  app.decorateRequest("flash", null);
  app.decorateRequest("scope", null);

  // A GET's sign-in check leaves its transaction open for the operation given the request's
  // scope; whatever no operation took over is committed once the response is sent or the
  // client has gone.
  app.addHook("onResponse", async (request) => endRequestTransaction(request.scope));

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    refuseUnexpectedMediaType(request);
    request.lang = pickLanguage(request.cookies[cookieName(request, "lang")], request.headers["accept-language"]);
    request.t = translator(request.lang);
    const flash = request.cookies[cookieName(request, "flash")];
    if (flash && request.method === "GET") {
      request.flash = flash;
      reply.clearCookie(cookieName(request, "flash"), cookieOptions(request));
    }
    const config = request.routeOptions.config;
    if (config.tenant === false) {
      return;
    }
    const municipality = await options.tenants.resolve(request.headers.host);
    if (!municipality) {
      const region = await options.tenants.resolveRegion(request.headers.host);
      if (!region) {
        throw new AppError(404, "no_municipality", "no_municipality");
      }
      return onRegionHost(request, reply, region, options);
    }
    request.municipality = municipality;
    request.scope = { municipalityId: municipality.id };
    reply.raw.once("close", () => void endRequestTransaction(request.scope));
    await identify(request, reply, options);
    // A client that went while the sign-in check ran has closed already: its transaction, left
    // open after the close was heard, is ended here, or it would hold its connection for good.
    if (reply.raw.destroyed || request.raw.destroyed) {
      await endRequestTransaction(request.scope);
    }
    if (config.access !== "public" && !request.is404 && !request.actor) {
      throw new UnauthorizedError();
    }
    refuseTemporaryPassword(request);
    if (
      request.actor?.kind === "user" &&
      request.actor.mustEnrolSecondFactor &&
      request.actor.via === "session" &&
      config.access !== "public" &&
      !config.allowedWithTemporaryPassword
    ) {
      throw new AppError(403, "second_factor_required", "second_factor_required");
    }
  });

  app.addHook("preValidation", async (request) => {
    const config = request.routeOptions.config;
    const needsCsrf =
      unsafeMethods.has(request.method) &&
      config.tenant !== false &&
      config.csrf !== false &&
      !(request.actor?.kind === "user" && request.actor.via === "token");
    const checkCsrf = (body: unknown) => {
      const fields = body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
      const presented = request.headers["x-csrf-token"] ?? fields?._csrf;
      if (!csrfValid(options.secret, request.csrfBinding, presented)) {
        throw new AppError(403, "csrf", "csrf");
      }
    };
    if (config.multipart && request.isMultipart()) {
      // The token is checked before the first file part, so a forged post writes nothing to disk.
      request.body = await readMultipart(request, config.multipart, needsCsrf ? checkCsrf : () => {}, options.uploadDir);
    }
    if (needsCsrf) {
      checkCsrf(request.body);
    }
  });
}

/** A page that is not the password's own, asked for while the account's password is temporary, is refused (the error page leads to the change). */
function refuseTemporaryPassword(request: FastifyRequest): void {
  const { actor } = request;
  const config = request.routeOptions.config;
  if (
    (actor?.kind === "user" || actor?.kind === "regional") &&
    actor.mustChangePassword &&
    actor.via === "session" &&
    config.access !== "public" &&
    !config.allowedWithTemporaryPassword
  ) {
    throw new AppError(403, "password_change_required", "password_change_required");
  }
}

/**
 * A request to a region's own host: only the routes that say so are served (`region: true`),
 * to the region's own accounts, whose sessions only a transaction bound to the region can
 * read. The request has no municipality and no scope, so no operation of a municipality can
 * run: every other route is 404.
 */
async function onRegionHost(request: FastifyRequest, reply: FastifyReply, region: Region, options: HookOptions): Promise<void> {
  const config = request.routeOptions.config;
  request.region = region;
  if (!config.region || request.is404) {
    throw new NotFoundError();
  }
  const sessionToken = request.cookies[cookieName(request, "session")];
  const actor = sessionToken ? await authenticateRegionalSession(options.db, region.id, sessionToken) : undefined;
  if (actor && sessionToken) {
    request.actor = actor;
    request.sessionToken = sessionToken;
    request.csrfBinding = `session:${sessionToken}`;
  } else {
    if (sessionToken) {
      reply.clearCookie(cookieName(request, "session"), cookieOptions(request));
    }
    anonymousBinding(request, reply);
  }
  if (config.access !== "public" && !request.actor) {
    throw new UnauthorizedError();
  }
  refuseTemporaryPassword(request);
}

/** A visitor without a session: their CSRF token is bound to a cookie of their own. */
function anonymousBinding(request: FastifyRequest, reply: FastifyReply): void {
  let anon = request.cookies[cookieName(request, "anon")];
  if (!anon || !/^[A-Za-z0-9_-]{22,64}$/.test(anon)) {
    anon = randomBytes(18).toString("base64url");
    reply.setCookie(cookieName(request, "anon"), anon, cookieOptions(request, sessionLimits.absoluteMs / 1000));
  }
  request.csrfBinding = `anon:${anon}`;
}

const formTypes = new Set(["application/x-www-form-urlencoded"]);

/**
 * A page's form route takes the form encodings only (multipart where the route declares
 * it), an API route JSON only: anything else is 415 before a byte of the body is parsed.
 * A request without a body has nothing to refuse.
 */
function refuseUnexpectedMediaType(request: FastifyRequest): void {
  if (!unsafeMethods.has(request.method) || request.is404) {
    return;
  }
  const hasBody = request.headers["transfer-encoding"] !== undefined || Number(request.headers["content-length"] ?? 0) > 0;
  const mediaType = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (!hasBody && mediaType === "") {
    return;
  }
  const accepted = request.url.startsWith("/api/")
    ? mediaType === "application/json"
    : formTypes.has(mediaType) || (mediaType === "multipart/form-data" && request.routeOptions.config.multipart !== undefined);
  if (!accepted) {
    throw new AppError(415, "unsupported_media_type", "unsupported_media_type");
  }
}

async function identify(request: FastifyRequest, reply: FastifyReply, options: HookOptions): Promise<void> {
  const scope = request.scope;
  if (!scope) {
    return;
  }
  // A read keeps its check's transaction for its operation; a post does not hold a connection while its body arrives.
  const within = readMethods.has(request.method) && !request.is404 ? inRequestTransaction : inScope;
  const authorization = request.headers.authorization;
  if (authorization?.startsWith("Bearer ")) {
    const actor = await authenticateToken(options.db, scope, authorization.slice(7).trim(), within);
    if (!actor) {
      await endRequestTransaction(scope);
      throw new UnauthorizedError("invalid_token");
    }
    request.actor = actor;
    return;
  }
  const sessionToken = request.cookies[cookieName(request, "session")];
  if (sessionToken) {
    const actor = await authenticateSession(options.db, scope, sessionToken, within);
    if (actor) {
      request.actor = actor;
      request.sessionToken = sessionToken;
      request.csrfBinding = `session:${sessionToken}`;
      return;
    }
    await endRequestTransaction(scope);
    reply.clearCookie(cookieName(request, "session"), cookieOptions(request));
  }
  anonymousBinding(request, reply);
}

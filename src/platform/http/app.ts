import { createHash, timingSafeEqual } from "node:crypto";
import compress from "@fastify/compress";
import zlib from "node:zlib";
import { assets } from "../ui/assets.js";
import { brandStylesheet } from "../ui/colour.js";
import { z } from "zod";
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from "fastify";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { parse as parseQuery } from "node:querystring";
import { newId } from "../ids.js";
import { AppError, NotFoundError } from "../errors.js";
import type { Db } from "../db/database.js";
import { registerErrorHandlers } from "./errors.js";
import { redactedError, redactedRequest } from "./log-redaction.js";
import { registerUploads } from "./uploads.js";
import { noInput } from "./forms.js";
import { registerRequestHooks } from "./hooks.js";
import { registerConfirmations } from "./confirm.js";
import { registerMetrics } from "./metrics.js";
import fastifyPlugin from "fastify-plugin";
import { RenderedPages } from "./page-store.js";
import { TenantDirectory } from "./tenants.js";
import { gatherContributions, inDependencyOrder, type ContributionLists, type LotsenModule } from "../module.js";
import { installCatalogues, isMessageKey, translator } from "../ui/i18n.js";
import { platformNavigation, type NavEntry } from "./render.js";
import { publicBaseUrl } from "../tenancy/links.js";
import type { Municipality } from "../tenancy/repo.js";
import "./types.js";

export interface AppDeps {
  db: Db;
  secret: string;
  logLevel?: string;
  /** Proxies whose forwarded headers are believed: none, the nearest N hops, or these addresses. */
  trustProxy?: false | number | string[];
  /** The Bearer token a Prometheus scraper shows to read `/metrics`; without it `/metrics` is 404. */
  metricsToken?: string | undefined;
  /** Where the request log goes (standard output by default); tests read it. */
  logStream?: { write: (line: string) => void };
  /** `PUBLIC_URL`: the scheme (and host, for a municipality without hosts) of links in mail. */
  publicUrl?: string | undefined;
  /** Where uploaded files wait until their response is sent; the system's temporary folder by default. */
  uploadDir?: string;
}

/** A route as registered: what the route-wide tests iterate over. */
export interface RegisteredRoute {
  method: string;
  url: string;
  kind: "page" | "api" | undefined;
  access: "public" | "staff";
  tenant: boolean;
  /** False for the few posts that carry their own proof in a signed link (RFC 8058's one-click). */
  csrf: boolean;
  hasBody: boolean;
  hasSchema: boolean;
  /** The kind of record `:id` names, from the route's config. */
  record: string | undefined;
  /** Its one-line description for the API's reference: a message key. */
  summary: string | undefined;
  /** Whether it asks for confirmation first (an irreversible action). */
  confirms: boolean;
  /** The module whose plugin registered it, or "platform". */
  module: string;
  /** Served on a region's own host too, to its regional accounts. */
  region: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every route the application registered, HEAD excluded. */
    registeredRoutes: RegisteredRoute[];
    /** The menu of this app: the platform's entries and its modules'. */
    navigation: NavEntry[];
  }
}

export interface AppServices {
  db: Db;
  secret: string;
  tenants: TenantDirectory;
  /** The base of links to the request's municipality, from its configured host, never from the request. */
  linkBase: (municipality: Municipality) => string;
  /** What the app's modules contribute to one another's extension points. */
  contributions: ContributionLists;
  /** Public pages rendered once per version (`sendStoredPage`). */
  pages: RenderedPages;
}

/** A plugin that adds routes, given what every route needs. Modules export one. */
export type RoutePlugin = (app: FastifyInstance, services: AppServices) => Promise<void>;

/** A module's route files as one plugin, registered in the order given. */
export function routeFiles(...plugins: RoutePlugin[]): RoutePlugin {
  return async (app, services) => {
    for (const plugin of plugins) {
      await plugin(app, services);
    }
  };
}

/**
 * Assembles Lotsen's HTTP application: security headers, cookies, forms, validation by
 * zod, the request pipeline (municipality → actor → access → CSRF), errors, metrics,
 * OpenAPI, and the routes of the platform and every module.
 */
export async function buildApp(deps: AppDeps, plugins: RoutePlugin[], modules: readonly LotsenModule[] = []): Promise<FastifyInstance> {
  const logger: FastifyServerOptions["logger"] =
    deps.logLevel === "silent"
      ? false
      : {
          level: deps.logLevel ?? "info",
          ...(deps.logStream ? { stream: deps.logStream } : {}),
          serializers: { req: redactedRequest, err: redactedError },
        };
  const app = Fastify({
    logger,
    trustProxy: proxyTrust(deps.trustProxy ?? false),
    // Our own id, never the client's: it names the request in the audit log, where a
    // client could otherwise plant or collide ids.
    genReqId: () => newId(),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const tenants = new TenantDirectory(deps.db);
  const services: AppServices = {
    db: deps.db,
    secret: deps.secret,
    tenants,
    linkBase: (municipality) => publicBaseUrl(municipality, deps.publicUrl),
    contributions: gatherContributions(modules),
    pages: new RenderedPages(),
  };
  installCatalogues(modules.flatMap((module) => (module.messages ? [module.messages] : [])));
  // The menu: the start page, each module's entries in the list's order, then the platform's own.
  const [start, ...platformEntries] = platformNavigation;
  app.decorate("navigation", [start!, ...modules.flatMap((module) => module.navigation ?? []), ...platformEntries]);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
  // Pages, feeds and assets go compressed to a client that accepts it (brotli at a quality
  // that costs little CPU per page, else gzip): a public page is a few kilobytes on the wire.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ["br", "gzip"],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie, { secret: deps.secret });
  // Forms post urlencoded; repeated names (checkboxes) arrive as arrays.
  await app.register(formbody, { parser: (body: string) => parseQuery(body) });
  await registerUploads(app);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Lotsen API",
        version: "1",
        description: "Lotsen's JSON API. Authenticate with `Authorization: Bearer <token>`; tokens are made on the account page.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    // An operation's summary is a message key, so the /api page can say it in Swedish; the OpenAPI document says it in English.
    transform: (document) =>
      document.url.startsWith("/api/v1/")
        ? jsonSchemaTransform({ ...document, schema: { ...document.schema, ...summaryInEnglish(document.schema.summary) } })
        : { schema: { ...document.schema, hide: true }, url: document.url },
  });
  const registered: RegisteredRoute[] = [];
  app.decorate("registeredRoutes", registered);
  // Plugins load one at a time, in order, so the module being loaded is the one adding routes.
  let loading = "platform";
  app.addHook("onRoute", (route) => {
    const config = (route.config ?? {}) as {
      kind?: "page" | "api";
      access?: "public" | "staff";
      tenant?: boolean;
      csrf?: boolean;
      record?: string;
      confirm?: unknown;
      region?: boolean;
    };
    for (const method of [route.method].flat()) {
      if (method === "HEAD") {
        continue;
      }
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      registered.push({
        method,
        url: route.url,
        kind: config.kind,
        access: config.access ?? "staff",
        tenant: config.tenant !== false,
        csrf: config.csrf !== false,
        hasBody: schema.body !== undefined,
        hasSchema: ["body", "querystring", "params"].some((part) => schema[part] !== undefined),
        record: config.record,
        summary: typeof schema.summary === "string" ? schema.summary : undefined,
        confirms: config.confirm !== undefined,
        module: loading,
        region: config.region === true,
      });
    }
  });
  registerMetricsAndAssets(app, deps.metricsToken);
  registerRequestHooks(app, { db: deps.db, secret: deps.secret, tenants, uploadDir: deps.uploadDir });
  registerConfirmations(app, deps.secret);
  registerErrorHandlers(app, deps.secret);
  for (const plugin of plugins) {
    await plugin(app, services);
  }
  // Each module's routes are one named plugin that declares the modules it builds on.
  for (const module of inDependencyOrder(modules)) {
    const routes = module.routes;
    if (routes) {
      loading = module.name;
      await app.register(
        fastifyPlugin(async (instance: FastifyInstance) => routes(instance, services), {
          name: module.name,
          dependencies: [...(module.dependencies ?? [])],
          fastify: "5.x",
        }),
      );
      loading = "platform";
    }
  }
  return app;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = createHash("sha256")
    .update(header?.startsWith("Bearer ") ? header.slice(7).trim() : "")
    .digest();
  return timingSafeEqual(given, createHash("sha256").update(token).digest());
}

/** Fastify's form of the proxy setting: a count of hops becomes "the nearest N hops", never every hop. */
function proxyTrust(setting: false | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === "number") {
    return setting === 0 ? false : (_address: string, hop: number) => hop < setting;
  }
  return setting;
}

function registerMetricsAndAssets(app: FastifyInstance, metricsToken: string | undefined): void {
  const registry = registerMetrics(app);
  // Metrics tell an outsider about traffic and routes: only a scraper with the token reads them.
  app.get("/metrics", { config: { tenant: false, access: "public" }, schema: { ...noInput, hide: true } }, async (request, reply) => {
    if (!metricsToken || !bearerMatches(request.headers.authorization, metricsToken)) {
      throw new AppError(404, "not_found", "not_found");
    }
    return reply
      .type(registry.contentType)
      .header("cache-control", "no-store")
      .send(await registry.metrics());
  });
  for (const [name, asset] of Object.entries(assets())) {
    app.get(`/assets/${name}`, { config: { tenant: false, access: "public" }, schema: { ...noInput, hide: true } }, async (request, reply) => {
      // The pages name each asset with its version: that address never changes content, so a browser keeps it.
      const versioned = request.url.endsWith(`?v=${asset.version}`);
      return reply
        .type(asset.type)
        .header("etag", `"${asset.version}"`)
        .header("cache-control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=300")
        .send(asset.content);
    });
  }
  // The municipality's own colour, named by the pages with the colour as its version.
  app.get(
    "/assets/kommun.css",
    { config: { access: "public" }, schema: { querystring: z.object({ v: z.string().max(20).optional() }), hide: true } },
    async (request: FastifyRequest<{ Querystring: { v?: string } }>, reply) => {
      const colour = request.municipality?.brand_colour ?? null;
      if (!colour) {
        throw new NotFoundError();
      }
      return reply
        .type("text/css; charset=utf-8")
        .header("cache-control", request.query.v === colour.slice(1) ? "public, max-age=31536000, immutable" : "public, max-age=300")
        .send(brandStylesheet(colour));
    },
  );
}

const english = translator("en");

function summaryInEnglish(summary: unknown): { summary?: string } {
  return typeof summary === "string" ? { summary: isMessageKey(summary) ? english(summary) : summary } : {};
}

import type { FastifyInstance } from "fastify";
import { buildApp, type AppDeps, type RoutePlugin } from "./platform/http/app.js";
import { systemRoutes } from "./platform/http/system-routes.js";
import { homeRoutes } from "./platform/http/home.js";
import { authRoutes } from "./platform/auth/routes.js";
import { userAdminRoutes } from "./platform/auth/admin-routes.js";
import { tenancyRoutes } from "./platform/tenancy/routes.js";
import { auditRoutes } from "./platform/audit/routes.js";

/** Every route plugin of the platform and the modules, in registration order. */
export const routePlugins: RoutePlugin[] = [systemRoutes, homeRoutes, authRoutes, userAdminRoutes, tenancyRoutes, auditRoutes];

/** Lotsen's HTTP application with all its routes. */
export function createServer(deps: AppDeps): Promise<FastifyInstance> {
  return buildApp(deps, routePlugins);
}

import type { FastifyInstance } from "fastify";
import { buildApp, type AppDeps, type RoutePlugin } from "./platform/http/app.js";
import { systemRoutes } from "./platform/http/system-routes.js";
import { homeRoutes } from "./platform/http/home.js";
import { navigation } from "./platform/http/render.js";
import { authRoutes } from "./platform/auth/routes.js";
import { userAdminRoutes } from "./platform/auth/admin-routes.js";
import { tenancyRoutes } from "./platform/tenancy/routes.js";
import { auditRoutes } from "./platform/audit/routes.js";
import { programmeNavigation, programmeRoutes, programmeStartPanel } from "./modules/programme/index.js";
import { companiesNavigation, companiesRoutes, companiesStartPanel } from "./modules/companies/index.js";
import { deskNavigation, deskRoutesPlugin, deskStartPanel } from "./modules/desk/index.js";
import { communicationNavigation, communicationRoutesPlugin } from "./modules/communication/index.js";

// The modules' menu entries go after the start page, before the platform's own.
navigation.splice(1, 0, ...programmeNavigation, ...deskNavigation, ...companiesNavigation, ...communicationNavigation);

/** Every route plugin of the platform and the modules, in registration order. */
export const routePlugins: RoutePlugin[] = [systemRoutes, homeRoutes([programmeStartPanel, deskStartPanel, companiesStartPanel]), authRoutes, userAdminRoutes, tenancyRoutes, auditRoutes, programmeRoutes, companiesRoutes, deskRoutesPlugin, communicationRoutesPlugin];

/** Lotsen's HTTP application with all its routes. */
export function createServer(deps: AppDeps): Promise<FastifyInstance> {
  return buildApp(deps, routePlugins);
}

import type { FastifyInstance } from "fastify";
import { buildApp, type AppDeps, type RoutePlugin } from "./platform/http/app.js";
import { systemRoutes } from "./platform/http/system-routes.js";
import { homeRoutes } from "./platform/http/home.js";
import { authRoutes } from "./platform/auth/routes.js";
import { secondFactorRoutes } from "./platform/auth/second-factor-routes.js";
import { userAdminRoutes } from "./platform/auth/admin-routes.js";
import { tenancyRoutes } from "./platform/tenancy/routes.js";
import { installationRoutes } from "./platform/tenancy/installation-routes.js";
import { logoRoutes } from "./platform/tenancy/logo-routes.js";
import { regionAdminRoutes } from "./platform/regions/routes.js";
import { auditRoutes } from "./platform/audit/routes.js";
import { privacyRoutes } from "./platform/privacy/routes.js";
import { webhookRoutes } from "./platform/webhooks/routes.js";
import { ssoRoutes } from "./platform/sso/routes.js";
import { AuditVocabulary, platformAuditNames } from "./platform/audit/names.js";
import type { LotsenModule } from "./platform/module.js";
import { lotsenModules } from "./modules/index.js";

/** The platform's own route plugins, with the start page showing the modules' panels. */
export function platformRoutes(modules: readonly LotsenModule[] = lotsenModules): RoutePlugin[] {
  return [
    systemRoutes,
    homeRoutes(
      modules.flatMap((module) => (module.startPanel ? [module.startPanel] : [])),
      modules.flatMap((module) => module.entrances ?? []),
    ),
    authRoutes,
    secondFactorRoutes,
    userAdminRoutes,
    tenancyRoutes,
    logoRoutes,
    installationRoutes,
    regionAdminRoutes,
    auditRoutes(new AuditVocabulary([platformAuditNames, ...modules.flatMap((module) => (module.audit ? [module.audit] : []))])),
    privacyRoutes,
    webhookRoutes,
    ssoRoutes,
  ];
}

/** Lotsen's HTTP application: the platform and the modules of the list (or those given). */
export function createServer(deps: AppDeps, modules: readonly LotsenModule[] = lotsenModules, extra: RoutePlugin[] = []): Promise<FastifyInstance> {
  return buildApp(deps, [...platformRoutes(modules), ...extra], modules);
}

/**
 * The programme module's public face: its routes, navigation, start-page panel and seed.
 * Other modules use programmes only through what is exported here.
 */
import type { FastifyRequest } from "fastify";
import type { AppServices, RoutePlugin } from "../../platform/http/app.js";
import type { StartPanel } from "../../platform/http/home.js";
import type { NavEntry } from "../../platform/http/render.js";
import { operationContext } from "../../platform/http/operation.js";
import { programmeAdminRoutes } from "./admin-routes.js";
import { programmeApiRoutes } from "./api-routes.js";
import { programmePublicRoutes } from "./public-routes.js";
import { programmeWorkRoutes } from "./work-routes.js";
import { canProgramme } from "./policy.js";
import { reportingPanel } from "./start-panel.js";
import type { Db } from "../../platform/db/database.js";
import type { JobHandler } from "../../platform/jobs/runner.js";
import { listMunicipalities } from "../../platform/tenancy/repo.js";
import { refreshComputedValues } from "./indicator-service.js";

export { seedProgramme, seedProgrammeDemo } from "./seed.js";
export { addIndicatorSource, type IndicatorSource } from "./indicator-sources.js";
export { refreshComputedValues } from "./indicator-service.js";
export { focusAreaChoices } from "./repo.js";

/** The nightly refresh of computed indicators, in every municipality. */
export function programmeJobHandlers(db: Db): Record<string, JobHandler> {
  return {
    "programme.computed": async () => {
      for (const municipality of await listMunicipalities(db)) {
        await refreshComputedValues(db, { municipalityId: municipality.id });
      }
    },
  };
}
export const programmeSchedules = [{ queue: "programme.computed", dailyAt: "05:30" }];

/** Every route of the module: public pages, staff pages, reporting and follow-up, the API. */
export const programmeRoutes: RoutePlugin = async (app, services) => {
  for (const plugin of [programmePublicRoutes, programmeAdminRoutes, programmeWorkRoutes, programmeApiRoutes]) {
    await plugin(app, services);
  }
};

export const programmeNavigation: NavEntry[] = [
  { href: "/program", label: "nav.programme", visible: () => true },
  { href: "/admin/program", label: "nav.programme_admin", visible: (actor) => actor !== null && canProgramme(actor, "programme.read") },
  { href: "/rapportering", label: "nav.reporting", visible: (actor) => actor !== null && actor.kind === "user" },
];

export const programmeStartPanel: StartPanel = (request: FastifyRequest, services: AppServices) => reportingPanel(request, operationContext(request, services));

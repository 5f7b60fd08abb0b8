/**
 * The business desk's public face: routes, navigation, start-page panel, its background
 * work, its cases on the company register's timeline, and the figures a programme
 * indicator can take its values from.
 */
import type { FastifyRequest } from "fastify";
import type { AppServices, RoutePlugin } from "../../platform/http/app.js";
import type { StartPanel } from "../../platform/http/home.js";
import type { NavEntry } from "../../platform/http/render.js";
import { operationContext } from "../../platform/http/operation.js";
import { addTimelineSource } from "../companies/index.js";
import { addIndicatorSource } from "../programme/index.js";
import { indicatorSources, indicatorValue, type IndicatorSource as DeskFigure } from "./report-service.js";
import { deskAdminRoutes } from "./admin-routes.js";
import { deskApiRoutes } from "./api-routes.js";
import { listCasesForCompany } from "./case-repo.js";
import { canDesk } from "./policy.js";
import { deskPublicRoutes } from "./public-routes.js";
import { deskRoutes } from "./routes.js";
import { myCasesPanel } from "./start-panel.js";

export { deskJobHandlers, deskSchedules, sendDigests, watchClocks } from "./escalation-service.js";
export { seedDesk, seedDeskDemo } from "./seed.js";

export const deskRoutesPlugin: RoutePlugin = async (app, services) => {
  for (const plugin of [deskPublicRoutes, deskRoutes, deskAdminRoutes, deskApiRoutes]) {
    await plugin(app, services);
  }
};

export const deskNavigation: NavEntry[] = [{ href: "/arenden", label: "nav.desk", visible: (actor) => actor !== null && canDesk(actor, "desk.read") }];

export const deskStartPanel: StartPanel = (request: FastifyRequest, services: AppServices) => myCasesPanel(request, operationContext(request, services));

// A programme indicator may take its yearly values from the desk's measured waiting.
for (const [key, label] of Object.entries(indicatorSources)) {
  addIndicatorSource({ key, label, value: (db, scope, year) => indicatorValue(db, scope, key as DeskFigure, year) });
}

// A company's page lists the cases about it (by the register's id, or by the number a business
// gave) to those who may read the desk.
addTimelineSource(
  async (tx, company) => (await listCasesForCompany(tx, company.id, company.org_number)).map((row) => ({ at: row.created_at, kind: "desk.timeline_case", title: `${row.number} ${row.subject}`, href: `/arenden/${row.id}` })),
  (actor) => canDesk(actor, "desk.read"),
);

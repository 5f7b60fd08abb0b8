/**
 * The yearly report the council reads: a template per municipality, each year's report
 * written section by section, reviewed, approved and published as the programme's
 * follow-up; every published follow-up as DOCX and tagged PDF.
 */
import type { FastifyRequest } from "fastify";
import { routeFiles, type AppServices } from "../../platform/http/app.js";
import { operationContext } from "../../platform/http/operation.js";
import type { LotsenModule } from "../../platform/module.js";
import { auditNames } from "./audit-names.js";
import { en, sv } from "./messages.js";
import { reportRoutes } from "./routes.js";
import { reportSectionRoutes } from "./section-routes.js";
import { sectionsPanel } from "./start-panel.js";
import { canReport } from "./policy.js";
import { seedReportDemo } from "./seed.js";

export const reportModule: LotsenModule = {
  name: "report",
  dependencies: ["programme"],
  routes: routeFiles(reportRoutes, reportSectionRoutes),
  navigation: [{ href: "/admin/rapporter", label: "report.nav", visible: (actor) => actor !== null && canReport(actor, "report.read") }],
  startPanel: (request: FastifyRequest, services: AppServices) => sectionsPanel(request, operationContext(request, services)),
  messages: { sv, en },
  audit: auditNames,
  demoSeed: (db, scope, log) => seedReportDemo(db, scope, log),
};

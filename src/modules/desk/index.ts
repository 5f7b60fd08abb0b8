/**
 * The business desk: one door for every business question, with routing, service-level
 * clocks and escalation. It offers its measured waiting to programme indicators and its
 * cases to the company register's timeline.
 */
import { diariumRoutes } from "./diarium-routes.js";
import { auditNames } from "./audit-names.js";
import type { FastifyRequest } from "fastify";
import { routeFiles, type AppServices } from "../../platform/http/app.js";
import { operationContext } from "../../platform/http/operation.js";
import type { LotsenModule } from "../../platform/module.js";
import { deskAdminRoutes } from "./admin-routes.js";
import { deskApiRoutes } from "./api-routes.js";
import { listCasesForCompany } from "./case-repo.js";
import { deskJobHandlers, deskSchedules } from "./escalation-service.js";
import { en, sv } from "./messages.js";
import { canDesk } from "./policy.js";
import { deskPublicRoutes } from "./public-routes.js";
import { indicatorSources, indicatorValue, type IndicatorSource as DeskFigure } from "./report-service.js";
import { deskRoutes } from "./routes.js";
import { seedDesk, seedDeskDemo } from "./seed.js";
import { myCasesPanel } from "./start-panel.js";
import { deskPersonalData } from "./privacy.js";
import { deskEvents } from "./events.js";

export const deskModule: LotsenModule = {
  name: "desk",
  dependencies: ["companies", "programme"],
  routes: routeFiles(deskPublicRoutes, deskRoutes, deskAdminRoutes, deskApiRoutes, diariumRoutes),
  navigation: [
    { href: "/arenden", label: "desk.nav", visible: (actor) => actor !== null && canDesk(actor, "desk.read") },
    {
      href: "/arenden/statistik",
      label: "desk.nav_figures",
      visible: (actor) => actor !== null && canDesk(actor, "desk.figures") && !canDesk(actor, "desk.read"),
    },
    { href: "/foretagslots", label: "desk.nav_public", visible: (actor) => actor === null },
  ],
  entrances: [{ href: "/foretagslots", title: "desk.entrance", text: "desk.entrance_text" }],
  startPanel: (request: FastifyRequest, services: AppServices) => myCasesPanel(request, operationContext(request, services)),
  messages: { sv, en },
  audit: auditNames,
  jobs: ({ db, publicUrl }) => deskJobHandlers(db, publicUrl),
  schedules: deskSchedules,
  seed: seedDesk,
  demoSeed: seedDeskDemo,
  contributes: {
    webhookEvents: deskEvents,
    personalData: [deskPersonalData],
    // A programme indicator may take its yearly values from the desk's measured waiting.
    indicatorSources: Object.entries(indicatorSources).map(([key, label]) => ({
      key,
      label,
      aggregate: key === "desk.cases" ? ("sum" as const) : ("mean" as const),
      value: (db, scope, year) => indicatorValue(db, scope, key as DeskFigure, year),
    })),
    // A company's page lists the cases about it (by the register's id, or by the number a
    // business gave) to those who may read the desk.
    timelineSources: [
      {
        entries: async (tx, company) =>
          (await listCasesForCompany(tx, company.id, company.org_number)).map((row) => ({
            at: row.created_at,
            kind: "desk.timeline_case",
            title: `${row.number} ${row.subject}`,
            href: `/arenden/${row.id}`,
          })),
        visible: (actor) => canDesk(actor, "desk.read"),
      },
    ],
  },
};

/** What a satisfaction survey reads of the desk: its closed cases with their measured waiting, its categories and units. */
export { closedCasesForSurvey, deskCategoryChoices, deskUnitNames, type ClosedCase } from "./survey-source.js";

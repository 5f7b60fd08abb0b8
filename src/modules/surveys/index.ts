/**
 * Service measurement: NKI surveys after the desk's cases, measured the way SKR's Insikt
 * does, each answer beside the measured waiting of its case. It offers NKI, the service
 * factors and the response rate to programme indicators.
 */
import { routeFiles } from "../../platform/http/app.js";
import type { LotsenModule } from "../../platform/module.js";
import { auditNames } from "./audit-names.js";
import { surveyJobHandlers, surveySchedules } from "./jobs.js";
import { en, sv } from "./messages.js";
import { canSurvey } from "./policy.js";
import { surveyPublicRoutes } from "./public-routes.js";
import { indicatorFigures, indicatorValue } from "./results-service.js";
import { surveyListRoutes } from "./list-routes.js";
import { surveyRoutes } from "./routes.js";
import { seedSurveysDemo } from "./seed.js";
import { surveysPersonalData } from "./privacy.js";

export const surveysModule: LotsenModule = {
  name: "surveys",
  dependencies: ["desk", "companies", "programme"],
  routes: routeFiles(surveyPublicRoutes, surveyRoutes, surveyListRoutes),
  navigation: [{ href: "/enkater/resultat", label: "surveys.nav", visible: (actor) => actor !== null && canSurvey(actor, "surveys.results") }],
  messages: { sv, en },
  audit: auditNames,
  jobs: ({ db, secret, publicUrl }) => surveyJobHandlers(db, secret, publicUrl),
  schedules: surveySchedules,
  demoSeed: seedSurveysDemo,
  contributes: {
    personalData: [surveysPersonalData],
    // A programme indicator may take its yearly values from NKI, a factor or the response rate.
    indicatorSources: Object.keys(indicatorFigures).map((key) => ({
      key,
      label: key as keyof typeof sv,
      // Indices and response rates: a region's is the mean of its members'.
      aggregate: "mean" as const,
      value: (db, scope, year) => indicatorValue(db, scope, key, year),
    })),
  },
};

/**
 * Skills supply and work: openings from the municipality's businesses (jobs, internships,
 * summer jobs, apprenticeships), job seekers registered by labour-market officers,
 * matching both ways with its reasons in words, and introductions up to a placement.
 */
import { routeFiles } from "../../platform/http/app.js";
import type { Db, Scope } from "../../platform/db/database.js";
import type { LotsenModule } from "../../platform/module.js";
import { auditNames } from "./audit-names.js";
import { skillsJobHandlers, skillsSchedules } from "./jobs.js";
import { skillsEvents } from "./events.js";
import { en, sv } from "./messages.js";
import { canSkills } from "./policy.js";
import { skillsPersonalData } from "./privacy.js";
import { skillsPublicRoutes } from "./public-routes.js";
import { skillsRoutes } from "./routes.js";
import { seedSkillsDemo } from "./seed.js";
import { openingsOnTimeline } from "./timeline.js";
import { outcomeFigures, outcomeValue, type OutcomeKey } from "./outcome-service.js";
import { needsFigures, needsValue, type NeedsKey } from "./needs-service.js";
import { needsRoutes } from "./needs-routes.js";
import { needsOnVisits } from "./needs-section.js";

export const skillsModule: LotsenModule = {
  name: "skills",
  dependencies: ["companies", "programme"],
  routes: routeFiles(skillsPublicRoutes, skillsRoutes, needsRoutes),
  navigation: [{ href: "/kompetens", label: "skills.nav", visible: (actor) => actor !== null && canSkills(actor, "skills.openings.read") }],
  entrances: [{ href: "/jobb", title: "skills.start_title", text: "skills.start_text" }],
  messages: { sv, en },
  audit: auditNames,
  jobs: ({ db, publicUrl }) => skillsJobHandlers(db, publicUrl),
  schedules: skillsSchedules,
  demoSeed: seedSkillsDemo,
  contributes: {
    personalData: [skillsPersonalData],
    timelineSources: [openingsOnTimeline],
    visitSections: [needsOnVisits],
    webhookEvents: skillsEvents,
    // A programme indicator may take its yearly values from the outcomes of the matching, and from the skills needs.
    indicatorSources: [
      ...(Object.keys(outcomeFigures) as OutcomeKey[]).map((key) => ({
        key,
        label: key,
        aggregate: key === "skills.indicator_in_work_share" || key === "skills.indicator_median_days_to_fill" ? ("mean" as const) : ("sum" as const),
        value: (db: Db, scope: Scope, year: number) => outcomeValue(db, scope, key, year),
      })),
      ...(Object.keys(needsFigures) as NeedsKey[]).map((key) => ({
        key,
        label: key,
        aggregate: "sum" as const,
        value: (db: Db, scope: Scope, year: number) => needsValue(db, scope, key, year),
      })),
    ],
  },
};

/**
 * The programme module: programmes, focus areas, actions, indicators and follow-up. Other
 * modules use programmes only through what is exported here, and offer figures to its
 * indicators through the `indicatorSources` extension point.
 */
import { auditNames } from "./audit-names.js";
import type { FastifyRequest } from "fastify";
import { routeFiles, type AppServices } from "../../platform/http/app.js";
import { operationContext } from "../../platform/http/operation.js";
import type { LotsenModule } from "../../platform/module.js";
import { listMunicipalities } from "../../platform/tenancy/repo.js";
import type { ScopedTx } from "../../platform/db/database.js";
import { loadDetail, loadProgramme, type ProgrammeDetail } from "./detail.js";
import { programmeAdminRoutes } from "./admin-routes.js";
import { programmeApiRoutes } from "./api-routes.js";
import { programmeFollowUpApiRoutes } from "./follow-up-api-routes.js";
import { refreshComputedValues } from "./indicator-service.js";
import { en, sv } from "./messages.js";
import { canProgramme } from "./policy.js";
import { programmePublicRoutes } from "./public-routes.js";
import { seedProgramme, seedProgrammeDemo } from "./seed.js";
import { reportingPanel } from "./start-panel.js";
import { programmeWorkRoutes } from "./work-routes.js";
import { programmeSheetRoutes } from "./sheet-routes.js";
import { programmeKoladaRoutes } from "./kolada-routes.js";
import { fetchKolada } from "./kolada-service.js";
import { applyQueuedImport } from "./sheet-service.js";

export type { IndicatorSource } from "./indicator-sources.js";
export { focusAreaChoices, staffChoices } from "./repo.js";

export const programmeModule: LotsenModule = {
  name: "programme",
  routes: routeFiles(
    programmePublicRoutes,
    programmeAdminRoutes,
    programmeWorkRoutes,
    programmeApiRoutes,
    programmeFollowUpApiRoutes,
    programmeSheetRoutes,
    programmeKoladaRoutes,
  ),
  navigation: [
    { href: "/program", label: "programme.nav", visible: () => true },
    { href: "/admin/program", label: "programme.nav_admin", visible: (actor) => actor !== null && canProgramme(actor, "programme.read") },
    { href: "/rapportering", label: "programme.nav_reporting", visible: (actor) => actor !== null && actor.kind === "user" },
  ],
  startPanel: (request: FastifyRequest, services: AppServices) => reportingPanel(request, operationContext(request, services)),
  entrances: [{ href: "/program", title: "programme.entrance", text: "programme.entrance_text" }],
  messages: { sv, en },
  audit: auditNames,
  // A large spreadsheet applied in the background; the nightly refresh of computed indicators, in every municipality.
  jobs: ({ db, contributions }) => ({
    "programme.sheet_apply": async (job) => {
      if (job.municipalityId && typeof job.payload.importId === "string") {
        await applyQueuedImport(db, { municipalityId: job.municipalityId }, job.payload.importId);
      }
    },
    // Kolada for one municipality when asked, for every municipality each night.
    "programme.kolada": async (job) => {
      const municipalities = job.municipalityId ? [{ id: job.municipalityId }] : await listMunicipalities(db);
      const failed: unknown[] = [];
      for (const municipality of municipalities) {
        // One municipality's failure (its own address, a key figure gone) does not stop the others'.
        await fetchKolada(db, { municipalityId: municipality.id }).catch((error: unknown) => failed.push(error));
      }
      if (failed.length > 0) {
        throw failed[0];
      }
    },
    "programme.computed": async () => {
      for (const municipality of await listMunicipalities(db)) {
        await refreshComputedValues(db, { municipalityId: municipality.id }, contributions.indicatorSources ?? []);
      }
    },
  }),
  schedules: [
    { queue: "programme.computed", dailyAt: "05:30" },
    { queue: "programme.kolada", dailyAt: "05:10" },
  ],
  seed: seedProgramme,
  demoSeed: (db, scope, log) => seedProgrammeDemo(db, scope, log),
};

// What the yearly report (its own module) reads and publishes through.
export { getFollowUp, publishFollowUp } from "./follow-up-service.js";
export { koladaComparison } from "./kolada-service.js";
export { indicatorInYear, noteForYear, type ProgrammeDetail } from "./detail.js";
export { indicatorSourcesOf } from "./indicator-sources.js";
export type { FollowUpSnapshot, ReportPart, ReportSectionPart } from "./snapshot.js";
export { yearsOf } from "./rules.js";
// What the business council reaches actions through: a decision points to one or creates it, and shows under it.
export { actionChoicesIn, actionSummaryIn, createActionIn, openFocusAreasIn, type ActionSummary } from "./linked-actions.js";
export type { ActionReferenceEntry, ActionReferenceSource } from "./action-references.js";
// What the region compares: the members' indicators that share a name.
export { indicatorValuesByName } from "./linked-action-repo.js";

/** A programme with everything under it, read in the caller's transaction. */
export async function programmeDetailIn(tx: ScopedTx, id: string): Promise<ProgrammeDetail> {
  return loadDetail(tx, await loadProgramme(tx, id));
}

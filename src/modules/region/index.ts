/**
 * The region: the members of the municipality's region side by side, by year, in figures
 * only. Each member's figures are computed nightly in its own scope from the modules'
 * indicator sources and its programme's indicators; the page reads them in a transaction
 * bound to the region, which row-level security lets see those figures and nothing else.
 */
import { inScope } from "../../platform/db/database.js";
import { enqueue } from "../../platform/jobs/repo.js";
import type { LotsenModule } from "../../platform/module.js";
import { listMunicipalities } from "../../platform/tenancy/repo.js";
import { auditNames } from "./audit-names.js";
import { en, sv } from "./messages.js";
import { canRegion } from "./policy.js";
import { regionRoutes } from "./routes.js";
import { refreshFigures } from "./service.js";

export const regionModule: LotsenModule = {
  name: "region",
  dependencies: ["programme", "desk", "companies", "communication", "skills", "surveys"],
  routes: regionRoutes,
  navigation: [{ href: "/region", label: "region.nav", visible: (actor) => actor !== null && canRegion(actor, "region.read") }],
  messages: { sv, en },
  audit: auditNames,
  jobs: ({ db, contributions }) => ({
    "region.figures": async () => {
      for (const municipality of await listMunicipalities(db)) {
        // A member listed but not in use (no host yet) has nothing to count: it reports no figure rather than zeros.
        if (municipality.region_id && municipality.hosts.length > 0) {
          await refreshFigures(db, { municipalityId: municipality.id }, contributions.indicatorSources ?? []);
        }
      }
    },
  }),
  // After the programme's computed values (05:30), so the indicators compared are the night's.
  schedules: [{ queue: "region.figures", dailyAt: "05:45" }],
  // The newcomer's demo has its region's figures within moments of its start, not the next night.
  demoSeed: async (db, scope, log) => {
    if (
      await inScope(db, scope, (tx) =>
        enqueue(tx, { queue: "region.figures", municipalityId: scope.municipalityId, singletonKey: "region.figures:demo", maxAttempts: 3 }),
      )
    ) {
      log("The region's figures are computed in the background (demo).");
    }
  },
};

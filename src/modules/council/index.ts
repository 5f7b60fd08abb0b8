/**
 * The business council (näringslivsrådet): its members and their terms, meetings with
 * invitations and agendas, minutes approved by the chair and an adjuster, decisions that
 * point to programme actions, follow-ups that remind their owners, and the approved
 * minutes' public items on an open page and feed.
 */
import { routeFiles } from "../../platform/http/app.js";
import type { LotsenModule } from "../../platform/module.js";
import { publicBaseUrl } from "../../platform/tenancy/links.js";
import { listMunicipalities } from "../../platform/tenancy/repo.js";
import { auditNames } from "./audit-names.js";
import { decisionsOnActions, remindFollowUps } from "./decision-service.js";
import { en, sv } from "./messages.js";
import { canCouncil } from "./policy.js";
import { councilPersonalData } from "./privacy.js";
import { councilPublicRoutes } from "./public-routes.js";
import { councilRoutes } from "./routes.js";
import { minutesRoutes } from "./minutes-routes.js";
import { decisionRoutes } from "./decision-routes.js";
import { councilStartPanel } from "./start-panel.js";
import { seedCouncilDemo } from "./seed.js";

export const councilModule: LotsenModule = {
  name: "council",
  dependencies: ["programme", "companies"],
  routes: routeFiles(councilPublicRoutes, councilRoutes, minutesRoutes, decisionRoutes),
  navigation: [{ href: "/radet", label: "council.nav", visible: (actor) => actor !== null && canCouncil(actor, "council.read") }],
  entrances: [{ href: "/naringslivsradet", title: "council.start_title", text: "council.start_text" }],
  startPanel: councilStartPanel,
  messages: { sv, en },
  audit: auditNames,
  jobs: ({ db, publicUrl }) => ({
    "council.follow-ups": async () => {
      for (const municipality of await listMunicipalities(db)) {
        await remindFollowUps(db, { municipalityId: municipality.id }, { base: publicBaseUrl(municipality, publicUrl), municipality: municipality.name });
      }
    },
  }),
  schedules: [{ queue: "council.follow-ups", dailyAt: "07:45" }],
  demoSeed: seedCouncilDemo,
  contributes: {
    personalData: [councilPersonalData],
    actionReferences: [decisionsOnActions],
  },
};

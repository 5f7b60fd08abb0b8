/**
 * The company register: organisations, the municipality's own companies, contacts,
 * visits and tasks, and the national import. Other modules use companies only through
 * what is exported here, add to a company's timeline through the `timelineSources`
 * extension point, and to a visit's report through `visitSections`.
 */
import { companyApiRoutes } from "./api-routes.js";
import { auditNames } from "./audit-names.js";
import type { FastifyRequest } from "fastify";
import { routeFiles, type AppServices } from "../../platform/http/app.js";
import { operationContext } from "../../platform/http/operation.js";
import { companiesVisitedIn } from "./figures.js";
import type { LotsenModule } from "../../platform/module.js";
import { companyAdminRoutes } from "./admin-routes.js";
import { contactRoutes } from "./contact-routes.js";
import { importCompaniesCommand } from "./import/command.js";
import { en, sv } from "./messages.js";
import { canCompanies } from "./policy.js";
import { industryIndex } from "./reference.js";
import { companyRoutes } from "./routes.js";
import { seedCompanies, seedCompaniesDemo } from "./seed.js";
import { tasksPanel } from "./start-panel.js";
import { visitRoutes } from "./visit-routes.js";
import { companiesPersonalData } from "./privacy.js";

export type { TimelineContribution, TimelineEntry, TimelineSource } from "./timeline.js";
export type { SectionVisit, VisitSectionContent, VisitSectionContribution } from "./visit-sections.js";

/** For modules that name a company by its organisation number (the desk): its id in the register, and the link that makes it one of the municipality's own. */
export { findCompanyIdByNumber, findCompanyNameByNumber, link as linkCompany } from "./repo.js";

/** Who a survey to the municipality's own companies (the yearly business climate) can be sent to. */
export { ownCompaniesToWrite } from "./recipient-repo.js";

/** What a segment of the register can be narrowed by: the SNI 2025 sections and SCB's size classes. */
export { sizeClassChoices } from "./reference.js";
export function industrySectionChoices(lang: "sv" | "en"): Array<{ code: string; name: string }> {
  return [...industryIndex().get("2025")!.values()]
    .filter((industry) => industry.level === "section")
    .map((industry) => ({ code: industry.code, name: (lang === "en" ? industry.title_en : null) ?? industry.title_sv }));
}

export const companiesModule: LotsenModule = {
  name: "companies",
  routes: routeFiles(companyRoutes, contactRoutes, visitRoutes, companyAdminRoutes, companyApiRoutes),
  navigation: [
    { href: "/foretag", label: "companies.nav", visible: (actor) => actor !== null && canCompanies(actor, "companies.read") },
    { href: "/uppgifter", label: "companies.nav_tasks", visible: (actor) => actor !== null && actor.kind === "user" && canCompanies(actor, "companies.read") },
  ],
  startPanel: (request: FastifyRequest, services: AppServices) => tasksPanel(request, operationContext(request, services)),
  messages: { sv, en },
  audit: auditNames,
  seed: seedCompanies,
  demoSeed: (db, scope, log) => seedCompaniesDemo(db, scope, log),
  contributes: {
    // A programme indicator (and the region's figures) may take companies visited in a year.
    indicatorSources: [
      { key: "companies.indicator_companies_visited", label: "companies.indicator_companies_visited", aggregate: "sum", value: companiesVisitedIn },
    ],
    personalData: [companiesPersonalData],
  },
  commands: [
    {
      words: ["import", "companies"],
      usage: "import companies FILE  import organisations into the national company register (Bolagsverket, SCB or a CSV list; zip or plain)",
      help: `lotsen import companies FILE [--rejects PATH] [--partial]

  Reads Bolagsverket's bulk file, SCB's company register extract or a CSV list with the header
  organisationsnummer;namn;gatuadress;co_adress;postnummer;postort;telefon;epost;webb;sni
  (zipped or plain, UTF-8 or Latin-1; the format is told by the header). Importing the same file again
  changes nothing; an interrupted import can simply be run again.
  --rejects PATH   where to write rejected rows with line number and reason (default: beside FILE, as FILE.rejects.csv)
  --partial        the file is not the whole register: do not mark organisations missing from it`,
      options: { rejects: { type: "string" }, partial: { type: "boolean" } },
      run: async ({ db, args, options, log }) => {
        const file = args[0];
        if (!file) {
          return 1;
        }
        // A national import is installation-wide maintenance: the owner role, which may also refresh statistics.
        await importCompaniesCommand(db.owner, file, { rejects: options.rejects as string | undefined, partial: options.partial as boolean | undefined }, log);
        return 0;
      },
    },
  ],
};

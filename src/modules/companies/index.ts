/**
 * The company register's public face: routes, navigation, start-page panel, the import
 * command, and the timeline extension point. Other modules use companies only through
 * what is exported here.
 */
import type { FastifyRequest } from "fastify";
import type { AppServices, RoutePlugin } from "../../platform/http/app.js";
import type { StartPanel } from "../../platform/http/home.js";
import type { NavEntry } from "../../platform/http/render.js";
import { operationContext } from "../../platform/http/operation.js";
import { companyAdminRoutes } from "./admin-routes.js";
import { contactRoutes } from "./contact-routes.js";
import { canCompanies } from "./policy.js";
import { companyRoutes } from "./routes.js";
import { tasksPanel } from "./start-panel.js";
import { visitRoutes } from "./visit-routes.js";

export { importCompaniesCommand } from "./import/command.js";
export { seedCompanies, seedCompaniesDemo } from "./seed.js";
export { addTimelineSource, type TimelineEntry, type TimelineSource } from "./timeline.js";

export const companiesRoutes: RoutePlugin = async (app, services) => {
  for (const plugin of [companyRoutes, contactRoutes, visitRoutes, companyAdminRoutes]) {
    await plugin(app, services);
  }
};

export const companiesNavigation: NavEntry[] = [
  { href: "/foretag", label: "nav.companies", visible: (actor) => actor !== null && canCompanies(actor, "companies.read") },
  { href: "/uppgifter", label: "nav.tasks", visible: (actor) => actor !== null && actor.kind === "user" && canCompanies(actor, "companies.read") },
];

export const companiesStartPanel: StartPanel = (request: FastifyRequest, services: AppServices) => tasksPanel(request, operationContext(request, services));

/** For modules that name a company by its organisation number (the desk): its id in the register, and the link that makes it one of the municipality's own. */
export { findCompanyIdByNumber, link as linkCompany } from "./repo.js";

/** What a segment of the register can be narrowed by: the SNI 2025 sections and SCB's size classes. */
export { sizeClassChoices } from "./reference.js";
import { industryIndex } from "./reference.js";
export function industrySectionChoices(lang: "sv" | "en"): Array<{ code: string; name: string }> {
  return [...industryIndex().get("2025")!.values()].filter((industry) => industry.level === "section").map((industry) => ({ code: industry.code, name: (lang === "en" ? industry.title_en : null) ?? industry.title_sv }));
}

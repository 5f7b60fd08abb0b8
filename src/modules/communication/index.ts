/**
 * Communication's public face: routes, navigation, its background work and the sender's
 * bounce hook, registrations on the company register's timeline.
 */
import type { RoutePlugin } from "../../platform/http/app.js";
import type { NavEntry } from "../../platform/http/render.js";
import { addTimelineSource } from "../companies/index.js";
import { communicationApiRoutes } from "./api-routes.js";
import { registrationsOfCompany } from "./event-repo.js";
import { canCommunicate } from "./policy.js";
import { communicationPublicRoutes } from "./public-routes.js";
import { communicationRoutes } from "./routes.js";

export { communicationJobHandlers, communicationSchedules } from "./jobs.js";
export { rejectedAtSending } from "./subscription-service.js";
export { seedCommunicationDemo } from "./seed.js";

export const communicationRoutesPlugin: RoutePlugin = async (app, services) => {
  for (const plugin of [communicationPublicRoutes, communicationRoutes, communicationApiRoutes]) {
    await plugin(app, services);
  }
};

export const communicationNavigation: NavEntry[] = [
  { href: "/kommunikation/utskick", label: "nav.communication", visible: (actor) => actor !== null && canCommunicate(actor, "communication.read") },
  { href: "/nyheter", label: "nav.news", visible: (actor) => actor === null },
  { href: "/evenemang", label: "nav.events", visible: (actor) => actor === null },
];

// A company's page lists the event registrations of its people to those who may read communication.
addTimelineSource(
  async (tx, company) => (await registrationsOfCompany(tx, company.id)).map((row) => ({ at: row.starts_at, kind: "comm.timeline_registration", title: `${row.title}: ${row.name}`, href: `/kommunikation/evenemang/${row.event_id}` })),
  (actor) => canCommunicate(actor, "communication.read"),
);


/**
 * Communication: news, newsletters with consent, subscribers and events. It handles the
 * sender's hard bounces of its mail, and adds event registrations to the company
 * register's timeline.
 */
import { auditNames } from "./audit-names.js";
import { routeFiles } from "../../platform/http/app.js";
import { newsletterReachIn } from "./figures.js";
import type { LotsenModule } from "../../platform/module.js";
import { communicationApiRoutes } from "./api-routes.js";
import { registrationsOfCompany } from "./event-repo.js";
import { communicationJobHandlers, communicationSchedules } from "./jobs.js";
import { en, sv } from "./messages.js";
import { canCommunicate } from "./policy.js";
import { communicationPublicRoutes } from "./public-routes.js";
import { communicationRoutes } from "./routes.js";
import { campaignRoutes } from "./campaign-routes.js";
import { eventRoutes } from "./event-routes.js";
import { seedCommunicationDemo } from "./seed.js";
import { rejectedAtSending } from "./subscriber-service.js";
import { communicationPersonalData } from "./privacy.js";
import { communicationEvents } from "./events.js";

export const communicationModule: LotsenModule = {
  name: "communication",
  dependencies: ["companies", "programme"],
  routes: routeFiles(communicationPublicRoutes, communicationRoutes, campaignRoutes, eventRoutes, communicationApiRoutes),
  navigation: [
    { href: "/kommunikation/utskick", label: "communication.nav", visible: (actor) => actor !== null && canCommunicate(actor, "communication.read") },
    { href: "/nyheter", label: "communication.nav_news", visible: (actor) => actor === null },
    { href: "/evenemang", label: "communication.nav_events", visible: (actor) => actor === null },
    { href: "/nyhetsbrev", label: "communication.nav_newsletter", visible: (actor) => actor === null },
  ],
  entrances: [
    { href: "/nyheter", title: "communication.entrance_news", text: "communication.entrance_news_text" },
    { href: "/evenemang", title: "communication.entrance_events", text: "communication.entrance_events_text" },
    { href: "/nyhetsbrev", title: "communication.entrance_newsletter", text: "communication.entrance_newsletter_text" },
  ],
  messages: { sv, en },
  audit: auditNames,
  jobs: ({ db, secret }) => communicationJobHandlers(db, secret),
  schedules: communicationSchedules,
  onMailRejected: rejectedAtSending,
  demoSeed: (db, scope, log) => seedCommunicationDemo(db, scope, log),
  contributes: {
    // A programme indicator (and the region's figures) may take the newsletters' reach.
    indicatorSources: [
      {
        key: "communication.indicator_newsletter_reach",
        label: "communication.indicator_newsletter_reach",
        aggregate: "sum",
        value: (db, scope, year) => newsletterReachIn(db, scope, year),
      },
    ],
    webhookEvents: communicationEvents,
    personalData: [communicationPersonalData],
    // A company's page lists the event registrations of its people to those who may read communication.
    timelineSources: [
      {
        entries: async (tx, company) =>
          (await registrationsOfCompany(tx, company.id)).map((row) => ({
            at: row.starts_at,
            kind: "communication.timeline_registration",
            title: `${row.title}: ${row.name}`,
            href: `/kommunikation/evenemang/${row.event_id}`,
          })),
        visible: (actor) => canCommunicate(actor, "communication.read"),
      },
    ],
  },
};

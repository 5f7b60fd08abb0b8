import type { WebhookEventType } from "../../platform/webhooks/events.js";

/** What the skills module tells other systems (webhooks), by ids only: no job seeker's data ever leaves this way. */
export const skillsEvents: readonly WebhookEventType[] = [
  { type: "skills.opening.published", label: "skills.webhook_published", personalData: false },
  { type: "skills.placement.made", label: "skills.webhook_placement", personalData: false },
];

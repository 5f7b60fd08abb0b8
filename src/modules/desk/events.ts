import type { WebhookEventType } from "../../platform/webhooks/events.js";

/** What the desk tells other systems (webhooks): ids, the unit and the status; never the subject, which may hold secret words. */
export const deskEvents: readonly WebhookEventType[] = [
  { type: "desk.case.created", label: "desk.webhook_created", personalData: false },
  { type: "desk.case.answered", label: "desk.webhook_answered", personalData: false },
  { type: "desk.case.closed", label: "desk.webhook_closed", personalData: false },
];

import type { ScopedTx } from "../../platform/db/database.js";
import type { WebhookEventType } from "../../platform/webhooks/events.js";
import { emitEvent } from "../../platform/webhooks/emit.js";

/** What communication tells other systems (webhooks), by ids: who the subscriber is stays here. */
export const communicationEvents: readonly WebhookEventType[] = [
  { type: "communication.subscription.confirmed", label: "communication.webhook_confirmed", personalData: false },
  { type: "communication.subscription.left", label: "communication.webhook_left", personalData: false },
  { type: "communication.registration.made", label: "communication.webhook_registration", personalData: false },
];

export async function subscriptionConfirmed(tx: ScopedTx, subscriberId: string, lists: number): Promise<void> {
  if (lists > 0) {
    await emitEvent(tx, "communication.subscription.confirmed", { subscriber_id: subscriberId, lists });
  }
}

/** A subscriber left lists: on a preference page, from a mail's link, or by staff. */
export async function subscriptionLeft(tx: ScopedTx, subscriberId: string, listIds: readonly string[], method: string): Promise<void> {
  if (listIds.length > 0) {
    await emitEvent(tx, "communication.subscription.left", { subscriber_id: subscriberId, list_ids: listIds, method });
  }
}

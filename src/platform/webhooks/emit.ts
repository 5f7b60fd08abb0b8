import { scopeOf, type ScopedTx } from "../db/database.js";
import { newId } from "../ids.js";
import { enqueue } from "../jobs/repo.js";
import * as repo from "./repo.js";

/** How often a delivery is tried: the job runner's backoff (10 s, 20 s, … an hour) makes that some three and a half hours. */
export const deliveryAttempts = 12;

export const deliverQueue = "webhooks.deliver";

/**
 * Tells the endpoints that want it that something happened, within the transaction of the
 * change: the deliveries and their jobs exist exactly when the change does (the outbox
 * pattern the mail uses). `data` carries ids and what changed, never secret-marked text;
 * personal data only where the event type says so. A paused endpoint's deliveries wait.
 * Answers how many deliveries were written.
 */
export async function emitEvent(tx: ScopedTx, type: string, data: Record<string, unknown>, at = new Date()): Promise<number> {
  const endpoints = await repo.endpointsFor(tx, type);
  if (endpoints.length === 0) {
    return 0;
  }
  const municipalityId = scopeOf(tx).municipalityId;
  const body = JSON.stringify({ type, timestamp: at.toISOString(), data });
  const rows = endpoints.map((endpoint) => ({ id: newId(), municipality_id: municipalityId, endpoint_id: endpoint.id, event_type: type, body }));
  await repo.insertDeliveries(tx, rows);
  for (const [index, row] of rows.entries()) {
    if (!endpoints[index]!.paused_at) {
      await enqueueDelivery(tx, row.id);
    }
  }
  return rows.length;
}

export async function enqueueDelivery(tx: ScopedTx, deliveryId: string): Promise<void> {
  await enqueue(tx, { queue: deliverQueue, municipalityId: scopeOf(tx).municipalityId, payload: { id: deliveryId }, maxAttempts: deliveryAttempts });
}

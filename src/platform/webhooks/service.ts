import { randomBytes } from "node:crypto";
import { diff, recordAudit } from "../audit/audit.js";
import { authorize } from "../auth/policy.js";
import type { OperationContext } from "../context.js";
import { inScope, type ScopedTx } from "../db/database.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { isId, newId } from "../ids.js";
import { enqueueDelivery } from "./emit.js";
import { platformEvents, type WebhookEventType } from "./events.js";
import * as repo from "./repo.js";
import type { EndpointInput } from "./schemas.js";

export type { WebhookEventType } from "./events.js";
export type EndpointView = Omit<repo.Endpoint, "secret">;
export type DeliveryRow = Awaited<ReturnType<typeof repo.recentDeliveries>>[number];

/** Every event type this installation's modules declare, the platform's test first. */
export function eventCatalogue(ctx: Pick<OperationContext, "contributions">): WebhookEventType[] {
  return [...platformEvents, ...(ctx.contributions?.webhookEvents ?? [])];
}

const withoutSecret = ({ secret: _secret, ...endpoint }: repo.Endpoint): EndpointView => endpoint;

/** A new signing secret, as Standard Webhooks write one: `whsec_` and 24 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

export async function listEndpoints(ctx: OperationContext) {
  authorize(ctx.actor, "settings.manage");
  return inScope(ctx.db, ctx.scope, async (tx) =>
    (await repo.listEndpoints(tx)).map(({ secret: _secret, failed, ...row }) => ({ ...row, failed: Number(failed ?? 0) })),
  );
}

export async function getEndpoint(ctx: OperationContext, id: string): Promise<{ endpoint: EndpointView; deliveries: DeliveryRow[] }> {
  authorize(ctx.actor, "settings.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const endpoint = await load(tx, id);
    return { endpoint: withoutSecret(endpoint), deliveries: await repo.recentDeliveries(tx, id, 50) };
  });
}

/** An endpoint's address alone, for a confirmation that names it (another municipality's is a 404). */
export async function endpointUrl(ctx: OperationContext, id: string): Promise<string> {
  authorize(ctx.actor, "settings.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => (await load(tx, id)).url);
}

/** Registers an endpoint; its secret is answered once, to be given to the receiving system, and never shown again. */
export async function createEndpoint(ctx: OperationContext, input: EndpointInput): Promise<{ id: string; secret: string }> {
  authorize(ctx.actor, "settings.manage");
  checkTypes(ctx, input.event_types);
  const id = newId();
  const secret = newSecret();
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await repo.insertEndpoint(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      url: input.url,
      description: input.description,
      event_types: input.event_types,
      secret,
    });
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "create",
        recordType: "webhook_endpoint",
        recordId: id,
        changes: diff({}, { url: input.url, description: input.description, event_types: input.event_types }),
      },
      ctx.requestId,
    );
  });
  return { id, secret };
}

export async function updateEndpoint(ctx: OperationContext, id: string, input: EndpointInput): Promise<void> {
  authorize(ctx.actor, "settings.manage");
  checkTypes(ctx, input.event_types);
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await load(tx, id);
    const after = { url: input.url, description: input.description, event_types: input.event_types };
    await repo.updateEndpoint(tx, id, after);
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "webhook_endpoint", recordId: id, changes: diff(before, after) }, ctx.requestId);
  });
}

/** A new secret, answered once; the old one stops working at once. */
export async function rotateSecret(ctx: OperationContext, id: string): Promise<string> {
  authorize(ctx.actor, "settings.manage");
  const secret = newSecret();
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await load(tx, id);
    await repo.updateEndpoint(tx, id, { secret });
    await recordAudit(tx, ctx.actor, { action: "rotate", recordType: "webhook_endpoint", recordId: id }, ctx.requestId);
  });
  return secret;
}

export async function pauseEndpoint(ctx: OperationContext, id: string): Promise<void> {
  authorize(ctx.actor, "settings.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const endpoint = await load(tx, id);
    if (!endpoint.paused_at) {
      await repo.updateEndpoint(tx, id, { paused_at: new Date(), pause_reason: null });
      await recordAudit(tx, ctx.actor, { action: "pause", recordType: "webhook_endpoint", recordId: id }, ctx.requestId);
    }
  });
}

/** Resumes a paused endpoint: the deliveries it held are sent, oldest first. */
export async function resumeEndpoint(ctx: OperationContext, id: string): Promise<number> {
  authorize(ctx.actor, "settings.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const endpoint = await load(tx, id);
    if (!endpoint.paused_at) {
      return 0;
    }
    await repo.updateEndpoint(tx, id, { paused_at: null, pause_reason: null, failures_in_row: 0 });
    const pending = await repo.pendingDeliveryIds(tx, id);
    for (const deliveryId of pending) {
      await enqueueDelivery(tx, deliveryId);
    }
    await recordAudit(tx, ctx.actor, { action: "resume", recordType: "webhook_endpoint", recordId: id, changes: { pending: pending.length } }, ctx.requestId);
    return pending.length;
  });
}

export async function deleteEndpoint(ctx: OperationContext, id: string): Promise<void> {
  authorize(ctx.actor, "settings.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const endpoint = await load(tx, id);
    await repo.deleteEndpoint(tx, id);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "delete", recordType: "webhook_endpoint", recordId: id, changes: { url: { from: endpoint.url, to: null } } },
      ctx.requestId,
    );
  });
}

/** Sends the test event to this endpoint alone. */
export async function sendTest(ctx: OperationContext, id: string): Promise<void> {
  authorize(ctx.actor, "settings.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await load(tx, id);
    const deliveryId = newId();
    const body = JSON.stringify({ type: "webhook.test", timestamp: new Date().toISOString(), data: { endpoint_id: id } });
    await repo.insertDeliveries(tx, [{ id: deliveryId, municipality_id: ctx.scope.municipalityId, endpoint_id: id, event_type: "webhook.test", body }]);
    await enqueueDelivery(tx, deliveryId);
    await recordAudit(tx, ctx.actor, { action: "test", recordType: "webhook_endpoint", recordId: id }, ctx.requestId);
  });
}

/** Sends a failed delivery again, as the same message (the same `webhook-id`), from its first attempt. */
export async function redeliver(ctx: OperationContext, deliveryId: string): Promise<string> {
  authorize(ctx.actor, "settings.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const delivery = isId(deliveryId) ? await repo.findDelivery(tx, deliveryId) : undefined;
    if (!delivery) {
      throw new NotFoundError();
    }
    if (delivery.status !== "failed") {
      throw new ValidationError([{ path: "id", message: "webhooks.not_failed" }]);
    }
    await repo.updateDelivery(tx, deliveryId, { status: "pending", attempts: 0 });
    await enqueueDelivery(tx, deliveryId);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "redeliver", recordType: "webhook_endpoint", recordId: delivery.endpoint_id, changes: { delivery: deliveryId } },
      ctx.requestId,
    );
    return delivery.endpoint_id;
  });
}

async function load(tx: ScopedTx, id: string): Promise<repo.Endpoint> {
  const endpoint = isId(id) ? await repo.findEndpoint(tx, id) : undefined;
  if (!endpoint) {
    throw new NotFoundError();
  }
  return endpoint;
}

function checkTypes(ctx: OperationContext, types: readonly string[]): void {
  const known = new Set(eventCatalogue(ctx).map((event) => event.type));
  if (types.some((type) => !known.has(type))) {
    throw new ValidationError([{ path: "event_types", message: "invalid_choice" }]);
  }
}

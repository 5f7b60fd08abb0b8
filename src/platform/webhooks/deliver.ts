import { Webhook } from "standardwebhooks";
import { recordAudit } from "../audit/audit.js";
import { systemActor } from "../auth/roles.js";
import { asWorker, inScope, type Db } from "../db/database.js";
import { isId } from "../ids.js";
import { queueMail } from "../mail/repo.js";
import { translator } from "../ui/i18n.js";
import { deliveryAttempts } from "./emit.js";
import type { JobHandler } from "../jobs/runner.js";
import { postJson } from "./post.js";
import * as repo from "./repo.js";

/** Failed attempts in a row, over any of its deliveries, that pause an endpoint. */
export const pauseAfter = 15;

export interface DeliveryOptions {
  /** Whether endpoints inside the installation's network may be called (tests, an intranet set-up). */
  allowInternal: boolean;
}

export type DeliveryOutcome = "delivered" | "retry" | "failed" | "skipped";

/**
 * One attempt at a delivery, as the job runner makes it: signed as Standard Webhooks
 * describe (`webhook-id` the delivery's id, the same on every attempt, `webhook-timestamp`,
 * `webhook-signature` an HMAC over id, timestamp and body), posted outside any transaction,
 * its answer logged. A 2xx delivers; anything else is tried again by the runner with
 * backoff until the last attempt. An endpoint that has failed `pauseAfter` times in a row
 * is paused, and the municipality's administrators are told by mail.
 */
export async function attemptDelivery(db: Db, municipalityId: string, deliveryId: string, attempt: number, options: DeliveryOptions): Promise<DeliveryOutcome> {
  if (!isId(municipalityId) || !isId(deliveryId)) {
    return "skipped";
  }
  const scope = { municipalityId };
  const loaded = await inScope(db, scope, async (tx) => {
    const delivery = await repo.findDelivery(tx, deliveryId);
    const endpoint = delivery ? await repo.findEndpoint(tx, delivery.endpoint_id) : undefined;
    return delivery && endpoint && delivery.status === "pending" && !endpoint.paused_at ? { delivery, endpoint } : undefined;
  });
  if (!loaded) {
    return "skipped";
  }
  const { delivery, endpoint } = loaded;
  const at = new Date();
  const signature = new Webhook(endpoint.secret).sign(delivery.id, at, delivery.body);
  const result = await postJson(
    endpoint.url,
    delivery.body,
    { "webhook-id": delivery.id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature },
    options,
  );
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  return inScope(db, scope, async (tx) => {
    const current = await repo.lockEndpoint(tx, endpoint.id);
    const last = attempt >= deliveryAttempts;
    const error = ok ? null : (result.error ?? `HTTP ${result.status}`);
    await repo.updateDelivery(tx, delivery.id, {
      attempts: attempt,
      last_attempt_at: at,
      last_status: result.status,
      last_response: result.response,
      last_error: error,
      ...(ok ? { status: "delivered", delivered_at: new Date() } : last ? { status: "failed" } : {}),
    });
    if (!current) {
      return ok ? "delivered" : "failed";
    }
    if (ok) {
      await repo.updateEndpoint(tx, current.id, { failures_in_row: 0 });
      return "delivered";
    }
    const failures = current.failures_in_row + 1;
    const pause = failures >= pauseAfter && !current.paused_at;
    await repo.updateEndpoint(tx, current.id, { failures_in_row: failures, ...(pause ? { paused_at: new Date(), pause_reason: error } : {}) });
    if (pause) {
      await tellAdministrators(tx, current, failures, error ?? "");
    }
    return last || pause ? "failed" : "retry";
  });
}

/** How long a delivered delivery stays in the log: failed and waiting ones stay until dealt with. */
export const keptDays = 30;

/** Removes deliveries delivered more than `keptDays` ago, in every municipality (a nightly job). */
export async function pruneDeliveries(db: Db, now = new Date()): Promise<number> {
  return asWorker(db, (tx) => repo.pruneDelivered(tx, new Date(now.getTime() - keptDays * 86_400_000)));
}

/** The job runner's handler: an attempt that should be tried again fails, so the runner backs off. */
export function webhookDelivery(db: Db, options: DeliveryOptions): JobHandler {
  return async (job) => {
    const outcome = await attemptDelivery(db, job.municipalityId ?? "", String(job.payload.id ?? ""), job.attempt, options);
    if (outcome === "retry") {
      throw new Error("the endpoint did not take the delivery; it is tried again");
    }
  };
}

async function tellAdministrators(tx: Parameters<typeof repo.lockEndpoint>[0], endpoint: repo.Endpoint, failures: number, error: string): Promise<void> {
  const t = translator("sv");
  for (const to of await repo.administratorAddresses(tx)) {
    await queueMail(tx, {
      municipalityId: endpoint.municipality_id,
      purpose: "webhooks.paused",
      to,
      subject: t("webhooks.paused_mail_subject", { url: endpoint.url }),
      text: t("webhooks.paused_mail_text", { url: endpoint.url, count: failures, error }),
    });
  }
  await recordAudit(tx, systemActor("webhooks"), {
    action: "pause",
    recordType: "webhook_endpoint",
    recordId: endpoint.id,
    changes: { failures_in_row: failures, error },
  });
}

import { sql, type Insertable, type Selectable, type Transaction, type Updateable } from "kysely";
import type { Database } from "../db/schema.js";
import type { ScopedTx } from "../db/database.js";
import type { WebhookDeliveryTable, WebhookEndpointTable } from "./tables.js";
import "./tables.js";

export type Endpoint = Selectable<WebhookEndpointTable>;
export type Delivery = Selectable<WebhookDeliveryTable>;

export function listEndpoints(tx: ScopedTx) {
  return tx
    .selectFrom("webhook_endpoints as e")
    .selectAll("e")
    .select((eb) =>
      eb
        .selectFrom("webhook_deliveries as d")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("d.endpoint_id", "=", "e.id")
        .where("d.status", "=", "failed")
        .as("failed"),
    )
    .orderBy("e.created_at")
    .execute();
}

export function findEndpoint(tx: ScopedTx, id: string): Promise<Endpoint | undefined> {
  return tx.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The endpoint locked for this transaction: a delivery's count of failures is written by one attempt at a time. */
export function lockEndpoint(tx: ScopedTx, id: string): Promise<Endpoint | undefined> {
  return tx.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function insertEndpoint(tx: ScopedTx, values: Insertable<WebhookEndpointTable>): Promise<void> {
  await tx.insertInto("webhook_endpoints").values(values).execute();
}

export async function updateEndpoint(tx: ScopedTx, id: string, values: Updateable<WebhookEndpointTable>): Promise<void> {
  await tx
    .updateTable("webhook_endpoints")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteEndpoint(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("webhook_endpoints").where("id", "=", id).execute();
}

/** The endpoints that want an event type, paused ones too (their deliveries wait). */
export function endpointsFor(tx: ScopedTx, type: string) {
  return tx
    .selectFrom("webhook_endpoints")
    .select(["id", "paused_at"])
    .where(sql<boolean>`${type} = any(event_types)`)
    .execute();
}

export async function insertDeliveries(tx: ScopedTx, rows: ReadonlyArray<Insertable<WebhookDeliveryTable>>): Promise<void> {
  if (rows.length > 0) {
    await tx
      .insertInto("webhook_deliveries")
      .values([...rows])
      .execute();
  }
}

export function findDelivery(tx: ScopedTx, id: string): Promise<Delivery | undefined> {
  return tx.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
}

export function recentDeliveries(tx: ScopedTx, endpointId: string, limit: number) {
  return tx
    .selectFrom("webhook_deliveries")
    .select(["id", "event_type", "status", "attempts", "last_attempt_at", "last_status", "last_response", "last_error", "delivered_at", "created_at"])
    .where("endpoint_id", "=", endpointId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

/** Deliveries still waiting: those a paused endpoint holds, sent again when it is resumed. */
export async function pendingDeliveryIds(tx: ScopedTx, endpointId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom("webhook_deliveries")
    .select("id")
    .where("endpoint_id", "=", endpointId)
    .where("status", "=", "pending")
    .orderBy("created_at")
    .execute();
  return rows.map((row) => row.id);
}

export async function updateDelivery(tx: ScopedTx, id: string, values: Updateable<WebhookDeliveryTable>): Promise<void> {
  await tx.updateTable("webhook_deliveries").set(values).where("id", "=", id).execute();
}

/** The municipality's active administrators, told when an endpoint is paused. */
export async function administratorAddresses(tx: ScopedTx): Promise<string[]> {
  const rows = await tx
    .selectFrom("users")
    .select("email")
    .where("active", "=", true)
    .where(sql<boolean>`'admin' = any(roles)`)
    .orderBy("email")
    .execute();
  return rows.map((row) => row.email);
}

/** Delivered deliveries older than the cut-off, in every municipality; answers how many went. */
export async function pruneDelivered(tx: Transaction<Database>, before: Date): Promise<number> {
  const result = await tx.deleteFrom("webhook_deliveries").where("status", "=", "delivered").where("delivered_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

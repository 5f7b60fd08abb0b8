import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface WebhookEndpointTable {
  id: string;
  municipality_id: string;
  url: string;
  description: string | null;
  event_types: ColumnType<string[], string[], string[]>;
  /** The signing secret (`whsec_` and base64), as Standard Webhooks write it. */
  secret: string;
  paused_at: NullableTimestamp;
  pause_reason: string | null;
  failures_in_row: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type DeliveryStatus = "pending" | "delivered" | "failed";

export interface WebhookDeliveryTable {
  id: string;
  municipality_id: string;
  endpoint_id: string;
  event_type: string;
  /** The JSON sent, exactly as signed. */
  body: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  last_attempt_at: NullableTimestamp;
  last_status: number | null;
  last_response: string | null;
  last_error: string | null;
  delivered_at: NullableTimestamp;
  created_at: CreatedAt;
}

declare module "../db/schema.js" {
  interface Database {
    webhook_endpoints: WebhookEndpointTable;
    webhook_deliveries: WebhookDeliveryTable;
  }
}

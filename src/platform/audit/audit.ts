import type { ScopedTx } from "../db/database.js";
import { scopeOf } from "../db/database.js";
import { newId } from "../ids.js";
import type { Actor } from "../auth/roles.js";
import * as repo from "./repo.js";

/** One changed field: the value before and after. */
export type Changes = Record<string, { from: unknown; to: unknown }>;

export interface AuditEntry {
  action: string;
  recordType: string;
  recordId: string | null;
  changes?: Changes | Record<string, unknown>;
}

/** Fields never written to the audit log in clear. */
const secretFields = new Set(["password", "password_hash", "token", "token_hash", "client_secret"]);

/** The fields that differ between two versions of a record, secrets masked. */
export function diff<T extends Record<string, unknown>>(before: Partial<T> | undefined, after: Partial<T>): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(after)) {
    const from = before?.[key];
    const to = after[key];
    if (JSON.stringify(from) === JSON.stringify(to)) {
      continue;
    }
    changes[key] = secretFields.has(key) ? { from: "[hidden]", to: "[hidden]" } : { from: from ?? null, to: to ?? null };
  }
  return changes;
}

/** Writes one audit event in the caller's transaction, so the event and the change commit together. */
export async function recordAudit(tx: ScopedTx, actor: Actor, entry: AuditEntry, requestId?: string): Promise<void> {
  await repo.insertAuditEvent(tx, {
    id: newId(),
    municipality_id: scopeOf(tx).municipalityId,
    actor_id: actor.kind === "user" ? actor.id : null,
    actor_label: actor.kind === "system" ? actor.label : `${actor.name} <${actor.email}>`,
    action: entry.action,
    record_type: entry.recordType,
    record_id: entry.recordId,
    changes: JSON.stringify(entry.changes ?? {}),
    request_id: requestId ?? null,
  });
}

/**
 * Redacts a person's values in the audit log: every event about the record keeps its
 * who, when and which fields, and loses the values. Used by erasure.
 */
export function redactAuditValues(tx: ScopedTx, recordType: string, recordId: string): Promise<void> {
  return repo.redactValues(tx, recordType, recordId);
}

/** Replaces the name and e-mail of an erased person where they acted. */
export function redactAuditActor(tx: ScopedTx, actorId: string): Promise<void> {
  return repo.redactActor(tx, actorId);
}

/**
 * Communication's personal data: subscribers (lawful basis consent, or for a company's
 * contact the municipality's task of informing businesses) and event attendees (consent
 * given on the form). A person gets a register extract of both by their address, and
 * erasure removes them: the subscriber with their subscriptions and bounces, the
 * registrations, the outbox's copies of their mail (and the stored files, by a job), and
 * the values in the audit log.
 */
import { recordAudit, redactAuditValues } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, scopeOf, type ScopedTx } from "../../platform/db/database.js";
import type { Actor } from "../../platform/auth/roles.js";
import { enqueue } from "../../platform/jobs/repo.js";
import { redactMail } from "../../platform/mail/repo.js";
import { authorizeCommunication } from "./policy.js";
import * as repo from "./records-repo.js";

export interface PersonExtract {
  email: string;
  made_at: string;
  subscriber: null | {
    lawful_basis: "consent" | "public_task";
    name: string | null;
    language: string;
    company: string | null;
    created_at: Date;
    blocked: string | null;
    opted_out_at: Date | null;
    subscriptions: Array<{
      list: string;
      status: string;
      consent_method: string;
      consent_source: string | null;
      requested_at: Date;
      confirmed_at: Date | null;
      unsubscribed_at: Date | null;
    }>;
    bounces: Array<{ kind: string; source: string; created_at: Date }>;
    campaigns_received: number;
  };
  registrations: Array<{
    lawful_basis: "consent";
    event: string;
    starts_at: Date;
    name: string;
    company_name: string | null;
    org_number: string | null;
    answers: Record<string, string>;
    status: string;
    consent_at: Date;
    checked_in_at: Date | null;
  }>;
}

export async function personExtract(ctx: OperationContext, email: string): Promise<PersonExtract> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  const address = email.trim().toLowerCase();
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const extract = await extractIn(tx, address);
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "extract",
        recordType: "communication_person",
        recordId: null,
        changes: { subscriber: extract.subscriber !== null, registrations: extract.registrations.length },
      },
      ctx.requestId,
    );
    return extract;
  });
}

/** The extract itself, in the caller's transaction (the data-protection page makes one of every module's). */
export async function extractIn(tx: ScopedTx, address: string): Promise<PersonExtract> {
  const subscriber = await repo.subscriberWithCompany(tx, address);
  const registrations = await repo.registrationsOf(tx, address);
  let subscriberPart: PersonExtract["subscriber"] = null;
  if (subscriber) {
    const subscriptions = await repo.subscriptionsOf(tx, subscriber.id);
    subscriberPart = {
      lawful_basis: subscriptions.some((row) => row.status === "confirmed") || !subscriber.company_id ? "consent" : "public_task",
      name: subscriber.name,
      language: subscriber.language,
      company: subscriber.company_name,
      created_at: subscriber.created_at,
      blocked: subscriber.block_reason,
      opted_out_at: subscriber.opted_out_at,
      subscriptions,
      bounces: await repo.bouncesOf(tx, subscriber.id),
      campaigns_received: await repo.campaignsReceived(tx, subscriber.id),
    };
  }
  return {
    email: address,
    made_at: new Date().toISOString(),
    subscriber: subscriberPart,
    registrations: registrations.map((row) => ({ lawful_basis: "consent" as const, ...row })),
  };
}

export interface Erased {
  subscribers: number;
  registrations: number;
  mails: number;
}

/** Erases everything communication holds about an address, in one transaction. Answers what went. */
export async function erasePerson(ctx: OperationContext, email: string): Promise<Erased> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  return inScope(ctx.db, ctx.scope, (tx) => eraseIn(tx, ctx.actor, email.trim().toLowerCase(), ctx.requestId));
}

/** The erasure itself, in the caller's transaction. */
export async function eraseIn(tx: ScopedTx, actor: Actor, address: string, requestId: string | undefined): Promise<Erased> {
  const { subscribers, registrations } = await repo.idsOf(tx, address);
  const mailIds: string[] = [];
  for (const id of subscribers) {
    await redactAuditValues(tx, "subscriber", id);
    mailIds.push(...(await redactMail(tx, id)));
  }
  for (const id of registrations) {
    await redactAuditValues(tx, "event_registration", id);
    mailIds.push(...(await redactMail(tx, id)));
  }
  await repo.erase(tx, address);
  if (mailIds.length > 0) {
    await enqueue(tx, { queue: "mail.remove-files", municipalityId: scopeOf(tx).municipalityId, payload: { ids: mailIds } });
  }
  const erased = { subscribers: subscribers.length, registrations: registrations.length, mails: mailIds.length };
  await recordAudit(tx, actor, { action: "erase", recordType: "communication_person", recordId: null, changes: erased }, requestId);
  return erased;
}

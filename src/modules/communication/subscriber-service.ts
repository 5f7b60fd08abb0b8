/** Staff's side of the subscribers: the register, adding one with a lawful basis, ending and unblocking, and what bounces do. */
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { findCompanyIdByNumber } from "../companies/index.js";
import * as repo from "./newsletter-repo.js";
import { authorizeCommunication } from "./policy.js";
import type { BounceReport, SubscriberInput } from "./schemas.js";
import type { BlockReason } from "./tables.js";
import { newLinkSalt } from "../../platform/links.js";
import { mailServer, audit } from "./subscription-service.js";
import { subscriptionLeft } from "./events.js";

/** Soft bounces (mailbox full, server busy) in a row that block an address; a hard bounce or a complaint blocks at once. */
export const softBounceLimit = 3;

// Staff -----------------------------------------------------------------------------------

export async function listSubscribers(ctx: OperationContext, page: number, q: string | undefined): Promise<{ rows: repo.SubscriberRow[]; hasNext: boolean }> {
  authorizeCommunication(ctx.actor, "communication.people");
  const rows = await inScope(ctx.db, ctx.scope, (tx) => repo.listSubscribers(tx, page, q));
  return { rows: rows.slice(0, repo.subscriberPageSize), hasNext: rows.length > repo.subscriberPageSize };
}

export interface SubscriberView {
  subscriber: repo.Subscriber;
  company: { id: string; name: string } | null;
  subscriptions: repo.SubscriptionRow[];
  bounces: Awaited<ReturnType<typeof repo.bouncesOf>>;
}

export async function getSubscriber(ctx: OperationContext, id: string): Promise<SubscriberView> {
  authorizeCommunication(ctx.actor, "communication.people");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const subscriber = isId(id) ? await repo.findSubscriber(tx, id) : undefined;
    if (!subscriber) {
      throw new NotFoundError();
    }
    const company = subscriber.company_id ? ((await repo.findCompany(tx, subscriber.company_id)) ?? null) : null;
    return { subscriber, company, subscriptions: await repo.subscriptionsOf(tx, id), bounces: await repo.bouncesOf(tx, id) };
  });
}

/**
 * A subscriber entered by staff (met at a visit, asked on the phone), linked to the
 * register's company by its number, with where the consent was given.
 */
export async function addSubscriber(ctx: OperationContext, input: SubscriberInput): Promise<string> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const companyId = input.org_number ? ((await findCompanyIdByNumber(tx, input.org_number)) ?? null) : null;
    if (input.org_number && !companyId) {
      throw new ValidationError([{ path: "org_number", message: "communication.company_not_found" }]);
    }
    if (await repo.findSubscriberByEmail(tx, input.email)) {
      throw new ValidationError([{ path: "email", message: "communication.subscriber_exists" }]);
    }
    for (const id of input.list_ids) {
      if (!(await repo.findList(tx, id))) {
        throw new ValidationError([{ path: "list_ids", message: "invalid_choice" }]);
      }
    }
    const id = newId();
    await repo.insertSubscriber(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      email: input.email,
      name: input.name,
      company_id: companyId,
      language: input.language,
      token_salt: newLinkSalt(),
    });
    for (const listId of input.list_ids) {
      await repo.requestSubscription(tx, {
        municipality_id: ctx.scope.municipalityId,
        subscriber_id: id,
        list_id: listId,
        method: "staff",
        source: input.consent_source,
      });
    }
    await audit(tx, ctx.actor, ctx.requestId, "subscriber.created", id, {
      email: input.email,
      name: input.name,
      company_id: companyId,
      lists: input.list_ids,
      consent_source: input.consent_source,
    });
    return id;
  });
}

/** Staff take a subscriber off every list (asked to by phone); the subscriber stays, so the choice is remembered. */
export async function unsubscribeByStaff(ctx: OperationContext, id: string): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const subscriber = isId(id) ? await repo.findSubscriber(tx, id) : undefined;
    if (!subscriber) {
      throw new NotFoundError();
    }
    const left = await repo.unsubscribe(tx, id, null, "staff");
    await subscriptionLeft(tx, id, left, "staff");
    await repo.updateSubscriber(tx, id, { opted_out_at: new Date() });
    await audit(tx, ctx.actor, ctx.requestId, "subscriber.left_all", id, { lists: left, method: "staff" });
  });
}

export async function unblock(ctx: OperationContext, id: string): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const subscriber = isId(id) ? await repo.findSubscriber(tx, id) : undefined;
    if (!subscriber) {
      throw new NotFoundError();
    }
    await repo.updateSubscriber(tx, id, { blocked_at: null, block_reason: null, soft_bounces: 0 });
    await audit(tx, ctx.actor, ctx.requestId, "subscriber.unblocked", id, { block_reason: subscriber.block_reason });
  });
}

// Bounces -----------------------------------------------------------------------------------

/** One bounce: a hard bounce or a complaint blocks at once; soft bounces after `softBounceLimit`. Answers whether the address is now blocked. */
async function recordBounce(
  tx: ScopedTx,
  scope: Scope,
  subscriber: repo.Subscriber,
  kind: "hard" | "soft" | "complaint",
  source: "smtp" | "report",
  detail: string,
  requestId?: string,
): Promise<boolean> {
  await repo.insertBounce(tx, {
    id: newId(),
    municipality_id: scope.municipalityId,
    subscriber_id: subscriber.id,
    kind,
    source,
    detail: detail.slice(0, 2000),
  });
  const softBounces = kind === "soft" ? subscriber.soft_bounces + 1 : subscriber.soft_bounces;
  const reason: BlockReason | null =
    kind === "hard" ? "hard_bounce" : kind === "complaint" ? "complaint" : softBounces >= softBounceLimit ? "soft_bounces" : null;
  const blocking = reason !== null && subscriber.blocked_at === null;
  await repo.updateSubscriber(tx, subscriber.id, { soft_bounces: softBounces, ...(blocking ? { blocked_at: new Date(), block_reason: reason } : {}) });
  await audit(tx, mailServer, requestId, blocking ? "subscriber.blocked" : "subscriber.bounced", subscriber.id, {
    kind,
    source,
    ...(blocking ? { block_reason: reason } : {}),
  });
  return reason !== null;
}

/** The sender's hook: an SMTP server refused a newsletter for good (5xx), a hard bounce. */
export async function rejectedAtSending(
  db: Db,
  mail: { municipalityId: string | null; to: string; purpose: string; responseCode: number; message: string },
): Promise<void> {
  if (!mail.municipalityId || !mail.purpose.startsWith("communication.")) {
    return;
  }
  const scope = { municipalityId: mail.municipalityId };
  await inScope(db, scope, async (tx) => {
    const subscriber = await repo.findSubscriberByEmail(tx, mail.to.toLowerCase());
    if (subscriber) {
      await recordBounce(tx, scope, subscriber, "hard", "smtp", `${mail.responseCode} ${mail.message}`);
    }
  });
}

/** Delivery reports posted by the mail server (`POST /api/v1/newsletter/bounces`). Answers per address whether it is now blocked. */
export async function reportBounces(ctx: OperationContext, reports: BounceReport[]): Promise<Array<{ email: string; known: boolean; blocked: boolean }>> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const results: Array<{ email: string; known: boolean; blocked: boolean }> = [];
    for (const report of reports) {
      const subscriber = await repo.findSubscriberByEmail(tx, report.email);
      results.push({
        email: report.email,
        known: subscriber !== undefined,
        blocked: subscriber ? await recordBounce(tx, ctx.scope, subscriber, report.kind, "report", report.detail ?? "", ctx.requestId) : false,
      });
    }
    return results;
  });
}

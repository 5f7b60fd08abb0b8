import { recordAudit } from "../../platform/audit/audit.js";
import { systemActor, type Actor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { queueMail } from "../../platform/mail/repo.js";
import { confirmationMail } from "./mail-texts.js";
import { segmentOf } from "./campaign-repo.js";
import * as repo from "./newsletter-repo.js";
import { authorizeCommunication } from "./policy.js";
import type { ListInput, PreferencesInput, SubscribeInput } from "./schemas.js";
import { newLinkSalt } from "../../platform/links.js";
import { subscriberIdOf, subscriberToken, tokenMatches } from "./token.js";
import { subscriptionConfirmed, subscriptionLeft } from "./events.js";

export type { ListWithCounts, MailingList, Subscriber, SubscriberRow, SubscriptionRow } from "./newsletter-repo.js";

export interface PublicLinks {
  base: string;
  municipality: string;
  secret: string;
}

const visitor = systemActor("Prenumerant (webb)");
export const mailServer = systemActor("E-postserver (studsrapport)");

export async function audit(
  tx: ScopedTx,
  actor: Actor,
  requestId: string | undefined,
  action: string,
  subscriberId: string,
  changes: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(tx, actor, { action, recordType: "subscriber", recordId: subscriberId, changes }, requestId);
}

// Lists --------------------------------------------------------------------------------

export async function listLists(ctx: OperationContext): Promise<repo.ListWithCounts[]> {
  authorizeCommunication(ctx.actor, "communication.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listLists(tx));
}

export async function publicLists(db: Db, scope: Scope): Promise<repo.ListWithCounts[]> {
  return inScope(db, scope, (tx) => repo.listLists(tx, true));
}

export async function getList(ctx: OperationContext, id: string): Promise<repo.MailingList> {
  authorizeCommunication(ctx.actor, "communication.read");
  const list = isId(id) ? await inScope(ctx.db, ctx.scope, (tx) => repo.findList(tx, id)) : undefined;
  if (!list) {
    throw new NotFoundError();
  }
  return list;
}

function listValues(input: ListInput) {
  return {
    name_sv: input.name_sv,
    name_en: input.name_en,
    description_sv: input.description_sv ?? "",
    description_en: input.description_en ?? "",
    public: input.public,
  };
}

export async function createList(ctx: OperationContext, input: ListInput): Promise<string> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    if (await repo.listNameTaken(tx, input.name_sv, null)) {
      throw new ValidationError([{ path: "name_sv", message: "name_taken" }]);
    }
    const id = newId();
    await repo.insertList(tx, { id, municipality_id: ctx.scope.municipalityId, ...listValues(input) });
    await recordAudit(tx, ctx.actor, { action: "mailing_list.created", recordType: "mailing_list", recordId: id, changes: listValues(input) }, ctx.requestId);
    return id;
  });
}

export async function updateList(ctx: OperationContext, id: string, input: ListInput): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    if (!isId(id) || !(await repo.findList(tx, id))) {
      throw new NotFoundError();
    }
    if (await repo.listNameTaken(tx, input.name_sv, id)) {
      throw new ValidationError([{ path: "name_sv", message: "name_taken" }]);
    }
    await repo.updateList(tx, id, listValues(input));
    await recordAudit(tx, ctx.actor, { action: "mailing_list.updated", recordType: "mailing_list", recordId: id, changes: listValues(input) }, ctx.requestId);
  });
}

export async function deleteList(ctx: OperationContext, id: string): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.newsletters");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const list = isId(id) ? await repo.findList(tx, id) : undefined;
    if (!list) {
      throw new NotFoundError();
    }
    await repo.deleteList(tx, id);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "mailing_list.deleted", recordType: "mailing_list", recordId: id, changes: { name_sv: list.name_sv } },
      ctx.requestId,
    );
  });
}

// Subscribing: the double opt-in --------------------------------------------------------

async function subscriberFor(tx: ScopedTx, scope: Scope, email: string, name: string | null, language: "sv" | "en"): Promise<repo.Subscriber> {
  const existing = await repo.findSubscriberByEmail(tx, email);
  if (existing) {
    // Someone who left comes back with a new link: the salt is new, so every old link (and
    // any copy of one that went astray) opens nothing.
    const confirmed = (await repo.subscriptionsOf(tx, existing.id)).some((row) => row.status === "confirmed");
    if (confirmed) {
      return existing;
    }
    await repo.updateSubscriber(tx, existing.id, { token_salt: newLinkSalt() });
    return (await repo.findSubscriber(tx, existing.id))!;
  }
  const id = newId();
  await repo.insertSubscriber(tx, { id, municipality_id: scope.municipalityId, email, name, language, token_salt: newLinkSalt() });
  return (await repo.findSubscriber(tx, id))!;
}

/**
 * The public sign-up. The lists are asked for, unconfirmed, and a mail with a link to
 * confirm goes to the address: nothing is sent to the lists until it is followed. The
 * answer is the same whether the address was known or not.
 */
export async function subscribe(db: Db, scope: Scope, input: SubscribeInput, lang: "sv" | "en", links: PublicLinks, requestId?: string): Promise<void> {
  await inScope(db, scope, async (tx) => {
    const chosen: repo.MailingList[] = [];
    for (const id of input.list_ids) {
      const list = await repo.findList(tx, id);
      if (!list || !list.public) {
        throw new ValidationError([{ path: "list_ids", message: "invalid_choice" }]);
      }
      chosen.push(list);
    }
    const subscriber = await subscriberFor(tx, scope, input.email, input.name, lang);
    for (const list of chosen) {
      await repo.requestSubscription(tx, {
        municipality_id: scope.municipalityId,
        subscriber_id: subscriber.id,
        list_id: list.id,
        method: "double_opt_in",
        source: "webbformulär",
      });
    }
    const mail = confirmationMail({
      municipality: links.municipality,
      lists: chosen.map((list) => (lang === "sv" ? list.name_sv : list.name_en)),
      url: `${links.base}/nyhetsbrev/bekrafta/${subscriberToken(links.secret, subscriber)}`,
      lang,
    });
    await queueMail(tx, { municipalityId: scope.municipalityId, purpose: "communication.confirm", subjectRef: subscriber.id, to: subscriber.email, ...mail });
    await audit(tx, visitor, requestId, "subscriber.requested", subscriber.id, { lists: chosen.map((list) => list.id) });
  });
}

async function byToken(tx: ScopedTx, secret: string, token: string): Promise<repo.Subscriber> {
  const id = subscriberIdOf(token);
  const subscriber = id && isId(id) ? await repo.findSubscriber(tx, id) : undefined;
  if (!subscriber || !tokenMatches(secret, token, subscriber)) {
    throw new NotFoundError();
  }
  return subscriber;
}

/** The confirmation link followed: the requests become consent, with the time; the address works, so a block is lifted. */
export async function confirm(db: Db, scope: Scope, secret: string, token: string, requestId?: string): Promise<number> {
  return inScope(db, scope, async (tx) => {
    const subscriber = await byToken(tx, secret, token);
    const confirmed = await repo.confirmSubscriptions(tx, subscriber.id);
    if (confirmed > 0 || subscriber.opted_out_at) {
      await repo.updateSubscriber(tx, subscriber.id, { opted_out_at: null, blocked_at: null, block_reason: null, soft_bounces: 0 });
    }
    await subscriptionConfirmed(tx, subscriber.id, confirmed);
    await audit(tx, visitor, requestId, "subscriber.confirmed", subscriber.id, { confirmed });
    return confirmed;
  });
}

export interface PreferencesView {
  subscriber: repo.Subscriber;
  subscriptions: repo.SubscriptionRow[];
  lists: repo.ListWithCounts[];
}

export async function preferences(db: Db, scope: Scope, secret: string, token: string): Promise<PreferencesView> {
  return inScope(db, scope, async (tx) => {
    const subscriber = await byToken(tx, secret, token);
    return { subscriber, subscriptions: await repo.subscriptionsOf(tx, subscriber.id), lists: await repo.listLists(tx, true) };
  });
}

/**
 * The preference page saved: the lists ticked are kept or joined (the link came by mail
 * to the address, so joining needs no second confirmation), the others left; or everything left.
 */
export async function savePreferences(db: Db, scope: Scope, secret: string, token: string, input: PreferencesInput, requestId?: string): Promise<void> {
  await inScope(db, scope, async (tx) => {
    const subscriber = await byToken(tx, secret, token);
    if (input.leave_all) {
      const left = await repo.unsubscribe(tx, subscriber.id, null, "preferences");
      await repo.updateSubscriber(tx, subscriber.id, { opted_out_at: new Date() });
      await subscriptionLeft(tx, subscriber.id, left, "preferences");
      await audit(tx, visitor, requestId, "subscriber.left_all", subscriber.id, { lists: left });
      return;
    }
    const current = await repo.subscriptionsOf(tx, subscriber.id);
    const allowed = new Set([
      ...(await repo.listLists(tx, true)).map((list) => list.id),
      ...current.filter((row) => row.status === "confirmed").map((row) => row.list_id),
    ]);
    if (input.list_ids.some((id) => !allowed.has(id))) {
      throw new ValidationError([{ path: "list_ids", message: "invalid_choice" }]);
    }
    const wanted = new Set(input.list_ids);
    const leaving = current.filter((row) => row.status !== "unsubscribed" && !wanted.has(row.list_id)).map((row) => row.list_id);
    const left = leaving.length > 0 ? await repo.unsubscribe(tx, subscriber.id, leaving, "preferences") : [];
    for (const id of wanted) {
      await repo.requestSubscription(tx, {
        municipality_id: scope.municipalityId,
        subscriber_id: subscriber.id,
        list_id: id,
        method: "double_opt_in",
        source: "inställningssidan",
      });
    }
    await repo.confirmSubscriptions(tx, subscriber.id);
    if (subscriber.opted_out_at && wanted.size > 0) {
      await repo.updateSubscriber(tx, subscriber.id, { opted_out_at: null });
    }
    await subscriptionLeft(tx, subscriber.id, left, "preferences");
    await audit(tx, visitor, requestId, "subscriber.preferences", subscriber.id, { lists: [...wanted], left });
  });
}

/**
 * Leaving from a mail (RFC 8058 one-click, or the link's page): the campaign's lists,
 * or, for a campaign to the register's companies without lists, all information mail.
 */
export async function unsubscribeFromCampaign(
  db: Db,
  scope: Scope,
  secret: string,
  token: string,
  campaignId: string,
  method: "one_click" | "preferences",
  requestId?: string,
): Promise<void> {
  await inScope(db, scope, async (tx) => {
    const subscriber = await byToken(tx, secret, token);
    const segment = isId(campaignId) ? await segmentOf(tx, campaignId) : undefined;
    const listIds = segment?.list_ids ?? [];
    if (listIds.length > 0) {
      const left = await repo.unsubscribe(tx, subscriber.id, listIds, method);
      await subscriptionLeft(tx, subscriber.id, left, method);
      await audit(tx, visitor, requestId, "subscriber.unsubscribed", subscriber.id, { lists: left, method, campaign: campaignId });
    } else {
      const left = await repo.unsubscribe(tx, subscriber.id, null, method);
      await subscriptionLeft(tx, subscriber.id, left, method);
      await repo.updateSubscriber(tx, subscriber.id, { opted_out_at: new Date() });
      await audit(tx, visitor, requestId, "subscriber.left_all", subscriber.id, { lists: left, method, campaign: campaignId });
    }
  });
}

/** Checks a link before a page shows it: another municipality's or a forged token is a 404. */
export async function checkToken(db: Db, scope: Scope, secret: string, token: string): Promise<void> {
  await inScope(db, scope, (tx) => byToken(tx, secret, token));
}

import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { MailingListTable, SubscriberTable, SubscriptionStatus, SubscriptionTable, UnsubscribeMethod } from "./tables.js";

export type MailingList = Selectable<MailingListTable>;
export type Subscriber = Selectable<SubscriberTable>;
export type Subscription = Selectable<SubscriptionTable>;

export interface ListWithCounts extends MailingList {
  confirmed: number;
  unconfirmed: number;
  unsubscribed: number;
}

export async function listLists(tx: ScopedTx, onlyPublic = false): Promise<ListWithCounts[]> {
  const result = await sql<ListWithCounts>`
    select l.*,
      (select count(*) from subscriptions s where s.list_id = l.id and s.status = 'confirmed')::int as confirmed,
      (select count(*) from subscriptions s where s.list_id = l.id and s.status = 'unconfirmed')::int as unconfirmed,
      (select count(*) from subscriptions s where s.list_id = l.id and s.status = 'unsubscribed')::int as unsubscribed
    from mailing_lists l
    where ${onlyPublic ? sql`l.public` : sql`true`}
    order by l.name_sv collate "sv-SE-x-icu"`.execute(tx);
  return result.rows;
}

export async function findList(tx: ScopedTx, id: string): Promise<MailingList | undefined> {
  return tx.selectFrom("mailing_lists").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listNameTaken(tx: ScopedTx, name: string, exceptId: string | null): Promise<boolean> {
  let query = tx.selectFrom("mailing_lists").select("id").where("name_sv", "=", name);
  if (exceptId) {
    query = query.where("id", "<>", exceptId);
  }
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertList(tx: ScopedTx, values: Insertable<MailingListTable>): Promise<void> {
  await tx.insertInto("mailing_lists").values(values).execute();
}

export async function updateList(tx: ScopedTx, id: string, values: Updateable<MailingListTable>): Promise<void> {
  await tx
    .updateTable("mailing_lists")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteList(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("mailing_lists").where("id", "=", id).execute();
}

export async function findSubscriber(tx: ScopedTx, id: string): Promise<Subscriber | undefined> {
  return tx.selectFrom("subscribers").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findSubscriberByEmail(tx: ScopedTx, email: string): Promise<Subscriber | undefined> {
  return tx.selectFrom("subscribers").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function insertSubscriber(tx: ScopedTx, values: Insertable<SubscriberTable>): Promise<void> {
  await tx.insertInto("subscribers").values(values).execute();
}

export async function updateSubscriber(tx: ScopedTx, id: string, values: Updateable<SubscriberTable>): Promise<void> {
  await tx
    .updateTable("subscribers")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export interface SubscriberRow extends Subscriber {
  company_name: string | null;
  lists: number;
}

export const subscriberPageSize = 50;

export async function listSubscribers(tx: ScopedTx, page: number, q: string | undefined): Promise<SubscriberRow[]> {
  const pattern = q ? `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const result = await sql<SubscriberRow>`
    select s.*, c.name as company_name,
      (select count(*) from subscriptions x where x.subscriber_id = s.id and x.status = 'confirmed')::int as lists
    from subscribers s left join companies c on c.id = s.company_id
    where ${pattern ? sql`(s.email like ${pattern} or lower(coalesce(s.name, '')) like ${pattern})` : sql`true`}
    order by s.email
    limit ${subscriberPageSize + 1} offset ${(page - 1) * subscriberPageSize}`.execute(tx);
  return result.rows;
}

export interface SubscriptionRow extends Subscription {
  name_sv: string;
  name_en: string;
  public: boolean;
}

export async function subscriptionsOf(tx: ScopedTx, subscriberId: string): Promise<SubscriptionRow[]> {
  return tx
    .selectFrom("subscriptions as s")
    .innerJoin("mailing_lists as l", "l.id", "s.list_id")
    .selectAll("s")
    .select(["l.name_sv", "l.name_en", "l.public"])
    .where("s.subscriber_id", "=", subscriberId)
    .orderBy("l.name_sv")
    .execute();
}

/**
 * Asks for a list: a new request, or again after leaving it. A confirmed subscription
 * stays confirmed; consent given by staff is confirmed at once.
 */
export async function requestSubscription(
  tx: ScopedTx,
  values: { municipality_id: string; subscriber_id: string; list_id: string; method: "double_opt_in" | "staff"; source: string | null },
): Promise<void> {
  const status: SubscriptionStatus = values.method === "staff" ? "confirmed" : "unconfirmed";
  await sql`
    insert into subscriptions (municipality_id, subscriber_id, list_id, status, consent_method, consent_source, requested_at, confirmed_at)
    values (${values.municipality_id}, ${values.subscriber_id}, ${values.list_id}, ${status}, ${values.method}, ${values.source}, now(), ${status === "confirmed" ? sql`now()` : null})
    on conflict (subscriber_id, list_id) do update set
      status = case when subscriptions.status = 'confirmed' then 'confirmed' else excluded.status end,
      consent_method = case when subscriptions.status = 'confirmed' then subscriptions.consent_method else excluded.consent_method end,
      consent_source = case when subscriptions.status = 'confirmed' then subscriptions.consent_source else excluded.consent_source end,
      requested_at = case when subscriptions.status = 'confirmed' then subscriptions.requested_at else now() end,
      confirmed_at = case when subscriptions.status = 'confirmed' then subscriptions.confirmed_at else excluded.confirmed_at end,
      unsubscribed_at = case when subscriptions.status = 'confirmed' then subscriptions.unsubscribed_at else null end,
      unsubscribe_method = case when subscriptions.status = 'confirmed' then subscriptions.unsubscribe_method else null end,
      updated_at = now()`.execute(tx);
}

/** The double opt-in's link followed: every unconfirmed request of the subscriber is confirmed. Answers how many. */
export async function confirmSubscriptions(tx: ScopedTx, subscriberId: string): Promise<number> {
  const result =
    await sql`update subscriptions set status = 'confirmed', confirmed_at = now(), updated_at = now() where subscriber_id = ${subscriberId} and status = 'unconfirmed'`.execute(
      tx,
    );
  return Number(result.numAffectedRows ?? 0);
}

/** Leaves the given lists, or every list when none are named. Answers the lists left. */
export async function unsubscribe(tx: ScopedTx, subscriberId: string, listIds: readonly string[] | null, method: UnsubscribeMethod): Promise<string[]> {
  const result = await sql<{ list_id: string }>`
    update subscriptions set status = 'unsubscribed', unsubscribed_at = now(), unsubscribe_method = ${method}, updated_at = now()
    where subscriber_id = ${subscriberId} and status <> 'unsubscribed' ${listIds ? sql`and list_id = any(${listIds}::uuid[])` : sql``}
    returning list_id`.execute(tx);
  return result.rows.map((row) => row.list_id);
}

export async function insertBounce(
  tx: ScopedTx,
  values: { id: string; municipality_id: string; subscriber_id: string; kind: "hard" | "soft" | "complaint"; source: "smtp" | "report"; detail: string },
): Promise<void> {
  await tx.insertInto("mail_bounces").values(values).execute();
}

export async function bouncesOf(tx: ScopedTx, subscriberId: string): Promise<Array<{ kind: string; source: string; detail: string; created_at: Date }>> {
  return tx
    .selectFrom("mail_bounces")
    .select(["kind", "source", "detail", "created_at"])
    .where("subscriber_id", "=", subscriberId)
    .orderBy("created_at", "desc")
    .execute();
}

export async function findCompany(tx: ScopedTx, id: string): Promise<{ id: string; name: string } | undefined> {
  return tx.selectFrom("companies").select(["id", "name"]).where("id", "=", id).executeTakeFirst();
}

/** How many people held a confirmed subscription to any list at an instant: the newsletters' reach. */
export async function subscribersAt(tx: ScopedTx, at: Date): Promise<number> {
  const row = await tx
    .selectFrom("subscriptions")
    .select((eb) => eb.fn.count<string>("subscriber_id").distinct().as("people"))
    .where("confirmed_at", "<", at)
    .where((eb) => eb.or([eb("unsubscribed_at", "is", null), eb("unsubscribed_at", ">=", at)]))
    .executeTakeFirstOrThrow();
  return Number(row.people);
}

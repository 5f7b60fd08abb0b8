import { sql } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import { hitLimit, nameHas } from "../../platform/privacy/repo.js";

/** The queries of a person's register extract and erasure, by e-mail address. */
export async function subscriberWithCompany(tx: ScopedTx, email: string) {
  return tx
    .selectFrom("subscribers as s")
    .leftJoin("companies as c", "c.id", "s.company_id")
    .selectAll("s")
    .select("c.name as company_name")
    .where("s.email", "=", email)
    .executeTakeFirst();
}

export async function registrationsOf(tx: ScopedTx, email: string) {
  return tx
    .selectFrom("event_registrations as r")
    .innerJoin("events as e", "e.id", "r.event_id")
    .select(["e.title as event", "e.starts_at", "r.name", "r.company_name", "r.org_number", "r.answers", "r.status", "r.consent_at", "r.checked_in_at"])
    .where("r.email", "=", email)
    .orderBy("e.starts_at")
    .execute();
}

export async function subscriptionsOf(tx: ScopedTx, subscriberId: string) {
  return tx
    .selectFrom("subscriptions as x")
    .innerJoin("mailing_lists as l", "l.id", "x.list_id")
    .select(["l.name_sv as list", "x.status", "x.consent_method", "x.consent_source", "x.requested_at", "x.confirmed_at", "x.unsubscribed_at"])
    .where("x.subscriber_id", "=", subscriberId)
    .execute();
}

export async function bouncesOf(tx: ScopedTx, subscriberId: string) {
  return tx.selectFrom("mail_bounces").select(["kind", "source", "created_at"]).where("subscriber_id", "=", subscriberId).execute();
}

export async function campaignsReceived(tx: ScopedTx, subscriberId: string): Promise<number> {
  const row = await tx
    .selectFrom("campaign_recipients")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("subscriber_id", "=", subscriberId)
    .where("outbox_id", "is not", null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function idsOf(tx: ScopedTx, email: string): Promise<{ subscribers: string[]; registrations: string[] }> {
  const subscribers = await tx.selectFrom("subscribers").select("id").where("email", "=", email).execute();
  const registrations = await tx.selectFrom("event_registrations").select("id").where("email", "=", email).execute();
  return { subscribers: subscribers.map((row) => row.id), registrations: registrations.map((row) => row.id) };
}

/** The subscriber (with subscriptions, bounces and campaign marks, by cascade) and the registrations go. */
export async function erase(tx: ScopedTx, email: string): Promise<void> {
  await tx.deleteFrom("subscribers").where("email", "=", email).execute();
  await tx.deleteFrom("event_registrations").where("email", "=", email).execute();
}

/** Subscribers and event attendees matching an address, a name or an organisation number (a sole trader's is a personal number). */
export async function peopleMatching(tx: ScopedTx, by: { email?: string; name?: string; orgNumber?: string }) {
  let subscribers = tx.selectFrom("subscribers").select(["name", "email"]).orderBy("email").limit(hitLimit);
  let registrations = tx.selectFrom("event_registrations").select(["name", "email"]).distinct().orderBy("email").limit(hitLimit);
  if (by.email !== undefined) {
    subscribers = subscribers.where("email", "=", by.email);
    registrations = registrations.where("email", "=", by.email);
  }
  if (by.name !== undefined) {
    subscribers = subscribers.where(nameHas("name", by.name));
    registrations = registrations.where(nameHas("name", by.name));
  }
  if (by.orgNumber !== undefined) {
    subscribers = subscribers.where(sql<boolean>`false`);
    registrations = registrations.where("org_number", "=", by.orgNumber);
  }
  return { subscribers: await subscribers.execute(), registrations: await registrations.execute() };
}

import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { EventRegistrationTable, EventTable, RegistrationStatus } from "./tables.js";

export type Event = Selectable<EventTable>;
export type Registration = Selectable<EventRegistrationTable>;

export interface EventRow extends Event {
  registered: number;
  waiting: number;
}

const counts = sql<number>`(select count(*) from event_registrations r where r.event_id = e.id and r.status = 'registered')::int`;
const waitingCount = sql<number>`(select count(*) from event_registrations r where r.event_id = e.id and r.status = 'waiting')::int`;

/** Staff's list: upcoming first, then the past. */
export async function listEvents(tx: ScopedTx): Promise<EventRow[]> {
  return tx
    .selectFrom("events as e")
    .selectAll("e")
    .select([counts.as("registered"), waitingCount.as("waiting")])
    .orderBy(sql`e.ends_at < now()`)
    .orderBy(sql`case when e.ends_at < now() then null else e.starts_at end`)
    .orderBy("e.starts_at", "desc")
    .limit(300)
    .execute();
}

/** Published public events not yet over, soonest first. */
export async function upcomingPublic(tx: ScopedTx): Promise<EventRow[]> {
  return tx
    .selectFrom("events as e")
    .selectAll("e")
    .select([counts.as("registered"), waitingCount.as("waiting")])
    .where("e.public", "=", true)
    .where("e.status", "<>", "draft")
    .where("e.ends_at", ">=", new Date())
    .orderBy("e.starts_at")
    .limit(200)
    .execute();
}

/** Every public published event from a year back, for the calendar feed. */
export async function feedEvents(tx: ScopedTx): Promise<Event[]> {
  return tx
    .selectFrom("events")
    .selectAll()
    .where("public", "=", true)
    .where("status", "<>", "draft")
    .where("ends_at", ">=", new Date(Date.now() - 365 * 86_400_000))
    .orderBy("starts_at")
    .execute();
}

export async function findEvent(tx: ScopedTx, id: string, lock = false): Promise<EventRow | undefined> {
  const query = tx
    .selectFrom("events as e")
    .selectAll("e")
    .select([counts.as("registered"), waitingCount.as("waiting")])
    .where("e.id", "=", id);
  return (lock ? query.forUpdate("e") : query).executeTakeFirst();
}

export async function insertEvent(tx: ScopedTx, values: Insertable<EventTable>): Promise<void> {
  await tx.insertInto("events").values(values).execute();
}

export async function updateEvent(tx: ScopedTx, id: string, values: Updateable<EventTable>): Promise<void> {
  await tx
    .updateTable("events")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteEvent(tx: ScopedTx, id: string): Promise<void> {
  await tx.deleteFrom("events").where("id", "=", id).execute();
}

export async function registrations(
  tx: ScopedTx,
  eventId: string,
  statuses: readonly RegistrationStatus[] = ["registered", "waiting", "cancelled"],
): Promise<Registration[]> {
  return tx
    .selectFrom("event_registrations")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("status", "in", statuses)
    .orderBy(sql`case status when 'registered' then 0 when 'waiting' then 1 else 2 end`)
    .orderBy("name")
    .orderBy("created_at")
    .execute();
}

export async function activeRegistrationOf(tx: ScopedTx, eventId: string, email: string): Promise<Registration | undefined> {
  return tx
    .selectFrom("event_registrations")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("email", "=", email)
    .where("status", "<>", "cancelled")
    .executeTakeFirst();
}

export async function findRegistrationByTokenHash(tx: ScopedTx, hash: string): Promise<Registration | undefined> {
  return tx.selectFrom("event_registrations").selectAll().where("token_hash", "=", hash).executeTakeFirst();
}

export async function findRegistration(tx: ScopedTx, id: string): Promise<Registration | undefined> {
  return tx.selectFrom("event_registrations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertRegistration(tx: ScopedTx, values: Insertable<EventRegistrationTable>): Promise<void> {
  await tx.insertInto("event_registrations").values(values).execute();
}

export async function updateRegistration(tx: ScopedTx, id: string, values: Updateable<EventRegistrationTable>): Promise<void> {
  await tx
    .updateTable("event_registrations")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** The first on the waiting list, by when they registered; locked, so two cancellations promote two different people. */
export async function firstWaiting(tx: ScopedTx, eventId: string): Promise<Registration | undefined> {
  return tx
    .selectFrom("event_registrations")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("status", "=", "waiting")
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function waitingPosition(tx: ScopedTx, registration: Registration): Promise<number> {
  const result = await sql<{ position: number }>`
    select count(*)::int as position from event_registrations
    where event_id = ${registration.event_id} and status = 'waiting'
      and (created_at, id) <= (select created_at, id from event_registrations where id = ${registration.id})`.execute(tx);
  return result.rows[0]!.position;
}

export async function setCheckedIn(tx: ScopedTx, eventId: string, ids: readonly string[], present: boolean): Promise<number> {
  if (ids.length === 0) {
    return 0;
  }
  const result = await tx
    .updateTable("event_registrations")
    .set({ checked_in_at: present ? new Date() : null, updated_at: new Date() })
    .where("event_id", "=", eventId)
    .where("status", "=", "registered")
    .where("id", "in", ids)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Registrations to remind: events starting within their reminder time, not yet reminded. */
export async function dueReminders(tx: ScopedTx, now: Date): Promise<Array<Registration & { title: string }>> {
  const result = await sql<Registration & { title: string }>`
    select r.*, e.title from event_registrations r join events e on e.id = r.event_id
    where r.status = 'registered' and r.reminded_at is null and e.status = 'published' and e.reminder_hours > 0
      and e.starts_at > ${now} and e.starts_at <= ${now}::timestamptz + make_interval(hours => e.reminder_hours)
      and r.created_at < e.starts_at - make_interval(hours => e.reminder_hours)
    order by e.starts_at
    limit 2000
    for update of r skip locked`.execute(tx);
  return result.rows;
}

export async function registrationsOfCompany(
  tx: ScopedTx,
  companyId: string,
): Promise<Array<{ id: string; event_id: string; title: string; starts_at: Date; name: string; status: string }>> {
  return tx
    .selectFrom("event_registrations as r")
    .innerJoin("events as e", "e.id", "r.event_id")
    .select(["r.id", "r.event_id", "e.title", "e.starts_at", "r.name", "r.status"])
    .where("r.company_id", "=", companyId)
    .orderBy("e.starts_at", "desc")
    .limit(100)
    .execute();
}

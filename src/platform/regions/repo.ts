import { type Insertable, type Selectable, type Updateable } from "kysely";
import { regionOf, type RegionTx } from "../db/database.js";
import { countThrottledFailure, type ThrottleRule } from "../db/throttle.js";
import type { RegionAccountTable, RegionAuditEventTable } from "./tables.js";
import "./tables.js";

export type RegionAccountRow = Selectable<RegionAccountTable>;
export type RegionAuditEvent = Selectable<RegionAuditEventTable>;

/** The account fields a list or a page shows: never the password's hash. */
const shownColumns = ["id", "region_id", "email", "name", "active", "must_change_password", "demo", "created_at", "updated_at"] as const;
export type RegionAccount = Pick<RegionAccountRow, (typeof shownColumns)[number]>;

export function findAccountByEmail(tx: RegionTx, email: string): Promise<RegionAccountRow | undefined> {
  return tx.selectFrom("region_accounts").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

export function findAccount(tx: RegionTx, id: string): Promise<RegionAccountRow | undefined> {
  return tx.selectFrom("region_accounts").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listAccounts(tx: RegionTx): Promise<RegionAccount[]> {
  return tx.selectFrom("region_accounts").select(shownColumns).orderBy("name").execute();
}

export async function insertAccount(tx: RegionTx, values: Omit<Insertable<RegionAccountTable>, "region_id">): Promise<void> {
  await tx
    .insertInto("region_accounts")
    .values({ ...values, region_id: regionOf(tx) })
    .execute();
}

export async function updateAccount(tx: RegionTx, id: string, values: Updateable<RegionAccountTable>): Promise<void> {
  await tx
    .updateTable("region_accounts")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteAccount(tx: RegionTx, id: string): Promise<void> {
  await tx.deleteFrom("region_accounts").where("id", "=", id).execute();
}

export async function deleteDeadSessions(tx: RegionTx, now: Date, idleSince: Date): Promise<void> {
  await tx
    .deleteFrom("region_sessions")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<=", idleSince)]))
    .execute();
}

export async function insertSession(tx: RegionTx, values: { id_hash: string; account_id: string; last_seen_at: Date; expires_at: Date }): Promise<void> {
  await tx
    .insertInto("region_sessions")
    .values({ ...values, region_id: regionOf(tx) })
    .execute();
}

/** A live session with its account, in one statement; the idle limit is the caller's `idleSince`. */
export function findLiveSession(tx: RegionTx, idHash: string, now: Date, idleSince: Date) {
  return tx
    .selectFrom("region_sessions")
    .innerJoin("region_accounts", "region_accounts.id", "region_sessions.account_id")
    .select([
      "region_sessions.last_seen_at",
      "region_accounts.id",
      "region_accounts.region_id",
      "region_accounts.name",
      "region_accounts.email",
      "region_accounts.must_change_password",
    ])
    .where("region_sessions.id_hash", "=", idHash)
    .where("region_sessions.expires_at", ">", now)
    .where("region_sessions.last_seen_at", ">", idleSince)
    .where("region_accounts.active", "=", true)
    .executeTakeFirst();
}

export async function touchSession(tx: RegionTx, idHash: string, now: Date): Promise<void> {
  await tx.updateTable("region_sessions").set({ last_seen_at: now }).where("id_hash", "=", idHash).execute();
}

export async function deleteSession(tx: RegionTx, idHash: string): Promise<void> {
  await tx.deleteFrom("region_sessions").where("id_hash", "=", idHash).execute();
}

/** Ends an account's sessions, all but the one kept (a password change keeps the one it was made in). */
export async function deleteAccountSessions(tx: RegionTx, accountId: string, keepIdHash?: string): Promise<void> {
  let query = tx.deleteFrom("region_sessions").where("account_id", "=", accountId);
  if (keepIdHash) {
    query = query.where("id_hash", "<>", keepIdHash);
  }
  await query.execute();
}

export async function insertAuditEvent(tx: RegionTx, values: Omit<Insertable<RegionAuditEventTable>, "region_id">): Promise<void> {
  await tx
    .insertInto("region_audit_events")
    .values({ ...values, region_id: regionOf(tx) })
    .execute();
}

export function listAuditEvents(tx: RegionTx, limit: number): Promise<RegionAuditEvent[]> {
  return tx.selectFrom("region_audit_events").selectAll().orderBy("at", "desc").limit(limit).execute();
}

export function auditEventsAbout(tx: RegionTx, accountId: string): Promise<RegionAuditEvent[]> {
  return tx.selectFrom("region_audit_events").selectAll().where("record_id", "=", accountId).orderBy("at").execute();
}

/** An erased account's name and address, taken out of the log where it acted. */
export async function redactActor(tx: RegionTx, label: string): Promise<void> {
  await tx.updateTable("region_audit_events").set({ actor_label: "[raderad]" }).where("actor_label", "=", label).execute();
}

/** The region's hosts (reference data, held unique with the municipalities' by `municipality_hosts`) and its contact. */
export async function setRegionSettings(tx: RegionTx, values: { hosts: string[]; contact_email?: string }): Promise<void> {
  await tx.updateTable("regions").set(values).where("id", "=", regionOf(tx)).execute();
}

/** The throttle key's lock, if one is in force now. */
export async function lockedUntil(tx: RegionTx, key: string, now: Date): Promise<Date | null> {
  const row = await tx.selectFrom("region_login_throttle").select("locked_until").where("key", "=", key).where("locked_until", ">", now).executeTakeFirst();
  return row?.locked_until ?? null;
}

/** Counts one failure against a key of the region's sign-in throttle; says whether the key is locked now. */
export async function countFailure(tx: RegionTx, key: string, now: Date, rule: ThrottleRule): Promise<boolean> {
  return countThrottledFailure(tx, { table: "region_login_throttle", owner: { column: "region_id", id: regionOf(tx) } }, key, now, rule);
}

export async function clearFailures(tx: RegionTx, key: string): Promise<void> {
  await tx.deleteFrom("region_login_throttle").where("key", "=", key).execute();
}

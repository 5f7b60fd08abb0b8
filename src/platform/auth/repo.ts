import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import { compiledOnce } from "../db/compiled.js";
import { countThrottledFailure, type ThrottleRule } from "../db/throttle.js";
import type { ScopedTx } from "../db/database.js";
import type { ApiTokenTable, UserTable } from "../db/schema.js";
import "../sso/tables.js";

export type UserRow = Selectable<UserTable>;
export type TokenRow = Selectable<ApiTokenTable>;
export type UserWithUnits = UserRow & { unit_ids: string[] };

export async function listUsers(tx: ScopedTx): Promise<UserWithUnits[]> {
  const users = await tx.selectFrom("users").selectAll().orderBy("name").execute();
  const links = await tx.selectFrom("user_units").select(["user_id", "unit_id"]).execute();
  return users.map((user) => ({ ...user, unit_ids: links.filter((link) => link.user_id === user.id).map((link) => link.unit_id) }));
}

export async function findUser(tx: ScopedTx, id: string): Promise<UserWithUnits | undefined> {
  const user = await tx.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!user) {
    return undefined;
  }
  const links = await tx.selectFrom("user_units").select("unit_id").where("user_id", "=", id).execute();
  return { ...user, unit_ids: links.map((link) => link.unit_id) };
}

/** An active account with its units, in one query: what a request needs to know who acts. */
export function findActiveAccount(tx: ScopedTx, id: string) {
  return tx
    .selectFrom("users")
    .select(["id", "name", "email", "roles", "must_change_password"])
    .select(sql<string[]>`coalesce((select array_agg(uu.unit_id) from user_units uu where uu.user_id = users.id), '{}')`.as("unit_ids"))
    .select(mustEnrol)
    .where("id", "=", id)
    .where("active", "=", true)
    .executeTakeFirst();
}

export function findUserByEmail(tx: ScopedTx, email: string): Promise<UserRow | undefined> {
  return tx.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export async function insertUser(tx: ScopedTx, values: Insertable<UserTable>): Promise<void> {
  await tx.insertInto("users").values(values).execute();
}

export async function updateUser(tx: ScopedTx, id: string, values: Updateable<UserTable>): Promise<void> {
  await tx
    .updateTable("users")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function replaceUserUnits(tx: ScopedTx, municipalityId: string, userId: string, unitIds: string[]): Promise<void> {
  await tx.deleteFrom("user_units").where("user_id", "=", userId).execute();
  if (unitIds.length > 0) {
    await tx
      .insertInto("user_units")
      .values(unitIds.map((unitId) => ({ municipality_id: municipalityId, user_id: userId, unit_id: unitId })))
      .execute();
  }
}

export async function countUnits(tx: ScopedTx, ids: string[]): Promise<number> {
  if (ids.length === 0) {
    return 0;
  }
  const row = await tx
    .selectFrom("org_units")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("id", "in", ids)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Sessions past their absolute or idle limit: nothing can use them any more. */
export async function deleteDeadSessions(tx: ScopedTx, now: Date, idleSince: Date): Promise<void> {
  await tx
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<=", idleSince)]))
    .execute();
}

export async function insertSession(
  tx: ScopedTx,
  values: {
    id_hash: string;
    municipality_id: string;
    user_id: string;
    last_seen_at: Date;
    expires_at: Date;
    second_factor_pending?: boolean;
    single_sign_on?: boolean;
  },
): Promise<void> {
  await tx.insertInto("sessions").values(values).execute();
}

/** A live session with its account; the idle limit is checked by the caller's `idleSince`. */
/** The account fields an actor is made of, with its units: read in the same statement as the session or token. */
const accountColumns = ["users.name", "users.email", "users.roles", "users.must_change_password"] as const;
/** Whether the account must still set up its second factor: an administrator always, everyone where the municipality says so. */
const mustEnrol =
  sql<boolean>`(users.totp_enabled_at is null and (users.roles && array['admin', 'system_admin']::text[] or (select m.second_factor from municipalities m where m.id = users.municipality_id) = 'everyone'))`.as(
    "must_enrol_second_factor",
  );
const unitIds = sql<string[]>`coalesce((select array_agg(uu.unit_id) from user_units uu where uu.user_id = users.id), '{}')`.as("unit_ids");

// The sign-in checks run on every request that carries a session or a token: built and compiled once.
const liveSession = compiledOnce((tx, values: { idHash: string; now: Date; idleSince: Date }) =>
  tx
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["sessions.id_hash", "sessions.last_seen_at", "sessions.single_sign_on", "users.id as user_id", ...accountColumns])
    .select(unitIds)
    .select(mustEnrol)
    .where("sessions.id_hash", "=", values.idHash)
    .where("sessions.second_factor_pending", "=", false)
    .where("sessions.expires_at", ">", values.now)
    .where("sessions.last_seen_at", ">", values.idleSince)
    .where("users.active", "=", true),
);

export async function findLiveSession(tx: ScopedTx, idHash: string, now: Date, idleSince: Date) {
  return (await liveSession(tx, { idHash, now, idleSince }))[0];
}

export async function touchSession(tx: ScopedTx, idHash: string, now: Date): Promise<void> {
  await tx.updateTable("sessions").set({ last_seen_at: now }).where("id_hash", "=", idHash).execute();
}

export async function deleteSession(tx: ScopedTx, idHash: string): Promise<{ singleSignOn: boolean }> {
  const row = await tx.deleteFrom("sessions").where("id_hash", "=", idHash).returning("single_sign_on").executeTakeFirst();
  return { singleSignOn: row?.single_sign_on ?? false };
}

export async function deleteOtherSessions(tx: ScopedTx, userId: string, keepIdHash: string | undefined): Promise<void> {
  await tx
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .$if(keepIdHash !== undefined, (query) => query.where("id_hash", "!=", keepIdHash ?? ""))
    .execute();
}

export async function deleteUserSessions(tx: ScopedTx, userId: string): Promise<void> {
  await tx.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function insertToken(tx: ScopedTx, values: Insertable<ApiTokenTable>): Promise<void> {
  await tx.insertInto("api_tokens").values(values).execute();
}

export function listTokens(tx: ScopedTx, userId: string): Promise<TokenRow[]> {
  return tx.selectFrom("api_tokens").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").execute();
}

export function findToken(tx: ScopedTx, id: string): Promise<TokenRow | undefined> {
  return tx.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
}

const liveToken = compiledOnce((tx, values: { hash: string; now: Date }) =>
  tx
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select(["api_tokens.id", "api_tokens.user_id", "api_tokens.last_used_at", ...accountColumns])
    .select(unitIds)
    .select(mustEnrol)
    .where("api_tokens.token_hash", "=", values.hash)
    .where("api_tokens.revoked_at", "is", null)
    .where("api_tokens.expires_at", ">", values.now)
    .where("users.active", "=", true),
);

export async function findLiveTokenByHash(tx: ScopedTx, hash: string, now: Date) {
  return (await liveToken(tx, { hash, now }))[0];
}

export async function markTokenUsed(tx: ScopedTx, id: string, now: Date): Promise<void> {
  await tx.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", id).execute();
}

export async function revokeToken(tx: ScopedTx, id: string, now: Date): Promise<void> {
  await tx.updateTable("api_tokens").set({ revoked_at: now }).where("id", "=", id).execute();
}

export async function revokeUserTokens(tx: ScopedTx, userId: string, now: Date): Promise<void> {
  await tx.updateTable("api_tokens").set({ revoked_at: now }).where("user_id", "=", userId).where("revoked_at", "is", null).execute();
}

/** The throttle keys' lock, if one is in force now. */
export async function lockedUntil(tx: ScopedTx, keys: string[], now: Date): Promise<Date | null> {
  const row = await tx
    .selectFrom("login_throttle")
    .select((eb) => eb.fn.max("locked_until").as("until"))
    .where("key", "in", keys)
    .where("locked_until", ">", now)
    .executeTakeFirst();
  return (row?.until as Date | null | undefined) ?? null;
}

/** Counts one failure against a key of the municipality's sign-in throttle; says whether the key is locked now. */
export async function countFailure(tx: ScopedTx, municipalityId: string, key: string, now: Date, rule: ThrottleRule): Promise<boolean> {
  return countThrottledFailure(tx, { table: "login_throttle", owner: { column: "municipality_id", id: municipalityId } }, key, now, rule);
}

export async function clearFailures(tx: ScopedTx, keys: string[]): Promise<void> {
  await tx.deleteFrom("login_throttle").where("key", "in", keys).execute();
}

import { sql } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import "./tables.js";

export interface ClockCase {
  id: string;
  number: string;
  subject: string;
  unit_id: string;
  unit_name: string;
  manager_id: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  next_due_at: Date;
}

function running(tx: ScopedTx) {
  return tx
    .selectFrom("desk_cases as k")
    .innerJoin("org_units as u", "u.id", "k.unit_id")
    .leftJoin("users as a", "a.id", "k.assignee_id")
    .select(["k.id", "k.number", "k.subject", "k.unit_id", "u.name as unit_name", "u.manager_id", "k.assignee_id", "a.name as assignee_name"])
    .select(sql<Date>`k.next_due_at`.as("next_due_at"))
    .where("k.status", "in", ["new", "open"]);
}

/** Cases past their warning time whose current deadline nobody has been warned of. */
export function casesToWarn(tx: ScopedTx, now: Date): Promise<ClockCase[]> {
  return running(tx)
    .where("k.next_warn_at", "<=", now)
    .where("k.next_due_at", ">", now)
    .where(sql<boolean>`k.warned_for is distinct from k.next_due_at`)
    .orderBy("k.next_warn_at")
    .limit(500)
    .execute();
}

/** Cases past their deadline that have not been escalated for it. */
export function casesToEscalate(tx: ScopedTx, now: Date): Promise<ClockCase[]> {
  return running(tx)
    .where("k.next_due_at", "<=", now)
    .where(sql<boolean>`k.escalated_for is distinct from k.next_due_at`)
    .orderBy("k.next_due_at")
    .limit(500)
    .execute();
}

export async function markWarned(tx: ScopedTx, id: string, due: Date): Promise<void> {
  await tx.updateTable("desk_cases").set({ warned_for: due }).where("id", "=", id).execute();
}

export async function markEscalated(tx: ScopedTx, id: string, due: Date): Promise<void> {
  await tx.updateTable("desk_cases").set({ escalated_for: due }).where("id", "=", id).execute();
}

/** The addresses of active accounts: by id, or the members of a unit. */
export async function emailsOf(tx: ScopedTx, who: { userIds?: string[]; unitId?: string }): Promise<string[]> {
  let query = tx.selectFrom("users as u").select("u.email").where("u.active", "=", true);
  if (who.userIds) {
    if (who.userIds.length === 0) {
      return [];
    }
    query = query.where("u.id", "in", who.userIds);
  }
  if (who.unitId) {
    const unitId = who.unitId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("user_units as uu").select("uu.user_id").whereRef("uu.user_id", "=", "u.id").where("uu.unit_id", "=", unitId)),
    );
  }
  return (await query.execute()).map((row) => row.email);
}

export interface UnitDigest {
  unit_id: string;
  unit_name: string;
  manager_id: string | null;
  open: number;
  breached: number;
  warning: number;
  due_today: number;
  unassigned: number;
}

/** Per unit with active cases: where they stand this morning. */
export async function unitDigests(tx: ScopedTx, now: Date, endOfDay: Date): Promise<UnitDigest[]> {
  const result = await sql<UnitDigest>`
    select u.id as unit_id, u.name as unit_name, u.manager_id,
      count(*)::int as open,
      (count(*) filter (where k.next_due_at <= ${now}))::int as breached,
      (count(*) filter (where k.next_due_at > ${now} and k.next_warn_at <= ${now}))::int as warning,
      (count(*) filter (where k.next_due_at > ${now} and k.next_due_at < ${endOfDay}))::int as due_today,
      (count(*) filter (where k.assignee_id is null))::int as unassigned
    from desk_cases k join org_units u on u.id = k.unit_id
    where k.status in ('new', 'open', 'waiting')
    group by u.id, u.name, u.manager_id
    order by u.name`.execute(tx);
  return result.rows;
}

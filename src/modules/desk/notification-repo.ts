import { sql } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import { handlers } from "./policy.js";

export type NotificationKind = "new_cases" | "replies";

export interface NotificationChoice {
  new_cases: boolean;
  replies: boolean;
}

/** An officer's choice; both on until they turn one off. */
export async function findChoice(tx: ScopedTx, userId: string): Promise<NotificationChoice> {
  const row = await tx.selectFrom("desk_notification_settings").select(["new_cases", "replies"]).where("user_id", "=", userId).executeTakeFirst();
  return row ?? { new_cases: true, replies: true };
}

export async function saveChoice(tx: ScopedTx, municipalityId: string, userId: string, choice: NotificationChoice): Promise<void> {
  await tx
    .insertInto("desk_notification_settings")
    .values({ user_id: userId, municipality_id: municipalityId, ...choice })
    .onConflict((conflict) => conflict.column("user_id").doUpdateSet({ ...choice, updated_at: new Date() }))
    .execute();
}

/**
 * The active staff to tell of new work, with their addresses: the members of a unit or the
 * users named, less those who turned this kind of mail off and the one who did the work.
 */
export async function recipients(
  tx: ScopedTx,
  who: { unitId: string } | { userIds: string[] },
  kind: NotificationKind,
  except: string | null,
): Promise<string[]> {
  if ("userIds" in who && who.userIds.length === 0) {
    return [];
  }
  let query = tx
    .selectFrom("users as u")
    .leftJoin("desk_notification_settings as n", "n.user_id", "u.id")
    .select("u.email")
    .where("u.active", "=", true)
    // A viewer reads no case contents, so is told of none.
    .where(sql<boolean>`u.roles && ${sql.val([...handlers])}::text[]`)
    .where((eb) => eb.or([eb(`n.${kind}`, "is", null), eb(`n.${kind}`, "=", true)]));
  query =
    "unitId" in who
      ? query.where((eb) =>
          eb.exists(eb.selectFrom("user_units as uu").select("uu.user_id").whereRef("uu.user_id", "=", "u.id").where("uu.unit_id", "=", who.unitId)),
        )
      : query.where("u.id", "in", who.userIds);
  if (except) {
    query = query.where("u.id", "!=", except);
  }
  return (await query.orderBy("u.email").execute()).map((row) => row.email);
}

import type { ScopedTx } from "../db/database.js";

/** An account's second factor as stored: the secrets sealed, the recovery codes as hashes. */
export function secondFactorOf(tx: ScopedTx, userId: string) {
  return tx
    .selectFrom("users")
    .select(["id", "email", "roles", "totp_secret", "totp_pending_secret", "totp_enabled_at", "totp_last_step", "recovery_codes"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

export async function municipalitySecondFactor(tx: ScopedTx, municipalityId: string): Promise<"admins" | "everyone"> {
  const row = await tx.selectFrom("municipalities").select("second_factor").where("id", "=", municipalityId).executeTakeFirst();
  return row?.second_factor ?? "admins";
}

export async function saveSecondFactor(
  tx: ScopedTx,
  userId: string,
  values: {
    totp_secret?: string | null;
    totp_pending_secret?: string | null;
    totp_enabled_at?: Date | null;
    totp_last_step?: number | null;
    recovery_codes?: string[];
  },
): Promise<void> {
  await tx
    .updateTable("users")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", userId)
    .execute();
}

/** A password sign-in still waiting for its code, with its account. */
export function findPendingSession(tx: ScopedTx, idHash: string, now: Date) {
  return tx
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["sessions.id_hash", "users.id as user_id", "users.totp_secret", "users.totp_last_step", "users.recovery_codes"])
    .where("sessions.id_hash", "=", idHash)
    .where("sessions.second_factor_pending", "=", true)
    .where("sessions.expires_at", ">", now)
    .where("users.active", "=", true)
    .executeTakeFirst();
}

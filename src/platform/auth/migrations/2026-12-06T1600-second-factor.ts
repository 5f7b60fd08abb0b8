import { sql, type Kysely } from "kysely";

/**
 * A second factor for local accounts: a TOTP secret (encrypted with a key derived from the
 * installation's secret, so a copy of the database alone does not give the codes), when it
 * was turned on, the last time step used (a code is taken once), a secret being set up and
 * not yet confirmed, and the hashes of one-time recovery codes. A municipality requires it
 * of administrators, or of everyone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table users
      add column totp_secret text,
      add column totp_pending_secret text,
      add column totp_enabled_at timestamptz,
      add column totp_last_step integer,
      add column recovery_codes text[] not null default '{}'`.execute(db);
  // A password alone opens a session that is not yet one: it waits for the code, for minutes.
  await sql`alter table sessions add column second_factor_pending boolean not null default false`.execute(db);
  await sql`alter table municipalities add column second_factor text not null default 'admins' check (second_factor in ('admins', 'everyone'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table municipalities drop column second_factor`.execute(db);
  await sql`alter table sessions drop column second_factor_pending`.execute(db);
  await sql`
    alter table users
      drop column recovery_codes, drop column totp_last_step, drop column totp_enabled_at,
      drop column totp_pending_secret, drop column totp_secret`.execute(db);
}

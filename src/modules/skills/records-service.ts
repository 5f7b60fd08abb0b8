/**
 * A job seeker's data for their register extract and its erasure, in the caller's
 * transaction (the data-protection page runs every module's in one). The extract is
 * everything held: the record with its whole personal identity number (it is the person's
 * own), the status history, the introductions and the log of who read the record.
 */
import { recordAudit, redactAuditValues } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/roles.js";
import type { ScopedTx } from "../../platform/db/database.js";
import type { PersonKey } from "../../platform/privacy/sources.js";
import * as introductions from "./introduction-repo.js";
import * as repo from "./seeker-repo.js";

async function seekersOf(tx: ScopedTx, person: PersonKey): Promise<repo.Seeker[]> {
  return repo.seekersMatching(tx, person.kind === "email" ? { email: person.email } : { personalNumber: person.digits });
}

export async function extractIn(tx: ScopedTx, person: PersonKey) {
  const seekers = await seekersOf(tx, person);
  return Promise.all(
    seekers.map(async (seeker) => ({
      ...seeker,
      status_history: await repo.statusHistory(tx, seeker.id),
      introductions: (await introductions.introductionsOfSeeker(tx, seeker.id)).map(({ seeker_name: _name, ...row }) => row),
      read_log: await repo.readLog(tx, seeker.id),
    })),
  );
}

export async function eraseIn(tx: ScopedTx, actor: Actor, person: PersonKey, requestId: string | undefined): Promise<number> {
  const seekers = await seekersOf(tx, person);
  for (const seeker of seekers) {
    // The history, introductions and read log go with the record (on delete cascade).
    await repo.deleteSeeker(tx, seeker.id);
    await redactAuditValues(tx, "skills_seeker", seeker.id);
    await recordAudit(tx, actor, { action: "erase", recordType: "skills_seeker", recordId: seeker.id }, requestId);
  }
  return seekers.length;
}

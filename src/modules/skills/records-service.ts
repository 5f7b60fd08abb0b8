/**
 * A job seeker's data for their register extract and its erasure, in the caller's
 * transaction (the data-protection page runs every module's in one). The extract is
 * everything held: the record with its whole personal identity number (it is the person's
 * own), the status history, the introductions and the log of who read the record.
 */
import { recordAudit, redactAuditValues } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/roles.js";
import { systemActor } from "../../platform/auth/roles.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import type { PersonKey } from "../../platform/privacy/sources.js";
import * as introductions from "./introduction-repo.js";
import * as openings from "./opening-repo.js";
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

/** Erases the person; answers how many records went, and how many introductions stay as figures without them. */
export async function eraseIn(tx: ScopedTx, actor: Actor, person: PersonKey, requestId: string | undefined): Promise<{ erased: number; kept: number }> {
  const seekers = await seekersOf(tx, person);
  let kept = 0;
  for (const seeker of seekers) {
    kept += await eraseSeekerIn(tx, actor, seeker.id, requestId);
  }
  return { erased: seekers.length, kept };
}

/**
 * One seeker's erasure: the record with its history and read log goes (on delete cascade);
 * its introductions stay without the person (the placements are the programme's figures, and
 * name no one); the audit log keeps its events without values.
 */
export async function eraseSeekerIn(tx: ScopedTx, actor: Actor, id: string, requestId: string | undefined): Promise<number> {
  const kept = await introductions.countOfSeeker(tx, id);
  await repo.deleteSeeker(tx, id);
  await redactAuditValues(tx, "skills_seeker", id);
  await recordAudit(tx, actor, { action: "erase", recordType: "skills_seeker", recordId: id }, requestId);
  return kept;
}

/** The openings that name the person as their contact, as an extract shows them. */
export async function contactExtractIn(tx: ScopedTx, email: string) {
  return (await openings.openingsWithContact(tx, { email })).map((opening) => ({
    opening_id: opening.id,
    title: opening.title,
    employer: opening.employer,
    status: opening.status,
    contact_name: opening.contact_name,
    contact_email: opening.contact_email,
    contact_phone: opening.contact_phone,
  }));
}

/** Removes the person as the contact of openings (the openings stay); answers how many. */
export async function eraseContactIn(tx: ScopedTx, actor: Actor, email: string, requestId: string | undefined): Promise<number> {
  const ids = (await openings.openingsWithContact(tx, { email })).map((opening) => opening.id);
  await clearContactsIn(tx, actor, ids, requestId);
  return ids.length;
}

async function clearContactsIn(tx: ScopedTx, actor: Actor, ids: readonly string[], requestId: string | undefined): Promise<void> {
  await openings.clearContacts(tx, ids);
  for (const id of ids) {
    await redactAuditValues(tx, "skills_opening", id);
    await recordAudit(tx, actor, { action: "contact.erased", recordType: "skills_opening", recordId: id }, requestId);
  }
}

/** How long a closed or placed seeker's record is kept after its last change. */
export const retentionMonths = 24;

/** How long a closed opening keeps its contact person: long enough to follow its placements up. */
export const contactRetentionMonths = 12;

/**
 * The retention rules, run by the job runner each night: closed and placed seekers untouched
 * for two years are erased; a closed opening's contact person is removed after a year.
 */
export async function purgeStaleSeekers(db: Db, scope: Scope, now = new Date()): Promise<number> {
  const before = new Date(now);
  before.setMonth(before.getMonth() - retentionMonths);
  const contactsBefore = new Date(now);
  contactsBefore.setMonth(contactsBefore.getMonth() - contactRetentionMonths);
  return inScope(db, scope, async (tx) => {
    const stale = await repo.staleSeekers(tx, before);
    for (const seeker of stale) {
      await eraseSeekerIn(tx, retention, seeker.id, undefined);
    }
    await clearContactsIn(tx, retention, await openings.closedWithContactBefore(tx, contactsBefore), undefined);
    return stale.length;
  });
}

const retention = systemActor("skills.retention");

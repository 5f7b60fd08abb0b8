import type { Db, ScopedTx } from "../../platform/db/database.js";
import { inScope } from "../../platform/db/database.js";
import { newId } from "../../platform/ids.js";
import type { JobHandler } from "../../platform/jobs/runner.js";
import { queueMail } from "../../platform/mail/repo.js";
import { isWorkingDay } from "../../platform/sweden/business-calendar.js";
import { stockholmInstant, stockholmParts } from "../../platform/sweden/time.js";
import { listMunicipalities } from "../../platform/tenancy/repo.js";
import * as repo from "./escalation-repo.js";
import { publicBaseUrl } from "../../platform/tenancy/links.js";
import * as caseRepo from "./case-repo.js";
import { digestMail, escalationMail, warningMail } from "./mail-texts.js";
import { loadClockSettings } from "./settings-service.js";

const readable = (instant: Date) => `${stockholmParts(instant).date} ${stockholmParts(instant).time}`;

async function event(tx: ScopedTx, municipalityId: string, caseId: string, kind: string, data: Record<string, unknown>): Promise<void> {
  await caseRepo.insertEvent(tx, { id: newId(), municipality_id: municipalityId, case_id: caseId, actor_id: null, kind, data: JSON.stringify(data) });
}

/**
 * The clocks' watch, every few minutes: at the warning share of a target the assignee
 * (or, with none, the unit) is told; at the deadline the unit's manager is. Each once per
 * deadline: a later deadline (after a reply) warns again.
 */
export async function watchClocks(db: Db, now: Date, publicUrl?: string): Promise<{ warned: number; escalated: number }> {
  let warned = 0;
  let escalated = 0;
  for (const municipality of await listMunicipalities(db)) {
    const base = publicBaseUrl(municipality, publicUrl);
    await inScope(db, { municipalityId: municipality.id }, async (tx) => {
      for (const row of await repo.casesToWarn(tx, now)) {
        const to = row.assignee_id ? await repo.emailsOf(tx, { userIds: [row.assignee_id] }) : await repo.emailsOf(tx, { unitId: row.unit_id });
        const mail = warningMail({ number: row.number, subject: row.subject, dueAt: readable(row.next_due_at), url: `${base}/arenden/${row.id}` });
        for (const address of to) {
          await queueMail(tx, { municipalityId: municipality.id, purpose: "desk.warning", to: address, ...mail });
        }
        await repo.markWarned(tx, row.id, row.next_due_at);
        await event(tx, municipality.id, row.id, "warned", { due: row.next_due_at.toISOString(), recipients: to.length });
        warned += 1;
      }
      for (const row of await repo.casesToEscalate(tx, now)) {
        const to = await repo.emailsOf(tx, { userIds: row.manager_id ? [row.manager_id] : [] });
        const mail = escalationMail({
          number: row.number,
          subject: row.subject,
          dueAt: readable(row.next_due_at),
          unit: row.unit_name,
          assignee: row.assignee_name,
          url: `${base}/arenden/${row.id}`,
        });
        for (const address of to) {
          await queueMail(tx, { municipalityId: municipality.id, purpose: "desk.escalation", to: address, ...mail });
        }
        await repo.markEscalated(tx, row.id, row.next_due_at);
        await event(tx, municipality.id, row.id, "escalated", { due: row.next_due_at.toISOString(), recipients: to.length });
        escalated += 1;
      }
    });
  }
  return { warned, escalated };
}

/** The morning digest per unit, on the municipality's working days: to the manager and the unit's staff. */
export async function sendDigests(db: Db, now: Date, publicUrl?: string): Promise<number> {
  let sent = 0;
  const today = stockholmParts(now).date;
  for (const municipality of await listMunicipalities(db)) {
    const base = publicBaseUrl(municipality, publicUrl);
    await inScope(db, { municipalityId: municipality.id }, async (tx) => {
      if (!isWorkingDay((await loadClockSettings(tx)).calendar, today)) {
        return;
      }
      const endOfDay = stockholmInstant(today, "23:59");
      for (const digest of await repo.unitDigests(tx, now, endOfDay)) {
        const recipients = new Set([
          ...(await repo.emailsOf(tx, { unitId: digest.unit_id })),
          ...(await repo.emailsOf(tx, { userIds: digest.manager_id ? [digest.manager_id] : [] })),
        ]);
        const mail = digestMail({
          unit: digest.unit_name,
          date: today,
          open: digest.open,
          breached: digest.breached,
          warning: digest.warning,
          dueToday: digest.due_today,
          unassigned: digest.unassigned,
          url: `${base}/arenden?unit=${digest.unit_id}`,
        });
        for (const address of recipients) {
          await queueMail(tx, { municipalityId: municipality.id, purpose: "desk.digest", to: address, ...mail });
          sent += 1;
        }
      }
    });
  }
  return sent;
}

/** The desk's background work, for the job runner. */
export function deskJobHandlers(db: Db, publicUrl: string | undefined): Record<string, JobHandler> {
  return {
    "desk.clocks": async () => void (await watchClocks(db, new Date(), publicUrl)),
    "desk.digest": async () => void (await sendDigests(db, new Date(), publicUrl)),
  };
}

export const deskSchedules = [
  { queue: "desk.clocks", everyMinutes: 5 },
  { queue: "desk.digest", dailyAt: "07:00" },
];

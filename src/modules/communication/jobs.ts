import { asWorker, type Db } from "../../platform/db/database.js";
import { forgetBulkValues } from "../../platform/mail/repo.js";
import type { JobHandler, Schedule } from "../../platform/jobs/runner.js";
import { listMunicipalities } from "../../platform/tenancy/repo.js";
import { campaignQueue, runCampaign, startDue } from "./campaign-service.js";
import { sendReminders } from "./registration-service.js";

/** Days a sent newsletter's personal links are kept in the outbox (who and when stay; the body is the campaign's). */
export const campaignCopyDays = 30;

/** Communication's background work: a campaign's sending, scheduled campaigns, reminders, and the outbox's old newsletter copies. */
export function communicationJobHandlers(db: Db, secret: string): Record<string, JobHandler> {
  return {
    [campaignQueue]: async (job) => {
      if (job.municipalityId && typeof job.payload.campaignId === "string") {
        await runCampaign(db, { municipalityId: job.municipalityId }, job.payload.campaignId, secret);
      }
    },
    "communication.campaigns.due": async () => {
      for (const municipality of await listMunicipalities(db)) {
        await startDue(db, { municipalityId: municipality.id }, new Date());
      }
    },
    "communication.events.remind": async () => {
      for (const municipality of await listMunicipalities(db)) {
        await sendReminders(db, { municipalityId: municipality.id }, new Date(), secret, municipality.name);
      }
    },
    "communication.outbox.purge": async () => {
      await asWorker(db, (tx) => forgetBulkValues(tx, "communication.campaign", campaignCopyDays));
    },
  };
}

export const communicationSchedules: Schedule[] = [
  { queue: "communication.campaigns.due", everyMinutes: 1 },
  { queue: "communication.events.remind", everyMinutes: 15 },
  { queue: "communication.outbox.purge", dailyAt: "04:10" },
];

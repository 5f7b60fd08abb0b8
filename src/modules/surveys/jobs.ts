import type { Db } from "../../platform/db/database.js";
import type { JobHandler, Schedule } from "../../platform/jobs/runner.js";
import { publicBaseUrl } from "../../platform/tenancy/links.js";
import { listMunicipalities, type Municipality } from "../../platform/tenancy/repo.js";
import { forget, remind, sweep, type SurveyLinks } from "./invitation-service.js";

const linksOf = (municipality: Municipality, secret: string, publicUrl: string | undefined): SurveyLinks => ({
  base: publicBaseUrl(municipality, publicUrl),
  municipality: municipality.name,
  secret,
});

/** Service measurement's background work: invitations as cases close, reminders, and forgetting who was asked once that is done. */
export function surveyJobHandlers(db: Db, secret: string, publicUrl: string | undefined, now: () => Date = () => new Date()): Record<string, JobHandler> {
  const each = (work: (municipality: Municipality) => Promise<unknown>) => async () => {
    for (const municipality of await listMunicipalities(db)) {
      await work(municipality);
    }
  };
  return {
    "surveys.invite": each((municipality) => sweep(db, municipality, linksOf(municipality, secret, publicUrl), now())),
    "surveys.remind": each((municipality) => remind(db, municipality, linksOf(municipality, secret, publicUrl), now())),
    "surveys.forget": each((municipality) => forget(db, municipality, now())),
  };
}

export const surveySchedules: Schedule[] = [
  { queue: "surveys.invite", everyMinutes: 15 },
  { queue: "surveys.remind", dailyAt: "09:00" },
  { queue: "surveys.forget", dailyAt: "03:40" },
];

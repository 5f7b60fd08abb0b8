import type { Db } from "../../platform/db/database.js";
import type { JobHandler, Schedule } from "../../platform/jobs/runner.js";
import { listMunicipalities } from "../../platform/tenancy/repo.js";
import { publicBaseUrl } from "../../platform/tenancy/links.js";
import { closePassedOpenings } from "./opening-service.js";
import { remindFollowUps } from "./outcome-service.js";
import { purgeStaleSeekers } from "./records-service.js";

/** The skills module's background work: openings close after their last day to apply; officers hear of follow-ups due; old records are erased. */
export function skillsJobHandlers(db: Db, publicUrl: string | undefined, now: () => Date = () => new Date()): Record<string, JobHandler> {
  return {
    "skills.retention": async () => {
      for (const municipality of await listMunicipalities(db)) {
        await purgeStaleSeekers(db, { municipalityId: municipality.id }, now());
      }
    },
    "skills.follow-ups": async () => {
      for (const municipality of await listMunicipalities(db)) {
        await remindFollowUps(
          db,
          { municipalityId: municipality.id },
          { base: publicBaseUrl(municipality, publicUrl), municipality: municipality.name },
          now(),
        );
      }
    },
    "skills.close-openings": async () => {
      for (const municipality of await listMunicipalities(db)) {
        await closePassedOpenings(db, { municipalityId: municipality.id }, now());
      }
    },
  };
}

export const skillsSchedules: Schedule[] = [
  { queue: "skills.close-openings", dailyAt: "00:05" },
  { queue: "skills.follow-ups", dailyAt: "08:00" },
  { queue: "skills.retention", dailyAt: "03:50" },
];

import type { Db } from "../../platform/db/database.js";
import type { JobHandler, Schedule } from "../../platform/jobs/runner.js";
import { listMunicipalities } from "../../platform/tenancy/repo.js";
import { closePassedOpenings } from "./opening-service.js";

/** The skills module's background work: openings close after their last day to apply. */
export function skillsJobHandlers(db: Db, now: () => Date = () => new Date()): Record<string, JobHandler> {
  return {
    "skills.close-openings": async () => {
      for (const municipality of await listMunicipalities(db)) {
        await closePassedOpenings(db, { municipalityId: municipality.id }, now());
      }
    },
  };
}

export const skillsSchedules: Schedule[] = [{ queue: "skills.close-openings", dailyAt: "00:05" }];

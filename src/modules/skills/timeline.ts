import type { TimelineContribution } from "../companies/index.js";
import { openingsOfCompany } from "./opening-repo.js";
import { canSkills } from "./policy.js";

/** A company's published openings on its timeline in the register, for those who may read openings. */
export const openingsOnTimeline: TimelineContribution = {
  visible: (actor) => canSkills(actor, "skills.openings.read"),
  entries: async (tx, company) =>
    company.org_number
      ? (await openingsOfCompany(tx, company.org_number)).map((opening) => ({
          at: opening.published_at ?? opening.created_at,
          kind: "skills.timeline_opening",
          title: `${opening.title} (${opening.filled}/${opening.places})`,
          href: `/kompetens/annonser/${opening.id}`,
        }))
      : [],
};

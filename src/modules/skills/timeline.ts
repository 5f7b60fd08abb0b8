import type { TimelineContribution } from "../companies/index.js";
import { openingsOfCompany, placementsOfCompany } from "./opening-repo.js";
import { canSkills } from "./policy.js";

/**
 * A company's published openings and the placements made through them on its timeline in
 * the register, for those who may read openings. A placement names the opening, never the
 * person placed.
 */
export const openingsOnTimeline: TimelineContribution = {
  visible: (actor) => canSkills(actor, "skills.openings.read"),
  entries: async (tx, company) => {
    if (!company.org_number) {
      return [];
    }
    const [openings, placements] = await Promise.all([openingsOfCompany(tx, company.org_number), placementsOfCompany(tx, company.org_number)]);
    return [
      ...openings.map((opening) => ({
        at: opening.published_at ?? opening.created_at,
        kind: "skills.timeline_opening",
        title: `${opening.title} (${opening.filled}/${opening.places})`,
        href: `/kompetens/annonser/${opening.id}`,
      })),
      ...placements.map((placement) => ({
        at: placement.placed_at,
        kind: "skills.timeline_placement",
        title: placement.title,
        href: `/kompetens/annonser/${placement.opening_id}`,
      })),
    ];
  },
};

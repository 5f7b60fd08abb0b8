import type { VisitSectionContribution } from "../companies/index.js";
import { translator } from "../../platform/ui/i18n.js";
import { needsOfVisit } from "./needs-service.js";
import { canSkills } from "./policy.js";
import { occupationLabel } from "./presenter.js";

/** The skills needs as a part of a visit's report: what the company will need, filled in on the module's own page. */
export const needsOnVisits: VisitSectionContribution = {
  key: "skills_needs",
  label: "skills.needs_section",
  visible: (actor) => canSkills(actor, "skills.openings.read"),
  content: async (tx, visit, lang) => {
    const t = translator(lang);
    const needs = await needsOfVisit(tx, visit.id);
    if (needs.isPerson) {
      return { lines: [t("skills.needs_not_person")], href: null };
    }
    if (needs.answered && needs.lines.length === 0) {
      return { lines: [t("skills.needs_none_line", { year: needs.year })], href: `/kompetens/behov/besok/${visit.id}` };
    }
    return {
      lines: needs.lines.map((line) => t("skills.needs_line", { occupation: occupationLabel(line.occupation), people: line.people, year: needs.year })),
      href: `/kompetens/behov/besok/${visit.id}`,
    };
  },
};

import type { Actor } from "../../platform/auth/roles.js";
import type { ScopedTx } from "../../platform/db/database.js";
import type { Lang } from "../../platform/ui/i18n.js";

/**
 * Parts of a visit report other modules offer: a template takes them in by key (the skills
 * module's question of which occupations the company will need), and the visit page shows
 * what each holds for the visit with a link to where it is filled in, on the offering
 * module's own page. The register never imports them.
 */
export interface SectionVisit {
  id: string;
  company_id: string;
  starts_at: Date;
}

export interface VisitSectionContent {
  /** What the part holds for this visit, in words. */
  lines: string[];
  /** Where it is filled in, for those who may; null when it cannot be (a sole trader, say) and `lines` says why. */
  href: string | null;
}

export interface VisitSectionContribution {
  key: string;
  /** A message key: the part's name in the template form and its heading on the visit page. */
  label: string;
  visible: (actor: Actor) => boolean;
  content: (tx: ScopedTx, visit: SectionVisit, lang: Lang) => Promise<VisitSectionContent>;
}

declare module "../../platform/module.js" {
  interface Contributions {
    visitSections: VisitSectionContribution;
  }
}

/** A visit's parts from other modules, as its template takes them in, for those who may read each. */
export async function sectionsOf(
  tx: ScopedTx,
  actor: Actor,
  visit: SectionVisit,
  keys: readonly string[],
  sections: readonly VisitSectionContribution[],
  lang: Lang,
): Promise<Array<{ key: string; label: string } & VisitSectionContent>> {
  const shown = sections.filter((section) => keys.includes(section.key) && section.visible(actor));
  return Promise.all(shown.map(async (section) => ({ key: section.key, label: section.label, ...(await section.content(tx, visit, lang)) })));
}

import { Feed } from "feed";
import { stockholmInstant } from "../../platform/sweden/time.js";
import type { Opening } from "./opening-repo.js";
import { occupationTitle } from "./occupations.js";
import { placeName } from "./presenter.js";

const employmentTypes: Record<Opening["kind"], string[]> = {
  job: ["FULL_TIME"],
  internship: ["INTERN"],
  summer_job: ["TEMPORARY"],
  apprenticeship: ["OTHER"],
  trainee: ["OTHER"],
};

/**
 * An opening as schema.org's `JobPosting`, for search engines and job boards that read
 * structured data. Written into the page as JSON-LD (data, never run: the CSP's script
 * rule does not apply to it), with `<` escaped so no text can end the element.
 */
export function jobPosting(opening: Opening, site: { base: string; municipality: string }): string {
  const data = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    title: opening.title,
    description: opening.description,
    datePosted: opening.published_at?.toISOString().slice(0, 10),
    validThrough: opening.apply_by ? stockholmInstant(opening.apply_by, "23:59").toISOString() : undefined,
    employmentType: opening.extent < 100 && opening.kind === "job" ? ["PART_TIME"] : employmentTypes[opening.kind],
    occupationalCategory: `${opening.occupation} ${occupationTitle(opening.occupation)}`,
    totalJobOpenings: opening.places,
    hiringOrganization: {
      "@type": "Organization",
      name: opening.employer,
      ...(opening.org_number ? { identifier: `SE${opening.org_number}01` } : {}),
    },
    jobLocation: {
      "@type": "Place",
      address: {
        "@type": "PostalAddress",
        streetAddress: opening.workplace_address ?? undefined,
        addressLocality: placeName(opening.workplace_municipality) ?? undefined,
        addressCountry: "SE",
      },
    },
    url: `${site.base}/jobb/${opening.id}`,
  };
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

/** The open openings as RSS 2.0, newest first, for job boards and the municipality's own site. */
export function jobsFeed(openings: readonly Opening[], site: { base: string; municipality: string; lang: "sv" | "en" }): string {
  const title = site.lang === "sv" ? `Lediga jobb och praktikplatser i ${site.municipality}` : `Jobs and internships in ${site.municipality}`;
  const feed = new Feed({
    title,
    description: title,
    id: `${site.base}/jobb`,
    link: `${site.base}/jobb`,
    language: site.lang,
    copyright: site.municipality,
    updated: openings[0]?.published_at ?? new Date(0),
    generator: "Lotsen",
    feedLinks: { rss: `${site.base}/jobb/rss.xml` },
  });
  for (const opening of openings) {
    const link = `${site.base}/jobb/${opening.id}`;
    feed.addItem({
      title: `${opening.title}, ${opening.employer}`,
      id: link,
      link,
      description: opening.description.slice(0, 500),
      date: opening.published_at ?? opening.created_at,
    });
  }
  return feed.rss2();
}

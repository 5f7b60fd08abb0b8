import { Feed } from "feed";
import type { PublicMinutes } from "./public-service.js";

export interface FeedSite {
  base: string;
  municipality: string;
}

/** The council's published minutes as RSS 2.0: each meeting's public decisions, newest first. */
export function minutesFeed(site: FeedSite, minutes: PublicMinutes[]): string {
  const title = `Näringslivsrådets protokoll – ${site.municipality}`;
  const feed = new Feed({
    title,
    description: title,
    id: `${site.base}/naringslivsradet`,
    link: `${site.base}/naringslivsradet`,
    language: "sv",
    copyright: site.municipality,
    updated: minutes[0]?.approved_at ?? new Date(0),
    generator: "Lotsen",
    feedLinks: { rss: `${site.base}/naringslivsradet/flode.xml` },
  });
  for (const row of minutes) {
    const link = `${site.base}/naringslivsradet/${row.id}`;
    feed.addItem({
      title: row.title,
      id: `${link}#v${row.version}`,
      link,
      description: row.content.items.flatMap((item) => item.decisions.map((decision) => `§ ${item.position} ${item.title}: ${decision.text}`)).join("\n"),
      date: row.approved_at,
      published: row.published_at,
    });
  }
  return feed.rss2();
}

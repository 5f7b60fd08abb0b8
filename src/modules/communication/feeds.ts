import { Feed } from "feed";
import { renderMarkdown } from "./markdown.js";
import type { NewsPost } from "./news-repo.js";

export interface FeedSite {
  base: string;
  municipality: string;
  lang: "sv" | "en";
}

/** The municipality's news as RSS 2.0 or Atom 1.0: the newest posts with their summaries and full text. */
export function newsFeed(site: FeedSite, posts: NewsPost[], format: "rss" | "atom"): string {
  const title = site.lang === "sv" ? `Nyheter från ${site.municipality}` : `News from ${site.municipality}`;
  const feed = new Feed({
    title,
    description: title,
    id: `${site.base}/nyheter`,
    link: `${site.base}/nyheter`,
    language: site.lang,
    copyright: site.municipality,
    updated: posts[0]?.publish_at ?? new Date(0),
    generator: "Lotsen",
    feedLinks: { rss: `${site.base}/nyheter/rss.xml`, atom: `${site.base}/nyheter/atom.xml` },
  });
  for (const post of posts) {
    const link = `${site.base}/nyheter/${post.slug}`;
    feed.addItem({
      title: post.title,
      id: link,
      link,
      description: post.summary,
      content: renderMarkdown(post.body),
      date: post.publish_at!,
      published: post.publish_at!,
    });
  }
  return format === "rss" ? feed.rss2() : feed.atom1();
}

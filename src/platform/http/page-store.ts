import { randomBytes } from "node:crypto";

/**
 * Public pages rendered once per version of what they show. A page a visitor reads
 * without signing in is the same for every visitor but for their CSRF token (the language
 * switch is a form): it is rendered once with a stand-in for the token, kept under its
 * version, and each visitor gets it with their own token put in. The version is whatever
 * changes when staff change what the page shows (a stored document's time, the day).
 * The least recently used pages go first once `capacity` are kept.
 */
export class RenderedPages {
  /** What a page is rendered with in place of the visitor's CSRF token; unguessable, so no content can contain it. */
  readonly tokenStandIn = `csrf-${randomBytes(16).toString("hex")}`;
  private readonly pages = new Map<string, string>();

  constructor(private readonly capacity = 500) {}

  /** The page kept under `key`, with `token` in place of the stand-in; undefined when none is kept. */
  get(key: string, token: string): string | undefined {
    const html = this.pages.get(key);
    if (html === undefined) {
      return undefined;
    }
    this.pages.delete(key);
    this.pages.set(key, html);
    return html.replaceAll(this.tokenStandIn, token);
  }

  remember(key: string, html: string): void {
    this.pages.delete(key);
    this.pages.set(key, html);
    if (this.pages.size > this.capacity) {
      this.pages.delete(this.pages.keys().next().value!);
    }
  }

  get size(): number {
    return this.pages.size;
  }
}

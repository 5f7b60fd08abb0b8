import MarkdownIt from "markdown-it";

/**
 * Markdown as staff write it, made safe to show: raw HTML is not passed through but
 * escaped, and links with `javascript:`, `vbscript:` or `data:` (other than images) are
 * refused by markdown-it's link check. Links open as plain links; nothing else is allowed.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

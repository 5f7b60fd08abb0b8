import type { ComponentChildren } from "preact";
import type { PageContext } from "../../../platform/ui/context.js";
import type { FieldErrors, FormValues } from "../../../platform/ui/components/form/form.js";

export interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** Staff's sub-navigation of communication. */
export function CommunicationNav({ ctx, current }: { ctx: PageContext; current: "news" | "campaigns" | "lists" | "subscribers" | "events" | "records" }) {
  const { t } = ctx;
  const items: Array<[typeof current, string, string]> = [
    ["news", "/kommunikation/nyheter", t("communication.nav.news")],
    ["campaigns", "/kommunikation/utskick", t("communication.nav.campaigns")],
    ["lists", "/kommunikation/listor", t("communication.nav.lists")],
    ["subscribers", "/kommunikation/prenumeranter", t("communication.nav.subscribers")],
    ["events", "/kommunikation/evenemang", t("communication.nav.events")],
    ["records", "/kommunikation/personuppgifter", t("communication.nav.records")],
  ];
  return (
    <nav aria-label={t("communication.nav.label")} class="sub-nav">
      <ul class="inline-list">
        {items.map(([key, href, label]) => (
          <li>
            <a href={href} aria-current={key === current ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Markdown rendered by `renderMarkdown` (raw HTML escaped, unsafe links refused): the one place such HTML is put in a page. */
export function MarkdownBlock({ html, lang }: { html: string; lang?: string }) {
  return <div class="prose" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Badge({ tone, children }: { tone: "ok" | "warning" | "danger" | "neutral"; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

import type { ComponentChildren } from "preact";
import type { PageContext } from "../../../platform/ui/context.js";
import { SubNav } from "../../../platform/ui/components/layout/sub-nav.js";
import type { FieldErrors, FormValues } from "../../../platform/ui/components/form/form.js";

export interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** Staff's sub-navigation of communication. */
export function CommunicationNav({ ctx, current }: { ctx: PageContext; current: "news" | "campaigns" | "lists" | "subscribers" | "events" | "records" }) {
  const { t } = ctx;
  const items = [
    { key: "news", href: "/kommunikation/nyheter", label: t("communication.nav.news") },
    { key: "campaigns", href: "/kommunikation/utskick", label: t("communication.nav.campaigns") },
    { key: "lists", href: "/kommunikation/listor", label: t("communication.nav.lists") },
    { key: "subscribers", href: "/kommunikation/prenumeranter", label: t("communication.nav.subscribers") },
    { key: "events", href: "/kommunikation/evenemang", label: t("communication.nav.events") },
    { key: "records", href: "/kommunikation/personuppgifter", label: t("communication.nav.records") },
  ];
  return <SubNav label={t("communication.nav.label")} items={items} current={current} />;
}

/** Markdown rendered by `renderMarkdown` (raw HTML escaped, unsafe links refused): the one place such HTML is put in a page. */
export function MarkdownBlock({ html, lang }: { html: string; lang?: string }) {
  return <div class="prose" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Badge({ tone, children }: { tone: "ok" | "warning" | "danger" | "neutral"; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

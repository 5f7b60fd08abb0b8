import type { ComponentChildren } from "preact";
import type { PageContext } from "../../../platform/ui/context.js";
import { SubNav } from "../../../platform/ui/components/layout/sub-nav.js";
import type { FieldErrors, FormValues } from "../../../platform/ui/components/form/form.js";
import type { Match } from "../matching.js";
import { explainMatch } from "../presenter.js";

export interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** The skills module's own navigation: job seekers only for those who may read them. */
export function SkillsNav({ ctx, current, seekers }: { ctx: PageContext; current: "openings" | "seekers" | "needs"; seekers: boolean }) {
  const { t } = ctx;
  const items = [
    { key: "openings", href: "/kompetens/annonser", label: t("skills.nav_openings") },
    ...(seekers ? [{ key: "seekers", href: "/kompetens/arbetssokande", label: t("skills.nav_seekers") }] : []),
    { key: "needs", href: "/kompetens/behov", label: t("skills.nav_needs") },
  ];
  return <SubNav label={t("skills.nav")} items={items} current={current} />;
}

export function Badge({ tone, children }: { tone: "ok" | "warning" | "danger" | "neutral"; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

/** A match's score and its explanation in words; a ruled-out match says so first. */
export function MatchCell({ ctx, match }: { ctx: PageContext; match: Match }) {
  const { t, lang } = ctx;
  return (
    <>
      <p>{match.eligible ? <strong>{t("skills.score", { score: match.score })}</strong> : <Badge tone="danger">{t("skills.ruled_out")}</Badge>}</p>
      <ul class="plain-list">
        {explainMatch(match, t, lang).map((line) => (
          <li>{line}</li>
        ))}
      </ul>
    </>
  );
}

/** The words of a list of codes or names, or a dash for none. */
export const joined = (items: readonly string[]): string => (items.length === 0 ? "–" : items.join(", "));

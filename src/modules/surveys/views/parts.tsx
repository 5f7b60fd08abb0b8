import type { PageContext } from "../../../platform/ui/context.js";
import type { FieldErrors, FormValues } from "../../../platform/ui/components/form/form.js";

export interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** Staff's sub-navigation of service measurement; each part shows to those who may use it. */
export function SurveysNav({ ctx, current, people }: { ctx: PageContext; current: "results" | "surveys" | "records"; people: boolean }) {
  const { t } = ctx;
  const items: Array<[typeof current, string, string]> = [
    ["results", "/enkater/resultat", t("surveys.nav_results")],
    ["surveys", "/enkater", t("surveys.nav_surveys")],
    ...(people ? [["records", "/enkater/personuppgifter", t("surveys.nav_records")] as [typeof current, string, string]] : []),
  ];
  return (
    <nav aria-label={t("surveys.nav_label")} class="sub-nav">
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

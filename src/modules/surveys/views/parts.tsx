import type { PageContext } from "../../../platform/ui/context.js";
import { SubNav } from "../../../platform/ui/components/layout/sub-nav.js";
import type { FieldErrors, FormValues } from "../../../platform/ui/components/form/form.js";

export interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** Staff's sub-navigation of service measurement; each part shows to those who may use it. */
export function SurveysNav({ ctx, current, people }: { ctx: PageContext; current: "results" | "surveys" | "records"; people: boolean }) {
  const { t } = ctx;
  const items = [
    { key: "results", href: "/enkater/resultat", label: t("surveys.nav_results") },
    { key: "surveys", href: "/enkater", label: t("surveys.nav_surveys") },
    ...(people ? [{ key: "records", href: "/enkater/personuppgifter", label: t("surveys.nav_records") }] : []),
  ];
  return <SubNav label={t("surveys.nav_label")} items={items} current={current} />;
}

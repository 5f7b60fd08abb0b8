import { AccessibilityStatement, FeedbackContact } from "../../ui/components/layout/accessibility-statement.js";
import type { PageContext } from "../../ui/context.js";
import type { Region } from "../service.js";

/**
 * The accessibility statement of a region's own pages (its host's sign-in, password and
 * figures), as the law asks of every public site: how far they comply, what is known not to,
 * where to write, and where to complain.
 */
export function RegionAccessibilityPage({ ctx, region }: { ctx: PageContext; region: Region }) {
  const { t } = ctx;
  return (
    <AccessibilityStatement
      ctx={ctx}
      provider={region.name}
      intro={t("regions.a11y_intro", { region: region.name })}
      compliance={t("compliance.partial")}
      nonCompliant={<p>{t("regions.a11y_non_compliant")}</p>}
      feedback={region.contact_email ? <FeedbackContact ctx={ctx} email={region.contact_email} /> : <p>{t("a11y.non_compliant_missing")}</p>}
      assessment={<p>{t("regions.a11y_assessment")}</p>}
    />
  );
}

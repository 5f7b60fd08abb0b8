import { Layout } from "../../ui/components/layout/layout.js";
import type { PageContext } from "../../ui/context.js";
import type { Region } from "../service.js";

/**
 * The accessibility statement of a region's own pages (its host's sign-in, password and
 * figures), as the law asks of every public site: how far they comply, what is known not to,
 * where to write, and where to complain.
 */
export function RegionAccessibilityPage({ ctx, region }: { ctx: PageContext; region: Region }) {
  const { t } = ctx;
  const service = `${t("app.name")} – ${region.name}`;
  return (
    <Layout ctx={ctx} title={t("a11y.title", { service: t("app.name") })}>
      <h1>{t("a11y.title", { service })}</h1>
      <p class="lead">{t("regions.a11y_intro", { region: region.name })}</p>
      <p>{t("a11y.provider", { municipality: region.name })}</p>
      <h2>{t("a11y.compliance_title")}</h2>
      <p>{t("a11y.compliance", { level: t("compliance.partial") })}</p>
      <h2>{t("a11y.non_compliant_title")}</h2>
      <p>{t("regions.a11y_non_compliant")}</p>
      <h2>{t("a11y.feedback_title")}</h2>
      {region.contact_email ? (
        <p>
          {t("a11y.feedback_contact")}
          <a href={`mailto:${region.contact_email}`}>{region.contact_email}</a>
        </p>
      ) : (
        <p>{t("a11y.non_compliant_missing")}</p>
      )}
      <h2>{t("a11y.enforcement_title")}</h2>
      <p>{t("a11y.enforcement")}</p>
      <p>
        <a href="https://www.digg.se/tdosanmalan">{t("a11y.enforcement_link")}</a>
      </p>
      <h2>{t("a11y.assessment_title")}</h2>
      <p>{t("regions.a11y_assessment")}</p>
    </Layout>
  );
}

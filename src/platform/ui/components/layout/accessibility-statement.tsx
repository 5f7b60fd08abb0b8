import type { ComponentChildren } from "preact";
import type { PageContext } from "../../context.js";
import { Layout } from "./layout.js";

interface StatementProps {
  ctx: PageContext;
  /** Who provides the pages: the municipality or the region. */
  provider: string;
  intro: string;
  /** How far the pages comply, as the reader's language names it. */
  compliance: string;
  nonCompliant: ComponentChildren;
  feedback: ComponentChildren;
  assessment: ComponentChildren;
}

/**
 * An accessibility statement as the law asks of every public site, in the order the
 * model statement gives (DIGG): how far the pages comply, what is known not to, where to
 * write, where to complain, and how it was assessed. A municipality's pages and a region's
 * own pages each fill in what is theirs.
 */
export function AccessibilityStatement({ ctx, provider, intro, compliance, nonCompliant, feedback, assessment }: StatementProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("a11y.title", { service: t("app.name") })}>
      <h1>{t("a11y.title", { service: `${t("app.name")} – ${provider}` })}</h1>
      <p class="lead">{intro}</p>
      <p>{t("a11y.provider", { municipality: provider })}</p>
      <h2>{t("a11y.compliance_title")}</h2>
      <p>{t("a11y.compliance", { level: compliance })}</p>
      <h2>{t("a11y.non_compliant_title")}</h2>
      {nonCompliant}
      <h2>{t("a11y.feedback_title")}</h2>
      {feedback}
      <h2>{t("a11y.enforcement_title")}</h2>
      <p>{t("a11y.enforcement")}</p>
      <p>
        <a href="https://www.digg.se/tdosanmalan">{t("a11y.enforcement_link")}</a>
      </p>
      <h2>{t("a11y.assessment_title")}</h2>
      {assessment}
    </Layout>
  );
}

/** Where to write about the pages' accessibility. */
export function FeedbackContact({ ctx, email }: { ctx: PageContext; email: string }) {
  return (
    <p>
      {ctx.t("a11y.feedback_contact")}
      <a href={`mailto:${email}`}>{email}</a>
    </p>
  );
}

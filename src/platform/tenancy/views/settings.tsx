import { Layout } from "../../ui/components/layout/layout.js";
import { Button, ErrorSummary, FileField, Form, Select, TextArea, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import { AccessibilityStatement, FeedbackContact } from "../../ui/components/layout/accessibility-statement.js";
import type { PageContext } from "../../ui/context.js";
import { formatDate } from "../../ui/format.js";
import type { Municipality } from "../service.js";
import { complianceLevels } from "../schemas.js";

export function SettingsPage({
  ctx,
  municipality,
  errors,
  values,
  logoErrors,
}: {
  ctx: PageContext;
  municipality: Municipality;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
  logoErrors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const current: FormValues = values ?? {
    name: municipality.name,
    hosts: municipality.hosts.join(" "),
    contact_email: municipality.contact_email,
    accessibility_compliance: municipality.accessibility_compliance,
    accessibility_non_compliant: municipality.accessibility_non_compliant,
    accessibility_assessment_method: municipality.accessibility_assessment_method,
    accessibility_assessed_on: municipality.accessibility_assessed_on,
    accessibility_updated_on: municipality.accessibility_updated_on,
    accessibility_feedback: municipality.accessibility_feedback,
    second_factor: municipality.second_factor,
    brand_colour: municipality.brand_colour,
  };
  return (
    <Layout ctx={ctx} title={t("settings.title")}>
      <h1>{t("settings.title")}</h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action="/admin/installningar" csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("settings.name")} errors={errors} values={current} t={t} />
        <TextField name="hosts" label={t("settings.hosts")} hint={t("settings.hosts_hint")} optional errors={errors} values={current} t={t} />
        <TextField name="contact_email" type="email" label={t("settings.contact_email")} optional errors={errors} values={current} t={t} />
        <TextField
          name="brand_colour"
          label={t("settings.brand_colour")}
          hint={t("settings.brand_colour_hint")}
          optional
          errors={errors}
          values={current}
          t={t}
        />
        <Select
          name="second_factor"
          label={t("settings.second_factor")}
          choices={(["admins", "everyone"] as const).map((value) => ({ value, label: t(`settings.second_factor_${value}`) }))}
          errors={errors}
          values={current}
          t={t}
        />
        <h2>{t("settings.accessibility")}</h2>
        <Select
          name="accessibility_compliance"
          label={t("settings.compliance")}
          choices={complianceLevels.map((level) => ({ value: level, label: t(`compliance.${level}`) }))}
          errors={errors}
          values={current}
          t={t}
        />
        <TextArea name="accessibility_non_compliant" label={t("settings.non_compliant")} optional errors={errors} values={current} t={t} />
        <TextArea name="accessibility_assessment_method" label={t("settings.assessment_method")} optional rows={3} errors={errors} values={current} t={t} />
        <TextField name="accessibility_assessed_on" type="date" label={t("settings.assessed_on")} optional errors={errors} values={current} t={t} />
        <TextField name="accessibility_updated_on" type="date" label={t("settings.updated_on")} optional errors={errors} values={current} t={t} />
        <TextArea name="accessibility_feedback" label={t("settings.feedback")} optional rows={3} errors={errors} values={current} t={t} />
        <div class="actions">
          <Button>{t("common.save")}</Button>
        </div>
      </Form>
      <LogoSection ctx={ctx} version={municipality.logo_version} errors={logoErrors} />
    </Layout>
  );
}

/** The municipality's logo: the current one, a new one, or none. */
function LogoSection({ ctx, version, errors }: { ctx: PageContext; version: string | null; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <section class="panel" aria-labelledby="logo-title">
      <h2 id="logo-title">{t("settings.logo")}</h2>
      <ErrorSummary errors={errors} t={t} idPrefix="logo-" />
      {version ? (
        <p>
          <img class="brand-logo" src={`/kommun/logotyp?v=${version}`} alt={t("settings.logo_current")} />
        </p>
      ) : (
        <p class="empty">{t("settings.logo_none")}</p>
      )}
      <Form action="/admin/installningar/logotyp" csrfToken={ctx.csrfToken} files idPrefix="logo-">
        <FileField name="logo" label={t("settings.logo")} hint={t("settings.logo_hint")} accept="image/png,image/jpeg,image/webp" errors={errors} t={t} />
        <Button>{t("settings.logo_save")}</Button>
      </Form>
      {version ? (
        <Form action="/admin/installningar/logotyp/ta-bort" csrfToken={ctx.csrfToken} idPrefix="logo-remove-">
          <Button variant="danger">{t("settings.logo_remove")}</Button>
        </Form>
      ) : null}
    </section>
  );
}

/** The accessibility statement (tillgänglighetsredogörelse) with everything DOS-lagen asks for. */
export function AccessibilityStatementPage({ ctx, municipality }: { ctx: PageContext; municipality: Municipality }) {
  const { t } = ctx;
  return (
    <AccessibilityStatement
      ctx={ctx}
      provider={municipality.name}
      intro={t("a11y.intro", { municipality: municipality.name })}
      compliance={t(`compliance.${municipality.accessibility_compliance}`)}
      nonCompliant={
        municipality.accessibility_non_compliant ? (
          <p class="prewrap" lang="sv">
            {municipality.accessibility_non_compliant}
          </p>
        ) : (
          // "No known shortcomings" only beside full compliance; otherwise the statement says its account is missing.
          <p>{t(municipality.accessibility_compliance === "full" ? "a11y.non_compliant_none" : "a11y.non_compliant_missing")}</p>
        )
      }
      feedback={
        <>
          {municipality.accessibility_feedback ? <p lang="sv">{municipality.accessibility_feedback}</p> : null}
          {municipality.contact_email ? <FeedbackContact ctx={ctx} email={municipality.contact_email} /> : null}
        </>
      }
      assessment={
        <>
          {municipality.accessibility_assessment_method ? <p lang="sv">{municipality.accessibility_assessment_method}</p> : null}
          {municipality.accessibility_assessed_on ? (
            <p>{t("a11y.assessed_on", { date: formatDate(municipality.accessibility_assessed_on, ctx.lang) })}</p>
          ) : null}
          <p>{t("a11y.updated_on", { date: formatDate(municipality.accessibility_updated_on ?? municipality.updated_at, ctx.lang) })}</p>
        </>
      }
    />
  );
}

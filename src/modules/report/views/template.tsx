import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, Checkbox, ErrorSummary, FileField, Form, TextField, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { TemplateEntry } from "../template.js";

interface Props {
  ctx: PageContext;
  entries: readonly TemplateEntry[];
  hasLogo: boolean;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** The municipality's report template: each section's heading, guidance, order and whether it is kept; and the logo. */
export function TemplatePage({ ctx, entries, hasLogo, errors, values }: Props) {
  const { t } = ctx;
  const current: FormValues =
    values ??
    Object.fromEntries(
      entries.flatMap((entry, index) => [
        [`title_${index}`, entry.title],
        [`guidance_${index}`, entry.guidance],
        [`position_${index}`, String(index)],
      ]),
    );
  return (
    <Layout ctx={ctx} title={t("report.template")}>
      <h1>{t("report.template")}</h1>
      <p class="lead">{t("report.template_intro")}</p>
      <ErrorSummary errors={errors} t={t} />
      <Form action="/admin/rapportmall" csrfToken={ctx.csrfToken}>
        {entries.map((entry, index) => (
          <fieldset class="fieldset">
            <legend class="label">
              {index + 1}. {t(`report.kind.${entry.kind}`)}
            </legend>
            <TextField name={`title_${index}`} label={t("report.template_title")} errors={errors} values={current} t={t} />
            <TextField name={`guidance_${index}`} label={t("report.guidance")} errors={errors} values={current} t={t} optional />
            <TextField name={`position_${index}`} label={t("report.template_position")} errors={errors} values={current} t={t} />
            <Checkbox
              name={`keep_${index}`}
              label={t("report.template_keep")}
              checked={values ? Boolean(values[`keep_${index}`]) : true}
              errors={errors}
              t={t}
            />
          </fieldset>
        ))}
        <TextField name="new_title" label={t("report.template_new")} errors={errors} values={current} t={t} optional />
        <div class="actions">
          <Button>{t("report.template_save")}</Button>
        </div>
      </Form>
      <h2>{t("report.logo")}</h2>
      {hasLogo ? <p>{t("report.logo_present")}</p> : null}
      <Form action="/admin/rapportmall/logotyp" csrfToken={ctx.csrfToken} files>
        <FileField name="logo" label={t("report.logo")} hint={t("report.logo_hint")} accept=".png,.jpg,.jpeg" errors={errors} t={t} />
        <div class="actions">
          <Button variant="secondary">{t("report.logo_save")}</Button>
        </div>
      </Form>
    </Layout>
  );
}

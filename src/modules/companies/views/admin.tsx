import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  Button,
  CheckboxGroup,
  ErrorSummary,
  Form,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { MessageKey } from "../../../platform/ui/i18n.js";
import type { CompanyArea, UploadResult } from "../service.js";
import type { VisitTemplate } from "../visit-service.js";

interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

export function TemplatesPage({ ctx, templates }: { ctx: PageContext; templates: VisitTemplate[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("companies.templates_title")}>
      <h1>{t("companies.templates_title")}</h1>
      <p>{t("companies.templates_intro")}</p>
      <p>
        <a href="/admin/besoksmallar/ny" class="button button-primary">
          {t("companies.template_new")}
        </a>
      </p>
      <DataTable
        caption={t("companies.templates_title")}
        t={t}
        baseUrl="/admin/besoksmallar"
        empty={t("companies.templates_none")}
        rows={templates}
        columns={[
          { key: "name", label: t("companies.template_name"), cell: (template) => <a href={`/admin/besoksmallar/${template.id}`}>{template.name}</a> },
          { key: "questions", label: t("companies.template_questions"), numeric: true, cell: (template) => template.questions.length },
        ]}
      />
    </Layout>
  );
}

export function TemplateFormPage({
  ctx,
  template,
  sections,
  errors,
  values,
}: FormPage & { template?: VisitTemplate | undefined; sections: Array<{ key: string; label: string }> }) {
  const { t } = ctx;
  const title = template ? t("companies.template_edit") : t("companies.template_new");
  const current: FormValues =
    values ??
    (template
      ? { name: template.name, questions: template.questions.map((question) => question.label).join("\n"), sections: template.sections }
      : { questions: t("companies.template_example") });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action={template ? `/admin/besoksmallar/${template.id}` : "/admin/besoksmallar/ny"} csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("companies.template_name")} errors={errors} values={current} t={t} />
        <TextArea
          name="questions"
          label={t("companies.template_questions")}
          hint={t("companies.template_questions_hint")}
          errors={errors}
          values={current}
          t={t}
          rows={8}
        />
        {sections.length > 0 ? (
          <CheckboxGroup
            name="sections"
            label={t("companies.template_sections")}
            hint={t("companies.template_sections_hint")}
            choices={sections.map((section) => ({ value: section.key, label: t(section.label as MessageKey) }))}
            errors={errors}
            values={current}
            t={t}
            optional
          />
        ) : null}
        <div class="actions">
          <Button>{template ? t("common.save") : t("common.create")}</Button>
          <a href="/admin/besoksmallar">{t("common.cancel")}</a>
        </div>
      </Form>
    </Layout>
  );
}

export function AreaPage({ ctx, area, errors, values }: FormPage & { area: CompanyArea | undefined }) {
  const { t } = ctx;
  const current: FormValues = values ?? {
    postcodes: (area?.postcodes ?? []).join(" "),
    towns: (area?.towns ?? []).join(", "),
    contact_retention_months: area?.contact_retention_months ?? 36,
  };
  return (
    <Layout ctx={ctx} title={t("companies.area_title")}>
      <h1>{t("companies.area_title")}</h1>
      <p>{t("companies.area_intro")}</p>
      <ErrorSummary errors={errors} t={t} />
      <Form action="/admin/foretag/omrade" csrfToken={ctx.csrfToken}>
        <TextField
          name="postcodes"
          label={t("companies.area_postcodes")}
          hint={t("companies.area_postcodes_hint")}
          errors={errors}
          values={current}
          t={t}
          optional
        />
        <TextArea
          name="towns"
          label={t("companies.area_towns")}
          hint={t("companies.area_towns_hint")}
          errors={errors}
          values={current}
          t={t}
          optional
          rows={3}
        />
        <TextField
          name="contact_retention_months"
          label={t("companies.retention_months")}
          hint={t("companies.retention_months_hint")}
          errors={errors}
          values={current}
          t={t}
          inputmode="numeric"
        />
        <div class="actions">
          <Button>{t("common.save")}</Button>
        </div>
      </Form>
    </Layout>
  );
}

export function ImportPage({ ctx, errors, result }: FormPage & { result?: UploadResult | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("companies.import_title")}>
      <h1>{t("companies.import_title")}</h1>
      <p>{t("companies.import_intro")}</p>
      <p>
        <code>organisationsnummer;namn;gatuadress;co_adress;postnummer;postort;telefon;epost;webb;sni</code>
      </p>
      {result ? (
        <section class="panel" aria-labelledby="result-title" tabindex={-1}>
          <h2 id="result-title">{t("companies.import_done")}</h2>
          <dl class="facts">
            <dt>{t("companies.import_format")}</dt>
            <dd>{t(`companies.source.${result.summary.source}` as MessageKey)}</dd>
            <dt>{t("companies.import_lines")}</dt>
            <dd>{result.summary.lines}</dd>
            <dt>{t("companies.import_inserted")}</dt>
            <dd>{result.summary.inserted}</dd>
            <dt>{t("companies.import_updated")}</dt>
            <dd>{result.summary.updated}</dd>
            <dt>{t("companies.import_unchanged")}</dt>
            <dd>{result.summary.unchanged}</dd>
            <dt>{t("companies.import_rejected")}</dt>
            <dd>{result.summary.rejected}</dd>
            <dt>{t("companies.import_linked")}</dt>
            <dd>{result.linked}</dd>
          </dl>
          {result.rejects.length > 0 ? (
            <DataTable
              caption={t("companies.import_rejects")}
              t={t}
              baseUrl="/admin/foretag/import"
              empty=""
              rows={result.rejects.slice(0, 500)}
              columns={[
                { key: "line", label: t("companies.import_line"), numeric: true, cell: (reject) => reject.line },
                {
                  key: "reason",
                  label: t("companies.import_reason"),
                  cell: (reject) =>
                    `${reject.note ? `${t("companies.import_note")}: ` : ""}${t(`companies.reject.${reject.reason.code}` as MessageKey, reject.reason.values)}`,
                },
              ]}
            />
          ) : null}
        </section>
      ) : null}
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action="/admin/foretag/import" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class={errors?.file ? "field has-error" : "field"}>
          <label class="label" for="f-file">
            {t("companies.import_file")}
          </label>
          <p class="hint" id="f-file-hint">
            {t("companies.import_file_hint")}
          </p>
          {errors?.file ? (
            <p class="field-error" id="f-file-error">
              <span class="visually-hidden">{t("error.prefix")} </span>
              {errors.file}
            </p>
          ) : null}
          <input
            class="input"
            type="file"
            id="f-file"
            name="file"
            accept=".txt,.csv,.zip"
            aria-describedby={errors?.file ? "f-file-hint f-file-error" : "f-file-hint"}
            aria-invalid={errors?.file ? "true" : undefined}
          />
        </div>
        <div class="actions">
          <Button>{t("companies.import_button")}</Button>
        </div>
      </form>
    </Layout>
  );
}

import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, FileField, Form, TextField } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { UploadResult } from "../list-service.js";
import { listFields, type ListField } from "../tables.js";
import { SurveysNav, type FormPage } from "./parts.js";

interface Props extends FormPage {
  survey: { id: string; name: string };
  mapping: Record<ListField, string>;
  result: UploadResult | null;
  period: { from: string; to: string };
  people: boolean;
}

/** A survey's case lists: one from another system in, with its rejects; the contractor's list out. */
export function ListsPage({ ctx, survey, mapping, result, period, people, errors, values }: Props) {
  const { t } = ctx;
  const shown = values ?? mapping;
  return (
    <Layout ctx={ctx} title={`${t("surveys.list_title")}: ${survey.name}`}>
      <h1>
        {t("surveys.list_title")}: {survey.name}
      </h1>
      <SurveysNav ctx={ctx} current="surveys" people={people} />
      <p>
        <a href={`/enkater/${survey.id}`}>{survey.name}</a>
      </p>
      <p>{t("surveys.list_intro")}</p>
      <ErrorSummary errors={errors} t={t} />
      {result ? <UploadOutcome ctx={ctx} result={result} /> : null}
      <Form action={`/enkater/${survey.id}/lista`} csrfToken={ctx.csrfToken} files>
        <FileField name="file" label={t("surveys.file")} hint={t("surveys.file_hint")} accept=".csv,.txt,.xlsx" errors={errors} t={t} />
        <fieldset class="fieldset">
          <legend class="label">{t("surveys.mapping")}</legend>
          {listFields.map((field) => (
            <TextField name={field} label={t(`surveys.field_${field}`)} errors={errors} values={shown} t={t} />
          ))}
        </fieldset>
        <div class="actions">
          <Button>{t("surveys.upload")}</Button>
        </div>
      </Form>
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t("surveys.export_title")}</h2>
        <p>{t("surveys.export_intro")}</p>
        <form method="get" action={`/enkater/${survey.id}/lista.xlsx`} class="filters">
          <div class="field">
            <label class="label" for="f-fran">
              {t("surveys.from")}
            </label>
            <input class="input" id="f-fran" name="fran" type="date" value={period.from} />
          </div>
          <div class="field">
            <label class="label" for="f-till">
              {t("surveys.to")}
            </label>
            <input class="input" id="f-till" name="till" type="date" value={period.to} />
          </div>
          <div class="actions">
            <button type="submit" class="button button-secondary">
              {t("surveys.download_xlsx")}
            </button>
            <button type="submit" class="button button-secondary" formaction={`/enkater/${survey.id}/lista.csv`}>
              {t("surveys.download_csv")}
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

function UploadOutcome({ ctx, result }: { ctx: FormPage["ctx"]; result: UploadResult }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="outcome-title" class="panel">
      <h2 id="outcome-title">{t("surveys.upload_done", { invited: result.invited, rows: result.rows })}</h2>
      {result.rejects.length > 0 ? (
        <DataTable
          caption={t("surveys.rejects_title")}
          t={t}
          baseUrl="#"
          empty=""
          rows={result.rejects}
          columns={[
            { key: "line", label: t("surveys.line"), numeric: true, cell: (row) => String(row.line) },
            { key: "case", label: t("surveys.case_number"), cell: (row) => row.case_number },
            { key: "reason", label: t("surveys.reason"), cell: (row) => t(`surveys.reject.${row.reason}`) },
          ]}
        />
      ) : null}
    </section>
  );
}

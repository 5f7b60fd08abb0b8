import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, RadioGroup, type FieldErrors } from "../../../platform/ui/components/form/form.js";
import { DataTable, Pagination, withParams } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import { withheld } from "../register.js";
import type { RegisterOverview } from "../register-service.js";

interface Props {
  ctx: PageContext;
  overview: RegisterOverview;
  filter: { q: string | null; year: number | null; page: number };
  canExport: boolean;
  errors?: FieldErrors | undefined;
}

/** The register of incoming cases: searched by staff, exported to the records system, earlier exports fetched again. */
export function DiariumPage({ ctx, overview, filter, canExport, errors }: Props) {
  const { t, lang } = ctx;
  const base = withParams("/arenden/diarium", { q: filter.q ?? undefined, year: filter.year ? String(filter.year) : undefined });
  return (
    <Layout ctx={ctx} title={t("desk.diarium_title")}>
      <h1>{t("desk.diarium_title")}</h1>
      <p class="lead">{t("desk.diarium_intro")}</p>
      <form method="get" action="/arenden/diarium" class="filters" role="search">
        <div class="field">
          <label class="label" for="f-q">
            {t("desk.diarium_search")}
          </label>
          <input class="input" id="f-q" name="q" type="search" value={filter.q ?? ""} />
        </div>
        <div class="field">
          <label class="label" for="f-year">
            {t("desk.diarium_year")}
          </label>
          <input class="input" id="f-year" name="year" inputmode="numeric" value={filter.year ? String(filter.year) : ""} />
        </div>
        <div class="actions">
          <button type="submit" class="button button-secondary">
            {t("desk.diarium_show")}
          </button>
        </div>
      </form>
      {canExport ? (
        <section class="panel" aria-labelledby="export-title">
          <h2 id="export-title">{t("desk.diarium_export")}</h2>
          <p>{t("desk.diarium_pending", overview.pending)}</p>
          <ErrorSummary errors={errors} t={t} />
          <Form action="/arenden/diarium/export" csrfToken={ctx.csrfToken}>
            <RadioGroup
              name="format"
              label={t("desk.diarium_format")}
              choices={(["csv", "json"] as const).map((format) => ({ value: format, label: t(`desk.diarium_format.${format}`) }))}
              errors={errors}
              values={{ format: "csv" }}
              t={t}
            />
            <div class="actions">
              <Button>{t("desk.diarium_export")}</Button>
            </div>
          </Form>
          <DataTable
            caption={t("desk.diarium_exports")}
            t={t}
            baseUrl="#"
            empty={t("desk.diarium_no_exports")}
            rows={overview.exports}
            columns={[
              { key: "at", label: t("desk.diarium_export_at"), cell: (row) => formatDateTime(row.at, lang) },
              { key: "by", label: t("desk.diarium_export_by"), cell: (row) => row.by_name ?? "–" },
              {
                key: "counts",
                label: t("desk.diarium_exports"),
                cell: (row) => t("desk.diarium_export_counts", { registered: row.registered, closed: row.closed }),
              },
              {
                key: "files",
                label: t("desk.diarium_format"),
                cell: (row) => (
                  <>
                    <a href={`/arenden/diarium/utskick/${row.id}/diarium.csv`}>CSV</a> · <a href={`/arenden/diarium/utskick/${row.id}/diarium.json`}>JSON</a>
                  </>
                ),
              },
            ]}
          />
        </section>
      ) : null}
      <DataTable
        caption={t("desk.diarium_title")}
        t={t}
        baseUrl={base}
        empty={t("desk.diarium_none")}
        rows={overview.rows}
        columns={[
          { key: "number", label: t("desk.diarium_col.number"), cell: (row) => <a href={`/arenden/${row.id}`}>{row.number}</a> },
          { key: "received", label: t("desk.diarium_col.received_at"), cell: (row) => formatDate(row.created_at, lang) },
          { key: "sender", label: t("desk.diarium_col.sender"), cell: (row) => row.company_name ?? row.correspondent_name },
          { key: "subject", label: t("desk.diarium_col.subject"), cell: (row) => withheld(row.subject, row.subject_secret) },
          { key: "unit", label: t("desk.diarium_col.unit"), cell: (row) => row.unit },
          { key: "closed", label: t("desk.diarium_col.closed_on"), cell: (row) => (row.closed_at ? formatDate(row.closed_at, lang) : "–") },
          {
            key: "sent",
            label: t("desk.diarium_sent"),
            cell: (row) => (row.registered_at ? formatDateTime(row.registered_at, lang) : t("desk.diarium_not_sent")),
          },
        ]}
      />
      <Pagination baseUrl={base} page={filter.page} hasMore={overview.hasMore} t={t} />
    </Layout>
  );
}

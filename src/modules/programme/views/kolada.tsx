import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Chart } from "../../../platform/ui/components/chart/chart.js";
import { Button, ErrorSummary, Form, TextField, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import { formatDate } from "../../../platform/ui/format.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { Comparison, KoladaOverview } from "../kolada-service.js";

/** A Kolada indicator's values beside its comparison group's mean, with how many members report. */
export function KoladaComparisonChart({ ctx, name, unit, comparison }: { ctx: PageContext; name: string; unit: string; comparison: Comparison }) {
  const { t } = ctx;
  const reporting = Math.max(0, ...comparison.years.map((year) => year.reporting));
  return (
    <>
      <Chart
        kind="line"
        title={t("programme.kolada_comparison_title", { name, group: comparison.groupName })}
        labels={comparison.years.map((year) => String(year.year))}
        series={[
          { name: t("programme.series_value"), values: comparison.years.map((year) => year.own) },
          {
            name: t("programme.kolada_group_series", { group: comparison.groupName, reporting, members: comparison.members }),
            values: comparison.years.map((year) => year.group),
          },
        ]}
        unit={unit || undefined}
        t={t}
        lang={ctx.lang}
      />
      <p class="hint">{t("programme.kolada_attribution")}</p>
    </>
  );
}

interface KoladaPageProps {
  ctx: PageContext;
  overview: KoladaOverview;
  canManage: boolean;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** The municipality's Kolada settings, the key figures its indicators fetch, and when each was fetched or why not. */
export function KoladaPage({ ctx, overview, canManage, errors, values }: KoladaPageProps) {
  const { t, lang } = ctx;
  const { setup } = overview;
  const current: FormValues = values ?? { base_url: setup.baseUrl, group_name: setup.groupName, group_codes: setup.groupCodes.join(", ") };
  const usedBy = (kpi: string) =>
    overview.indicators
      .filter((indicator) => indicator.kolada_kpi === kpi)
      .map((indicator) => indicator.name)
      .join(", ");
  return (
    <Layout ctx={ctx} title={t("programme.kolada_title")}>
      <h1>{t("programme.kolada_title")}</h1>
      <p class="lead">{t("programme.kolada_intro")}</p>
      <p>
        {t("programme.kolada_municipality")}: {setup.municipality} ({setup.kommunkod})
      </p>
      {canManage ? (
        <Form action="/admin/kolada/hamta" csrfToken={ctx.csrfToken}>
          <Button variant="secondary">{t("programme.kolada_fetch")}</Button>
        </Form>
      ) : null}
      <DataTable
        caption={t("programme.kolada_kpis")}
        t={t}
        baseUrl="#"
        empty={t("programme.kolada_none")}
        rows={[...new Set(overview.indicators.map((indicator) => indicator.kolada_kpi))].map(
          (kpi) =>
            overview.kpis.find((row) => row.kpi === kpi) ?? {
              kpi,
              title: "",
              previous_title: null,
              title_changed_at: null,
              fetched_at: null,
              last_error: null,
            },
        )}
        columns={[
          { key: "kpi", label: t("programme.kolada_kpi"), cell: (row) => (row.title ? `${row.kpi} ${row.title}` : row.kpi) },
          { key: "used", label: t("programme.indicators"), cell: (row) => usedBy(row.kpi) },
          {
            key: "fetched",
            label: t("programme.kolada_fetched"),
            cell: (row) => (row.fetched_at ? formatDate(row.fetched_at, lang) : t("programme.kolada_never")),
          },
          {
            key: "state",
            label: t("programme.kolada_state"),
            cell: (row) => (
              <>
                {row.last_error ? (
                  <p class="field-error">{t(`programme.kolada_error.${row.last_error.split(":")[0] as "timeout"}`)}</p>
                ) : row.fetched_at ? (
                  t("programme.kolada_ok")
                ) : (
                  t("programme.kolada_never")
                )}
                {row.previous_title && row.title_changed_at ? (
                  <p class="notice">{t("programme.kolada_retitled", { from: row.previous_title, date: formatDate(row.title_changed_at, lang) })}</p>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <h2>{t("programme.kolada_settings")}</h2>
      {canManage ? (
        <>
          <ErrorSummary errors={errors} t={t} />
          <Form action="/admin/kolada" csrfToken={ctx.csrfToken}>
            <TextField
              name="base_url"
              label={t("programme.kolada_base_url")}
              hint={t("programme.kolada_base_url_hint")}
              type="url"
              errors={errors}
              values={current}
              t={t}
            />
            <TextField name="group_name" label={t("programme.kolada_group_name")} errors={errors} values={current} t={t} />
            <TextField
              name="group_codes"
              label={t("programme.kolada_group_codes")}
              hint={t("programme.kolada_group_codes_hint")}
              errors={errors}
              values={current}
              t={t}
            />
            <div class="actions">
              <Button>{t("common.save")}</Button>
            </div>
          </Form>
        </>
      ) : (
        <dl class="facts">
          <dt>{t("programme.kolada_base_url")}</dt>
          <dd>{setup.baseUrl}</dd>
          <dt>{t("programme.kolada_group_name")}</dt>
          <dd>{setup.groupName}</dd>
          <dt>{t("programme.kolada_group_codes")}</dt>
          <dd>{setup.groupCodes.join(", ")}</dd>
        </dl>
      )}
    </Layout>
  );
}

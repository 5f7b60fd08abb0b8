import { TableWrap } from "../../../platform/ui/components/table/table.js";
import { Button, Form, Select } from "../../../platform/ui/components/form/form.js";
import { Chart } from "../../../platform/ui/components/chart/chart.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatNumber, monthNames } from "../../../platform/ui/format.js";
import type { Translate } from "../../../platform/ui/i18n.js";
import type { Dashboard, WaitingFigures } from "../report-service.js";

const hours = (minutes: number | null) => (minutes === null ? null : Math.round(minutes / 6) / 10);
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

export function dashboardUrl(dashboard: Pick<Dashboard, "year" | "unitId" | "categoryId">, path = "/arenden/statistik"): string {
  const params = new URLSearchParams({ year: String(dashboard.year) });
  if (dashboard.unitId) {
    params.set("unit", dashboard.unitId);
  }
  if (dashboard.categoryId) {
    params.set("category", dashboard.categoryId);
  }
  return `${path}?${params.toString()}`;
}

function FiguresTable({
  caption,
  rows,
  label,
  t,
  lang,
}: {
  caption: string;
  rows: Array<WaitingFigures & { label: string }>;
  label: string;
  t: Translate;
  lang: "sv" | "en";
}) {
  const n = (value: number | null) => (value === null ? "–" : formatNumber(value, lang));
  return (
    <TableWrap t={t} caption={caption}>
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col" class="numeric">
              {t("desk.fig_cases")}
            </th>
            <th scope="col" class="numeric">
              {t("desk.fig_first_median")}
            </th>
            <th scope="col" class="numeric">
              {t("desk.fig_first_p90")}
            </th>
            <th scope="col" class="numeric">
              {t("desk.fig_first_share")}
            </th>
            <th scope="col" class="numeric">
              {t("desk.fig_resolution_median")}
            </th>
            <th scope="col" class="numeric">
              {t("desk.fig_resolution_p90")}
            </th>
            <th scope="col" class="numeric">
              {t("desk.fig_resolution_share")}
            </th>
            <th scope="col" class="numeric">
              {t("desk.fig_statutory")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row">{row.label}</th>
              <td class="numeric">{n(row.cases)}</td>
              <td class="numeric">{n(hours(row.first_response_median))}</td>
              <td class="numeric">{n(hours(row.first_response_p90))}</td>
              <td class="numeric">{n(percent(row.first_response_on_time, row.first_response_measured))}</td>
              <td class="numeric">{n(hours(row.resolution_median))}</td>
              <td class="numeric">{n(hours(row.resolution_p90))}</td>
              <td class="numeric">{n(percent(row.resolution_on_time, row.resolution_measured))}</td>
              <td class="numeric">{row.statutory_decided === 0 ? "–" : `${row.statutory_in_time}/${row.statutory_decided}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The year's figures, charts and tables: they depend on the dashboard and the language only (its one form gets, so it has no token). */
export function DashboardContent({ ctx, dashboard }: { ctx: PageContext; dashboard: Dashboard }) {
  const { t, lang } = ctx;
  const names = monthNames(lang);
  const months = dashboard.months.map((row, index) => ({ ...row, label: names[index]! }));
  return (
    <>
      <h1>
        {t("desk.dashboard_title")} {dashboard.year}
      </h1>
      <p>{t("desk.dashboard_intro")}</p>
      <Form action="/arenden/statistik" method="get" csrfToken={ctx.csrfToken} class="filters">
        <Select
          name="year"
          label={t("desk.year")}
          choices={dashboard.years.map((year) => ({ value: String(year), label: String(year) }))}
          values={{ year: String(dashboard.year) }}
          t={t}
        />
        <Select
          name="unit"
          label={t("desk.unit")}
          blank={t("desk.all")}
          choices={dashboard.choices.units.map((unit) => ({ value: unit.id, label: unit.name }))}
          values={{ unit: dashboard.unitId ?? "" }}
          t={t}
        />
        <Select
          name="category"
          label={t("desk.category")}
          blank={t("desk.all")}
          choices={dashboard.choices.categories.map((category) => ({ value: category.id, label: lang === "en" ? category.name_en : category.name_sv }))}
          values={{ category: dashboard.categoryId ?? "" }}
          t={t}
        />
        <div class="actions">
          <Button variant="secondary">{t("desk.show")}</Button>
          <a href={dashboardUrl(dashboard, "/arenden/statistik.csv")}>{t("desk.export_csv")}</a>
        </div>
      </Form>
      <dl class="facts">
        <dt>{t("desk.fig_cases")}</dt>
        <dd>{formatNumber(dashboard.total.cases, lang)}</dd>
        <dt>{t("desk.fig_first_share")}</dt>
        <dd>{percent(dashboard.total.first_response_on_time, dashboard.total.first_response_measured) ?? "–"} %</dd>
        <dt>{t("desk.fig_first_median")}</dt>
        <dd>{hours(dashboard.total.first_response_median) ?? "–"}</dd>
        <dt>{t("desk.fig_resolution_share")}</dt>
        <dd>{percent(dashboard.total.resolution_on_time, dashboard.total.resolution_measured) ?? "–"} %</dd>
      </dl>
      <Chart
        kind="bar"
        title={t("desk.chart_cases")}
        labels={[...names]}
        series={[{ name: t("desk.fig_cases"), values: months.map((row) => row.cases) }]}
        t={t}
        lang={lang}
      />
      <Chart
        kind="line"
        title={t("desk.chart_first_response")}
        labels={[...names]}
        unit={t("desk.unit_hours")}
        series={[
          { name: t("desk.fig_first_median"), values: months.map((row) => hours(row.first_response_median)) },
          { name: t("desk.fig_first_p90"), values: months.map((row) => hours(row.first_response_p90)) },
        ]}
        t={t}
        lang={lang}
      />
      <FiguresTable caption={t("desk.by_month")} rows={months} label={t("desk.month")} t={t} lang={lang} />
      <FiguresTable caption={t("desk.by_unit")} rows={dashboard.byUnit.map((row) => ({ ...row, label: row.name }))} label={t("desk.unit")} t={t} lang={lang} />
      <FiguresTable
        caption={t("desk.by_category")}
        rows={dashboard.byCategory.map((row) => ({ ...row, label: row.name }))}
        label={t("desk.category")}
        t={t}
        lang={lang}
      />
    </>
  );
}

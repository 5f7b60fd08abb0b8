import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, Select, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { Report } from "../report-service.js";

interface Props {
  ctx: PageContext;
  programme: { id: string; name: string; start_year: number; end_year: number };
  reports: readonly Report[];
  canManage: boolean;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** A programme's yearly reports, and a new one started for a year that has none. */
export function ReportsPage({ ctx, programme, reports, canManage, errors, values }: Props) {
  const { t } = ctx;
  const years = Array.from({ length: programme.end_year - programme.start_year + 1 }, (_, index) => programme.start_year + index).filter(
    (year) => !reports.some((report) => report.year === year),
  );
  return (
    <Layout ctx={ctx} title={`${t("report.reports_title")} – ${programme.name}`}>
      <h1>{t("report.reports_title")}</h1>
      <p>
        <a href={`/admin/program/${programme.id}`}>{programme.name}</a>
        {canManage ? (
          <>
            {" · "}
            <a href="/admin/rapportmall">{t("report.template")}</a>
          </>
        ) : null}
      </p>
      <p class="lead">{t("report.reports_intro")}</p>
      <DataTable
        caption={t("report.reports_title")}
        t={t}
        baseUrl="#"
        empty={t("report.none")}
        rows={[...reports]}
        columns={[
          { key: "year", label: t("report.year"), cell: (report) => <a href={`/admin/rapporter/${report.id}`}>{String(report.year)}</a> },
          { key: "state", label: t("report.state"), cell: (report) => t(`report.state.${report.state}`) },
        ]}
      />
      {canManage && years.length > 0 ? (
        <>
          <h2>{t("report.start")}</h2>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`/admin/program/${programme.id}/rapporter`} csrfToken={ctx.csrfToken}>
            <Select
              name="year"
              label={t("report.year")}
              choices={years.map((year) => ({ value: String(year), label: String(year) }))}
              errors={errors}
              values={values ?? { year: years[years.length - 1] }}
              t={t}
            />
            <div class="actions">
              <Button>{t("report.start")}</Button>
            </div>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}

/** Every programme, to open its yearly reports. */
export function ProgrammesPage({
  ctx,
  programmes,
}: {
  ctx: PageContext;
  programmes: ReadonlyArray<{ id: string; name: string; status: string; years: number[] }>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("report.reports_title")}>
      <h1>{t("report.reports_title")}</h1>
      <p class="lead">{t("report.reports_intro")}</p>
      <DataTable
        caption={t("report.programmes")}
        t={t}
        baseUrl="#"
        empty={t("report.no_programmes")}
        rows={[...programmes]}
        columns={[
          { key: "name", label: t("report.programme"), cell: (programme) => <a href={`/admin/program/${programme.id}/rapporter`}>{programme.name}</a> },
          { key: "years", label: t("report.reports_title"), cell: (programme) => programme.years.join(", ") || "–" },
        ]}
      />
    </Layout>
  );
}

import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, Form, TextField } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime } from "../../../platform/ui/format.js";

interface Disposal {
  retentionMonths: number;
  cases: Array<{ id: string; number: string; subject: string; closed_at: Date | null }>;
}

/** The desk's personal data: a correspondent's register extract, and disposal after the retention time. */
export function RecordsPage({ ctx, disposal }: { ctx: PageContext; disposal: Disposal }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("desk.records_title")}>
      <h1>{t("desk.records_title")}</h1>
      <p>{t("desk.records_intro")}</p>
      <section class="panel" aria-labelledby="extract-title">
        <h2 id="extract-title">{t("desk.extract_title")}</h2>
        <Form action="/arenden/registerutdrag.json" method="get" csrfToken={ctx.csrfToken}>
          <TextField name="epost" type="email" label={t("desk.extract_email")} t={t} autocomplete="off" />
          <Button variant="secondary">{t("desk.extract_button")}</Button>
        </Form>
      </section>
      <section class="panel" aria-labelledby="disposal-title">
        <h2 id="disposal-title">{t("desk.disposal_title")}</h2>
        <p>{t("desk.disposal_intro", { months: disposal.retentionMonths })}</p>
        <DataTable
          caption={t("desk.disposal_title")}
          t={t}
          baseUrl="/arenden/personuppgifter"
          empty={t("desk.disposal_none")}
          rows={disposal.cases}
          columns={[
            { key: "number", label: t("desk.case"), cell: (row) => <a href={`/arenden/${row.id}`}>{row.number}</a> },
            { key: "subject", label: t("desk.subject"), cell: (row) => row.subject },
            { key: "closed", label: t("desk.closed_at"), cell: (row) => formatDateTime(row.closed_at, lang) },
          ]}
        />
        {disposal.cases.length > 0 ? (
          <Form action="/arenden/gallring" csrfToken={ctx.csrfToken}>
            <Button variant="danger">{t("desk.disposal_button", { count: disposal.cases.length })}</Button>
          </Form>
        ) : null}
      </section>
    </Layout>
  );
}

import { Layout } from "../../ui/components/layout/layout.js";
import { Button, DeleteForm, ErrorSummary, Form, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import { DataTable } from "../../ui/components/table/table.js";
import type { PageContext } from "../../ui/context.js";
import { formatDateTime } from "../../ui/format.js";
import type { DeliveryRow, EndpointView, WebhookEventType } from "../service.js";
import { EndpointFields, SecretOnce } from "./webhooks.js";

interface EndpointPageProps {
  ctx: PageContext;
  endpoint: EndpointView;
  deliveries: DeliveryRow[];
  catalogue: WebhookEventType[];
  secret?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** One endpoint: its settings, whether it is paused and why, and its latest deliveries with their answers. */
export function EndpointPage({ ctx, endpoint, deliveries, catalogue, secret, errors, values }: EndpointPageProps) {
  const { t, lang } = ctx;
  const base = `/admin/webhooks/${endpoint.id}`;
  return (
    <Layout ctx={ctx} title={endpoint.url}>
      <p>
        <a href="/admin/webhooks">{t("webhooks.title")}</a>
      </p>
      <h1>{endpoint.url}</h1>
      {secret ? <SecretOnce t={t} secret={secret} href={base} /> : null}
      <p role={endpoint.paused_at ? "alert" : undefined}>
        {endpoint.paused_at
          ? t("webhooks.paused_since", { at: formatDateTime(endpoint.paused_at, lang), reason: endpoint.pause_reason ?? t("webhooks.paused_by_hand") })
          : t("webhooks.active_text", { count: endpoint.failures_in_row })}
      </p>
      <div class="actions">
        <Form action={`${base}/${endpoint.paused_at ? "aterstart" : "pausa"}`} csrfToken={ctx.csrfToken}>
          <Button variant="secondary">{t(endpoint.paused_at ? "webhooks.resume" : "webhooks.pause")}</Button>
        </Form>
        <Form action={`${base}/test`} csrfToken={ctx.csrfToken}>
          <Button variant="secondary">{t("webhooks.send_test")}</Button>
        </Form>
        <Form action={`${base}/hemlighet`} csrfToken={ctx.csrfToken}>
          <Button variant="secondary">{t("webhooks.rotate")}</Button>
        </Form>
      </div>
      <h2>{t("webhooks.deliveries")}</h2>
      <DataTable
        caption={t("webhooks.deliveries_caption")}
        t={t}
        baseUrl={base}
        empty={t("webhooks.no_deliveries")}
        rows={deliveries}
        columns={[
          { key: "created_at", label: t("webhooks.at"), cell: (row) => formatDateTime(row.created_at, lang) },
          { key: "event_type", label: t("webhooks.event"), cell: (row) => row.event_type },
          { key: "status", label: t("webhooks.status"), cell: (row) => t(`webhooks.delivery_${row.status}`) },
          { key: "attempts", label: t("webhooks.attempts"), numeric: true, cell: (row) => row.attempts },
          { key: "answer", label: t("webhooks.answer"), cell: (row) => (row.last_status ? `HTTP ${row.last_status}` : (row.last_error ?? "–")) },
          {
            key: "again",
            label: t("webhooks.again"),
            cell: (row) =>
              row.status === "failed" ? (
                <Form action={`/admin/webhookleveranser/${row.id}/igen`} csrfToken={ctx.csrfToken}>
                  <Button variant="secondary">{t("webhooks.send_again")}</Button>
                </Form>
              ) : (
                "–"
              ),
          },
        ]}
      />
      <h2>{t("webhooks.settings")}</h2>
      <ErrorSummary errors={errors} t={t} />
      <Form action={base} csrfToken={ctx.csrfToken}>
        <EndpointFields t={t} catalogue={catalogue} errors={errors} values={values ?? { ...endpoint }} />
        <Button>{t("common.save")}</Button>
      </Form>
      <DeleteForm action={`${base}/ta-bort`} csrfToken={ctx.csrfToken} label={t("webhooks.delete")} />
    </Layout>
  );
}

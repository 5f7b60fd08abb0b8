import { Layout } from "../../ui/components/layout/layout.js";
import { Button, CheckboxGroup, ErrorSummary, Form, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import { DataTable } from "../../ui/components/table/table.js";
import type { PageContext } from "../../ui/context.js";
import type { Translate } from "../../ui/i18n.js";
import type { EndpointView, WebhookEventType } from "../service.js";

type EndpointRow = EndpointView & { failed: number };

interface WebhooksPageProps {
  ctx: PageContext;
  endpoints: EndpointRow[];
  catalogue: WebhookEventType[];
  /** A new endpoint's secret, shown this once. */
  created?: { id: string; secret: string } | undefined;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** The webhook endpoints of the municipality, and the form that registers one. */
export function WebhooksPage({ ctx, endpoints, catalogue, created, errors, values }: WebhooksPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("webhooks.title")}>
      <h1>{t("webhooks.title")}</h1>
      <p>{t("webhooks.intro")}</p>
      {created ? <SecretOnce t={t} secret={created.secret} href={`/admin/webhooks/${created.id}`} /> : null}
      <DataTable
        caption={t("webhooks.endpoints")}
        t={t}
        baseUrl="/admin/webhooks"
        empty={t("webhooks.none")}
        rows={endpoints}
        columns={[
          { key: "url", label: t("webhooks.url"), cell: (row) => <a href={`/admin/webhooks/${row.id}`}>{row.url}</a> },
          { key: "events", label: t("webhooks.event_types"), numeric: true, cell: (row) => row.event_types.length },
          { key: "state", label: t("webhooks.state"), cell: (row) => t(row.paused_at ? "webhooks.state_paused" : "webhooks.state_active") },
          { key: "failed", label: t("webhooks.failed"), numeric: true, cell: (row) => row.failed },
        ]}
      />
      <h2>{t("webhooks.new")}</h2>
      <ErrorSummary errors={errors} t={t} />
      <Form action="/admin/webhooks/ny" csrfToken={ctx.csrfToken}>
        <EndpointFields t={t} catalogue={catalogue} errors={errors} values={values} />
        <Button>{t("webhooks.create")}</Button>
      </Form>
    </Layout>
  );
}

/** The fields of an endpoint, for registering and for changing one. */
export function EndpointFields({
  t,
  catalogue,
  errors,
  values,
}: {
  t: Translate;
  catalogue: WebhookEventType[];
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  return (
    <>
      <TextField name="url" type="url" label={t("webhooks.url")} hint={t("webhooks.url_hint")} errors={errors} values={values} t={t} />
      <TextField name="description" label={t("webhooks.description")} errors={errors} values={values} t={t} optional />
      <CheckboxGroup
        name="event_types"
        label={t("webhooks.event_types")}
        hint={t("webhooks.event_types_hint")}
        choices={catalogue.map((event) => ({
          value: event.type,
          label: `${t(event.label)} (${event.type})${event.personalData ? ` – ${t("webhooks.personal_data")}` : ""}`,
        }))}
        errors={errors}
        values={values}
        t={t}
      />
    </>
  );
}

/** A signing secret, shown the one time it exists in the clear. */
export function SecretOnce({ t, secret, href }: { t: Translate; secret: string; href: string }) {
  return (
    <div class="notice" role="status">
      <h2>{t("webhooks.secret_title")}</h2>
      <p>{t("webhooks.secret_text")}</p>
      <p class="secret">
        <code>{secret}</code>
      </p>
      <p>
        <a href={href}>{t("webhooks.open_endpoint")}</a>
      </p>
    </div>
  );
}

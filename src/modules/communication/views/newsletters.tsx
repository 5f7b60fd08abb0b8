import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  Button,
  Checkbox,
  CheckboxGroup,
  DeleteForm,
  ErrorSummary,
  Form,
  RadioGroup,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import { DataTable, Pagination } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime, formatNumber } from "../../../platform/ui/format.js";
import type { ListWithCounts, MailingList, SubscriberRow } from "../subscription-service.js";
import type { SubscriberView } from "../subscriber-service.js";
import { Badge, CommunicationNav, type FormPage } from "./parts.js";
import { listName } from "./newsletter-public.js";

function ListFields({ ctx, errors, values }: { ctx: PageContext; errors?: FieldErrors | undefined; values?: FormValues | undefined }) {
  const { t } = ctx;
  return (
    <>
      <TextField name="name_sv" label={t("communication.name_sv")} errors={errors} values={values} t={t} />
      <TextField name="name_en" label={t("communication.name_en")} errors={errors} values={values} t={t} />
      <TextField name="description_sv" label={t("communication.description_sv")} optional errors={errors} values={values} t={t} />
      <TextField name="description_en" label={t("communication.description_en")} optional errors={errors} values={values} t={t} />
      <Checkbox
        name="public"
        label={t("communication.list_public")}
        hint={t("communication.list_public_hint")}
        checked={values?.public === "on" || values?.public === true}
        errors={errors}
        t={t}
      />
    </>
  );
}

export function ListsPage({ ctx, lists, canWrite, errors, values }: FormPage & { lists: ListWithCounts[]; canWrite: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.nav.lists")}>
      <h1>{t("communication.nav.lists")}</h1>
      <CommunicationNav ctx={ctx} current="lists" />
      <DataTable
        caption={t("communication.nav.lists")}
        t={t}
        baseUrl="/kommunikation/listor"
        empty={t("communication.lists_none")}
        rows={lists}
        columns={[
          { key: "name", label: t("communication.name"), cell: (list) => <a href={`/kommunikation/listor/${list.id}`}>{listName(list, lang)}</a> },
          { key: "public", label: t("communication.visibility"), cell: (list) => t(list.public ? "communication.public" : "communication.private") },
          { key: "confirmed", label: t("communication.confirmed"), numeric: true, cell: (list) => formatNumber(list.confirmed, lang) },
          { key: "unconfirmed", label: t("communication.unconfirmed"), numeric: true, cell: (list) => formatNumber(list.unconfirmed, lang) },
          { key: "unsubscribed", label: t("communication.unsubscribed"), numeric: true, cell: (list) => formatNumber(list.unsubscribed, lang) },
        ]}
      />
      {canWrite ? (
        <section aria-labelledby="new-list">
          <h2 id="new-list">{t("communication.list_new")}</h2>
          <ErrorSummary errors={errors} t={t} />
          <Form action="/kommunikation/listor" csrfToken={ctx.csrfToken}>
            <ListFields ctx={ctx} errors={errors} values={values ?? { public: true }} />
            <div class="actions">
              <Button>{t("communication.list_create")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

export function ListPage({ ctx, list, canWrite, errors, values }: FormPage & { list: MailingList; canWrite: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={listName(list, lang)}>
      <h1>{listName(list, lang)}</h1>
      <CommunicationNav ctx={ctx} current="lists" />
      {canWrite ? (
        <>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`/kommunikation/listor/${list.id}`} csrfToken={ctx.csrfToken}>
            <ListFields ctx={ctx} errors={errors} values={values ?? { ...list }} />
            <div class="actions">
              <Button>{t("common.save")}</Button>
            </div>
          </Form>
          <DeleteForm action={`/kommunikation/listor/${list.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} />
        </>
      ) : (
        <p>{lang === "sv" ? list.description_sv : list.description_en}</p>
      )}
    </Layout>
  );
}

export function SubscribersPage({
  ctx,
  rows,
  page,
  hasNext,
  q,
  canWrite,
}: {
  ctx: PageContext;
  rows: SubscriberRow[];
  page: number;
  hasNext: boolean;
  q: string | undefined;
  canWrite: boolean;
}) {
  const { t, lang } = ctx;
  const base = q ? `/kommunikation/prenumeranter?q=${encodeURIComponent(q)}` : "/kommunikation/prenumeranter";
  return (
    <Layout ctx={ctx} title={t("communication.nav.subscribers")}>
      <h1>{t("communication.nav.subscribers")}</h1>
      <CommunicationNav ctx={ctx} current="subscribers" />
      <form method="get" action="/kommunikation/prenumeranter" class="filters" role="search">
        <label class="label" for="f-q">
          {t("communication.search")}
        </label>
        <input id="f-q" name="q" type="search" value={q ?? ""} />
        <button type="submit" class="button button-secondary">
          {t("communication.search")}
        </button>
      </form>
      {canWrite ? (
        <p>
          <a class="button button-primary" href="/kommunikation/prenumeranter/ny">
            {t("communication.subscriber_new")}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t("communication.nav.subscribers")}
        t={t}
        baseUrl={base}
        empty={t("communication.subscribers_none")}
        rows={rows}
        columns={[
          { key: "email", label: t("communication.email"), cell: (row) => <a href={`/kommunikation/prenumeranter/${row.id}`}>{row.email}</a> },
          { key: "name", label: t("communication.name"), cell: (row) => row.name ?? "" },
          { key: "company", label: t("communication.company"), cell: (row) => row.company_name ?? "" },
          { key: "lists", label: t("communication.lists"), numeric: true, cell: (row) => formatNumber(row.lists, lang) },
          {
            key: "state",
            label: t("communication.state"),
            cell: (row) =>
              row.blocked_at ? (
                <Badge tone="danger">{t(`communication.block.${row.block_reason ?? "hard_bounce"}`)}</Badge>
              ) : row.opted_out_at ? (
                <Badge tone="neutral">{t("communication.opted_out")}</Badge>
              ) : null,
          },
        ]}
      />
      <Pagination baseUrl={base} page={page} hasMore={hasNext} t={t} />
    </Layout>
  );
}

export function NewSubscriberPage({ ctx, lists, errors, values }: FormPage & { lists: ListWithCounts[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.subscriber_new")}>
      <h1>{t("communication.subscriber_new")}</h1>
      <CommunicationNav ctx={ctx} current="subscribers" />
      <ErrorSummary errors={errors} t={t} />
      <Form action="/kommunikation/prenumeranter/ny" csrfToken={ctx.csrfToken}>
        <TextField name="email" type="email" label={t("communication.email")} errors={errors} values={values} t={t} />
        <TextField name="name" label={t("communication.name")} optional errors={errors} values={values} t={t} />
        <TextField
          name="org_number"
          label={t("communication.org_number")}
          hint={t("communication.org_number_hint")}
          optional
          inputmode="numeric"
          errors={errors}
          values={values}
          t={t}
        />
        <RadioGroup
          name="language"
          label={t("communication.language")}
          choices={[
            { value: "sv", label: t("lang.sv") },
            { value: "en", label: t("lang.en") },
          ]}
          errors={errors}
          values={values ?? { language: "sv" }}
          t={t}
        />
        <CheckboxGroup
          name="list_ids"
          label={t("communication.lists")}
          optional
          choices={lists.map((list) => ({ value: list.id, label: listName(list, lang) }))}
          errors={errors}
          values={values}
          t={t}
        />
        <TextField
          name="consent_source"
          label={t("communication.consent_source")}
          hint={t("communication.consent_source_hint")}
          errors={errors}
          values={values}
          t={t}
        />
        <div class="actions">
          <Button>{t("common.save")}</Button>
        </div>
      </Form>
    </Layout>
  );
}

export function SubscriberPage({ ctx, view, canWrite }: { ctx: PageContext; view: SubscriberView; canWrite: boolean }) {
  const { t, lang } = ctx;
  const { subscriber } = view;
  return (
    <Layout ctx={ctx} title={subscriber.email}>
      <h1>{subscriber.email}</h1>
      <CommunicationNav ctx={ctx} current="subscribers" />
      <dl class="facts">
        <dt>{t("communication.name")}</dt>
        <dd>{subscriber.name ?? "–"}</dd>
        <dt>{t("communication.company")}</dt>
        <dd>{view.company ? <a href={`/foretag/${view.company.id}`}>{view.company.name}</a> : "–"}</dd>
        <dt>{t("communication.state")}</dt>
        <dd>
          {subscriber.blocked_at
            ? `${t(`communication.block.${subscriber.block_reason ?? "hard_bounce"}`)} ${formatDateTime(subscriber.blocked_at, lang)}`
            : subscriber.opted_out_at
              ? `${t("communication.opted_out")} ${formatDateTime(subscriber.opted_out_at, lang)}`
              : t("communication.active")}
        </dd>
      </dl>
      <DataTable
        caption={t("communication.subscriptions")}
        t={t}
        baseUrl={`/kommunikation/prenumeranter/${subscriber.id}`}
        empty={t("communication.subscriptions_none")}
        rows={view.subscriptions}
        columns={[
          { key: "list", label: t("communication.list"), cell: (row) => listName(row, lang) },
          { key: "status", label: t("communication.state"), cell: (row) => t(`communication.subscription.${row.status}`) },
          {
            key: "consent",
            label: t("communication.consent_given"),
            cell: (row) =>
              `${t(`communication.consent_method.${row.consent_method}`)}${row.consent_source ? ` (${row.consent_source})` : ""} ${formatDateTime(row.confirmed_at, lang)}`,
          },
          {
            key: "left",
            label: t("communication.left_at"),
            cell: (row) =>
              row.unsubscribed_at
                ? `${formatDateTime(row.unsubscribed_at, lang)} (${t(`communication.unsubscribe_method.${row.unsubscribe_method ?? "staff"}`)})`
                : "",
          },
        ]}
      />
      <DataTable
        caption={t("communication.bounces")}
        t={t}
        baseUrl={`/kommunikation/prenumeranter/${subscriber.id}`}
        empty={t("communication.bounces_none")}
        rows={view.bounces}
        columns={[
          { key: "at", label: t("communication.time"), cell: (row) => formatDateTime(row.created_at, lang) },
          { key: "kind", label: t("communication.bounce_kind"), cell: (row) => t(`communication.bounce.${row.kind as "hard" | "soft" | "complaint"}`) },
          { key: "detail", label: t("communication.detail"), cell: (row) => row.detail },
        ]}
      />
      {canWrite ? (
        <div class="actions">
          {subscriber.blocked_at ? (
            <Form action={`/kommunikation/prenumeranter/${subscriber.id}/avblockera`} csrfToken={ctx.csrfToken}>
              <Button variant="secondary">{t("communication.unblock")}</Button>
            </Form>
          ) : null}
          {subscriber.opted_out_at ? null : (
            <Form action={`/kommunikation/prenumeranter/${subscriber.id}/avsluta`} csrfToken={ctx.csrfToken}>
              <Button variant="danger">{t("communication.unsubscribe_all_staff")}</Button>
            </Form>
          )}
        </div>
      ) : null}
    </Layout>
  );
}

import { Layout } from "../../ui/components/layout/layout.js";
import { Button, DeleteForm, ErrorSummary, Form, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import { DataTable } from "../../ui/components/table/table.js";
import type { PageContext } from "../../ui/context.js";
import { formatDateTime } from "../../ui/format.js";
import type { RegionForSystem } from "../service.js";

export interface RegionForms {
  hosts?: { errors?: FieldErrors | undefined; values?: FormValues | undefined };
  account?: { errors?: FieldErrors | undefined; values?: FormValues | undefined };
  /** An account just added: its temporary password, shown this once. */
  added?: { name: string; password: string };
}

/** A region for the installation's administrator: its members, its own hosts, its accounts and its latest log. */
export function RegionPage({ ctx, view, forms = {} }: { ctx: PageContext; view: RegionForSystem; forms?: RegionForms }) {
  const { t, lang } = ctx;
  const { region } = view;
  const base = `/system/regioner/${region.id}`;
  const settings = forms.hosts?.values ?? { hosts: region.hosts.join(" "), contact_email: region.contact_email };
  return (
    <Layout ctx={ctx} title={region.name}>
      <p>
        <a href="/system/kommuner">{t("system.title")}</a>
      </p>
      <h1>{region.name}</h1>
      <p>{t("regions.intro")}</p>
      <h2>{t("regions.members")}</h2>
      <p>{t("regions.members_in_use", { inUse: view.members.filter((member) => member.inUse).length, total: view.members.length })}</p>
      <ul class="plain-list">
        {view.members.map((member) => (
          <li>{member.name}</li>
        ))}
      </ul>
      <section aria-labelledby="hosts-title">
        <h2 id="hosts-title">{t("regions.hosts")}</h2>
        <ErrorSummary errors={forms.hosts?.errors} t={t} />
        <Form action={base} csrfToken={ctx.csrfToken}>
          <TextField name="hosts" label={t("regions.hosts")} hint={t("regions.hosts_hint")} errors={forms.hosts?.errors} values={settings} t={t} />
          <TextField
            name="contact_email"
            type="email"
            label={t("regions.contact")}
            hint={t("regions.contact_hint")}
            errors={forms.hosts?.errors}
            values={settings}
            t={t}
          />
          <Button>{t("common.save")}</Button>
        </Form>
      </section>
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t("regions.accounts")}</h2>
        {forms.added ? (
          <div class="notice" role="status">
            {t("regions.temporary_password", forms.added)}
          </div>
        ) : null}
        <DataTable
          caption={t("regions.accounts")}
          baseUrl={base}
          t={t}
          empty={t("regions.no_accounts")}
          rows={view.accounts}
          columns={[
            { key: "name", label: t("account.name"), cell: (row) => row.name },
            { key: "email", label: t("account.email"), cell: (row) => row.email },
            { key: "status", label: t("regions.status"), cell: (row) => t(row.active ? "regions.active" : "regions.inactive") },
            {
              key: "actions",
              label: t("common.actions"),
              cell: (row) => (
                <>
                  <Form action={`${base}/konton/${row.id}/aktiv`} csrfToken={ctx.csrfToken}>
                    <Button variant="secondary">{t(row.active ? "regions.deactivate" : "regions.activate", { name: row.name })}</Button>
                  </Form>
                  <a href={`${base}/konton/${row.id}/utdrag`}>{t("regions.extract", { name: row.name })}</a>
                  <DeleteForm action={`${base}/konton/${row.id}/radera`} csrfToken={ctx.csrfToken} label={t("regions.erase", { name: row.name })} />
                </>
              ),
            },
          ]}
        />
        <h3>{t("regions.add_account")}</h3>
        <ErrorSummary errors={forms.account?.errors} t={t} />
        <Form action={`${base}/konton`} csrfToken={ctx.csrfToken}>
          <TextField name="name" label={t("account.name")} errors={forms.account?.errors} values={forms.account?.values} t={t} />
          <TextField name="email" label={t("account.email")} type="email" errors={forms.account?.errors} values={forms.account?.values} t={t} />
          <Button>{t("regions.add_button")}</Button>
        </Form>
      </section>
      <section aria-labelledby="log-title">
        <h2 id="log-title">{t("regions.log")}</h2>
        <DataTable
          caption={t("regions.log")}
          baseUrl={base}
          t={t}
          empty={t("regions.no_events")}
          rows={view.events}
          columns={[
            { key: "at", label: t("regions.when"), cell: (row) => formatDateTime(row.at, lang) },
            { key: "who", label: t("regions.who"), cell: (row) => row.actor_label },
            { key: "what", label: t("regions.what"), cell: (row) => row.action },
          ]}
        />
      </section>
    </Layout>
  );
}

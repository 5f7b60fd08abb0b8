import { Layout } from "../../ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import { DataTable } from "../../ui/components/table/table.js";
import type { PageContext } from "../../ui/context.js";
import { formatDateTime } from "../../ui/format.js";
import type { TokenRow } from "../service.js";
import { tokenStatus } from "../presenter.js";
import type { MessageKey } from "../../ui/i18n.js";

interface AccountProps {
  ctx: PageContext;
  units: string[];
  tokens: TokenRow[];
  newToken?: string | undefined;
  tokenErrors?: FieldErrors | undefined;
  tokenValues?: FormValues | undefined;
}

export function AccountPage({ ctx, units, tokens, newToken, tokenErrors, tokenValues }: AccountProps) {
  const { t } = ctx;
  const actor = ctx.actor;
  if (actor?.kind !== "user") {
    return null;
  }
  return (
    <Layout ctx={ctx} title={t("account.title")}>
      <h1>{t("account.title")}</h1>
      <h2>{t("account.details")}</h2>
      <dl>
        <dt>{t("account.name")}</dt>
        <dd>{actor.name}</dd>
        <dt>{t("account.email")}</dt>
        <dd>{actor.email}</dd>
        <dt>{t("account.roles")}</dt>
        <dd>{actor.roles.map((role) => t(`role.${role}` as MessageKey)).join(", ")}</dd>
        {units.length > 0 ? (
          <>
            <dt>{t("account.units")}</dt>
            <dd>{units.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href="/konto/losenord">{t("account.password")}</a> · <a href="/konto/export">{t("account.export")}</a>
      </p>
      <h2 id="nycklar">{t("tokens.title")}</h2>
      <p>{t("tokens.intro", { municipality: ctx.municipalityName ?? "" })}</p>
      {newToken ? (
        <div class="notice" role="status">
          <p>{t("tokens.created")}</p>
          <p class="secret">
            <code>{newToken}</code>
          </p>
        </div>
      ) : null}
      <DataTable
        caption={t("tokens.title")}
        t={t}
        baseUrl="/konto"
        empty={t("tokens.none")}
        rows={tokens}
        columns={[
          { key: "name", label: t("tokens.name"), cell: (token) => token.name },
          { key: "prefix", label: t("tokens.prefix"), cell: (token) => <code>lotsen_{token.prefix}_…</code> },
          { key: "created", label: t("tokens.created_at"), cell: (token) => formatDateTime(token.created_at, ctx.lang) },
          { key: "expires", label: t("tokens.expires_at"), cell: (token) => formatDateTime(token.expires_at, ctx.lang) },
          { key: "used", label: t("tokens.last_used"), cell: (token) => formatDateTime(token.last_used_at, ctx.lang) },
          { key: "status", label: t("tokens.status"), cell: (token) => t(`tokens.${tokenStatus(token)}`) },
          {
            key: "actions",
            label: t("common.actions"),
            cell: (token) =>
              tokenStatus(token) === "active" ? (
                <Form action={`/konto/nycklar/${token.id}/aterkalla`} csrfToken={ctx.csrfToken} class="inline-form">
                  <Button variant="secondary">{t("tokens.revoke", { name: token.name })}</Button>
                </Form>
              ) : null,
          },
        ]}
      />
      <h3>{t("tokens.create")}</h3>
      <ErrorSummary errors={tokenErrors} t={t} />
      <Form action="/konto/nycklar" csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("tokens.name")} hint={t("tokens.name_hint")} errors={tokenErrors} values={tokenValues} t={t} />
        <TextField name="days" type="number" label={t("tokens.days")} errors={tokenErrors} values={tokenValues ?? { days: "90" }} t={t} />
        <div class="actions">
          <Button>{t("tokens.create")}</Button>
        </div>
      </Form>
    </Layout>
  );
}

export function PasswordPage({ ctx, errors, mustChange }: { ctx: PageContext; errors?: FieldErrors; mustChange: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("account.password")}>
      <h1>{t("account.password")}</h1>
      {mustChange ? <p class="lead">{t("account.must_change")}</p> : null}
      <ErrorSummary errors={errors} t={t} />
      <Form action="/konto/losenord" csrfToken={ctx.csrfToken}>
        <input type="hidden" name="username" value={ctx.actor?.kind === "user" ? ctx.actor.email : ""} autocomplete="username" />
        <TextField name="current_password" type="password" label={t("account.current_password")} autocomplete="current-password" errors={errors} t={t} />
        <TextField
          name="new_password"
          type="password"
          label={t("account.new_password")}
          hint={t("account.new_password_hint")}
          autocomplete="new-password"
          errors={errors}
          t={t}
        />
        <TextField name="confirm_password" type="password" label={t("account.confirm_password")} autocomplete="new-password" errors={errors} t={t} />
        <div class="actions">
          <Button>{t("common.save")}</Button>
        </div>
      </Form>
    </Layout>
  );
}

import { roles } from "../../auth/roles.js";
import { Layout } from "../../ui/components/layout/layout.js";
import { Button, Checkbox, ErrorSummary, Form, TextArea, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import type { PageContext } from "../../ui/context.js";
import type { SsoSettingsView } from "../settings.js";

/** The administrator's single sign-on settings, with the addresses to register at the provider. */
export function SsoSettingsPage({
  ctx,
  settings,
  addresses,
  errors,
  values,
  roleMapLine,
}: {
  ctx: PageContext;
  settings: SsoSettingsView;
  addresses: { redirect: string; afterLogout: string };
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
  roleMapLine?: number | undefined;
}) {
  const { t } = ctx;
  const current: FormValues = values ?? {
    issuer: settings.issuer,
    client_id: settings.client_id,
    scopes: settings.scopes,
    roles_claim: settings.roles_claim,
    role_map: settings.role_map,
  };
  const checked = (name: "enabled" | "passwords_off") => (values ? values[name] === "on" : settings[name]);
  const roleList = roles
    .filter((role) => role !== "system_admin")
    .map((role) => `${role} (${t(`role.${role}`)})`)
    .join(", ");
  return (
    <Layout ctx={ctx} title={t("sso.title")}>
      <h1>{t("sso.title")}</h1>
      <ErrorSummary errors={errors} t={t} />
      <p>{t("sso.intro")}</p>
      <h2>{t("sso.register_heading")}</h2>
      <dl class="facts">
        <dt>{t("sso.redirect_uri")}</dt>
        <dd>
          <code>{addresses.redirect}</code>
        </dd>
        <dt>{t("sso.logout_uri")}</dt>
        <dd>
          <code>{addresses.afterLogout}</code>
        </dd>
      </dl>
      <Form action="/admin/inloggning" csrfToken={ctx.csrfToken}>
        <Checkbox name="enabled" label={t("sso.enabled")} checked={checked("enabled")} errors={errors} t={t} />
        <TextField name="issuer" type="url" label={t("sso.issuer")} hint={t("sso.issuer_hint")} errors={errors} values={current} t={t} />
        <TextField name="client_id" label={t("sso.client_id")} errors={errors} values={current} t={t} />
        <TextField
          name="client_secret"
          type="password"
          label={t("sso.client_secret")}
          hint={`${settings.has_secret ? `${t("sso.client_secret_kept")} ` : ""}${t("sso.client_secret_hint")}`}
          autocomplete="off"
          optional
          errors={errors}
          t={t}
        />
        <TextField name="scopes" label={t("sso.scopes")} hint={t("sso.scopes_hint")} errors={errors} values={current} t={t} />
        <TextField name="roles_claim" label={t("sso.roles_claim")} hint={t("sso.roles_claim_hint")} errors={errors} values={current} t={t} />
        <TextArea
          name="role_map"
          label={t("sso.role_map")}
          hint={`${t("sso.role_map_hint", { roles: roleList })}${roleMapLine ? ` ${t("sso.role_map_line", { line: roleMapLine })}` : ""}`}
          rows={6}
          optional
          errors={errors}
          values={current}
          t={t}
        />
        <Checkbox
          name="passwords_off"
          label={t("sso.passwords_off")}
          hint={t("sso.passwords_off_hint")}
          checked={checked("passwords_off")}
          errors={errors}
          t={t}
        />
        <div class="actions">
          <Button>{t("common.save")}</Button>
        </div>
      </Form>
    </Layout>
  );
}

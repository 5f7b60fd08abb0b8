import { Layout } from "../../ui/components/layout/layout.js";
import { Button, CheckboxGroup, Checkbox, ErrorSummary, Form, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import { DataTable, sortRows, type SortState } from "../../ui/components/table/table.js";
import type { PageContext } from "../../ui/context.js";
import type { MessageKey } from "../../ui/i18n.js";
import { roles } from "../roles.js";
import type { UserWithUnits } from "../service.js";

const roleLabel = (role: string) => `role.${role}` as MessageKey;

export function UsersPage({ ctx, users, sort }: { ctx: PageContext; users: UserWithUnits[]; sort?: SortState | undefined }) {
  const { t } = ctx;
  const rows = sortRows(users, sort ?? { key: "name", direction: "asc" }, (user, key) =>
    key === "email" ? user.email : key === "status" ? String(user.active) : user.name,
  );
  return (
    <Layout ctx={ctx} title={t("users.title")}>
      <h1>{t("users.title")}</h1>
      <p>
        <a href="/admin/konton/ny" class="button button-primary">
          {t("users.new")}
        </a>
      </p>
      <DataTable
        caption={t("users.title")}
        t={t}
        baseUrl="/admin/konton"
        sort={sort ?? { key: "name", direction: "asc" }}
        empty=""
        rows={rows}
        columns={[
          {
            key: "name",
            label: t("users.name"),
            sortable: true,
            cell: (user) => (
              <>
                <a href={`/admin/konton/${user.id}`}>{user.name}</a> {user.demo ? <span class="badge">{t("common.demo")}</span> : null}
              </>
            ),
          },
          { key: "email", label: t("users.email"), sortable: true, cell: (user) => user.email },
          { key: "roles", label: t("users.roles"), cell: (user) => user.roles.map((role) => t(roleLabel(role))).join(", ") },
          { key: "status", label: t("users.status"), sortable: true, cell: (user) => (user.active ? t("tokens.active") : t("users.inactive")) },
        ]}
      />
    </Layout>
  );
}

interface UserFormProps {
  ctx: PageContext;
  user?: UserWithUnits | undefined;
  units: ReadonlyArray<{ id: string; name: string; depth: number }>;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
  passwordErrors?: FieldErrors | undefined;
  temporaryPassword?: string | undefined;
}

export function UserFormPage({ ctx, user, units, errors, values, passwordErrors, temporaryPassword }: UserFormProps) {
  const { t } = ctx;
  const title = user ? t("users.edit") : t("users.new");
  const current: FormValues =
    values ?? (user ? { name: user.name, email: user.email, roles: user.roles, unit_ids: user.unit_ids, active: user.active } : { active: true });
  const activeChecked = values ? values.active === "on" || values.active === true : user ? user.active : true;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{user ? `${title}: ${user.name}` : title}</h1>
      {temporaryPassword ? (
        <div class="notice" role="status">
          <p>{t("users.created_temp", { password: "" })}</p>
          <p class="secret">
            <code>{temporaryPassword}</code>
          </p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} t={t} />
      <Form action={user ? `/admin/konton/${user.id}` : "/admin/konton/ny"} csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("users.name")} autocomplete="off" errors={errors} values={current} t={t} />
        <TextField name="email" type="email" label={t("users.email")} autocomplete="off" errors={errors} values={current} t={t} />
        <CheckboxGroup
          name="roles"
          label={t("users.roles")}
          choices={roles.map((role) => ({ value: role, label: t(roleLabel(role)) }))}
          errors={errors}
          values={current}
          t={t}
        />
        {units.length > 0 ? (
          <CheckboxGroup
            name="unit_ids"
            label={t("users.units")}
            optional
            choices={units.map((unit) => ({ value: unit.id, label: `${"– ".repeat(unit.depth)}${unit.name}` }))}
            errors={errors}
            values={current}
            t={t}
          />
        ) : null}
        <Checkbox name="active" label={t("users.active")} hint={t("users.active_hint")} checked={activeChecked} errors={errors} t={t} />
        <div class="actions">
          <Button>{user ? t("common.save") : t("common.create")}</Button>
          <a href="/admin/konton">{t("common.cancel")}</a>
        </div>
      </Form>
      {user ? (
        <section aria-labelledby="temp-password">
          <h2 id="temp-password">{t("users.temp_password")}</h2>
          <ErrorSummary errors={passwordErrors} t={t} />
          <Form action={`/admin/konton/${user.id}/losenord`} csrfToken={ctx.csrfToken}>
            <TextField
              name="password"
              type="password"
              label={t("users.password")}
              hint={t("users.temp_password_hint")}
              autocomplete="new-password"
              errors={passwordErrors}
              t={t}
            />
            <div class="actions">
              <Button variant="secondary">{t("users.temp_password")}</Button>
            </div>
          </Form>
          <p>
            <a href={`/admin/logg?record_type=user&record_id=${user.id}`}>{t("nav.audit")}</a>
          </p>
        </section>
      ) : null}
      {user?.totp_enabled_at ? (
        <section aria-labelledby="second-factor">
          <h2 id="second-factor">{t("second_factor.title")}</h2>
          <Form action={`/admin/konton/${user.id}/tvastegs`} csrfToken={ctx.csrfToken}>
            <div class="actions">
              <Button variant="secondary">{t("second_factor.reset")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
      {user ? (
        <section aria-labelledby="erase">
          <h2 id="erase">{t("users.erase")}</h2>
          <p>{t("users.erase_hint")}</p>
          <Form action={`/admin/konton/${user.id}/radera`} csrfToken={ctx.csrfToken}>
            <div class="actions">
              <Button variant="danger">{t("users.erase")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

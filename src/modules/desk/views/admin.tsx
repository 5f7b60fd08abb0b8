import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  RadioGroup,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { MessageKey, Translate } from "../../../platform/ui/i18n.js";
import { weekdays } from "../schemas.js";
import type { Category, DeskSettingsView, SlaPolicy } from "../settings-service.js";
import { statutoryKinds } from "../tables.js";
import { formatDuration } from "./parts.js";

interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

function AdminNav({ t }: { t: Translate }) {
  return (
    <nav aria-label={t("desk.settings_title")}>
      <ul class="actions">
        <li>
          <a href="/admin/foretagslots">{t("desk.calendar_title")}</a>
        </li>
        <li>
          <a href="/admin/foretagslots/kategorier">{t("desk.categories_title")}</a>
        </li>
        <li>
          <a href="/admin/foretagslots/tidsmal">{t("desk.policies_title")}</a>
        </li>
      </ul>
    </nav>
  );
}

/** Opening hours per weekday, extra closed days, the warning share and the consent text. */
export function CalendarPage({ ctx, settings, errors, values }: FormPage & { settings: DeskSettingsView }) {
  const { t } = ctx;
  const current: FormValues = values ?? {
    ...Object.fromEntries(
      weekdays.flatMap((day, index) => [
        [`${day}_open`, settings.hours[index]?.opens ?? ""],
        [`${day}_close`, settings.hours[index]?.closes ?? ""],
      ]),
    ),
    closed_days: settings.closedDays.join("\n"),
    warn_percent: String(Math.round(settings.warnShare * 100)),
    retention_months: String(settings.retentionMonths),
    consent_text_sv: settings.consent.sv,
    consent_text_en: settings.consent.en,
  };
  return (
    <Layout ctx={ctx} title={t("desk.calendar_title")}>
      <h1>{t("desk.calendar_title")}</h1>
      <AdminNav t={t} />
      <p>{t("desk.calendar_intro")}</p>
      <ErrorSummary errors={errors} t={t} />
      <Form action="/admin/foretagslots" csrfToken={ctx.csrfToken}>
        {weekdays.map((day) => (
          <fieldset>
            <legend>{t(`desk.weekday.${day}` as MessageKey)}</legend>
            <TextField name={`${day}_open`} label={t("desk.opens")} hint={t("desk.hours_hint")} errors={errors} values={current} t={t} optional />
            <TextField name={`${day}_close`} label={t("desk.closes")} errors={errors} values={current} t={t} optional />
          </fieldset>
        ))}
        <TextArea name="closed_days" label={t("desk.closed_days")} hint={t("desk.closed_days_hint")} rows={4} errors={errors} values={current} t={t} optional />
        <TextField
          name="warn_percent"
          label={t("desk.warn_percent")}
          hint={t("desk.warn_percent_hint")}
          errors={errors}
          values={current}
          t={t}
          inputmode="numeric"
        />
        <TextField
          name="retention_months"
          label={t("desk.retention_months")}
          hint={t("desk.retention_months_hint")}
          errors={errors}
          values={current}
          t={t}
          inputmode="numeric"
        />
        <TextArea name="consent_text_sv" label={t("desk.consent_sv")} errors={errors} values={current} t={t} />
        <TextArea name="consent_text_en" label={t("desk.consent_en")} errors={errors} values={current} t={t} />
        <Button>{t("common.save")}</Button>
      </Form>
    </Layout>
  );
}

const target = (policy: SlaPolicy, value: number | null, t: Translate) =>
  value === null ? "–" : policy.target_unit === "days" ? t("desk.business_days", { count: value }) : formatDuration(value, t);

export function PoliciesPage({ ctx, policies }: { ctx: PageContext; policies: SlaPolicy[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("desk.policies_title")}>
      <h1>{t("desk.policies_title")}</h1>
      <AdminNav t={t} />
      <p>{t("desk.policies_intro")}</p>
      <p>
        <a href="/admin/foretagslots/tidsmal/ny">{t("desk.policy_new")}</a>
      </p>
      <DataTable
        caption={t("desk.policies_title")}
        t={t}
        baseUrl="/admin/foretagslots/tidsmal"
        empty={t("desk.policies_empty")}
        rows={policies}
        columns={[
          { key: "name", label: t("desk.policy_name"), cell: (policy) => <a href={`/admin/foretagslots/tidsmal/${policy.id}`}>{policy.name}</a> },
          { key: "first", label: t("desk.first_response"), cell: (policy) => target(policy, policy.first_response_target, t) },
          { key: "update", label: t("desk.update_interval"), cell: (policy) => target(policy, policy.update_target, t) },
          { key: "resolution", label: t("desk.resolution"), cell: (policy) => target(policy, policy.resolution_target, t) },
        ]}
      />
    </Layout>
  );
}

export function PolicyFormPage({ ctx, policy, errors, values }: FormPage & { policy: SlaPolicy | null }) {
  const { t } = ctx;
  const shown = (value: number | null) =>
    value === null || !policy ? "" : policy.target_unit === "days" ? String(value) : String(Math.round((value / 60) * 100) / 100).replace(".", ",");
  const current: FormValues =
    values ??
    (policy
      ? {
          name: policy.name,
          target_unit: policy.target_unit === "days" ? "days" : "hours",
          first_response: shown(policy.first_response_target),
          update: shown(policy.update_target),
          resolution: shown(policy.resolution_target),
        }
      : { target_unit: "hours" });
  const title = policy ? policy.name : t("desk.policy_new");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <AdminNav t={t} />
      <ErrorSummary errors={errors} t={t} />
      <Form action={policy ? `/admin/foretagslots/tidsmal/${policy.id}` : "/admin/foretagslots/tidsmal/ny"} csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("desk.policy_name")} errors={errors} values={current} t={t} />
        <RadioGroup
          name="target_unit"
          label={t("desk.target_unit")}
          choices={[
            { value: "hours", label: t("desk.target_hours") },
            { value: "days", label: t("desk.target_days") },
          ]}
          errors={errors}
          values={current}
          t={t}
        />
        <TextField name="first_response" label={t("desk.first_response")} hint={t("desk.target_hint")} errors={errors} values={current} t={t} optional />
        <TextField name="update" label={t("desk.update_interval")} hint={t("desk.update_hint")} errors={errors} values={current} t={t} optional />
        <TextField name="resolution" label={t("desk.resolution")} errors={errors} values={current} t={t} optional />
        <Button>{policy ? t("common.save") : t("common.create")}</Button>
      </Form>
    </Layout>
  );
}

export function CategoriesPage({ ctx, categories }: { ctx: PageContext; categories: Category[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("desk.categories_title")}>
      <h1>{t("desk.categories_title")}</h1>
      <AdminNav t={t} />
      <p>{t("desk.categories_intro")}</p>
      <p>
        <a href="/admin/foretagslots/kategorier/ny">{t("desk.category_new")}</a>
      </p>
      <DataTable
        caption={t("desk.categories_title")}
        t={t}
        baseUrl="/admin/foretagslots/kategorier"
        empty={t("desk.categories_empty")}
        rows={categories}
        columns={[
          { key: "name", label: t("desk.category"), cell: (category) => <a href={`/admin/foretagslots/kategorier/${category.id}`}>{category.name_sv}</a> },
          { key: "unit", label: t("desk.default_unit"), cell: (category) => category.unit_name },
          { key: "policy", label: t("desk.policy"), cell: (category) => category.policy_name },
          {
            key: "statutory",
            label: t("desk.statutory_clock"),
            cell: (category) => (category.statutory ? t(`desk.statutory.${category.statutory}` as MessageKey) : "–"),
          },
          { key: "active", label: t("desk.active"), cell: (category) => (category.active ? t("desk.yes") : t("desk.no")) },
        ]}
      />
    </Layout>
  );
}

export function CategoryFormPage({
  ctx,
  category,
  choices,
  errors,
  values,
}: FormPage & { category: Category | null; choices: { units: Array<{ id: string; name: string }>; policies: SlaPolicy[] } }) {
  const { t } = ctx;
  const current: FormValues =
    values ??
    (category
      ? {
          ...category,
          position: String(category.position),
          active: category.active ? "on" : "",
          urgent_policy_id: category.urgent_policy_id ?? "",
          statutory: category.statutory ?? "",
        }
      : { position: "0", active: "on" });
  const title = category ? category.name_sv : t("desk.category_new");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <AdminNav t={t} />
      <ErrorSummary errors={errors} t={t} />
      <Form action={category ? `/admin/foretagslots/kategorier/${category.id}` : "/admin/foretagslots/kategorier/ny"} csrfToken={ctx.csrfToken}>
        <TextField name="name_sv" label={t("desk.name_sv")} errors={errors} values={current} t={t} />
        <TextField name="name_en" label={t("desk.name_en")} errors={errors} values={current} t={t} />
        <Select
          name="default_unit_id"
          label={t("desk.default_unit")}
          hint={t("desk.default_unit_hint")}
          blank={t("desk.choose")}
          choices={choices.units.map((unit) => ({ value: unit.id, label: unit.name }))}
          errors={errors}
          values={current}
          t={t}
        />
        <Select
          name="sla_policy_id"
          label={t("desk.policy")}
          blank={t("desk.choose")}
          choices={choices.policies.map((policy) => ({ value: policy.id, label: policy.name }))}
          errors={errors}
          values={current}
          t={t}
        />
        <Select
          name="urgent_policy_id"
          label={t("desk.urgent_policy")}
          hint={t("desk.urgent_policy_hint")}
          blank={t("desk.none")}
          choices={choices.policies.map((policy) => ({ value: policy.id, label: policy.name }))}
          errors={errors}
          values={current}
          t={t}
          optional
        />
        <Select
          name="statutory"
          label={t("desk.statutory_clock")}
          hint={t("desk.statutory_clock_hint")}
          blank={t("desk.none")}
          choices={statutoryKinds.map((kind) => ({ value: kind, label: t(`desk.statutory.${kind}` as MessageKey) }))}
          errors={errors}
          values={current}
          t={t}
          optional
        />
        <TextField name="position" label={t("desk.position")} hint={t("desk.position_hint")} errors={errors} values={current} t={t} inputmode="numeric" />
        <Checkbox name="active" label={t("desk.active_label")} checked={current.active === "on" || current.active === true} errors={errors} t={t} />
        <Button>{category ? t("common.save") : t("common.create")}</Button>
      </Form>
    </Layout>
  );
}

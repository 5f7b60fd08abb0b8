import { Layout } from "../../ui/components/layout/layout.js";
import { Button, Checkbox, ErrorSummary, Form, Select, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import { DataTable } from "../../ui/components/table/table.js";
import type { PageContext } from "../../ui/context.js";
import type { InstallationOverview, Municipality } from "../installation-service.js";

interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** Every municipality of the installation, and the form that adds one from SCB's codes. */
export function MunicipalitiesPage({ ctx, overview, errors, values }: FormPage & { overview: InstallationOverview }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("system.title")}>
      <h1>{t("system.title")}</h1>
      <p>{t("system.intro")}</p>
      <DataTable
        caption={t("system.title")}
        t={t}
        baseUrl="/system/kommuner"
        empty={t("system.none")}
        rows={overview.municipalities}
        columns={[
          { key: "name", label: t("system.name"), cell: (row) => <a href={`/system/kommuner/${row.id}`}>{row.name}</a> },
          { key: "kommunkod", label: t("system.kommunkod"), cell: (row) => row.kommunkod },
          { key: "hosts", label: t("settings.hosts"), cell: (row) => row.hosts.join(", ") || "–" },
          { key: "region", label: t("system.region"), cell: (row) => row.region ?? "–" },
          { key: "mail", label: t("system.mail"), cell: (row) => (row.smtp_url_sealed ? t("system.mail_own") : t("system.mail_installation")) },
        ]}
      />
      <section aria-labelledby="regions-title">
        <h2 id="regions-title">{t("regions.title")}</h2>
        <ul class="plain-list">
          {overview.regions.map((region) => (
            <li>
              <a href={`/system/regioner/${region.id}`}>{region.name}</a> {region.hosts.length > 0 ? `(${region.hosts.join(", ")})` : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="add-title">
        <h2 id="add-title">{t("system.add")}</h2>
        <ErrorSummary errors={errors} t={t} />
        <Form action="/system/kommuner" csrfToken={ctx.csrfToken}>
          <Select
            name="kommunkod"
            label={t("system.kommun")}
            blank={t("system.choose_kommun")}
            choices={overview.addable.map((kommun) => ({ value: kommun.kommunkod, label: `${kommun.name} (${kommun.kommunkod})` }))}
            errors={errors}
            values={values}
            t={t}
          />
          <TextField name="hosts" label={t("settings.hosts")} hint={t("settings.hosts_hint")} optional errors={errors} values={values} t={t} />
          <Select
            name="region_id"
            label={t("system.region")}
            blank={t("system.no_region")}
            choices={overview.regions.map((region) => ({ value: region.id, label: region.name }))}
            errors={errors}
            values={values}
            t={t}
            optional
          />
          <div class="actions">
            <Button>{t("system.add_button")}</Button>
          </div>
        </Form>
      </section>
    </Layout>
  );
}

/** One municipality's own: hosts, sender, SMTP server (never shown again once saved), colour. */
export function MunicipalityPage({ ctx, municipality, errors, values }: FormPage & { municipality: Municipality }) {
  const { t } = ctx;
  const current: FormValues = values ?? {
    hosts: municipality.hosts.join(" "),
    mail_from: municipality.mail_from,
    brand_colour: municipality.brand_colour,
  };
  return (
    <Layout ctx={ctx} title={municipality.name}>
      <p>
        <a href="/system/kommuner">{t("system.title")}</a>
      </p>
      <h1>
        {municipality.name} ({municipality.kommunkod})
      </h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action={`/system/kommuner/${municipality.id}`} csrfToken={ctx.csrfToken}>
        <TextField name="hosts" label={t("settings.hosts")} hint={t("settings.hosts_hint")} errors={errors} values={current} t={t} />
        <TextField name="mail_from" label={t("system.mail_from")} hint={t("system.mail_from_hint")} optional errors={errors} values={current} t={t} />
        <TextField
          name="smtp_url"
          label={t("system.smtp_url")}
          hint={municipality.smtp_url_sealed ? t("system.smtp_url_kept") : t("system.smtp_url_hint")}
          optional
          autocomplete="off"
          errors={errors}
          values={{}}
          t={t}
        />
        {municipality.smtp_url_sealed ? (
          <Checkbox name="smtp_reset" label={t("system.smtp_reset")} checked={current.smtp_reset === "on"} errors={errors} values={current} t={t} />
        ) : null}
        <TextField
          name="brand_colour"
          label={t("settings.brand_colour")}
          hint={t("settings.brand_colour_hint")}
          optional
          errors={errors}
          values={current}
          t={t}
        />
        <div class="actions">
          <Button>{t("common.save")}</Button>
          <a href="/system/kommuner">{t("common.cancel")}</a>
        </div>
      </Form>
    </Layout>
  );
}

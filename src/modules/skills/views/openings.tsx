import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, CheckboxGroup, DeleteForm, ErrorSummary, Form, Select, TextArea, TextField } from "../../../platform/ui/components/form/form.js";
import { DataTable, Pagination } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import { occupationChoices } from "../occupations.js";
import type { IntroductionRow, Opening } from "../opening-service.js";
import { occupationLabel, placeName, skillFields } from "../presenter.js";
import { licenceCategories, openingKinds, openingStatuses, type OpeningStatus } from "../tables.js";
import { IntroductionsTable } from "./introductions.js";
import { Badge, SkillsNav, type FormPage } from "./parts.js";

const tones: Record<OpeningStatus, "ok" | "warning" | "danger" | "neutral"> = {
  unverified: "neutral",
  draft: "neutral",
  review: "warning",
  published: "ok",
  closed: "neutral",
};

export function OpeningStatusBadge({ ctx, status }: { ctx: PageContext; status: OpeningStatus }) {
  return <Badge tone={tones[status]}>{ctx.t(`skills.opening_status.${status}`)}</Badge>;
}

export function OpeningsPage({
  ctx,
  openings,
  status,
  page,
  hasNext,
  canWrite,
  seekers,
}: {
  ctx: PageContext;
  openings: Opening[];
  status: OpeningStatus | null;
  page: number;
  hasNext: boolean;
  canWrite: boolean;
  seekers: boolean;
}) {
  const { t, lang } = ctx;
  const baseUrl = status ? `/kompetens/annonser?status=${status}` : "/kompetens/annonser";
  return (
    <Layout ctx={ctx} title={t("skills.nav_openings")}>
      <h1>{t("skills.nav_openings")}</h1>
      <SkillsNav ctx={ctx} current="openings" seekers={seekers} />
      {canWrite ? (
        <p>
          <a class="button button-primary" href="/kompetens/annonser/ny">
            {t("skills.opening_new")}
          </a>
        </p>
      ) : null}
      <Form action="/kompetens/annonser" method="get" csrfToken={ctx.csrfToken} class="filters">
        <Select
          name="status"
          label={t("skills.status")}
          blank={t("skills.all_statuses")}
          choices={openingStatuses.map((value) => ({ value, label: t(`skills.opening_status.${value}`) }))}
          values={{ status: status ?? "" }}
          t={t}
        />
        <Button variant="secondary">{t("common.filter")}</Button>
      </Form>
      <DataTable
        caption={t("skills.nav_openings")}
        t={t}
        baseUrl={baseUrl}
        empty={t("skills.openings_none")}
        rows={openings}
        columns={[
          { key: "title", label: t("skills.title"), cell: (row) => <a href={`/kompetens/annonser/${row.id}`}>{row.title}</a> },
          { key: "employer", label: t("skills.employer"), cell: (row) => row.employer },
          { key: "kind", label: t("skills.kind"), cell: (row) => t(`skills.kind.${row.kind}`) },
          { key: "status", label: t("skills.status"), cell: (row) => <OpeningStatusBadge ctx={ctx} status={row.status} /> },
          { key: "places", label: t("skills.places_filled"), cell: (row) => `${row.filled} / ${row.places}` },
          { key: "apply_by", label: t("skills.apply_by"), cell: (row) => formatDate(row.apply_by, lang) },
        ]}
      />
      <Pagination baseUrl={baseUrl} page={page} hasMore={hasNext} t={t} />
    </Layout>
  );
}

export function openingFormValues(opening: Opening): Record<string, unknown> {
  return {
    ...opening,
    ...skillFields(opening.skills),
    languages: opening.languages.join(", "),
    workplace_municipality: placeName(opening.workplace_municipality) ?? "",
  };
}

/** The fields of an opening, as staff write it; a business posting it must say who it is and where to answer. */
export function OpeningFields({ ctx, errors, values, business = false }: FormPage & { values: Record<string, unknown>; business?: boolean }) {
  const { t } = ctx;
  const field = { errors, values, t };
  const asked = business ? {} : { optional: true };
  return (
    <>
      <Select name="kind" label={t("skills.kind")} choices={openingKinds.map((value) => ({ value, label: t(`skills.kind.${value}`) }))} {...field} />
      <TextField name="title" label={t("skills.title")} {...field} />
      <TextField name="employer" label={t("skills.employer")} {...field} />
      <TextField name="org_number" label={t("skills.org_number")} hint={t("skills.org_number_hint")} {...asked} {...field} />
      <Select name="occupation" label={t("skills.occupation")} blank={t("skills.choose_occupation")} choices={occupationChoices()} {...field} />
      <TextArea name="description" label={t("skills.description")} rows={8} {...field} />
      <TextArea name="must_skills" label={t("skills.must_skills")} hint={t("skills.must_skills_hint")} optional rows={4} {...field} />
      <TextArea name="wanted_skills" label={t("skills.wanted_skills")} hint={t("skills.wanted_skills_hint")} optional rows={4} {...field} />
      <TextField name="languages" label={t("skills.languages")} hint={t("skills.languages_hint")} optional {...field} />
      <CheckboxGroup name="licences" label={t("skills.licences")} optional choices={licenceCategories.map((value) => ({ value, label: value }))} {...field} />
      <TextField name="extent" type="number" inputmode="numeric" label={t("skills.extent")} {...field} />
      <TextField name="places" type="number" inputmode="numeric" label={t("skills.places")} {...field} />
      <TextField name="duration" label={t("skills.duration")} hint={t("skills.duration_hint")} optional {...field} />
      <TextField name="starts_on" type="date" label={t("skills.starts_on")} optional {...field} />
      <TextField name="apply_by" type="date" label={t("skills.apply_by")} optional {...field} />
      <TextField name="workplace_address" label={t("skills.workplace_address")} optional {...field} />
      <TextField name="workplace_municipality" label={t("skills.workplace_municipality")} hint={t("skills.municipality_hint")} optional {...field} />
      <fieldset>
        <legend>{t("skills.contact")}</legend>
        <TextField name="contact_name" label={t("skills.contact_name")} {...asked} {...field} />
        <TextField
          name="contact_email"
          type="email"
          label={t("skills.contact_email")}
          hint={business ? t("skills.contact_email_hint") : undefined}
          {...asked}
          {...field}
        />
        <TextField name="contact_phone" label={t("skills.contact_phone")} optional {...field} />
      </fieldset>
    </>
  );
}

export function OpeningPage({
  ctx,
  opening,
  introductions,
  canWrite,
  seekers,
  errors,
  values,
}: FormPage & { opening: Opening | null; introductions: IntroductionRow[]; canWrite: boolean; seekers: boolean }) {
  const { t } = ctx;
  const title = opening ? opening.title : t("skills.opening_new");
  const shown = values ?? (opening ? openingFormValues(opening) : { kind: "job", extent: "100", places: "1" });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <SkillsNav ctx={ctx} current="openings" seekers={seekers} />
      {opening ? <OpeningSummary ctx={ctx} opening={opening} canWrite={canWrite} seekers={seekers} /> : null}
      {opening && seekers ? <IntroductionsTable ctx={ctx} rows={introductions} of="opening" /> : null}
      {canWrite ? (
        <>
          <h2>{opening ? t("skills.opening_edit") : t("skills.opening_details")}</h2>
          <ErrorSummary errors={errors} t={t} />
          <Form action={opening ? `/kompetens/annonser/${opening.id}` : "/kompetens/annonser/ny"} csrfToken={ctx.csrfToken}>
            <OpeningFields ctx={ctx} errors={errors} values={shown} />
            <div class="actions">
              <Button>{t("common.save")}</Button>
            </div>
          </Form>
          {opening ? <DeleteForm action={`/kompetens/annonser/${opening.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} /> : null}
        </>
      ) : null}
    </Layout>
  );
}

function OpeningSummary({ ctx, opening, canWrite, seekers }: { ctx: PageContext; opening: Opening; canWrite: boolean; seekers: boolean }) {
  const { t, lang } = ctx;
  return (
    <>
      <dl class="facts">
        <dt>{t("skills.status")}</dt>
        <dd>
          <OpeningStatusBadge ctx={ctx} status={opening.status} />
        </dd>
        <dt>{t("skills.occupation")}</dt>
        <dd lang="sv">{occupationLabel(opening.occupation)}</dd>
        <dt>{t("skills.places_filled")}</dt>
        <dd>{`${opening.filled} / ${opening.places}`}</dd>
        <dt>{t("skills.apply_by")}</dt>
        <dd>{formatDate(opening.apply_by, lang)}</dd>
      </dl>
      <ul class="inline-list actions">
        {seekers ? (
          <li>
            <a class="button button-primary" href={`/kompetens/annonser/${opening.id}/matchning`}>
              {t("skills.shortlist")}
            </a>
          </li>
        ) : null}
        {opening.status === "published" || opening.status === "closed" ? (
          <li>
            <a href={`/jobb/${opening.id}`}>{t("skills.view_public")}</a>
          </li>
        ) : null}
        {canWrite && opening.status !== "published" && opening.status !== "unverified" ? (
          <li>
            <Form action={`/kompetens/annonser/${opening.id}/publicera`} csrfToken={ctx.csrfToken}>
              <Button variant="secondary">{t("skills.publish")}</Button>
            </Form>
          </li>
        ) : null}
        {canWrite && opening.status === "published" ? (
          <li>
            <Form action={`/kompetens/annonser/${opening.id}/stang`} csrfToken={ctx.csrfToken}>
              <Button variant="secondary">{t("skills.close")}</Button>
            </Form>
          </li>
        ) : null}
      </ul>
    </>
  );
}

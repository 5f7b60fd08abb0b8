import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  Button,
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  Form,
  RadioGroup,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
} from "../../../platform/ui/components/form/form.js";
import { DataTable, Pagination } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import { occupationLabel, placeName, shownPersonalNumber } from "../presenter.js";
import type { Seeker, SeekerDetail, SeekerSummary } from "../seeker-service.js";
import { licenceCategories, seekerBases, seekerStatuses, type SeekerStatus } from "../tables.js";
import { IntroductionsTable } from "./introductions.js";
import { joined, SkillsNav, type FormPage } from "./parts.js";

type Officer = { id: string; name: string };

export function SeekersPage({
  ctx,
  seekers,
  officers,
  filter,
  page,
  hasNext,
}: {
  ctx: PageContext;
  seekers: SeekerSummary[];
  officers: Officer[];
  filter: { status: SeekerStatus | null; mine: boolean };
  page: number;
  hasNext: boolean;
}) {
  const { t, lang } = ctx;
  const params = new URLSearchParams({ ...(filter.status ? { status: filter.status } : {}), ...(filter.mine ? { mine: "on" } : {}) }).toString();
  const baseUrl = params ? `/kompetens/arbetssokande?${params}` : "/kompetens/arbetssokande";
  const officerName = (id: string | null) => officers.find((officer) => officer.id === id)?.name ?? "–";
  return (
    <Layout ctx={ctx} title={t("skills.nav_seekers")}>
      <h1>{t("skills.nav_seekers")}</h1>
      <SkillsNav ctx={ctx} current="seekers" seekers />
      <p>
        <a class="button button-primary" href="/kompetens/arbetssokande/ny">
          {t("skills.seeker_new")}
        </a>
      </p>
      <Form action="/kompetens/arbetssokande" method="get" csrfToken={ctx.csrfToken} class="filters">
        <Select
          name="status"
          label={t("skills.status")}
          blank={t("skills.all_statuses")}
          choices={seekerStatuses.map((value) => ({ value, label: t(`skills.seeker_status.${value}`) }))}
          values={{ status: filter.status ?? "" }}
          t={t}
        />
        <Checkbox name="mine" label={t("skills.mine")} checked={filter.mine} t={t} />
        <Button variant="secondary">{t("common.filter")}</Button>
      </Form>
      <DataTable
        caption={t("skills.nav_seekers")}
        t={t}
        baseUrl={baseUrl}
        empty={t("skills.seekers_none")}
        rows={seekers}
        columns={[
          { key: "name", label: t("skills.name"), cell: (row) => <a href={`/kompetens/arbetssokande/${row.id}`}>{row.name}</a> },
          { key: "status", label: t("skills.status"), cell: (row) => t(`skills.seeker_status.${row.status}`) },
          { key: "occupations", label: t("skills.occupations"), cell: (row) => joined(row.occupations) },
          { key: "available_from", label: t("skills.available_from"), cell: (row) => formatDate(row.available_from, lang) },
          { key: "officer", label: t("skills.officer"), cell: (row) => officerName(row.officer_id) },
        ]}
      />
      <Pagination baseUrl={baseUrl} page={page} hasMore={hasNext} t={t} />
    </Layout>
  );
}

export function SeekerPage({
  ctx,
  detail,
  failed,
}: {
  ctx: PageContext;
  detail: SeekerDetail;
  failed?: { id: string; errors: FieldErrors | undefined } | undefined;
}) {
  const { t, lang } = ctx;
  const { seeker } = detail;
  return (
    <Layout ctx={ctx} title={seeker.name}>
      <h1>{seeker.name}</h1>
      <SkillsNav ctx={ctx} current="seekers" seekers />
      <ul class="inline-list actions">
        <li>
          <a class="button button-primary" href={`/kompetens/arbetssokande/${seeker.id}/matchning`}>
            {t("skills.matching_openings")}
          </a>
        </li>
        <li>
          <a href={`/kompetens/arbetssokande/${seeker.id}/redigera`}>{t("skills.seeker_edit")}</a>
        </li>
      </ul>
      <dl class="facts">
        <dt>{t("skills.status")}</dt>
        <dd>{t(`skills.seeker_status.${seeker.status}`)}</dd>
        <dt>{t("skills.officer")}</dt>
        <dd>{detail.officer ?? "–"}</dd>
        <dt>{t("skills.personal_number")}</dt>
        <dd>{shownPersonalNumber(seeker.personal_number) ?? "–"}</dd>
        <dt>{t("skills.email")}</dt>
        <dd>{seeker.email ?? "–"}</dd>
        <dt>{t("skills.phone")}</dt>
        <dd>{seeker.phone ?? "–"}</dd>
        <dt>{t("skills.occupations")}</dt>
        <dd lang="sv">{joined(seeker.occupations.map(occupationLabel))}</dd>
        <dt>{t("skills.places_wanted")}</dt>
        <dd>{seeker.places.length === 0 ? t("skills.anywhere") : joined(seeker.places.map((code) => placeName(code)!))}</dd>
        <dt>{t("skills.skills")}</dt>
        <dd>{joined(seeker.skills)}</dd>
        <dt>{t("skills.languages")}</dt>
        <dd>{joined(seeker.languages)}</dd>
        <dt>{t("skills.licences")}</dt>
        <dd>{joined(seeker.licences)}</dd>
        <dt>{t("skills.extent_wanted")}</dt>
        <dd>{`${seeker.extent} %`}</dd>
        <dt>{t("skills.available_from")}</dt>
        <dd>{formatDate(seeker.available_from, lang)}</dd>
        <dt>{t("skills.support")}</dt>
        <dd>{seeker.support ?? "–"}</dd>
        <dt>{t("skills.lawful_basis")}</dt>
        <dd>{`${t(`skills.basis.${seeker.lawful_basis}`)}: ${seeker.basis_source}`}</dd>
      </dl>
      {seeker.notes ? (
        <>
          <h2>{t("skills.notes")}</h2>
          {seeker.notes.split("\n").map((line) => (
            <p>{line}</p>
          ))}
        </>
      ) : null}
      <IntroductionsTable ctx={ctx} rows={detail.introductions} of="seeker" failed={failed} />
      <h2>{t("skills.status_history")}</h2>
      <ol class="plain-list">
        {detail.statuses.map((row) => (
          <li>{`${formatDateTime(row.at, lang)}: ${t(`skills.seeker_status.${row.status}`)} (${row.by_name})`}</li>
        ))}
      </ol>
      <h2>{t("skills.read_log")}</h2>
      <p class="hint">{t("skills.read_log_hint")}</p>
      <ol class="plain-list">
        {detail.reads.slice(0, 50).map((row) => (
          <li>{`${formatDateTime(row.read_at, lang)}: ${row.reader_name} (${t(`skills.read.${row.what}`)})`}</li>
        ))}
      </ol>
    </Layout>
  );
}

export function seekerFormValues(seeker: Seeker): Record<string, unknown> {
  return {
    ...seeker,
    personal_number: "",
    occupations: seeker.occupations.join(", "),
    places: seeker.places.map((code) => placeName(code)).join(", "),
    skills: seeker.skills.join(", "),
    languages: seeker.languages.join(", "),
  };
}

export function SeekerFormPage({ ctx, seeker, officers, errors, values }: FormPage & { seeker: Seeker | null; officers: Officer[] }) {
  const { t } = ctx;
  const title = seeker ? seeker.name : t("skills.seeker_new");
  const shown = values ?? (seeker ? seekerFormValues(seeker) : { status: "registered", extent: "100", lawful_basis: "consent" });
  const field = { errors, values: shown, t };
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <SkillsNav ctx={ctx} current="seekers" seekers />
      <ErrorSummary errors={errors} t={t} />
      <Form action={seeker ? `/kompetens/arbetssokande/${seeker.id}/redigera` : "/kompetens/arbetssokande/ny"} csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("skills.name")} {...field} />
        <TextField name="email" type="email" label={t("skills.email")} optional {...field} />
        <TextField name="phone" label={t("skills.phone")} optional {...field} />
        <TextField
          name="personal_number"
          label={t("skills.personal_number")}
          hint={
            seeker?.personal_number
              ? t("skills.personal_number_kept", { masked: shownPersonalNumber(seeker.personal_number)! })
              : t("skills.personal_number_hint")
          }
          optional
          {...field}
        />
        <TextField name="occupations" label={t("skills.occupations")} hint={t("skills.occupations_hint")} optional {...field} />
        <TextField name="places" label={t("skills.places_wanted")} hint={t("skills.places_hint")} optional {...field} />
        <TextArea name="skills" label={t("skills.skills")} hint={t("skills.skills_hint")} optional rows={3} {...field} />
        <TextField name="languages" label={t("skills.languages")} hint={t("skills.languages_hint")} optional {...field} />
        <CheckboxGroup name="licences" label={t("skills.licences")} optional choices={licenceCategories.map((value) => ({ value, label: value }))} {...field} />
        <TextField name="extent" type="number" inputmode="numeric" label={t("skills.extent_wanted")} {...field} />
        <TextField name="available_from" type="date" label={t("skills.available_from")} optional {...field} />
        <TextArea name="support" label={t("skills.support")} optional rows={3} {...field} />
        <TextArea name="notes" label={t("skills.notes")} optional rows={5} {...field} />
        <Select
          name="officer_id"
          label={t("skills.officer")}
          blank={t("skills.no_officer")}
          choices={officers.map((o) => ({ value: o.id, label: o.name }))}
          {...field}
        />
        <Select
          name="status"
          label={t("skills.status")}
          choices={seekerStatuses.map((value) => ({ value, label: t(`skills.seeker_status.${value}`) }))}
          {...field}
        />
        <RadioGroup
          name="lawful_basis"
          label={t("skills.lawful_basis")}
          choices={seekerBases.map((value) => ({ value, label: t(`skills.basis.${value}`) }))}
          {...field}
        />
        <TextField name="basis_source" label={t("skills.basis_source")} hint={t("skills.basis_source_hint")} {...field} />
        <div class="actions">
          <Button>{t("common.save")}</Button>
        </div>
      </Form>
    </Layout>
  );
}

import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  DeleteForm,
  Button,
  CheckboxGroup,
  ErrorSummary,
  Form,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import type { ActionDetail, ProgrammeDetail } from "../detail.js";
import type { Choices, Programme } from "../service.js";
import { yearsOf } from "../rules.js";
import type { ActionReferences } from "../action-service.js";

const refOf = (ref: { kind: string; id: string } | null) => (ref ? `${ref.kind}:${ref.id}` : "");

function partyChoices(ctx: PageContext, choices: Choices) {
  return [
    ...choices.units.map((unit) => ({ value: `unit:${unit.id}`, label: unit.name })),
    ...choices.parties.map((party) => ({ value: `party:${party.id}`, label: `${party.name} (${ctx.t("programme.parties_external").toLowerCase()})` })),
  ];
}

interface ActionFormProps {
  ctx: PageContext;
  detail: ProgrammeDetail;
  action?: ActionDetail | undefined;
  choices: Choices;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

export function ActionFormPage({ ctx, detail, action, choices, errors, values }: ActionFormProps) {
  const { t } = ctx;
  const { programme } = detail;
  const title = action ? t("programme.action_edit") : t("programme.action_new");
  const current: FormValues =
    values ??
    (action
      ? { ...action, responsible: refOf(action.responsible), contributors: action.contributors.map(refOf), progress: action.progress }
      : { focus_area_id: detail.focusAreas[0]?.id, status_id: choices.statuses[0]?.id, weight: 1 });
  const parties = partyChoices(ctx, choices);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{action ? `${title}: ${action.title}` : title}</h1>
      <p>
        <a href={`/admin/program/${programme.id}`}>{programme.name}</a>
      </p>
      <ErrorSummary errors={errors} t={t} />
      <Form action={action ? `/admin/atgarder/${action.id}/redigera` : `/admin/program/${programme.id}/atgarder/ny`} csrfToken={ctx.csrfToken}>
        <Select
          name="focus_area_id"
          label={t("programme.focus_area")}
          choices={detail.focusAreas.map((area) => ({ value: area.id, label: area.name }))}
          errors={errors}
          values={current}
          t={t}
        />
        <TextField name="title" label={t("programme.action_title")} errors={errors} values={current} t={t} />
        <TextArea name="description" label={t("programme.description")} errors={errors} values={current} t={t} optional />
        <Select
          name="responsible"
          label={t("programme.responsible")}
          hint={t("programme.responsible_hint")}
          blank={t("common.none")}
          choices={parties}
          errors={errors}
          values={current}
          t={t}
          optional
        />
        <CheckboxGroup name="contributors" label={t("programme.contributors")} choices={parties} errors={errors} values={current} t={t} optional />
        <Select
          name="owner_id"
          label={t("programme.owner")}
          hint={t("programme.owner_hint")}
          blank={t("common.none")}
          choices={choices.staff.map((person) => ({ value: person.id, label: person.name }))}
          errors={errors}
          values={current}
          t={t}
          optional
        />
        <TextField name="start_date" type="date" label={t("programme.start_date")} errors={errors} values={current} t={t} optional />
        <TextField name="end_date" type="date" label={t("programme.end_date")} errors={errors} values={current} t={t} optional />
        <Select
          name="status_id"
          label={t("programme.action_status")}
          choices={choices.statuses.map((status) => ({ value: status.id, label: `${status.name} (${status.default_progress} %)` }))}
          errors={errors}
          values={current}
          t={t}
        />
        <TextField name="progress" label={t("programme.action_progress")} hint={t("programme.progress_hint")} errors={errors} values={current} t={t} optional />
        <TextField name="weight" label={t("programme.weight")} hint={t("programme.weight_hint")} errors={errors} values={current} t={t} optional />
        <TextField name="position" label={t("programme.position")} hint={t("programme.position_hint")} errors={errors} values={current} t={t} optional />
        <div class="actions">
          <Button>{action ? t("common.save") : t("common.create")}</Button>
          <a href={action ? `/admin/atgarder/${action.id}` : `/admin/program/${programme.id}`}>{t("common.cancel")}</a>
        </div>
      </Form>
      {action ? <DeleteForm action={`/admin/atgarder/${action.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} /> : null}
    </Layout>
  );
}

interface ActionPageProps {
  ctx: PageContext;
  programme: Programme;
  action: ActionDetail & { references: ActionReferences[] };
  statuses: Choices["statuses"];
  canEdit: boolean;
  canReport: boolean;
  defaultYear: number | null;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** An action's follow-up page: its facts, the report form (status, progress, note) and its dated log. */
export function ActionPage({ ctx, programme, action, statuses, canEdit, canReport, defaultYear, errors, values }: ActionPageProps) {
  const { t, lang } = ctx;
  const current: FormValues = values ?? { status_id: action.status_id, year: defaultYear ?? "" };
  return (
    <Layout ctx={ctx} title={action.title}>
      <h1>{action.title}</h1>
      <p>
        <a href={`/admin/program/${programme.id}`}>{programme.name}</a>
        {canEdit ? (
          <>
            {" · "}
            <a href={`/admin/atgarder/${action.id}/redigera`}>{t("programme.action_edit")}</a>
          </>
        ) : null}
      </p>
      {action.description ? <p class="prewrap">{action.description}</p> : null}
      <dl class="facts">
        <dt>{t("programme.responsible")}</dt>
        <dd>{action.responsible?.name ?? "–"}</dd>
        <dt>{t("programme.contributors")}</dt>
        <dd>{action.contributors.map((c) => c.name).join(", ") || "–"}</dd>
        <dt>{t("programme.owner")}</dt>
        <dd>{action.owner_name ?? "–"}</dd>
        <dt>{t("programme.period")}</dt>
        <dd>
          {formatDate(action.start_date, lang)} – {formatDate(action.end_date, lang)}
        </dd>
        <dt>{t("programme.action_status")}</dt>
        <dd>
          {action.status_name}, {action.progress} %
        </dd>
        <dt>{t("programme.weight")}</dt>
        <dd>{action.weight}</dd>
      </dl>
      {canReport ? (
        <section class="panel" aria-labelledby="report-title">
          <h2 id="report-title">{t("programme.update")}</h2>
          <p>{t("programme.update_intro")}</p>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`/admin/atgarder/${action.id}`} csrfToken={ctx.csrfToken}>
            <Select
              name="status_id"
              label={t("programme.action_status")}
              choices={statuses.map((status) => ({ value: status.id, label: `${status.name} (${status.default_progress} %)` }))}
              errors={errors}
              values={current}
              t={t}
            />
            <TextField
              name="progress"
              label={t("programme.action_progress")}
              hint={t("programme.progress_hint")}
              errors={errors}
              values={current}
              t={t}
              optional
            />
            <Select
              name="year"
              label={t("programme.follow_up_year")}
              blank={t("programme.no_year")}
              choices={yearsOf(programme).map((year) => ({ value: String(year), label: String(year) }))}
              errors={errors}
              values={current}
              t={t}
              optional
            />
            <TextArea name="text" label={t("programme.note")} errors={errors} values={current} t={t} optional />
            <Button>{t("programme.update")}</Button>
          </Form>
        </section>
      ) : null}
      {action.references.map((reference) => (
        <section aria-labelledby={`refs-${reference.heading}`}>
          <h2 id={`refs-${reference.heading}`}>{t(reference.heading)}</h2>
          {reference.entries.length === 0 ? <p class="empty">{t("programme.references_none")}</p> : null}
          <ul>
            {reference.entries.map((entry) => (
              <li>
                <a href={entry.href}>{entry.text}</a> · {formatDate(entry.date, lang)}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2>{t("programme.log")}</h2>
      {action.updates.length === 0 ? <p class="empty">{t("programme.log_empty")}</p> : null}
      <ol class="log">
        {action.updates.map((update) => (
          <li>
            <p>
              <strong>{formatDateTime(update.at, lang)}</strong> · {update.author_name ?? "–"} ·{" "}
              {t("programme.log_entry", { status: update.status_name, progress: update.progress })}
              {update.year ? ` · ${t("programme.follow_up_title", { year: update.year })}` : ""}
            </p>
            {update.text ? <p class="prewrap">{update.text}</p> : null}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, Select, TextArea, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { Translate } from "../../../platform/ui/i18n.js";
import { indicatorInYear, noteForYear } from "../detail.js";
import type { FollowUpWorkspace, ReportingItem, ReportingTask } from "../follow-up-service.js";
import { yearsOf } from "../rules.js";
import { FollowUpLinks } from "./public.js";
import { formatNumber, IndicatorLight } from "./parts.js";

interface FollowUpPageProps {
  ctx: PageContext;
  workspace: FollowUpWorkspace;
  canManage: boolean;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** The year's follow-up: who has reported, the summaries per focus area, and publishing. */
export function FollowUpPage({ ctx, workspace, canManage, errors, values }: FollowUpPageProps) {
  const { t, lang } = ctx;
  const { detail, year } = workspace;
  const { programme } = detail;
  const base = `/admin/program/${programme.id}/uppfoljning`;
  const summaryValues: FormValues = values ?? Object.fromEntries(workspace.summaries.map((summary) => [`summary_${summary.focus_area_id}`, summary.text]));
  const published = detail.followUps.some((followUp) => followUp.year === year);
  return (
    <Layout ctx={ctx} title={`${t("programme.follow_up_title", { year })} – ${programme.name}`}>
      <h1>{t("programme.follow_up_title", { year })}</h1>
      <p>
        <a href={`/admin/program/${programme.id}`}>{programme.name}</a>
      </p>
      <p class="lead">{t("programme.follow_up_intro")}</p>
      <Form action={base} method="get" csrfToken={ctx.csrfToken} class="filters">
        <Select
          name="year"
          label={t("programme.choose_year")}
          choices={yearsOf(programme).map((y) => ({ value: String(y), label: String(y) }))}
          values={{ year }}
          t={t}
        />
        <div class="actions">
          <Button variant="secondary">{t("programme.show")}</Button>
        </div>
      </Form>
      <ErrorSummary errors={errors} t={t} />
      <p role="status">
        {workspace.missing.actions + workspace.missing.indicators === 0 ? t("programme.complete") : t("programme.missing", workspace.missing)}
      </p>
      {canManage ? (
        <Form action={`${base}/sammanfattningar`} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="year" value={String(year)} />
          <div id="f-summaries" tabindex={-1}>
            {errors?.summaries ? <p class="field-error">{errors.summaries}</p> : null}
          </div>
          {errors?.year ? (
            <p class="field-error" id="f-year">
              {errors.year}
            </p>
          ) : null}
          {detail.focusAreas.map((area) => (
            <FocusAreaFollowUp ctx={ctx} workspace={workspace} areaId={area.id} areaName={area.name} errors={errors} values={summaryValues} editable />
          ))}
          <Button variant="secondary">{t("programme.save_summary")}</Button>
        </Form>
      ) : (
        detail.focusAreas.map((area) => (
          <FocusAreaFollowUp ctx={ctx} workspace={workspace} areaId={area.id} areaName={area.name} errors={errors} values={summaryValues} editable={false} />
        ))
      )}
      <h2>{t("programme.indicators")}</h2>
      <DataTable
        caption={`${t("programme.indicators")} ${year}`}
        t={t}
        baseUrl={`${base}?year=${year}`}
        empty={t("programme.no_indicators")}
        rows={detail.indicators}
        columns={[
          {
            key: "name",
            label: t("programme.indicator_name"),
            cell: (indicator) => <a href={`/admin/indikatorer/${indicator.id}?year=${year}`}>{indicator.name}</a>,
          },
          { key: "owner", label: t("programme.owner"), cell: (indicator) => indicator.owner_name ?? "–" },
          { key: "value", label: t("programme.value"), numeric: true, cell: (indicator) => formatNumber(indicatorInYear(indicator, year).value?.value, lang) },
          { key: "target", label: t("programme.target"), numeric: true, cell: (indicator) => formatNumber(indicatorInYear(indicator, year).target, lang) },
          {
            key: "status",
            label: t("programme.indicator_status"),
            cell: (indicator) => <IndicatorLight ctx={ctx} status={indicatorInYear(indicator, year).status} />,
          },
        ]}
      />
      {canManage && programme.status === "adopted" ? (
        <section class="panel" aria-labelledby="publish-title">
          <h2 id="publish-title">{t("programme.publish")}</h2>
          <p>{t("programme.publish_intro")}</p>
          <Form action={`${base}/publicera`} csrfToken={ctx.csrfToken}>
            <input type="hidden" name="year" value={String(year)} />
            {published ? (
              <TextArea
                name="correction_note"
                label={t("programme.correction_note")}
                hint={t("programme.correction_hint")}
                errors={errors}
                values={values}
                t={t}
                rows={3}
              />
            ) : null}
            <Button>{t("programme.publish")}</Button>
          </Form>
        </section>
      ) : null}
      <h2>{t("programme.published")}</h2>
      <FollowUpLinks ctx={ctx} detail={detail} />
    </Layout>
  );
}

function FocusAreaFollowUp({
  ctx,
  workspace,
  areaId,
  areaName,
  errors,
  values,
  editable,
}: {
  ctx: PageContext;
  workspace: FollowUpWorkspace;
  areaId: string;
  areaName: string;
  errors?: FieldErrors | undefined;
  values: FormValues;
  editable: boolean;
}) {
  const { t } = ctx;
  const { detail, year } = workspace;
  const actions = detail.actions.filter((action) => action.focus_area_id === areaId);
  return (
    <section class="focus-area" aria-labelledby={`fu-${areaId}`}>
      <h2 id={`fu-${areaId}`}>{areaName}</h2>
      <DataTable
        caption={`${t("programme.actions")}: ${areaName}`}
        t={t}
        baseUrl={`/admin/program/${detail.programme.id}/uppfoljning?year=${year}`}
        empty={t("programme.no_actions")}
        rows={actions}
        columns={[
          { key: "title", label: t("programme.action_title"), cell: (action) => <a href={`/admin/atgarder/${action.id}?year=${year}`}>{action.title}</a> },
          { key: "owner", label: t("programme.owner"), cell: (action) => action.owner_name ?? "–" },
          { key: "status", label: t("programme.action_status"), cell: (action) => `${action.status_name}, ${action.progress} %` },
          {
            key: "note",
            label: t("programme.note"),
            cell: (action) => <span class="prewrap">{noteForYear(action, year)?.text ?? <em>{t("programme.no_note")}</em>}</span>,
          },
        ]}
      />
      {editable ? (
        <TextArea name={`summary_${areaId}`} label={`${t("programme.summary")}: ${areaName}`} errors={errors} values={values} t={t} optional rows={4} />
      ) : (
        <p class="prewrap">{String(values[`summary_${areaId}`] ?? "")}</p>
      )}
    </section>
  );
}

/** The owner's own list: what is left to report, and everything they report on with its state. */
export function ReportingPage({ ctx, tasks, overview }: { ctx: PageContext; tasks: ReportingTask[]; overview: ReportingTask[] }) {
  const { t } = ctx;
  const state = (item: ReportingItem) => (item.reported ? t("programme.reported") : t("programme.not_reported"));
  return (
    <Layout ctx={ctx} title={t("programme.report_title")}>
      <h1>{t("programme.report_title")}</h1>
      <p class="lead">{t("programme.report_intro")}</p>
      <ReportingList t={t} tasks={tasks} headingLevel={2} />
      {overview.map((entry) => (
        <section aria-labelledby={`mine-${entry.programme.id}`}>
          <h2 id={`mine-${entry.programme.id}`}>{`${entry.programme.name}: ${t("programme.follow_up_title", { year: entry.year })}`}</h2>
          <DataTable
            caption={t("programme.my_actions")}
            t={t}
            baseUrl="/rapportering"
            empty={t("programme.no_actions")}
            rows={entry.actions}
            columns={[
              { key: "name", label: t("programme.action_title"), cell: (item) => <a href={`/admin/atgarder/${item.id}?year=${entry.year}`}>{item.name}</a> },
              { key: "state", label: t("programme.action_status"), cell: (item) => item.state ?? "–" },
              { key: "reported", label: t("programme.follow_up_title", { year: entry.year }), cell: state },
            ]}
          />
          <DataTable
            caption={t("programme.my_indicators")}
            t={t}
            baseUrl="/rapportering"
            empty={t("programme.no_indicators")}
            rows={entry.indicators}
            columns={[
              {
                key: "name",
                label: t("programme.indicator_name"),
                cell: (item) => <a href={`/admin/indikatorer/${item.id}?year=${entry.year}`}>{item.name}</a>,
              },
              { key: "reported", label: t("programme.follow_up_title", { year: entry.year }), cell: state },
            ]}
          />
        </section>
      ))}
    </Layout>
  );
}

/** The reporting to-do, also shown on the owner's start page. */
export function ReportingList({ t, tasks, headingLevel }: { t: Translate; tasks: ReportingTask[]; headingLevel: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  if (tasks.length === 0) {
    return <p>{t("programme.report_nothing")}</p>;
  }
  return (
    <>
      {tasks.map((task) => (
        <section aria-labelledby={`todo-${task.programme.id}`}>
          <Heading id={`todo-${task.programme.id}`}>{t("programme.report_todo", { year: task.year, programme: task.programme.name })}</Heading>
          <ul>
            {task.actions.map((action) => (
              <li>
                <a href={`/admin/atgarder/${action.id}?year=${task.year}`}>{t("programme.report_action", { title: action.name })}</a>
              </li>
            ))}
            {task.indicators.map((indicator) => (
              <li>
                <a href={`/admin/indikatorer/${indicator.id}?year=${task.year}`}>{t("programme.report_indicator", { name: indicator.name })}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

import { Button, ErrorSummary, Form, Select, TextArea, TextField } from "../../../platform/ui/components/form/form.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import type { DecisionPage as DecisionData } from "../decision-service.js";
import type { FormPage } from "./parts.js";

/** A decision: where it was made, the programme action it points to with that action's status, and its follow-ups. */
export function DecisionPage({ ctx, page, canFinish, errors, values }: FormPage & { page: DecisionData; canFinish: (ownerId: string) => boolean }) {
  const { t, lang } = ctx;
  const { decision, action, followUps, choices } = page;
  return (
    <Layout ctx={ctx} title={t("council.decision_title")}>
      <h1>{t("council.decision_title")}</h1>
      <p class="prewrap">{decision.text}</p>
      <p>
        <a href={`/radet/moten/${decision.meeting_id}`}>{t("council.from_meeting", { meeting: decision.meeting_title, item: decision.item_title })}</a> ·{" "}
        {formatDate(decision.starts_at, lang)}
      </p>
      <ErrorSummary errors={errors} t={t} />
      <section aria-labelledby="action-title">
        <h2 id="action-title">{t("council.field.action")}</h2>
        {action ? (
          <dl class="facts">
            <dt>{t("council.field.action")}</dt>
            <dd>
              <a href={`/admin/atgarder/${action.id}`}>{action.title}</a> ({action.programme})
            </dd>
            <dt>{t("council.action_status")}</dt>
            <dd>
              {action.status_name}
              {action.progress === null ? "" : `, ${action.progress} %`}
            </dd>
          </dl>
        ) : (
          <p class="empty">{t("council.action_none")}</p>
        )}
        {choices ? (
          <>
            <Form action={`/radet/beslut/${decision.id}/atgard`} csrfToken={ctx.csrfToken} idPrefix="link-">
              <Select
                name="action_id"
                label={t("council.field.action")}
                blank="–"
                choices={choices.actions.map((choice) => ({ value: choice.id, label: choice.label }))}
                errors={errors}
                values={values ?? { action_id: decision.action_id ?? "" }}
                t={t}
                optional
              />
              <Button variant="secondary">{t("council.action_link")}</Button>
            </Form>
            <h3>{t("council.action_create")}</h3>
            {choices.focusAreas.length === 0 ? (
              <p>{t("council.action_no_open_areas")}</p>
            ) : (
              <Form action={`/radet/beslut/${decision.id}/ny-atgard`} csrfToken={ctx.csrfToken} idPrefix="create-">
                <p class="hint">{t("council.action_create_hint")}</p>
                <Select
                  name="focus_area_id"
                  label={t("council.field.focus_area")}
                  choices={choices.focusAreas.map((choice) => ({ value: choice.id, label: choice.label }))}
                  errors={errors}
                  values={values}
                  t={t}
                />
                <TextField name="title" label={t("council.field.title")} errors={errors} values={values ?? { title: decision.text.slice(0, 300) }} t={t} />
                <Button variant="secondary">{t("council.action_create")}</Button>
              </Form>
            )}
          </>
        ) : null}
      </section>
      <section aria-labelledby="follow-ups-title">
        <h2 id="follow-ups-title">{t("council.follow_ups")}</h2>
        {followUps.length === 0 ? <p class="empty">{t("council.follow_ups_none")}</p> : null}
        <ul class="log">
          {followUps.map((row) => (
            <li>
              <p>
                <strong>{row.text}</strong> · {row.owner_name} · {t("council.follow_up_due", { date: formatDate(row.due_on, lang) })}
                {row.done_at ? ` · ${t("council.follow_up_done")} ${formatDateTime(row.done_at, lang)}` : ""}
              </p>
              {canFinish(row.owner_id) ? (
                <Form action={`/radet/uppfoljningar/${row.id}/klar`} csrfToken={ctx.csrfToken} idPrefix={`done-${row.id}-`}>
                  <input type="hidden" name="done" value={row.done_at ? "" : "on"} />
                  <Button variant="secondary">{row.done_at ? t("council.follow_up_reopen") : t("council.follow_up_finish")}</Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {choices ? (
          <Form action={`/radet/beslut/${decision.id}/uppfoljningar`} csrfToken={ctx.csrfToken} idPrefix="follow-">
            <TextArea name="text" label={t("council.field.follow_up")} errors={errors} values={values} t={t} rows={3} />
            <Select
              name="owner_id"
              label={t("council.field.owner")}
              choices={choices.staff.map((person) => ({ value: person.id, label: person.name }))}
              errors={errors}
              values={values}
              t={t}
            />
            <TextField name="due_on" label={t("council.field.due_on")} type="date" errors={errors} values={values} t={t} />
            <Button>{t("council.follow_up_add")}</Button>
          </Form>
        ) : null}
      </section>
    </Layout>
  );
}

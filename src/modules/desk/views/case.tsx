import type { ComponentChildren } from "preact";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, Checkbox, ErrorSummary, FileField, Form, RadioGroup, Select, TextArea, TextField, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import type { MessageKey, Translate } from "../../../platform/ui/i18n.js";
import type { CaseDetail } from "../service.js";
import { caseStatuses, priorities } from "../tables.js";
import { categoryName, formatBytes, formatDuration, formatOrgNumber, SlaBadge, statusLabel } from "./parts.js";

export type CaseForm = "reply" | "note" | "status" | "assign" | "transfer" | "unit" | "priority" | "statutory" | "delay" | "secrecy";

export interface CaseChoices {
  units: Array<{ id: string; name: string }>;
  handlers: Array<{ id: string; name: string }>;
}

interface Props {
  ctx: PageContext;
  detail: CaseDetail;
  choices: CaseChoices;
  failed?: { form: CaseForm; errors: FieldErrors; values: FormValues } | undefined;
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function SecrecyForm({ action, secret, reason, label, t, csrf, prefix }: { action: string; secret: boolean; reason: string | null; label: string; t: Translate; csrf: string; prefix: string }) {
  return (
    <details>
      <summary>
        {secret ? t("desk.secrecy_change") : t("desk.secrecy_mark")}
        <span class="visually-hidden">: {label}</span>
      </summary>
      <Form action={action} csrfToken={csrf} idPrefix={prefix}>
        <Checkbox name="secret" label={t("desk.secrecy_checkbox")} checked={secret} t={t} />
        <TextField name="reason" label={t("desk.secrecy_reason")} hint={t("desk.secrecy_reason_hint")} values={{ reason: reason ?? "" }} t={t} optional />
        <Button variant="secondary">{t("common.save")}</Button>
      </Form>
    </details>
  );
}

/** A case for staff: facts and clocks, the conversation with notes and events, and what can be done. */
export function CasePage({ ctx, detail, choices, failed }: Props) {
  const { t, lang } = ctx;
  const row = detail.case;
  const base = `/arenden/${row.id}`;
  const errorsFor = (form: CaseForm) => (failed?.form === form ? failed.errors : undefined);
  const valuesFor = (form: CaseForm, fallback: FormValues = {}) => (failed?.form === form ? failed.values : fallback);
  const { clock } = detail;
  const timeline = [
    ...detail.messages.map((message) => ({ at: message.created_at, kind: "message" as const, message })),
    ...detail.events.map((event) => ({ at: event.at, kind: "event" as const, event })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <Layout ctx={ctx} title={`${row.number} ${row.subject}`}>
      <p>
        <a href="/arenden">{t("desk.back_to_inbox")}</a>
      </p>
      <h1>
        {row.number}: {row.subject}
      </h1>
      <p class="badges">
        <span class="badge">{statusLabel(row.status, t)}</span>
        <SlaBadge state={clock.state} minutesLeft={clock.minutesLeft} t={t} />
        {row.priority === "urgent" ? <span class="badge badge-danger">{t("desk.priority.urgent")}</span> : null}
      </p>
      <div class="case-layout">
        <div>
          <h2>{t("desk.conversation")}</h2>
          <ol class="timeline">
            <li class="from-business">
              <p class="meta">
                {formatDateTime(row.created_at, lang)} · {row.correspondent_name} · {t(`desk.channel.${row.channel}` as MessageKey)}
              </p>
              <p class="body" lang={row.language}>
                {row.description}
              </p>
            </li>
            {timeline.map((entry) =>
              entry.kind === "message" ? (
                <li class={entry.message.kind === "from_business" ? "from-business" : entry.message.kind === "note" ? "note" : undefined}>
                  <p class="meta">
                    {formatDateTime(entry.message.created_at, lang)} · {entry.message.kind === "from_business" ? row.correspondent_name : (entry.message.author_name ?? t("desk.system"))} · {t(`desk.message.${entry.message.kind}` as MessageKey)}
                    {entry.message.secret ? <span class="secret-mark"> · {t("desk.secret")}: {entry.message.secret_reason}</span> : null}
                  </p>
                  <p class="body">{entry.message.body}</p>
                  {detail.canHandle ? <SecrecyForm action={`${base}/meddelanden/${entry.message.id}/sekretess`} secret={entry.message.secret} reason={entry.message.secret_reason} label={formatDateTime(entry.message.created_at, lang)} t={t} csrf={ctx.csrfToken} prefix={`m${entry.message.id}-`} /> : null}
                </li>
              ) : (
                <li class="note">
                  <p class="meta">
                    {formatDateTime(entry.event.at, lang)} · {entry.event.by_business ? row.correspondent_name : (entry.event.actor_name ?? t("desk.system"))}
                  </p>
                  <p>{t(`desk.event.${entry.event.kind}` as MessageKey, Object.fromEntries(Object.entries(entry.event.data).map(([key, value]) => [key, key === "from" || key === "to" ? (caseStatuses.includes(value as never) ? statusLabel(value as never, t) : String(value ?? "–")) : String(value ?? "–")])))}</p>
                </li>
              ),
            )}
          </ol>
          <h2>{t("desk.files")}</h2>
          {detail.attachments.length === 0 ? <p>{t("desk.no_files")}</p> : null}
          <ul>
            {detail.attachments.map((file) => (
              <li>
                <a href={`${base}/filer/${file.id}`}>{file.filename}</a> ({formatBytes(file.size, lang)}, {file.from_business ? t("desk.from_business") : t("desk.from_staff")}, {formatDateTime(file.created_at, lang)})
                {file.secret ? <span class="secret-mark"> {t("desk.secret")}: {file.secret_reason}</span> : null}
                {detail.canHandle ? <SecrecyForm action={`${base}/filer/${file.id}/sekretess`} secret={file.secret} reason={file.secret_reason} label={file.filename} t={t} csrf={ctx.csrfToken} prefix={`a${file.id}-`} /> : null}
              </li>
            ))}
          </ul>
          {failed?.form === "secrecy" ? <ErrorSummary errors={failed.errors} t={t} idPrefix={String(failed.values.prefix ?? "")} /> : null}
          {detail.canHandle ? (
            <>
              <Section id="reply" title={t("desk.reply_to_business")}>
                <ErrorSummary errors={errorsFor("reply")} t={t} idPrefix="reply-" />
                <Form action={`${base}/svar`} csrfToken={ctx.csrfToken} files idPrefix="reply-">
                  <TextArea name="body" label={t("desk.reply_text")} hint={t("desk.reply_hint", { email: row.correspondent_email })} rows={8} errors={errorsFor("reply")} values={valuesFor("reply")} t={t} />
                  <FileField name="files" label={t("desk.files")} hint={t("desk.files_hint")} multiple optional errors={errorsFor("reply")} t={t} />
                  <RadioGroup name="then" label={t("desk.then")} choices={(["open", "waiting", "resolved"] as const).map((status) => ({ value: status, label: t(`desk.then.${status}` as MessageKey) }))} errors={errorsFor("reply")} values={valuesFor("reply", { then: "open" })} t={t} />
                  <Button>{t("desk.send_reply")}</Button>
                </Form>
              </Section>
              <Section id="note" title={t("desk.internal_note")}>
                <ErrorSummary errors={errorsFor("note")} t={t} idPrefix="note-" />
                <Form action={`${base}/anteckning`} csrfToken={ctx.csrfToken} files idPrefix="note-">
                  <TextArea name="body" label={t("desk.note_text")} hint={t("desk.note_hint")} rows={4} errors={errorsFor("note")} values={valuesFor("note")} t={t} />
                  <FileField name="files" label={t("desk.files")} multiple optional errors={errorsFor("note")} t={t} />
                  <Button variant="secondary">{t("desk.save_note")}</Button>
                </Form>
              </Section>
            </>
          ) : null}
        </div>
        <div>
          <Section id="facts" title={t("desk.facts")}>
            <dl class="facts">
              <dt>{t("desk.category")}</dt>
              <dd>{categoryName(row, lang)}</dd>
              <dt>{t("desk.unit")}</dt>
              <dd>{row.unit_name}</dd>
              <dt>{t("desk.other_units")}</dt>
              <dd>{detail.units.map((unit) => unit.name).join(", ") || "–"}</dd>
              <dt>{t("desk.assignee")}</dt>
              <dd>{row.assignee_name ?? t("desk.unassigned")}</dd>
              <dt>{t("desk.company_legend")}</dt>
              <dd>
                {row.company_id ? <a href={`/foretag/${row.company_id}`}>{row.company_name ?? formatOrgNumber(row.org_number)}</a> : row.company_name}
                {row.org_number ? ` (${formatOrgNumber(row.org_number)})` : null}
              </dd>
              <dt>{t("desk.correspondent")}</dt>
              <dd>
                {row.correspondent_name}, <a href={`mailto:${row.correspondent_email}`}>{row.correspondent_email}</a>
                {row.correspondent_phone ? `, ${row.correspondent_phone}` : null}
              </dd>
              <dt>{t("desk.received")}</dt>
              <dd>
                {formatDateTime(row.created_at, lang)} ({t(`desk.channel.${row.channel}` as MessageKey)})
              </dd>
              <dt>{t("desk.next_deadline")}</dt>
              <dd>{clock.nextDueAt ? formatDateTime(clock.nextDueAt, lang) : "–"}</dd>
              <dt>{t("desk.first_response")}</dt>
              <dd>{row.first_responded_at ? `${formatDuration(row.first_response_minutes, t)} (${row.first_response_on_time === false ? t("desk.late") : t("desk.in_time")})` : row.first_response_due_at ? t("desk.due_by", { at: formatDateTime(row.first_response_due_at, lang) }) : "–"}</dd>
              <dt>{t("desk.resolution")}</dt>
              <dd>{row.resolved_at ? `${formatDuration(row.resolution_minutes, t)} (${row.resolution_on_time === false ? t("desk.late") : t("desk.in_time")})` : row.resolution_due_at ? t("desk.due_by", { at: formatDateTime(row.resolution_due_at, lang) }) : "–"}</dd>
            </dl>
          </Section>
          <StatutoryPanel ctx={ctx} detail={detail} errors={errorsFor("statutory") ?? errorsFor("delay")} values={failed?.form === "statutory" || failed?.form === "delay" ? failed.values : undefined} />
          {detail.canHandle ? (
            <Section id="handle" title={t("desk.handling")}>
              <ErrorSummary errors={errorsFor("status") ?? errorsFor("assign") ?? errorsFor("priority") ?? errorsFor("unit") ?? errorsFor("transfer")} t={t} idPrefix={`${failed?.form ?? ""}-`} />
              <Form action={`${base}/status`} csrfToken={ctx.csrfToken} idPrefix="status-">
                <Select name="status" label={t("desk.status_label")} choices={caseStatuses.map((status) => ({ value: status, label: statusLabel(status, t) }))} errors={errorsFor("status")} values={valuesFor("status", { status: row.status })} t={t} />
                <Button variant="secondary">{t("desk.change_status")}</Button>
              </Form>
              <Form action={`${base}/tilldela`} csrfToken={ctx.csrfToken} idPrefix="assign-">
                <Select name="assignee_id" label={t("desk.assignee")} blank={t("desk.unassigned")} choices={choices.handlers.map((handler) => ({ value: handler.id, label: handler.name }))} errors={errorsFor("assign")} values={valuesFor("assign", { assignee_id: row.assignee_id ?? "" })} t={t} />
                <Button variant="secondary">{t("desk.assign")}</Button>
              </Form>
              <Form action={`${base}/prioritet`} csrfToken={ctx.csrfToken} idPrefix="priority-">
                <Select name="priority" label={t("desk.priority")} choices={priorities.map((priority) => ({ value: priority, label: t(`desk.priority.${priority}` as MessageKey) }))} errors={errorsFor("priority")} values={valuesFor("priority", { priority: row.priority })} t={t} />
                <Button variant="secondary">{t("desk.change_priority")}</Button>
              </Form>
              {detail.canRoute ? (
                <Form action={`${base}/overfor`} csrfToken={ctx.csrfToken} idPrefix="transfer-">
                  <Select name="unit_id" label={t("desk.transfer_to")} choices={choices.units.map((unit) => ({ value: unit.id, label: unit.name }))} errors={errorsFor("transfer")} values={valuesFor("transfer", { unit_id: row.unit_id })} t={t} />
                  <Button variant="secondary">{t("desk.transfer")}</Button>
                </Form>
              ) : null}
              <Form action={`${base}/enheter`} csrfToken={ctx.csrfToken} idPrefix="unit-">
                <Select name="unit_id" label={t("desk.add_unit")} hint={t("desk.add_unit_hint")} choices={choices.units.filter((unit) => unit.id !== row.unit_id).map((unit) => ({ value: unit.id, label: unit.name }))} errors={errorsFor("unit")} values={valuesFor("unit")} t={t} />
                <Button variant="secondary">{t("desk.add_unit_button")}</Button>
              </Form>
              {detail.units.map((unit) => (
                <Form action={`${base}/enheter/ta-bort`} csrfToken={ctx.csrfToken}>
                  <input type="hidden" name="unit_id" value={unit.unit_id} />
                  <button type="submit" class="button button-secondary">
                    {t("desk.remove_unit")}
                    <span class="visually-hidden">: {unit.name}</span>
                  </button>
                </Form>
              ))}
            </Section>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

/** The statutory clocks: PBL's deadline and fee exposure, Förvaltningslagen's delay notice and six-month mark. */
function StatutoryPanel({ ctx, detail, errors, values }: { ctx: PageContext; detail: CaseDetail; errors?: FieldErrors | undefined; values?: FormValues | undefined }) {
  const { t, lang } = ctx;
  const row = detail.case;
  const { statutory, sixMonthsOn } = detail.clock;
  if (!statutory && !row.authority) {
    return null;
  }
  const base = `/arenden/${row.id}`;
  const current: FormValues = values ?? { complete_on: row.complete_on ?? "", extension_weeks: String(row.extension_weeks), extension_reason: row.extension_reason ?? "", decided_on: row.decided_on ?? "", decision_demanded_on: row.decision_demanded_on ?? "" };
  return (
    <section class="panel" aria-labelledby="statutory-title">
      <h2 id="statutory-title">{t("desk.statutory_title")}</h2>
      <dl class="facts">
        {statutory ? (
          <>
            <dt>{t(`desk.statutory.${statutory.kind}` as MessageKey)}</dt>
            <dd>{t("desk.statutory_due", { date: formatDate(statutory.dueOn, lang), from: formatDate(statutory.from, lang) })}</dd>
            {statutory.extensionWeeks > 0 ? (
              <>
                <dt>{t("desk.extension")}</dt>
                <dd>{t("desk.extension_text", { weeks: statutory.extensionWeeks, reason: row.extension_reason ?? "" })}</dd>
              </>
            ) : null}
            <dt>{t("desk.fee_reduction")}</dt>
            <dd>{statutory.feeReductionFifths > 0 ? t("desk.fee_reduction_text", { weeks: statutory.weeksLate, fifths: statutory.feeReductionFifths }) : t("desk.fee_reduction_none")}</dd>
          </>
        ) : null}
        {sixMonthsOn ? (
          <>
            <dt>{t("desk.six_months")}</dt>
            <dd>{t("desk.six_months_text", { date: formatDate(sixMonthsOn, lang) })}</dd>
          </>
        ) : null}
        {row.demand_due_on ? (
          <>
            <dt>{t("desk.demand")}</dt>
            <dd>{t("desk.demand_text", { demanded: formatDate(row.decision_demanded_on, lang), due: formatDate(row.demand_due_on, lang) })}</dd>
          </>
        ) : null}
        {row.authority ? (
          <>
            <dt>{t("desk.delay_notice")}</dt>
            <dd>{row.delay_notice_at ? t("desk.delay_notice_given", { at: formatDateTime(row.delay_notice_at, lang), reason: row.delay_notice_reason ?? "" }) : t("desk.delay_notice_none")}</dd>
          </>
        ) : null}
      </dl>
      {detail.canHandle ? (
        <>
          <ErrorSummary errors={errors} t={t} idPrefix={errors && "reason" in errors ? "delay-" : "statutory-"} />
          <Form action={`${base}/lagstadgat`} csrfToken={ctx.csrfToken} idPrefix="statutory-">
            {statutory ? (
              <>
                <TextField name="complete_on" type="date" label={t("desk.complete_on")} hint={t("desk.complete_on_hint")} errors={errors} values={current} t={t} optional />
                <TextField name="extension_weeks" label={t("desk.extension_weeks")} hint={t("desk.extension_weeks_hint")} errors={errors} values={current} t={t} inputmode="numeric" />
                <TextField name="extension_reason" label={t("desk.extension_reason")} errors={errors} values={current} t={t} optional />
              </>
            ) : (
              <input type="hidden" name="extension_weeks" value="0" />
            )}
            <TextField name="decided_on" type="date" label={t("desk.decided_on")} errors={errors} values={current} t={t} optional />
            {row.authority ? <TextField name="decision_demanded_on" type="date" label={t("desk.decision_demanded_on")} hint={t("desk.decision_demanded_hint")} errors={errors} values={current} t={t} optional /> : null}
            <Button variant="secondary">{t("common.save")}</Button>
          </Form>
          {row.authority && !row.delay_notice_at ? (
            <Form action={`${base}/forseningsbesked`} csrfToken={ctx.csrfToken} idPrefix="delay-">
              <TextField name="reason" label={t("desk.delay_reason")} hint={t("desk.delay_reason_hint")} errors={errors} values={values} t={t} />
              <Button variant="secondary">{t("desk.send_delay_notice")}</Button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

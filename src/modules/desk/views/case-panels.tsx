/** The side panels of a case for staff: its facts, the statutory clocks and the handling forms. */
import type { ComponentChildren } from "preact";
import { Button, ErrorSummary, Form, Select, TextField, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import type { MessageKey } from "../../../platform/ui/i18n.js";
import type { CaseDetail } from "../service.js";
import { caseStatuses, priorities } from "../tables.js";
import { categoryName, formatDuration, formatOrgNumber, statusLabel } from "./parts.js";

export type CaseForm = "reply" | "note" | "status" | "assign" | "transfer" | "unit" | "priority" | "statutory" | "delay" | "secrecy" | "subject_secret";

export interface CaseChoices {
  units: Array<{ id: string; name: string }>;
  handlers: Array<{ id: string; name: string }>;
}

export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** What a failed post on the case page brings back: its form's errors and the values typed. */
export interface FormState {
  errorsFor: (form: CaseForm) => FieldErrors | undefined;
  valuesFor: (form: CaseForm, fallback?: FormValues) => FormValues;
}

/** Who has the case, the business and the clocks. */
export function Facts({ ctx, detail }: { ctx: PageContext; detail: CaseDetail }) {
  const { t, lang } = ctx;
  const row = detail.case;
  const { clock } = detail;
  return (
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
          {row.correspondent_name}
          {row.correspondent_email ? (
            <>
              , <a href={`mailto:${row.correspondent_email}`}>{row.correspondent_email}</a>
            </>
          ) : null}
          {row.correspondent_phone ? `, ${row.correspondent_phone}` : null}
          {row.correspondent_email ? null : <span class="hint"> ({t("desk.no_email")})</span>}
        </dd>
        <dt>{t("desk.received")}</dt>
        <dd>
          {formatDateTime(row.created_at, lang)} ({t(`desk.channel.${row.channel}` as MessageKey)})
        </dd>
        <dt>{t("desk.next_deadline")}</dt>
        <dd>{clock.nextDueAt ? formatDateTime(clock.nextDueAt, lang) : "–"}</dd>
        <dt>{t("desk.first_response")}</dt>
        <dd>
          {row.first_responded_at
            ? `${formatDuration(row.first_response_minutes, t)} (${row.first_response_on_time === false ? t("desk.late") : t("desk.in_time")})`
            : row.first_response_due_at
              ? t("desk.due_by", { at: formatDateTime(row.first_response_due_at, lang) })
              : "–"}
        </dd>
        <dt>{t("desk.resolution")}</dt>
        <dd>
          {row.resolved_at
            ? `${formatDuration(row.resolution_minutes, t)} (${row.resolution_on_time === false ? t("desk.late") : t("desk.in_time")})`
            : row.resolution_due_at
              ? t("desk.due_by", { at: formatDateTime(row.resolution_due_at, lang) })
              : "–"}
        </dd>
      </dl>
    </Section>
  );
}

/** Status, assignee, priority, transfer and the units that help. */
export function Handling({
  ctx,
  detail,
  choices,
  forms,
  failedForm,
}: {
  ctx: PageContext;
  detail: CaseDetail;
  choices: CaseChoices;
  forms: FormState;
  failedForm: CaseForm | undefined;
}) {
  const { t } = ctx;
  const row = detail.case;
  const base = `/arenden/${row.id}`;
  const { errorsFor, valuesFor } = forms;
  return (
    <Section id="handle" title={t("desk.handling")}>
      <ErrorSummary
        errors={errorsFor("status") ?? errorsFor("assign") ?? errorsFor("priority") ?? errorsFor("unit") ?? errorsFor("transfer")}
        t={t}
        idPrefix={`${failedForm ?? ""}-`}
      />
      <Form action={`${base}/status`} csrfToken={ctx.csrfToken} idPrefix="status-">
        <Select
          name="status"
          label={t("desk.status_label")}
          choices={caseStatuses.map((status) => ({ value: status, label: statusLabel(status, t) }))}
          errors={errorsFor("status")}
          values={valuesFor("status", { status: row.status })}
          t={t}
        />
        <Button variant="secondary">{t("desk.change_status")}</Button>
      </Form>
      <Form action={`${base}/tilldela`} csrfToken={ctx.csrfToken} idPrefix="assign-">
        <Select
          name="assignee_id"
          label={t("desk.assignee")}
          blank={t("desk.unassigned")}
          choices={choices.handlers.map((handler) => ({ value: handler.id, label: handler.name }))}
          errors={errorsFor("assign")}
          values={valuesFor("assign", { assignee_id: row.assignee_id ?? "" })}
          t={t}
        />
        <Button variant="secondary">{t("desk.assign")}</Button>
      </Form>
      <Form action={`${base}/prioritet`} csrfToken={ctx.csrfToken} idPrefix="priority-">
        <Select
          name="priority"
          label={t("desk.priority")}
          choices={priorities.map((priority) => ({ value: priority, label: t(`desk.priority.${priority}` as MessageKey) }))}
          errors={errorsFor("priority")}
          values={valuesFor("priority", { priority: row.priority })}
          t={t}
        />
        <Button variant="secondary">{t("desk.change_priority")}</Button>
      </Form>
      {detail.canRoute ? (
        <Form action={`${base}/overfor`} csrfToken={ctx.csrfToken} idPrefix="transfer-">
          <Select
            name="unit_id"
            label={t("desk.transfer_to")}
            choices={choices.units.map((unit) => ({ value: unit.id, label: unit.name }))}
            errors={errorsFor("transfer")}
            values={valuesFor("transfer", { unit_id: row.unit_id })}
            t={t}
          />
          <Button variant="secondary">{t("desk.transfer")}</Button>
        </Form>
      ) : null}
      <Form action={`${base}/enheter`} csrfToken={ctx.csrfToken} idPrefix="unit-">
        <Select
          name="unit_id"
          label={t("desk.add_unit")}
          hint={t("desk.add_unit_hint")}
          choices={choices.units.filter((unit) => unit.id !== row.unit_id).map((unit) => ({ value: unit.id, label: unit.name }))}
          errors={errorsFor("unit")}
          values={valuesFor("unit")}
          t={t}
        />
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
  );
}

/** The statutory clocks: PBL's deadline and fee exposure, Förvaltningslagen's delay notice and six-month mark. */
export function StatutoryPanel({
  ctx,
  detail,
  errors,
  values,
}: {
  ctx: PageContext;
  detail: CaseDetail;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  const { t, lang } = ctx;
  const row = detail.case;
  const { statutory, sixMonthsOn } = detail.clock;
  if (!statutory && !row.authority) {
    return null;
  }
  const base = `/arenden/${row.id}`;
  const current: FormValues = values ?? {
    complete_on: row.complete_on ?? "",
    extension_weeks: String(row.extension_weeks),
    extension_reason: row.extension_reason ?? "",
    decided_on: row.decided_on ?? "",
    decision_demanded_on: row.decision_demanded_on ?? "",
  };
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
            <dd>
              {statutory.feeReductionFifths > 0
                ? t("desk.fee_reduction_text", { weeks: statutory.weeksLate, fifths: statutory.feeReductionFifths })
                : t("desk.fee_reduction_none")}
            </dd>
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
            <dd>
              {row.delay_notice_at
                ? t("desk.delay_notice_given", { at: formatDateTime(row.delay_notice_at, lang), reason: row.delay_notice_reason ?? "" })
                : t("desk.delay_notice_none")}
            </dd>
          </>
        ) : null}
      </dl>
      {detail.canHandle ? (
        <>
          <ErrorSummary errors={errors} t={t} idPrefix={errors && "reason" in errors ? "delay-" : "statutory-"} />
          <Form action={`${base}/lagstadgat`} csrfToken={ctx.csrfToken} idPrefix="statutory-">
            {statutory ? (
              <>
                <TextField
                  name="complete_on"
                  type="date"
                  label={t("desk.complete_on")}
                  hint={t("desk.complete_on_hint")}
                  errors={errors}
                  values={current}
                  t={t}
                  optional
                />
                <TextField
                  name="extension_weeks"
                  label={t("desk.extension_weeks")}
                  hint={t("desk.extension_weeks_hint")}
                  errors={errors}
                  values={current}
                  t={t}
                  inputmode="numeric"
                />
                <TextField name="extension_reason" label={t("desk.extension_reason")} errors={errors} values={current} t={t} optional />
              </>
            ) : (
              <input type="hidden" name="extension_weeks" value="0" />
            )}
            <TextField name="decided_on" type="date" label={t("desk.decided_on")} errors={errors} values={current} t={t} optional />
            {row.authority ? (
              <TextField
                name="decision_demanded_on"
                type="date"
                label={t("desk.decision_demanded_on")}
                hint={t("desk.decision_demanded_hint")}
                errors={errors}
                values={current}
                t={t}
                optional
              />
            ) : null}
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

import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
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
import { formatDateTime } from "../../../platform/ui/format.js";
import type { MessageKey } from "../../../platform/ui/i18n.js";
import { stockholmParts } from "../../../platform/sweden/time.js";
import type { CompanyContact } from "../contact-service.js";
import type { VisitDetail, VisitRow, VisitTemplate } from "../visit-service.js";
import { NewTaskForm, TaskTable } from "./company.js";

interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

interface VisitFormProps extends FormPage {
  company: { id: string; name: string };
  visit?: VisitRow | undefined;
  current?: { staff: string[]; contacts: string[] } | undefined;
  staff: Array<{ id: string; name: string }>;
  contacts: CompanyContact[];
  templates: VisitTemplate[];
}

/** Plan a visit, or change one: when (Swedish time), who takes part, the purpose and the report template. */
export function VisitFormPage({ ctx, company, visit, current, staff, contacts, templates, errors, values }: VisitFormProps) {
  const { t } = ctx;
  const title = visit ? t("companies.visit_edit") : t("companies.visit_new");
  const starts = visit ? stockholmParts(visit.starts_at) : null;
  const defaults: FormValues = visit
    ? {
        date: starts!.date,
        start_time: starts!.time,
        end_time: visit.ends_at ? stockholmParts(visit.ends_at).time : "",
        status: visit.status,
        purpose: visit.purpose,
        template_id: visit.template_id ?? "",
        staff_ids: current?.staff ?? [],
        contact_ids: current?.contacts ?? [],
      }
    : { status: "planned", staff_ids: ctx.actor?.kind === "user" ? [ctx.actor.id] : [], contact_ids: [], template_id: templates[0]?.id ?? "" };
  const shown = values ?? defaults;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>
        {title}: {company.name}
      </h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action={visit ? `/besok/${visit.id}/redigera` : `/foretag/${company.id}/besok/ny`} csrfToken={ctx.csrfToken}>
        <TextField name="date" type="date" label={t("companies.visit_date")} errors={errors} values={shown} t={t} />
        <TextField name="start_time" label={t("companies.visit_start")} hint={t("companies.time_hint")} errors={errors} values={shown} t={t} />
        <TextField name="end_time" label={t("companies.visit_end")} hint={t("companies.time_hint")} errors={errors} values={shown} t={t} optional />
        <Select
          name="status"
          label={t("companies.visit_status")}
          choices={(["planned", "held", "cancelled"] as const).map((status) => ({ value: status, label: t(`companies.visit_status.${status}`) }))}
          errors={errors}
          values={shown}
          t={t}
        />
        <TextArea name="purpose" label={t("companies.visit_purpose")} errors={errors} values={shown} t={t} optional rows={3} />
        <Select
          name="template_id"
          label={t("companies.visit_template")}
          blank={t("companies.no_template")}
          choices={templates.map((template) => ({ value: template.id, label: template.name }))}
          errors={errors}
          values={shown}
          t={t}
          optional
        />
        <CheckboxGroup
          name="staff_ids"
          label={t("companies.visit_staff")}
          choices={staff.map((person) => ({ value: person.id, label: person.name }))}
          errors={errors}
          values={shown}
          t={t}
          optional
        />
        {contacts.length > 0 ? (
          <CheckboxGroup
            name="contact_ids"
            label={t("companies.visit_contacts")}
            choices={contacts.map((contact) => ({ value: contact.id, label: contact.name }))}
            errors={errors}
            values={shown}
            t={t}
            optional
          />
        ) : null}
        <div class="actions">
          <Button>{visit ? t("common.save") : t("companies.visit_plan")}</Button>
          <a href={visit ? `/besok/${visit.id}` : `/foretag/${company.id}`}>{t("common.cancel")}</a>
        </div>
      </Form>
    </Layout>
  );
}

/** A visit: when and who, the structured report from its template, and the follow-up tasks it gave. */
export function VisitPage({
  ctx,
  detail,
  manage,
  staff,
  errors,
  values,
  form,
}: FormPage & { detail: VisitDetail; manage: boolean; staff: Array<{ id: string; name: string }>; form?: "report" | "task" | undefined }) {
  const { t, lang } = ctx;
  const { visit, template } = detail;
  const base = `/besok/${visit.id}`;
  const reportValues: FormValues =
    form === "report" && values ? values : Object.fromEntries(Object.entries(visit.report).map(([key, answer]) => [`answer_${key}`, answer]));
  return (
    <Layout ctx={ctx} title={`${t("companies.visit")}: ${visit.company_name}`}>
      <p>
        <a href={`/foretag/${visit.company_id}`}>{visit.company_name}</a>
      </p>
      <h1>
        {t("companies.visit")}: {visit.company_name}
      </h1>
      <dl class="facts">
        <dt>{t("companies.visit_when")}</dt>
        <dd>
          {formatDateTime(visit.starts_at, lang)}
          {visit.ends_at ? `–${stockholmParts(visit.ends_at).time}` : ""}
        </dd>
        <dt>{t("companies.visit_status")}</dt>
        <dd>{t(`companies.visit_status.${visit.status}` as MessageKey)}</dd>
        <dt>{t("companies.visit_purpose")}</dt>
        <dd class="prewrap">{visit.purpose || "–"}</dd>
        <dt>{t("companies.visit_staff")}</dt>
        <dd>{detail.staff.map((person) => person.name).join(", ") || "–"}</dd>
        <dt>{t("companies.visit_contacts")}</dt>
        <dd>{detail.contacts.map((contact) => contact.name).join(", ") || "–"}</dd>
      </dl>
      {manage ? (
        <p class="actions">
          <a href={`${base}/redigera`}>{t("companies.visit_edit")}</a>
        </p>
      ) : null}
      <section aria-labelledby="report-title">
        <h2 id="report-title">{template ? `${t("companies.report")}: ${template.name}` : t("companies.report")}</h2>
        {!template ? (
          <p class="empty">{t("companies.report_no_template")}</p>
        ) : manage ? (
          <>
            {form === "report" ? <ErrorSummary errors={errors} t={t} /> : null}
            <Form action={`${base}/rapport`} csrfToken={ctx.csrfToken}>
              {template.questions.map((question) => (
                <TextArea name={`answer_${question.key}`} label={question.label} values={reportValues} t={t} optional rows={3} />
              ))}
              <div class="actions">
                <Button>{t("companies.report_save")}</Button>
              </div>
            </Form>
          </>
        ) : (
          <dl class="facts">
            {template.questions.map((question) => (
              <>
                <dt>{question.label}</dt>
                <dd class="prewrap">{visit.report[question.key] || "–"}</dd>
              </>
            ))}
          </dl>
        )}
      </section>
      {detail.sections.map((section) => (
        <section aria-labelledby={`section-${section.key}`}>
          <h2 id={`section-${section.key}`}>{t(section.label as MessageKey)}</h2>
          {section.lines.length === 0 ? (
            <p class="empty">{t("companies.section_empty")}</p>
          ) : (
            <ul class="plain-list">
              {section.lines.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          )}
          {manage && section.href ? (
            <p class="actions">
              <a href={section.href}>{t("companies.section_fill", { name: t(section.label as MessageKey) })}</a>
            </p>
          ) : null}
        </section>
      ))}
      <section aria-labelledby="visit-tasks-title">
        <h2 id="visit-tasks-title">{t("companies.visit_tasks")}</h2>
        <TaskTable ctx={ctx} tasks={detail.tasks} baseUrl={base} showCompany={false} />
        {manage ? (
          <NewTaskForm
            ctx={ctx}
            companyId={visit.company_id}
            visitId={visit.id}
            staff={staff}
            errors={form === "task" ? errors : undefined}
            values={form === "task" ? values : undefined}
          />
        ) : null}
      </section>
    </Layout>
  );
}

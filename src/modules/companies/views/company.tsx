import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import type { MessageKey } from "../../../platform/ui/i18n.js";
import { industryIndex, sizeClassName } from "../reference.js";
import type { CompanyPage } from "../service.js";
import type { Task } from "../visit-service.js";
import { legalFormLabel, shownNumber, StatusBadge } from "./parts.js";

export interface CompanyRights {
  manage: boolean;
  personal: boolean;
}

interface CompanyPageProps {
  ctx: PageContext;
  page: CompanyPage;
  rights: CompanyRights;
  staff: Array<{ id: string; name: string }>;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
  /** Which form on the page the errors belong to. */
  form?: "profile" | "task" | undefined;
}

/** A company: the national register's facts, and what the municipality knows and does with it. */
export function CompanyView({ ctx, page, rights, staff, errors, values, form }: CompanyPageProps) {
  const { t } = ctx;
  const { company } = page;
  const base = `/foretag/${company.id}`;
  const taskValues: FormValues = form === "task" && values ? values : {};
  return (
    <Layout ctx={ctx} title={company.name}>
      <p>
        <a href="/foretag">{t("companies.title")}</a>
      </p>
      <h1>{company.name}</h1>
      <p class="badges">
        <StatusBadge status={company.status} t={t} />
        {page.own ? <span class="badge">{t("companies.own_badge")}</span> : null}
        {company.is_person ? <span class="badge">{t("companies.person_badge")}</span> : null}
        {company.advertising_opt_out ? <span class="badge">{t("companies.opt_out_badge")}</span> : null}
      </p>
      {company.missing_from.length > 0 ? (
        <p class="notice">
          {t("companies.missing_notice", { sources: company.missing_from.map((source) => t(`companies.source.${source}` as MessageKey)).join(", ") })}
        </p>
      ) : null}
      <RegisterFacts ctx={ctx} company={company} />
      <Profile
        ctx={ctx}
        page={page}
        rights={rights}
        staff={staff}
        errors={form === "profile" ? errors : undefined}
        values={form === "profile" ? values : undefined}
      />
      <ContactsAndVisits ctx={ctx} page={page} rights={rights} />
      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t("companies.tasks")}</h2>
        <TaskTable ctx={ctx} tasks={page.tasks} baseUrl={base} showCompany={false} />
        {rights.manage ? (
          <NewTaskForm ctx={ctx} companyId={company.id} visitId={null} staff={staff} errors={form === "task" ? errors : undefined} values={taskValues} />
        ) : null}
      </section>

      <Timeline ctx={ctx} entries={page.timeline} />
    </Layout>
  );
}

/** What the national register says of the company. */
function RegisterFacts({ ctx, company }: { ctx: PageContext; company: CompanyPage["company"] }) {
  const { t, lang } = ctx;
  const address = [
    company.care_of ? `c/o ${company.care_of}` : null,
    company.street,
    [company.postcode ? `${company.postcode.slice(0, 3)} ${company.postcode.slice(3)}` : null, company.town].filter(Boolean).join(" "),
  ].filter(Boolean);
  return (
    <section aria-labelledby="facts-title">
      <h2 id="facts-title">{t("companies.facts")}</h2>
      <dl class="facts">
        <dt>{t("companies.org_number")}</dt>
        <dd>{shownNumber(company, ctx.actor)}</dd>
        <dt>{t("companies.legal_form")}</dt>
        <dd>{legalFormLabel(company, lang)}</dd>
        <dt>{t("companies.registered_on")}</dt>
        <dd>{company.registered_on ? formatDate(company.registered_on, lang) : "–"}</dd>
        {company.deregistered_on ? (
          <>
            <dt>{t("companies.deregistered_on")}</dt>
            <dd>{formatDate(company.deregistered_on, lang)}</dd>
          </>
        ) : null}
        <dt>{t("companies.address")}</dt>
        <dd>{address.length > 0 ? address.map((line) => <div>{line}</div>) : "–"}</dd>
        <dt>{t("companies.industry")}</dt>
        <dd>
          {company.industries.length === 0 ? (
            "–"
          ) : (
            <ul class="plain">
              {company.industries.map((code) => (
                <li>
                  {code.code} {industryIndex().get(code.version)?.get(code.code)?.title_sv}{" "}
                  <span class="muted">
                    (SNI {code.version}
                    {code.uncertain ? `, ${t("companies.version_uncertain")}` : ""}
                    {code.primary ? `, ${t("companies.primary")}` : ""})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("companies.size_class")}</dt>
        <dd>{sizeClassName(company.size_class) ?? "–"}</dd>
        {company.description ? (
          <>
            <dt>{t("companies.description")}</dt>
            <dd class="prewrap">{company.description.slice(0, 2000)}</dd>
          </>
        ) : null}
        {company.web || company.phone || company.email ? (
          <>
            <dt>{t("companies.reach_company")}</dt>
            <dd>{[company.web, company.phone, company.email].filter(Boolean).join(" · ")}</dd>
          </>
        ) : null}
        <dt>{t("companies.sources")}</dt>
        <dd>{company.sources.map((source) => t(`companies.source.${source}` as MessageKey)).join(", ") || "–"}</dd>
      </dl>
    </section>
  );
}

/** The municipality's own profile of the company: its owner among staff, tags and notes, and the link to the municipality. */
function Profile({
  ctx,
  page,
  rights,
  staff,
  errors,
  values,
}: {
  ctx: PageContext;
  page: CompanyPage;
  rights: CompanyRights;
  staff: Array<{ id: string; name: string }>;
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  const { t } = ctx;
  const { company, profile } = page;
  const base = `/foretag/${company.id}`;
  const profileValues: FormValues = values ?? { owner_id: profile?.owner_id ?? "", tags: (profile?.tags ?? []).join(", "), notes: profile?.notes ?? "" };
  const staffChoices = staff.map((person) => ({ value: person.id, label: person.name }));
  return (
    <section aria-labelledby="profile-title" class="panel">
      <h2 id="profile-title">{t("companies.profile")}</h2>
      {rights.manage ? (
        <>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`${base}/profil`} csrfToken={ctx.csrfToken}>
            <Select
              name="owner_id"
              label={t("companies.owner")}
              blank={t("companies.no_owner")}
              choices={staffChoices}
              errors={errors}
              values={profileValues}
              t={t}
              optional
            />
            <TextField name="tags" label={t("companies.tags")} hint={t("companies.tags_hint")} errors={errors} values={profileValues} t={t} optional />
            <TextArea name="notes" label={t("companies.notes")} errors={errors} values={profileValues} t={t} optional rows={4} />
            <div class="actions">
              <Button>{t("companies.save_profile")}</Button>
            </div>
          </Form>
          <Form action={`${base}/koppling`} csrfToken={ctx.csrfToken}>
            <Checkbox name="linked" label={t("companies.linked_label")} hint={t("companies.linked_hint")} checked={page.linked !== null} t={t} />
            <div class="actions">
              <Button variant="secondary">{t("companies.save_link")}</Button>
            </div>
          </Form>
        </>
      ) : (
        <dl class="facts">
          <dt>{t("companies.owner")}</dt>
          <dd>{profile?.owner_name ?? "–"}</dd>
          <dt>{t("companies.tags")}</dt>
          <dd>{profile?.tags.join(", ") || "–"}</dd>
          <dt>{t("companies.notes")}</dt>
          <dd class="prewrap">{profile?.notes || "–"}</dd>
        </dl>
      )}
    </section>
  );
}

/** The company's contacts and visits. */
function ContactsAndVisits({ ctx, page, rights }: { ctx: PageContext; page: CompanyPage; rights: CompanyRights }) {
  const { t, lang } = ctx;
  const base = `/foretag/${page.company.id}`;
  return (
    <>
      <section aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t("companies.contacts")}</h2>
        {rights.manage ? (
          <p>
            <a href={`${base}/kontakter/ny`}>{t("companies.contact_new")}</a>
          </p>
        ) : null}
        <DataTable
          caption={t("companies.contacts")}
          t={t}
          baseUrl={base}
          empty={t("companies.no_contacts")}
          rows={page.contacts}
          columns={[
            { key: "name", label: t("companies.contact_name"), cell: (contact) => <a href={`/kontakter/${contact.id}`}>{contact.name}</a> },
            { key: "role", label: t("companies.role"), cell: (contact) => contact.role ?? contact.title ?? "–" },
            { key: "email", label: t("companies.email"), cell: (contact) => contact.email ?? "–" },
            { key: "phone", label: t("companies.phone"), cell: (contact) => contact.phone ?? "–" },
          ]}
        />
      </section>

      <section aria-labelledby="visits-title">
        <h2 id="visits-title">{t("companies.visits")}</h2>
        {rights.manage ? (
          <p>
            <a href={`${base}/besok/ny`}>{t("companies.visit_new")}</a>
          </p>
        ) : null}
        <DataTable
          caption={t("companies.visits")}
          t={t}
          baseUrl={base}
          empty={t("companies.no_visits")}
          rows={page.visits}
          columns={[
            { key: "when", label: t("companies.visit_when"), cell: (visit) => <a href={`/besok/${visit.id}`}>{formatDateTime(visit.starts_at, lang)}</a> },
            { key: "status", label: t("companies.visit_status"), cell: (visit) => t(`companies.visit_status.${visit.status}` as MessageKey) },
            { key: "purpose", label: t("companies.visit_purpose"), cell: (visit) => visit.purpose || "–" },
          ]}
        />
      </section>
    </>
  );
}

/** Everything that happened with the company, newest first, from every module that contributes. */
function Timeline({ ctx, entries }: { ctx: PageContext; entries: CompanyPage["timeline"] }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("companies.timeline")}</h2>
      {entries.length === 0 ? (
        <p class="empty">{t("companies.timeline_empty")}</p>
      ) : (
        <ol class="timeline">
          {entries.map((entry) => (
            <li>
              <span class="muted">{formatDateTime(entry.at, lang)}</span> {t(entry.kind as MessageKey)}:{" "}
              {entry.href ? <a href={entry.href}>{entry.title}</a> : entry.title}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A new follow-up task for a company (from a visit when `visitId` is given); open when re-shown with errors. */
export function NewTaskForm({
  ctx,
  companyId,
  visitId,
  staff,
  errors,
  values,
}: {
  ctx: PageContext;
  companyId: string;
  visitId: string | null;
  staff: Array<{ id: string; name: string }>;
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  const { t } = ctx;
  return (
    <details class="panel" open={errors !== undefined}>
      <summary>{t("companies.task_new")}</summary>
      <ErrorSummary errors={errors} t={t} />
      <Form action={`/foretag/${companyId}/uppgifter`} csrfToken={ctx.csrfToken}>
        {visitId ? <input type="hidden" name="visit_id" value={visitId} /> : null}
        <TextField name="title" label={t("companies.task_title")} errors={errors} values={values} t={t} />
        <Select
          name="owner_id"
          label={t("companies.task_owner")}
          blank={t("companies.no_owner")}
          choices={staff.map((person) => ({ value: person.id, label: person.name }))}
          errors={errors}
          values={values}
          t={t}
          optional
        />
        <TextField name="due_on" type="date" label={t("companies.task_due")} errors={errors} values={values} t={t} optional />
        <div class="actions">
          <Button>{t("companies.task_add")}</Button>
        </div>
      </Form>
    </details>
  );
}

/** Tasks with a done/undo button each; the form posts back to the page it is on. */
export function TaskTable({ ctx, tasks, baseUrl, showCompany }: { ctx: PageContext; tasks: Task[]; baseUrl: string; showCompany: boolean }) {
  const { t, lang } = ctx;
  return (
    <DataTable
      caption={t("companies.tasks")}
      t={t}
      baseUrl={baseUrl}
      empty={t("companies.no_tasks")}
      rows={tasks}
      columns={[
        { key: "title", label: t("companies.task_title"), cell: (task) => (task.done_at ? <s>{task.title}</s> : task.title) },
        ...(showCompany
          ? [{ key: "company", label: t("companies.name"), cell: (task: Task) => <a href={`/foretag/${task.company_id}`}>{task.company_name}</a> }]
          : []),
        { key: "owner", label: t("companies.task_owner"), cell: (task) => task.owner_name ?? "–" },
        { key: "due", label: t("companies.task_due"), cell: (task) => (task.due_on ? formatDate(task.due_on, lang) : "–") },
        {
          key: "done",
          label: t("companies.task_state"),
          cell: (task) => (
            <Form action={`/uppgifter/${task.id}/klar`} csrfToken={ctx.csrfToken}>
              <input type="hidden" name="done" value={task.done_at ? "0" : "1"} />
              <input type="hidden" name="back" value={baseUrl} />
              <button type="submit" class="button button-secondary">
                {task.done_at ? t("companies.task_reopen") : t("companies.task_done")}
                <span class="visually-hidden">: {task.title}</span>
              </button>
            </Form>
          ),
        },
      ]}
    />
  );
}

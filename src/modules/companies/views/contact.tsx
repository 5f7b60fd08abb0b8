import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, DeleteForm, ErrorSummary, Form, Select, TextField, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import type { MessageKey } from "../../../platform/ui/i18n.js";
import { formatIdentityNumber } from "../../../platform/sweden/identity-number.js";
import type { Contact, ContactDetail } from "../contact-service.js";
import { lawfulBases } from "../schemas.js";

interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** A new contact at a company, or an edit of one (with the role at the company it was opened from). */
export function ContactFormPage({
  ctx,
  company,
  contact,
  role,
  errors,
  values,
}: FormPage & { company: { id: string; name: string } | null; contact?: Contact | undefined; role?: string | null | undefined }) {
  const { t } = ctx;
  const title = contact ? t("companies.contact_edit") : t("companies.contact_new");
  const current: FormValues = values ?? (contact ? { ...contact, role: role ?? "" } : { lawful_basis: "public_task", source: t("companies.source_default") });
  const action = contact ? `/kontakter/${contact.id}/redigera${company ? `?foretag=${company.id}` : ""}` : `/foretag/${company?.id}/kontakter/ny`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{company ? `${title}: ${company.name}` : title}</h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action={action} csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("companies.contact_name")} errors={errors} values={current} t={t} autocomplete="off" />
        <TextField name="title" label={t("companies.contact_title")} errors={errors} values={current} t={t} optional />
        {company ? <TextField name="role" label={t("companies.role")} hint={t("companies.role_hint")} errors={errors} values={current} t={t} optional /> : null}
        <TextField name="email" type="email" label={t("companies.email")} errors={errors} values={current} t={t} optional autocomplete="off" />
        <TextField name="phone" label={t("companies.phone")} errors={errors} values={current} t={t} optional autocomplete="off" />
        <Select
          name="lawful_basis"
          label={t("companies.lawful_basis")}
          hint={t("companies.lawful_basis_hint")}
          choices={lawfulBases.map((basis) => ({ value: basis, label: t(`companies.basis.${basis}` as MessageKey) }))}
          errors={errors}
          values={current}
          t={t}
        />
        <TextField name="source" label={t("companies.contact_source")} hint={t("companies.contact_source_hint")} errors={errors} values={current} t={t} />
        <div class="actions">
          <Button>{contact ? t("common.save") : t("common.create")}</Button>
          <a href={company ? `/foretag/${company.id}` : contact ? `/kontakter/${contact.id}` : "/foretag"}>{t("common.cancel")}</a>
        </div>
      </Form>
    </Layout>
  );
}

/** A contact: the person's details with their lawful basis, the companies they are linked to, and the register extract and erasure. */
export function ContactPage({ ctx, detail, rights, errors, values }: FormPage & { detail: ContactDetail; rights: { manage: boolean; personal: boolean } }) {
  const { t, lang } = ctx;
  const { contact } = detail;
  const base = `/kontakter/${contact.id}`;
  return (
    <Layout ctx={ctx} title={contact.name}>
      <h1>{contact.name}</h1>
      <dl class="facts">
        <dt>{t("companies.contact_title")}</dt>
        <dd>{contact.title ?? "–"}</dd>
        <dt>{t("companies.email")}</dt>
        <dd>{contact.email ?? "–"}</dd>
        <dt>{t("companies.phone")}</dt>
        <dd>{contact.phone ?? "–"}</dd>
        <dt>{t("companies.lawful_basis")}</dt>
        <dd>{t(`companies.basis.${contact.lawful_basis}` as MessageKey)}</dd>
        <dt>{t("companies.contact_source")}</dt>
        <dd>{contact.source}</dd>
        <dt>{t("companies.touched_at")}</dt>
        <dd>{formatDateTime(contact.touched_at, lang)}</dd>
      </dl>
      {rights.manage ? (
        <p class="actions">
          <a href={`${base}/redigera`}>{t("companies.contact_edit")}</a>
        </p>
      ) : null}
      <h2>{t("companies.contact_companies")}</h2>
      <DataTable
        caption={t("companies.contact_companies")}
        t={t}
        baseUrl={base}
        empty={t("companies.no_companies")}
        rows={detail.companies}
        columns={[
          { key: "name", label: t("companies.name"), cell: (link) => <a href={`/foretag/${link.company_id}`}>{link.company_name}</a> },
          { key: "org", label: t("companies.org_number"), cell: (link) => formatIdentityNumber(link.org_number) },
          {
            key: "role",
            label: t("companies.role"),
            cell: (link) =>
              rights.manage ? <a href={`${base}/redigera?foretag=${link.company_id}`}>{link.role ?? t("companies.role_none")}</a> : (link.role ?? "–"),
          },
          ...(rights.manage
            ? [
                {
                  key: "unlink",
                  label: t("companies.unlink"),
                  cell: (link: ContactDetail["companies"][number]) => (
                    <Form action={`${base}/koppla-bort`} csrfToken={ctx.csrfToken}>
                      <input type="hidden" name="company_id" value={link.company_id} />
                      <button type="submit" class="button button-secondary">
                        {t("companies.unlink")}
                        <span class="visually-hidden">: {link.company_name}</span>
                      </button>
                    </Form>
                  ),
                },
              ]
            : []),
        ]}
      />
      {rights.manage ? (
        <section class="panel" aria-labelledby="link-title">
          <h2 id="link-title">{t("companies.contact_link")}</h2>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`${base}/foretag`} csrfToken={ctx.csrfToken}>
            <TextField name="org_number" label={t("companies.org_number")} hint={t("companies.org_number_hint")} errors={errors} values={values} t={t} />
            <TextField name="role" label={t("companies.role")} errors={errors} values={values} t={t} optional />
            <div class="actions">
              <Button variant="secondary">{t("companies.contact_link_button")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
      {rights.personal ? (
        <section class="panel" aria-labelledby="personal-title">
          <h2 id="personal-title">{t("companies.personal_data")}</h2>
          <p>{t("companies.personal_data_intro")}</p>
          <p class="actions">
            <a href={`${base}/registerutdrag`}>{t("companies.extract")}</a>
            <a href={`${base}/registerutdrag.json`} download>
              {t("companies.extract_json")}
            </a>
          </p>
          <DeleteForm action={`${base}/radera`} csrfToken={ctx.csrfToken} label={t("companies.erase")} />
        </section>
      ) : null}
    </Layout>
  );
}

type Extract = Awaited<ReturnType<typeof import("../contact-service.js").contactExtract>>;

/** The register extract as a readable page; the same data as the JSON download. */
export function ExtractPage({ ctx, id, extract }: { ctx: PageContext; id: string; extract: Extract }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("companies.extract")}>
      <h1>
        {t("companies.extract")}: {extract.person.name}
      </h1>
      <p>{t("companies.extract_intro", { date: formatDateTime(new Date(extract.generated_at), lang) })}</p>
      <dl class="facts">
        <dt>{t("companies.contact_name")}</dt>
        <dd>{extract.person.name}</dd>
        <dt>{t("companies.contact_title")}</dt>
        <dd>{extract.person.title ?? "–"}</dd>
        <dt>{t("companies.email")}</dt>
        <dd>{extract.person.email ?? "–"}</dd>
        <dt>{t("companies.phone")}</dt>
        <dd>{extract.person.phone ?? "–"}</dd>
        <dt>{t("companies.lawful_basis")}</dt>
        <dd>{t(`companies.basis.${extract.lawful_basis}` as MessageKey)}</dd>
        <dt>{t("companies.contact_source")}</dt>
        <dd>{extract.source}</dd>
        <dt>{t("companies.created_at")}</dt>
        <dd>{formatDateTime(extract.created_at, lang)}</dd>
      </dl>
      <h2>{t("companies.contact_companies")}</h2>
      <ul>
        {extract.companies.map((company) => (
          <li>
            {company.name} ({formatIdentityNumber(company.org_number)}){company.role ? `, ${company.role}` : ""}
          </li>
        ))}
      </ul>
      <h2>{t("companies.visits")}</h2>
      {extract.visits.length === 0 ? (
        <p class="empty">{t("companies.no_visits")}</p>
      ) : (
        <ul>
          {extract.visits.map((visit) => (
            <li>
              {formatDate(visit.starts_at.toISOString().slice(0, 10), lang)}: {visit.company_name}
              {visit.purpose ? `, ${visit.purpose}` : ""}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("companies.extract_changes")}</h2>
      <ul>
        {extract.changes.map((event) => (
          <li>
            {formatDateTime(event.at, lang)}: {event.action} ({event.actor_label})
          </li>
        ))}
      </ul>
      <p class="actions no-print">
        <a href={`/kontakter/${id}/registerutdrag.json`} download>
          {t("companies.extract_json")}
        </a>
        <a href={`/kontakter/${id}`}>{t("companies.back")}</a>
      </p>
    </Layout>
  );
}

/** Contacts past the retention time: to review, and to erase together. */
export function RetentionPage({
  ctx,
  months,
  contacts,
  canPurge,
}: {
  ctx: PageContext;
  months: number;
  contacts: Array<Contact & { companies: string | null }>;
  canPurge: boolean;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("companies.retention_title")}>
      <h1>{t("companies.retention_title")}</h1>
      <p>{t("companies.retention_intro", { months })}</p>
      <DataTable
        caption={t("companies.retention_title")}
        t={t}
        baseUrl="/kontakter/gallring"
        empty={t("companies.retention_none")}
        rows={contacts}
        columns={[
          { key: "name", label: t("companies.contact_name"), cell: (contact) => <a href={`/kontakter/${contact.id}`}>{contact.name}</a> },
          { key: "companies", label: t("companies.contact_companies"), cell: (contact) => contact.companies ?? "–" },
          { key: "touched", label: t("companies.touched_at"), cell: (contact) => formatDateTime(contact.touched_at, lang) },
        ]}
      />
      {canPurge && contacts.length > 0 ? (
        <DeleteForm action="/kontakter/gallring" csrfToken={ctx.csrfToken} label={t("companies.retention_purge", { count: contacts.length })} />
      ) : null}
    </Layout>
  );
}

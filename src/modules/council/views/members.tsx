import { Button, ErrorSummary, Form, Select, TextField, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import type { Translate } from "../../../platform/ui/i18n.js";
import type { Member, MemberOnDay, Term } from "../member-service.js";
import { lawfulBases, memberRoles } from "../tables.js";
import { CouncilNav, type FormPage } from "./parts.js";

const roleChoices = (t: Translate) => memberRoles.map((role) => ({ value: role, label: t(`council.role.${role}`) }));

/** The member register: those in office today by role, then the former. */
export function MembersPage({ ctx, members, manage }: { ctx: PageContext; members: MemberOnDay[]; manage: boolean }) {
  const { t, lang } = ctx;
  const columns = [
    { key: "name", label: t("council.field.name"), cell: (row: MemberOnDay) => <a href={`/radet/ledamoter/${row.id}`}>{row.name}</a> },
    { key: "organisation", label: t("council.field.organisation"), cell: (row: MemberOnDay) => row.organisation },
    { key: "role", label: t("council.field.role"), cell: (row: MemberOnDay) => (row.role ? t(`council.role.${row.role}`) : "–") },
    {
      key: "term",
      label: t("council.terms"),
      cell: (row: MemberOnDay) =>
        row.term_starts_on ? `${formatDate(row.term_starts_on, lang)} – ${row.term_ends_on ? formatDate(row.term_ends_on, lang) : ""}` : "–",
    },
  ];
  const current = members.filter((member) => member.role !== null);
  const former = members.filter((member) => member.role === null);
  return (
    <Layout ctx={ctx} title={t("council.members")}>
      <h1>{t("council.members")}</h1>
      <CouncilNav ctx={ctx} current="members" />
      {manage ? (
        <p>
          <a href="/radet/ledamoter/ny">{t("council.member_new")}</a>
        </p>
      ) : null}
      <DataTable caption={t("council.members_current")} columns={columns} rows={current} t={t} baseUrl="/radet/ledamoter" empty={t("council.members_none")} />
      {former.length > 0 ? (
        <DataTable caption={t("council.members_former")} columns={columns.slice(0, 2)} rows={former} t={t} baseUrl="/radet/ledamoter" empty="" />
      ) : null}
    </Layout>
  );
}

function MemberFields({ t, errors, values }: { t: Translate; errors?: FieldErrors | undefined; values: FormValues }) {
  return (
    <>
      <TextField name="name" label={t("council.field.name")} autocomplete="name" errors={errors} values={values} t={t} />
      <TextField name="email" label={t("council.field.email")} type="email" autocomplete="email" errors={errors} values={values} t={t} optional />
      <TextField name="phone" label={t("council.field.phone")} autocomplete="tel" errors={errors} values={values} t={t} optional />
      <TextField
        name="organisation"
        label={t("council.field.organisation")}
        hint={t("council.field.organisation_hint")}
        errors={errors}
        values={values}
        t={t}
        optional
      />
      <TextField name="org_number" label={t("council.field.org_number")} errors={errors} values={values} t={t} optional />
      <Select
        name="lawful_basis"
        label={t("council.field.lawful_basis")}
        choices={lawfulBases.map((basis) => ({ value: basis, label: t(`council.basis.${basis}`) }))}
        errors={errors}
        values={values}
        t={t}
      />
      <TextField
        name="basis_source"
        label={t("council.field.basis_source")}
        hint={t("council.field.basis_source_hint")}
        errors={errors}
        values={values}
        t={t}
        optional
      />
    </>
  );
}

function TermFields({ t, errors, values }: { t: Translate; errors?: FieldErrors | undefined; values: FormValues }) {
  return (
    <>
      <Select name="role" label={t("council.field.role")} choices={roleChoices(t)} errors={errors} values={values} t={t} />
      <TextField name="starts_on" label={t("council.field.starts_on")} type="date" errors={errors} values={values} t={t} />
      <TextField name="ends_on" label={t("council.field.ends_on")} type="date" errors={errors} values={values} t={t} optional />
    </>
  );
}

/** A new member (with their first term) or a member's details. */
export function MemberFormPage({ ctx, member, errors, values }: FormPage & { member: Member | null }) {
  const { t } = ctx;
  const title = member ? t("council.member_edit") : t("council.member_new");
  const current: FormValues = values ?? (member ? { ...member } : { lawful_basis: "public_task", role: "member" });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action={member ? `/radet/ledamoter/${member.id}/redigera` : "/radet/ledamoter/ny"} csrfToken={ctx.csrfToken}>
        <MemberFields t={t} errors={errors} values={current} />
        {member ? null : <TermFields t={t} errors={errors} values={current} />}
        <Button>{t("common.save")}</Button>
      </Form>
    </Layout>
  );
}

/** A member: their details, their terms (the history kept), and forms to add or end a term. */
export function MemberPage({ ctx, member, manage, errors, values }: FormPage & { member: Member & { terms: Term[] }; manage: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={member.name}>
      <h1>{member.name}</h1>
      <CouncilNav ctx={ctx} current="members" />
      <dl class="facts">
        <dt>{t("council.field.organisation")}</dt>
        <dd>{member.organisation}</dd>
        <dt>{t("council.field.email")}</dt>
        <dd>{member.email ?? "–"}</dd>
        <dt>{t("council.field.phone")}</dt>
        <dd>{member.phone ?? "–"}</dd>
        <dt>{t("council.field.lawful_basis")}</dt>
        <dd>
          {t(`council.basis.${member.lawful_basis}`)}
          {member.basis_source ? ` (${member.basis_source})` : ""}
        </dd>
      </dl>
      {manage ? (
        <p>
          <a href={`/radet/ledamoter/${member.id}/redigera`}>{t("council.member_edit")}</a>
        </p>
      ) : null}
      <h2>{t("council.terms")}</h2>
      <ul class="log">
        {member.terms.map((term) => (
          <li>
            {t(`council.role.${term.role}`)}: {formatDate(term.starts_on, lang)} – {term.ends_on ? formatDate(term.ends_on, lang) : t("council.term_current")}
            {manage && !term.ends_on ? (
              <Form action={`/radet/uppdrag/${term.id}/avsluta`} csrfToken={ctx.csrfToken} idPrefix={`end-${term.id}-`}>
                <TextField name="ends_on" label={t("council.field.ends_on")} type="date" errors={errors} values={values} t={t} />
                <Button variant="secondary">{t("council.term_end")}</Button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {manage ? (
        <section class="panel" aria-labelledby="term-add">
          <h2 id="term-add">{t("council.term_add")}</h2>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`/radet/ledamoter/${member.id}/uppdrag`} csrfToken={ctx.csrfToken}>
            <TermFields t={t} errors={errors} values={values ?? { role: "member" }} />
            <Button>{t("council.term_add")}</Button>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

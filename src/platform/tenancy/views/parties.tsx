import { Layout } from "../../ui/components/layout/layout.js";
import { DeleteForm, Button, ErrorSummary, Form, Select, TextArea, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import { DataTable } from "../../ui/components/table/table.js";
import type { PageContext } from "../../ui/context.js";
import type { MessageKey } from "../../ui/i18n.js";
import type { ExternalParty } from "../service.js";
import { partyKinds } from "../schemas.js";

export function PartiesPage({ ctx, parties, canManage }: { ctx: PageContext; parties: ExternalParty[]; canManage: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("parties.title")}>
      <h1>{t("parties.title")}</h1>
      <p class="lead">{t("parties.intro")}</p>
      {canManage ? (
        <p>
          <a href="/admin/parter/ny" class="button button-primary">
            {t("parties.new")}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t("parties.title")}
        t={t}
        baseUrl="/admin/parter"
        empty=""
        rows={parties}
        columns={[
          {
            key: "name",
            label: t("parties.name"),
            cell: (party) => (
              <>
                {canManage ? <a href={`/admin/parter/${party.id}`}>{party.name}</a> : party.name}{" "}
                {party.demo ? <span class="badge">{t("common.demo")}</span> : null}
              </>
            ),
          },
          { key: "kind", label: t("parties.kind"), cell: (party) => t(`party_kind.${party.kind}` as MessageKey) },
          { key: "description", label: t("parties.description"), cell: (party) => party.description },
          { key: "website", label: t("parties.website"), cell: (party) => (party.website ? <a href={party.website}>{party.website}</a> : "–") },
        ]}
      />
    </Layout>
  );
}

export function PartyFormPage({
  ctx,
  party,
  errors,
  values,
}: {
  ctx: PageContext;
  party?: ExternalParty | undefined;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  const { t } = ctx;
  const title = party ? t("parties.edit") : t("parties.new");
  const current: FormValues =
    values ?? (party ? { name: party.name, kind: party.kind, description: party.description, website: party.website } : { kind: "business_association" });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{party ? `${title}: ${party.name}` : title}</h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action={party ? `/admin/parter/${party.id}` : "/admin/parter/ny"} csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("parties.name")} errors={errors} values={current} t={t} />
        <Select
          name="kind"
          label={t("parties.kind")}
          choices={partyKinds.map((kind) => ({ value: kind, label: t(`party_kind.${kind}` as MessageKey) }))}
          errors={errors}
          values={current}
          t={t}
        />
        <TextArea name="description" label={t("parties.description")} optional errors={errors} values={current} t={t} />
        <TextField name="website" type="url" label={t("parties.website")} optional errors={errors} values={current} t={t} />
        <div class="actions">
          <Button>{party ? t("common.save") : t("common.create")}</Button>
          <a href="/admin/parter">{t("common.cancel")}</a>
        </div>
      </Form>
      {party ? <DeleteForm action={`/admin/parter/${party.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} /> : null}
    </Layout>
  );
}

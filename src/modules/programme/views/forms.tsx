import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  DeleteForm,
  Button,
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  Form,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { ActionStatus, Programme } from "../service.js";

interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

export function ProgrammeFormPage({
  ctx,
  programme,
  partyIds,
  parties,
  errors,
  values,
}: FormPage & { programme?: Programme | undefined; partyIds: string[]; parties: Array<{ id: string; name: string }> }) {
  const { t } = ctx;
  const title = programme ? t("programme.edit") : t("programme.new");
  const year = new Date().getFullYear();
  const current: FormValues = values ?? (programme ? { ...programme, party_ids: partyIds } : { start_year: year, end_year: year + 3, party_ids: [] });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{programme ? `${title}: ${programme.name}` : title}</h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action={programme ? `/admin/program/${programme.id}/redigera` : "/admin/program/ny"} csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("programme.name")} errors={errors} values={current} t={t} />
        <TextField name="start_year" label={t("programme.start_year")} errors={errors} values={current} t={t} />
        <TextField name="end_year" label={t("programme.end_year")} errors={errors} values={current} t={t} />
        <TextArea name="purpose" label={t("programme.purpose")} errors={errors} values={current} t={t} optional />
        <TextArea name="vision" label={t("programme.vision")} errors={errors} values={current} t={t} optional rows={3} />
        <TextArea name="goal" label={t("programme.goal")} errors={errors} values={current} t={t} optional rows={3} />
        {parties.length > 0 ? (
          <CheckboxGroup
            name="party_ids"
            label={t("programme.parties")}
            choices={parties.map((party) => ({ value: party.id, label: party.name }))}
            errors={errors}
            values={current}
            t={t}
            optional
          />
        ) : null}
        <div class="actions">
          <Button>{programme ? t("common.save") : t("common.create")}</Button>
          <a href={programme ? `/admin/program/${programme.id}` : "/admin/program"}>{t("common.cancel")}</a>
        </div>
      </Form>
    </Layout>
  );
}

/** A commitment or a focus area: a title, a text and an order. */
export function PartFormPage({
  ctx,
  kind,
  programme,
  part,
  readOnly,
  errors,
  values,
}: FormPage & {
  kind: "commitment" | "focus_area";
  programme: Programme;
  part?: { id: string; title: string; description: string; position: number } | undefined;
  readOnly: boolean;
}) {
  const { t } = ctx;
  const isCommitment = kind === "commitment";
  const title = part
    ? t(isCommitment ? "programme.commitment_edit" : "programme.focus_area_edit")
    : t(isCommitment ? "programme.commitment_new" : "programme.focus_area_new");
  const path = isCommitment ? "ataganden" : "fokusomraden";
  const nameField = isCommitment ? "title" : "name";
  const current: FormValues = values ?? (part ? { [nameField]: part.title, description: part.description, position: part.position } : {});
  const back = `/admin/program/${programme.id}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{part ? `${title}: ${part.title}` : title}</h1>
      <p>
        <a href={back}>{programme.name}</a>
      </p>
      {readOnly ? (
        <>
          <p class="notice">{t("programme.locked_notice")}</p>
          <p class="prewrap">{part?.description}</p>
        </>
      ) : (
        <>
          <ErrorSummary errors={errors} t={t} />
          <Form action={part ? `/admin/${path}/${part.id}` : `${back}/${path}/ny`} csrfToken={ctx.csrfToken}>
            <TextField
              name={nameField}
              label={t(isCommitment ? "programme.title_field" : "programme.focus_area_name")}
              errors={errors}
              values={current}
              t={t}
            />
            <TextArea name="description" label={t("programme.description")} errors={errors} values={current} t={t} optional />
            <TextField name="position" label={t("programme.position")} hint={t("programme.position_hint")} errors={errors} values={current} t={t} optional />
            <div class="actions">
              <Button>{part ? t("common.save") : t("common.create")}</Button>
              <a href={back}>{t("common.cancel")}</a>
            </div>
          </Form>
          {part ? <DeleteForm action={`/admin/${path}/${part.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} /> : null}
        </>
      )}
    </Layout>
  );
}

export function StatusesPage({ ctx, statuses }: { ctx: PageContext; statuses: ActionStatus[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("programme.statuses")}>
      <h1>{t("programme.statuses")}</h1>
      <p class="lead">{t("programme.statuses_intro")}</p>
      <p>
        <a href="/admin/atgardsstatus/ny" class="button button-primary">
          {t("programme.status_new")}
        </a>
      </p>
      <DataTable
        caption={t("programme.statuses")}
        t={t}
        baseUrl="/admin/atgardsstatus"
        empty={t("common.none")}
        rows={statuses}
        columns={[
          { key: "name", label: t("programme.status_name"), cell: (status) => <a href={`/admin/atgardsstatus/${status.id}`}>{status.name}</a> },
          { key: "default", label: t("programme.default_progress"), numeric: true, cell: (status) => `${status.default_progress} %` },
          { key: "closed", label: t("programme.closed"), cell: (status) => t(status.closed ? "common.yes" : "common.no") },
        ]}
      />
    </Layout>
  );
}

export function StatusFormPage({ ctx, status, errors, values }: FormPage & { status?: ActionStatus | undefined }) {
  const { t } = ctx;
  const title = status ? t("programme.status_edit") : t("programme.status_new");
  const current: FormValues = values ?? (status ? { ...status } : { default_progress: 0 });
  const closed = values ? values.closed === "on" : (status?.closed ?? false);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{status ? `${title}: ${status.name}` : title}</h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action={status ? `/admin/atgardsstatus/${status.id}` : "/admin/atgardsstatus/ny"} csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("programme.status_name")} errors={errors} values={current} t={t} />
        <TextField name="default_progress" label={t("programme.default_progress")} errors={errors} values={current} t={t} />
        <Checkbox name="closed" label={t("programme.closed")} checked={closed} errors={errors} t={t} />
        <TextField name="position" label={t("programme.position")} hint={t("programme.position_hint")} errors={errors} values={current} t={t} optional />
        <div class="actions">
          <Button>{status ? t("common.save") : t("common.create")}</Button>
          <a href="/admin/atgardsstatus">{t("common.cancel")}</a>
        </div>
      </Form>
      {status ? <DeleteForm action={`/admin/atgardsstatus/${status.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} /> : null}
    </Layout>
  );
}

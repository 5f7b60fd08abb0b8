import { Layout } from "../../ui/components/layout/layout.js";
import { DeleteForm, Button, ErrorSummary, Form, Select, TextField, type FieldErrors, type FormValues } from "../../ui/components/form/form.js";
import { DataTable } from "../../ui/components/table/table.js";
import type { PageContext } from "../../ui/context.js";
import type { MessageKey } from "../../ui/i18n.js";
import type { OrgUnit } from "../service.js";
import { unitKinds } from "../schemas.js";

type TreeUnit = OrgUnit & { depth: number };

export function UnitsPage({
  ctx,
  units,
  staff,
  canManage,
}: {
  ctx: PageContext;
  units: readonly TreeUnit[];
  staff: Array<{ id: string; name: string }>;
  canManage: boolean;
}) {
  const { t } = ctx;
  const staffName = new Map(staff.map((person) => [person.id, person.name]));
  return (
    <Layout ctx={ctx} title={t("units.title")}>
      <h1>{t("units.title")}</h1>
      <p class="lead">{t("units.intro")}</p>
      {canManage ? (
        <p>
          <a href="/admin/enheter/ny" class="button button-primary">
            {t("units.new")}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t("units.title")}
        t={t}
        baseUrl="/admin/enheter"
        empty={t("units.none")}
        rows={units}
        columns={[
          {
            key: "name",
            label: t("units.name"),
            cell: (unit) => (
              <span class={`depth-${Math.min(unit.depth, 3)}`}>
                {canManage ? <a href={`/admin/enheter/${unit.id}`}>{unit.name}</a> : unit.name}{" "}
                {unit.demo ? <span class="badge">{t("common.demo")}</span> : null}
              </span>
            ),
          },
          { key: "kind", label: t("units.kind"), cell: (unit) => t(`unit_kind.${unit.kind}` as MessageKey) },
          { key: "manager", label: t("units.manager"), cell: (unit) => (unit.manager_id ? (staffName.get(unit.manager_id) ?? "–") : "–") },
        ]}
      />
    </Layout>
  );
}

interface UnitFormProps {
  ctx: PageContext;
  unit?: OrgUnit | undefined;
  units: readonly TreeUnit[];
  staff: Array<{ id: string; name: string }>;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

export function UnitFormPage({ ctx, unit, units, staff, errors, values }: UnitFormProps) {
  const { t } = ctx;
  const title = unit ? t("units.edit") : t("units.new");
  const current: FormValues =
    values ?? (unit ? { name: unit.name, kind: unit.kind, parent_id: unit.parent_id, manager_id: unit.manager_id } : { kind: "department" });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{unit ? `${title}: ${unit.name}` : title}</h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action={unit ? `/admin/enheter/${unit.id}` : "/admin/enheter/ny"} csrfToken={ctx.csrfToken}>
        <TextField name="name" label={t("units.name")} errors={errors} values={current} t={t} />
        <Select
          name="kind"
          label={t("units.kind")}
          choices={unitKinds.map((kind) => ({ value: kind, label: t(`unit_kind.${kind}` as MessageKey) }))}
          errors={errors}
          values={current}
          t={t}
        />
        <Select
          name="parent_id"
          label={t("units.parent")}
          optional
          blank={t("common.none")}
          choices={units
            .filter((candidate) => candidate.id !== unit?.id)
            .map((candidate) => ({ value: candidate.id, label: `${"– ".repeat(candidate.depth)}${candidate.name}` }))}
          errors={errors}
          values={current}
          t={t}
        />
        <Select
          name="manager_id"
          label={t("units.manager")}
          optional
          blank={t("common.none")}
          choices={staff.map((person) => ({ value: person.id, label: person.name }))}
          errors={errors}
          values={current}
          t={t}
        />
        <div class="actions">
          <Button>{unit ? t("common.save") : t("common.create")}</Button>
          <a href="/admin/enheter">{t("common.cancel")}</a>
        </div>
      </Form>
      {unit ? <DeleteForm action={`/admin/enheter/${unit.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} /> : null}
    </Layout>
  );
}

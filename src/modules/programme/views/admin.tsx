import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, TextArea, TextField, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { ProgrammeDetail } from "../detail.js";
import type { Programme } from "../service.js";
import { FollowUpLinks } from "./public.js";
import { actionPeriod, formatNumber, ProgressBar, StatusBadges } from "./parts.js";

export interface ProgrammeRights {
  manage: boolean;
  unlock: boolean;
  statuses: boolean;
}

export function AdminProgrammesPage({ ctx, programmes, rights }: { ctx: PageContext; programmes: Programme[]; rights: ProgrammeRights }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("programme.admin_title")}>
      <h1>{t("programme.admin_title")}</h1>
      <p class="lead">{t("programme.admin_intro")}</p>
      <p class="actions">
        {rights.manage ? (
          <a href="/admin/program/ny" class="button button-primary">
            {t("programme.new")}
          </a>
        ) : null}
        {rights.statuses ? <a href="/admin/atgardsstatus">{t("programme.statuses")}</a> : null}
      </p>
      <DataTable
        caption={t("programme.admin_title")}
        t={t}
        baseUrl="/admin/program"
        empty={t("programme.none")}
        rows={programmes}
        columns={[
          { key: "name", label: t("programme.name"), cell: (programme) => <a href={`/admin/program/${programme.id}`}>{programme.name}</a> },
          { key: "period", label: t("programme.period"), cell: (programme) => `${programme.start_year}–${programme.end_year}` },
          { key: "status", label: t("programme.status"), cell: (programme) => <StatusBadges ctx={ctx} programme={programme} /> },
        ]}
      />
    </Layout>
  );
}

interface AdminPageProps {
  ctx: PageContext;
  detail: ProgrammeDetail;
  /** Every programme of the municipality, for the copy form's suggested period. */
  periods: ReadonlyArray<Pick<Programme, "id" | "name" | "start_year" | "end_year">>;
  rights: ProgrammeRights;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** A programme's staff page: its state, what may be done to it, and its parts with links to edit them. */
export function ProgrammeAdminPage({ ctx, detail, periods, rights, errors, values }: AdminPageProps) {
  const { t, lang } = ctx;
  const { programme } = detail;
  const base = `/admin/program/${programme.id}`;
  const canEdit = rights.manage && !detail.locked;
  const nextStart = freeStartAfter(programme, periods);
  const copyValues = values ?? {
    name: programme.name.replace(/\d{4}\s*[–-]\s*\d{4}/, `${nextStart}–${nextStart + 3}`),
    start_year: nextStart,
    end_year: nextStart + 3,
  };
  return (
    <Layout ctx={ctx} title={programme.name}>
      <h1>{programme.name}</h1>
      <StatusBadges ctx={ctx} programme={programme} />
      <ErrorSummary errors={errors} t={t} />
      {programme.status === "adopted" && !detail.locked ? (
        <p class="notice">{t("programme.unlocked_notice", { reason: programme.unlock_reason ?? "" })}</p>
      ) : null}
      {programme.status === "adopted" && detail.locked ? <p class="notice">{t("programme.locked_notice")}</p> : null}
      {programme.status === "archived" ? <p class="notice">{t("programme.archived_notice")}</p> : null}
      <p>
        {t("programme.period")}: {programme.start_year}–{programme.end_year} · {t("programme.progress")}:{" "}
        <ProgressBar ctx={ctx} value={detail.progress} label={t("programme.progress")} />
      </p>
      <ul class="actions">
        {programme.status !== "draft" ? (
          <li>
            <a href={`/program/${programme.id}`}>{t("programme.open_public")}</a>
          </li>
        ) : (
          <li>
            <a href={`/program/${programme.id}`}>{t("programme.open_public")}</a> ({t("programme.status.draft")})
          </li>
        )}
        <li>
          <a href={`${base}/uppfoljning`}>{t("programme.follow_up")}</a>
        </li>
        <li>
          <a href={`${base}/kalkylblad`}>{t("programme.sheet_title")}</a>
        </li>
        <li>
          <a href="/admin/kolada">{t("programme.kolada_title")}</a>
        </li>
        {programme.previous_id ? (
          <li>
            <a href={`/admin/program/${programme.previous_id}`}>{t("programme.previous")}</a>
          </li>
        ) : null}
        {canEdit ? (
          <li>
            <a href={`${base}/redigera`}>{t("programme.edit")}</a>
          </li>
        ) : null}
      </ul>

      <h2>{t("programme.commitments")}</h2>
      <PartList
        ctx={ctx}
        items={detail.commitments.map((c) => ({ id: c.id, label: c.title }))}
        href={(id) => `/admin/ataganden/${id}`}
        newHref={canEdit ? `${base}/ataganden/ny` : null}
        newLabel={t("programme.commitment_new")}
      />

      <h2>{t("programme.focus_areas")}</h2>
      <PartList
        ctx={ctx}
        items={detail.focusAreas.map((area) => ({
          id: area.id,
          label: area.name,
          extra: <ProgressBar ctx={ctx} value={area.progress} label={`${t("programme.progress")}: ${area.name}`} />,
        }))}
        href={(id) => `/admin/fokusomraden/${id}`}
        newHref={canEdit ? `${base}/fokusomraden/ny` : null}
        newLabel={t("programme.focus_area_new")}
      />

      <ActionList ctx={ctx} detail={detail} canEdit={canEdit} />

      <h2>{t("programme.indicators")}</h2>
      {canEdit ? (
        <p>
          <a href={`${base}/indikatorer/ny`} class="button button-secondary">
            {t("programme.indicator_new")}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t("programme.indicators")}
        t={t}
        baseUrl={base}
        empty={t("programme.no_indicators")}
        rows={detail.indicators}
        columns={[
          {
            key: "name",
            label: t("programme.indicator_name"),
            cell: (indicator) => (
              <>
                <a href={`/admin/indikatorer/${indicator.id}`}>{indicator.name}</a> {indicator.demo ? <span class="badge">{t("common.demo")}</span> : null}
              </>
            ),
          },
          {
            key: "area",
            label: t("programme.focus_area"),
            cell: (indicator) => detail.focusAreas.find((area) => area.id === indicator.focus_area_id)?.name ?? t("programme.whole_programme"),
          },
          {
            key: "baseline",
            label: t("programme.baseline"),
            numeric: true,
            cell: (indicator) => `${formatNumber(indicator.baseline_value, lang)}${indicator.baseline_year ? ` (${indicator.baseline_year})` : ""}`,
          },
          { key: "owner", label: t("programme.owner"), cell: (indicator) => indicator.owner_name ?? "–" },
        ]}
      />

      <h2>{t("programme.published")}</h2>
      <FollowUpLinks ctx={ctx} detail={detail} />

      {rights.manage ? (
        <ControlForms ctx={ctx} detail={detail} periods={periods} rights={rights} errors={errors} values={values} copyValues={copyValues} />
      ) : null}
    </Layout>
  );
}

function PartList({
  ctx,
  items,
  href,
  newHref,
  newLabel,
}: {
  ctx: PageContext;
  items: Array<{ id: string; label: string; extra?: preact.ComponentChildren }>;
  href: (id: string) => string;
  newHref: string | null;
  newLabel: string;
}) {
  return (
    <>
      {items.length === 0 ? <p class="empty">{ctx.t("common.none")}</p> : null}
      <ul>
        {items.map((item) => (
          <li>
            <a href={href(item.id)}>{item.label}</a> {item.extra ?? null}
          </li>
        ))}
      </ul>
      {newHref ? (
        <p>
          <a href={newHref}>{newLabel}</a>
        </p>
      ) : null}
    </>
  );
}

/** Adopt, archive, unlock, lock again, copy, delete: each a small form of its own. */
/**
 * The first year after this programme that no other programme covers: the next period when
 * it is free, else the year after the last period that follows on.
 */
function freeStartAfter(programme: Pick<Programme, "end_year">, periods: AdminPageProps["periods"]): number {
  let start = programme.end_year + 1;
  for (
    let taken = periods.find((other) => other.start_year <= start && other.end_year >= start);
    taken;
    taken = periods.find((other) => other.start_year <= start && other.end_year >= start)
  ) {
    start = taken.end_year + 1;
  }
  return start;
}

function ControlForms({ ctx, detail, periods, rights, errors, values, copyValues }: AdminPageProps & { copyValues: FormValues }) {
  const { t } = ctx;
  const { programme } = detail;
  const base = `/admin/program/${programme.id}`;
  const adoptValues = values ?? { adopted_by: "Kommunfullmäktige" };
  // Programmes that already cover the years right after this one: the copy would overlap them.
  const following = periods.filter(
    (other) => other.id !== programme.id && other.start_year <= programme.end_year + 1 && other.end_year >= programme.end_year + 1,
  );
  return (
    <>
      {programme.status === "draft" ? (
        <section class="panel" aria-labelledby="adopt-title">
          <h2 id="adopt-title">{t("programme.adopt")}</h2>
          <p>{t("programme.adopt_intro")}</p>
          <Form action={`${base}/anta`} csrfToken={ctx.csrfToken}>
            <TextField name="adopted_by" label={t("programme.adopted_by")} errors={errors} values={adoptValues} t={t} />
            <TextField name="adopted_on" type="date" label={t("programme.adopted_on")} errors={errors} values={adoptValues} t={t} />
            <Button>{t("programme.adopt")}</Button>
          </Form>
        </section>
      ) : null}
      {programme.status === "adopted" && detail.locked && rights.unlock ? (
        <section class="panel" aria-labelledby="unlock-title">
          <h2 id="unlock-title">{t("programme.unlock")}</h2>
          <Form action={`${base}/las-upp`} csrfToken={ctx.csrfToken}>
            <TextArea name="reason" label={t("programme.unlock_reason")} hint={t("programme.unlock_hint")} errors={errors} values={values} t={t} rows={3} />
            <Button variant="secondary">{t("programme.unlock")}</Button>
          </Form>
        </section>
      ) : null}
      {programme.status === "adopted" && !detail.locked ? (
        <Form action={`${base}/las`} csrfToken={ctx.csrfToken}>
          <Button variant="secondary">{t("programme.relock")}</Button>
        </Form>
      ) : null}
      <section class="panel" aria-labelledby="copy-title">
        <h2 id="copy-title">{t("programme.copy")}</h2>
        <p>{t("programme.copy_intro")}</p>
        {following.length > 0 ? (
          <p class="notice">
            {t("programme.copy_period_taken")}{" "}
            {following.map((other, index) => (
              <>
                {index > 0 ? ", " : null}
                <a href={`/admin/program/${other.id}`}>{other.name}</a> ({other.start_year}–{other.end_year})
              </>
            ))}
          </p>
        ) : null}
        <Form action={`${base}/kopiera`} csrfToken={ctx.csrfToken}>
          <TextField name="name" label={t("programme.name")} errors={errors} values={copyValues} t={t} />
          <TextField name="start_year" label={t("programme.start_year")} errors={errors} values={copyValues} t={t} />
          <TextField name="end_year" label={t("programme.end_year")} errors={errors} values={copyValues} t={t} />
          <Button variant="secondary">{t("programme.copy")}</Button>
        </Form>
      </section>
      <div class="actions">
        {programme.status === "adopted" ? (
          <Form action={`${base}/arkivera`} csrfToken={ctx.csrfToken}>
            <Button variant="secondary">{t("programme.archive")}</Button>
          </Form>
        ) : null}
        {programme.status === "archived" ? (
          <Form action={`${base}/aterstall`} csrfToken={ctx.csrfToken}>
            <Button variant="secondary">{t("programme.reactivate")}</Button>
          </Form>
        ) : null}
        {programme.status === "draft" ? (
          <Form action={`${base}/ta-bort`} csrfToken={ctx.csrfToken}>
            <Button variant="danger">{t("programme.delete_draft")}</Button>
          </Form>
        ) : null}
      </div>
    </>
  );
}

/** The programme's actions with their area, who answers for them, when they run, and how far they have come. */
function ActionList({ ctx, detail, canEdit }: { ctx: PageContext; detail: ProgrammeDetail; canEdit: boolean }) {
  const { t } = ctx;
  const base = `/admin/program/${detail.programme.id}`;
  return (
    <>
      <h2>{t("programme.actions")}</h2>
      {canEdit && detail.focusAreas.length > 0 ? (
        <p>
          <a href={`${base}/atgarder/ny`} class="button button-secondary">
            {t("programme.action_new")}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t("programme.actions")}
        t={t}
        baseUrl={base}
        empty={t("programme.no_actions")}
        rows={detail.actions}
        columns={[
          {
            key: "title",
            label: t("programme.action_title"),
            cell: (action) => (
              <>
                <a href={`/admin/atgarder/${action.id}`}>{action.title}</a> {action.demo ? <span class="badge">{t("common.demo")}</span> : null}
              </>
            ),
          },
          { key: "area", label: t("programme.focus_area"), cell: (action) => detail.focusAreas.find((area) => area.id === action.focus_area_id)?.name ?? "–" },
          { key: "responsible", label: t("programme.responsible"), cell: (action) => action.responsible?.name ?? "–" },
          { key: "owner", label: t("programme.owner"), cell: (action) => action.owner_name ?? "–" },
          { key: "dates", label: t("programme.action_dates"), cell: (action) => actionPeriod(ctx, action) },
          { key: "status", label: t("programme.action_status"), cell: (action) => action.status_name },
          { key: "progress", label: t("programme.action_progress"), numeric: true, cell: (action) => `${action.progress} %` },
        ]}
      />
    </>
  );
}

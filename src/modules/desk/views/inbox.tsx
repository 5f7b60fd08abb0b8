import { Button, ErrorSummary, Form, Select, TextField, type FieldErrors } from "../../../platform/ui/components/form/form.js";
import { Pagination, TableWrap } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime } from "../../../platform/ui/format.js";
import type { MessageKey } from "../../../platform/ui/i18n.js";
import { slaStates } from "../clocks.js";
import type { Inbox } from "../inbox-service.js";
import type { InboxQuery } from "../schemas.js";
import { caseStatuses, priorities } from "../tables.js";
import { categoryName, SlaBadge, statusLabel } from "./parts.js";

export function inboxUrl(query: Partial<InboxQuery>, path = "/arenden"): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "" && !(key === "page" && value === 1)) {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The inbox: filters, cases by next deadline, and bulk actions on the chosen ones. */
export function InboxContent({
  ctx,
  inbox,
  query,
  rights,
  errors,
}: {
  ctx: PageContext;
  inbox: Inbox;
  query: InboxQuery;
  rights: { register: boolean; settings: boolean };
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const { page: _page, ...filters } = query;
  return (
    <>
      <h1>{t("desk.inbox_title")}</h1>
      <p class="actions">
        {rights.register ? <a href="/arenden/ny">{t("desk.register_case")}</a> : null}
        {rights.register ? <a href="/arenden/aviseringar">{t("desk.notifications_title")}</a> : null}
        <a href="/arenden/statistik">{t("desk.dashboard_title")}</a>
        <a href="/arenden/diarium">{t("desk.diarium_title")}</a>
        {rights.settings ? <a href="/admin/foretagslots">{t("desk.settings_title")}</a> : null}
        {rights.settings ? <a href="/arenden/personuppgifter">{t("desk.records_title")}</a> : null}
      </p>
      <Filters ctx={ctx} inbox={inbox} query={query} />
      <div id="inbox-results">
        <ErrorSummary errors={errors} t={t} idPrefix="bulk-" />
        <p role="status">{t("desk.inbox_count", { count: inbox.total })}</p>
        <Form action={inboxUrl({ ...filters, page: query.page }, "/arenden/massandring")} csrfToken={ctx.csrfToken} idPrefix="bulk-">
          <CaseTable ctx={ctx} rows={inbox.rows} />
          <BulkActions ctx={ctx} inbox={inbox} errors={errors} />
        </Form>
        <Pagination baseUrl={inboxUrl(filters)} page={inbox.page} hasMore={inbox.page * inbox.pageSize < inbox.total} t={t} />
      </div>
    </>
  );
}

/** The filters: a search and one choice per facet, applied as they change (htmx) or by the button. */
function Filters({ ctx, inbox, query }: { ctx: PageContext; inbox: Inbox; query: InboxQuery }) {
  const { t, lang } = ctx;
  const values = { ...query, page: undefined };
  const { page: _page, ...filters } = query;
  return (
    <Form
      action="/arenden"
      method="get"
      csrfToken={ctx.csrfToken}
      class="filters"
      htmx={{ get: "/arenden", target: "#inbox-results", select: "#inbox-results", pushUrl: true, trigger: "change, submit" }}
    >
      <TextField name="q" label={t("desk.search")} hint={t("desk.search_hint")} values={values} t={t} optional />
      <Select
        name="unit"
        label={t("desk.unit")}
        blank={t("desk.all")}
        choices={inbox.choices.units.map((unit) => ({ value: unit.id, label: unit.name }))}
        values={values}
        t={t}
      />
      <Select
        name="status"
        label={t("desk.status_label")}
        blank={t("desk.status.active")}
        choices={caseStatuses.map((status) => ({ value: status, label: statusLabel(status, t) }))}
        values={values}
        t={t}
      />
      <Select
        name="category"
        label={t("desk.category")}
        blank={t("desk.all")}
        choices={inbox.choices.categories.map((category) => ({
          value: category.id,
          label: categoryName({ category_sv: category.name_sv, category_en: category.name_en }, lang),
        }))}
        values={values}
        t={t}
      />
      <Select
        name="assignee"
        label={t("desk.assignee")}
        blank={t("desk.all")}
        choices={[
          { value: "me", label: t("desk.assigned_to_me") },
          { value: "none", label: t("desk.unassigned") },
          ...inbox.choices.handlers.map((handler) => ({ value: handler.id, label: handler.name })),
        ]}
        values={values}
        t={t}
      />
      <Select
        name="sla"
        label={t("desk.sla_label")}
        blank={t("desk.all")}
        choices={slaStates.map((state) => ({ value: state, label: t(`desk.sla.${state}` as MessageKey) }))}
        values={values}
        t={t}
      />
      <Select
        name="priority"
        label={t("desk.priority")}
        blank={t("desk.all")}
        choices={priorities.map((priority) => ({ value: priority, label: t(`desk.priority.${priority}` as MessageKey) }))}
        values={values}
        t={t}
      />
      <div class="actions">
        <Button variant="secondary">{t("desk.filter")}</Button>
        <a href={inboxUrl(filters, "/arenden.csv")}>{t("desk.export_csv")}</a>
      </div>
    </Form>
  );
}

/** The cases, each with a box to choose it for a bulk action. */
function CaseTable({ ctx, rows }: { ctx: PageContext; rows: Inbox["rows"] }) {
  const { t, lang } = ctx;
  return (
    <TableWrap t={t} caption={t("desk.inbox_title")}>
      <table class="table">
        <caption class="visually-hidden">{t("desk.inbox_title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("desk.choose")}</th>
            <th scope="col">{t("desk.case")}</th>
            <th scope="col">{t("desk.subject")}</th>
            <th scope="col">{t("desk.category")}</th>
            <th scope="col">{t("desk.unit")}</th>
            <th scope="col">{t("desk.assignee")}</th>
            <th scope="col">{t("desk.status_label")}</th>
            <th scope="col">{t("desk.next_deadline")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={8}>{t("desk.inbox_empty")}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr>
                <td>
                  <input type="checkbox" name="case_ids" value={row.id} id={`case-${row.id}`} aria-label={t("desk.choose_case", { number: row.number })} />
                </td>
                <td>
                  <a href={`/arenden/${row.id}`}>{row.number}</a>
                  {row.priority === "urgent" ? <span class="badge badge-danger"> {t("desk.priority.urgent")}</span> : null}
                </td>
                <td>
                  {row.subject}
                  {row.company_name ? <span class="hint"> · {row.company_name}</span> : null}
                </td>
                <td>{categoryName(row, lang)}</td>
                <td>{row.unit_name}</td>
                <td>{row.assignee_name ?? t("desk.unassigned")}</td>
                <td>{statusLabel(row.status, t)}</td>
                <td>
                  {row.next_due_at ? formatDateTime(row.next_due_at, lang) : "–"} <SlaBadge state={row.sla} minutesLeft={row.minutesLeft} t={t} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** What to do with the chosen cases: assign them, or change their status. */
function BulkActions({ ctx, inbox, errors }: { ctx: PageContext; inbox: Inbox; errors: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <fieldset>
      <legend>{t("desk.bulk_legend")}</legend>
      <Select
        name="action"
        label={t("desk.bulk_action")}
        choices={[
          { value: "assign", label: t("desk.bulk_assign") },
          { value: "status", label: t("desk.bulk_status") },
        ]}
        errors={errors}
        t={t}
      />
      <Select
        name="assignee_id"
        label={t("desk.assignee")}
        blank={t("desk.unassigned")}
        choices={inbox.choices.handlers.map((handler) => ({ value: handler.id, label: handler.name }))}
        errors={errors}
        t={t}
        optional
      />
      <Select
        name="status"
        label={t("desk.new_status")}
        blank={t("desk.keep_status")}
        choices={caseStatuses.map((status) => ({ value: status, label: statusLabel(status, t) }))}
        errors={errors}
        t={t}
        optional
      />
      <div class="actions">
        <Button variant="secondary">{t("desk.bulk_apply")}</Button>
      </div>
    </fieldset>
  );
}

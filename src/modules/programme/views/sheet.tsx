import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, FileField, Form, type FieldErrors } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { SheetImportSummary } from "../sheet-service.js";
import type { Cell, Outcome, Plan } from "../sheet.js";

interface SheetPageProps {
  ctx: PageContext;
  programme: { id: string; name: string };
  imports: readonly SheetImportSummary[];
  errors?: FieldErrors | undefined;
}

/** A programme's spreadsheets: actions and indicator values out as XLSX or CSV, and a file back in. */
export function SheetPage({ ctx, programme, imports, errors }: SheetPageProps) {
  const { t } = ctx;
  const base = `/admin/program/${programme.id}`;
  return (
    <Layout ctx={ctx} title={`${t("programme.sheet_title")} – ${programme.name}`}>
      <h1>{t("programme.sheet_title")}</h1>
      <p>
        <a href={base}>{programme.name}</a>
      </p>
      <p class="lead">{t("programme.sheet_intro")}</p>
      <h2>{t("programme.sheet_export")}</h2>
      <ul>
        <li>
          {t("programme.actions")}: <a href={`${base}/atgarder.xlsx`}>XLSX</a> · <a href={`${base}/atgarder.csv`}>CSV</a>
        </li>
        <li>
          {t("programme.sheet_values")}: <a href={`${base}/indikatorvarden.xlsx`}>XLSX</a> · <a href={`${base}/indikatorvarden.csv`}>CSV</a>
        </li>
      </ul>
      <h2>{t("programme.sheet_import")}</h2>
      <ErrorSummary errors={errors} t={t} />
      <Form action={`${base}/kalkylblad`} csrfToken={ctx.csrfToken} files>
        <FileField name="file" label={t("programme.sheet_file")} hint={t("programme.sheet_file_hint")} accept=".csv,.txt,.xlsx" errors={errors} t={t} />
        <div class="actions">
          <Button>{t("programme.sheet_preview")}</Button>
        </div>
      </Form>
      <DataTable
        caption={t("programme.sheet_recent")}
        t={t}
        baseUrl="#"
        empty={t("programme.sheet_none")}
        rows={[...imports]}
        columns={[
          { key: "file", label: t("programme.sheet_file"), cell: (row) => <a href={`/admin/kalkylblad/${row.id}`}>{row.file_name || row.id}</a> },
          { key: "kind", label: t("programme.sheet_kind"), cell: (row) => t(`programme.sheet_kind_${row.kind}`) },
          { key: "state", label: t("programme.sheet_state"), cell: (row) => t(`programme.sheet_state_${row.state}`) },
        ]}
      />
    </Layout>
  );
}

export interface PreviewRow {
  line: number;
  outcome: Outcome;
  label: string;
  changes: Array<{ field: string; from: Cell; to: Cell }>;
  problems: string[];
}

interface ImportPageProps {
  ctx: PageContext;
  programme: { id: string; name: string };
  sheetImport: { id: string; file_name: string; state: SheetImportSummary["state"]; total: number; done: number; error: string | null; plan: Plan };
  rows: readonly PreviewRow[];
  /** Rows of the file not listed (unchanged ones of a long file). */
  hidden: number;
  errors?: FieldErrors | undefined;
}

const shown = (value: Cell) => (value === null || value === "" ? "–" : String(value));

/** What a file would change, row by row, before anything is written; then its progress and outcome. */
export function SheetImportPage({ ctx, programme, sheetImport, rows, hidden, errors }: ImportPageProps) {
  const { t } = ctx;
  const { plan } = sheetImport;
  const applicable = plan.counts.new + plan.counts.changed;
  return (
    <Layout ctx={ctx} title={`${t("programme.sheet_preview_title")}: ${sheetImport.file_name}`} htmx={sheetImport.state === "queued"}>
      <h1>
        {t("programme.sheet_preview_title")}: {sheetImport.file_name}
      </h1>
      <p>
        <a href={`/admin/program/${programme.id}/kalkylblad`}>{t("programme.sheet_title")}</a>
      </p>
      <ErrorSummary errors={errors} t={t} />
      <div
        id="sheet-state"
        role="status"
        {...(sheetImport.state === "queued"
          ? { "hx-get": `/admin/kalkylblad/${sheetImport.id}`, "hx-trigger": "every 2s", "hx-select": "#sheet-state", "hx-swap": "outerHTML" }
          : {})}
      >
        <p>{t(`programme.sheet_state_${sheetImport.state}`)}</p>
        {sheetImport.state === "queued" ? (
          <p>
            <label for="sheet-progress">{t("programme.sheet_progress", { done: sheetImport.done, total: sheetImport.total })}</label>{" "}
            <progress id="sheet-progress" max={sheetImport.total} value={sheetImport.done} />{" "}
            <a href={`/admin/kalkylblad/${sheetImport.id}`}>{t("programme.sheet_reload")}</a>
          </p>
        ) : null}
        {sheetImport.error ? (
          <p class="field-error">{t(sheetImport.error.replace("programme.", "programme.error.") as "programme.error.sheet_stale")}</p>
        ) : null}
      </div>
      <p>{t("programme.sheet_counts", plan.counts)}</p>
      {plan.unknownColumns.length > 0 ? (
        <p class="notice">
          {t("programme.sheet_unknown_columns")} {plan.unknownColumns.join(", ")}
        </p>
      ) : null}
      {sheetImport.state === "preview" && applicable > 0 ? (
        <Form action={`/admin/kalkylblad/${sheetImport.id}/infor`} csrfToken={ctx.csrfToken}>
          <p>{t("programme.sheet_apply_intro", { count: applicable })}</p>
          <Button>{t("programme.sheet_apply")}</Button>
        </Form>
      ) : null}
      {hidden > 0 ? <p>{t("programme.sheet_hidden", { count: hidden })}</p> : null}
      <DataTable
        caption={t("programme.sheet_rows")}
        t={t}
        baseUrl="#"
        empty={t("programme.sheet_no_rows")}
        rows={[...rows]}
        columns={[
          { key: "line", label: t("programme.sheet_line"), numeric: true, cell: (row) => String(row.line) },
          { key: "label", label: t("programme.sheet_what"), cell: (row) => row.label },
          { key: "outcome", label: t("programme.sheet_outcome"), cell: (row) => t(`programme.sheet_outcome_${row.outcome}`) },
          {
            key: "details",
            label: t("programme.sheet_details"),
            cell: (row) =>
              row.problems.length > 0 ? (
                <ul class="plain">
                  {row.problems.map((problem) => (
                    <li>{problem}</li>
                  ))}
                </ul>
              ) : (
                <ul class="plain">
                  {row.changes.map((change) => (
                    <li>
                      {change.field}: {shown(change.from)} → {shown(change.to)}
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
    </Layout>
  );
}

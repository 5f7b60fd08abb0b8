import { Layout } from "../../ui/components/layout/layout.js";
import { Button, Form, Select, TextField } from "../../ui/components/form/form.js";
import { DataTable, Pagination } from "../../ui/components/table/table.js";
import type { PageContext } from "../../ui/context.js";
import { formatDateTime } from "../../ui/format.js";
import type { AuditVocabulary } from "../names.js";

export interface AuditRow {
  id: string;
  at: Date;
  actor_label: string;
  actor_id: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  changes: Record<string, unknown>;
}

interface AuditPageProps {
  ctx: PageContext;
  rows: AuditRow[];
  hasMore: boolean;
  page: number;
  filter: Record<string, string | undefined>;
  recordTypes: string[];
  vocabulary: AuditVocabulary;
  actors: Array<{ id: string; name: string }>;
  baseUrl: string;
}

export function AuditPage({ ctx, rows, hasMore, page, filter, recordTypes, vocabulary, actors, baseUrl }: AuditPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("audit.title")} htmx>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <Form
        action="/admin/logg"
        method="get"
        csrfToken={ctx.csrfToken}
        class="filters"
        htmx={{ get: "/admin/logg", target: "#audit-results", select: "#audit-results", pushUrl: true }}
      >
        <Select
          name="record_type"
          label={t("audit.record_type")}
          blank={t("audit.any")}
          choices={recordTypes.map((type) => ({ value: type, label: capitalised(vocabulary.record(type, t)) }))}
          values={filter}
          t={t}
          optional
        />
        <TextField name="record_id" label={t("audit.record_id")} values={filter} t={t} optional />
        <Select
          name="actor_id"
          label={t("audit.actor")}
          blank={t("audit.any")}
          choices={actors.map((actor) => ({ value: actor.id, label: actor.name }))}
          values={filter}
          t={t}
          optional
        />
        <TextField name="from" type="date" label={t("audit.from")} values={filter} t={t} optional />
        <TextField name="to" type="date" label={t("audit.to")} values={filter} t={t} optional />
        <div class="actions">
          <Button variant="secondary">{t("common.filter")}</Button>
        </div>
      </Form>
      <div id="audit-results" aria-live="polite">
        <DataTable
          caption={t("audit.title")}
          t={t}
          baseUrl={baseUrl}
          empty={t("audit.none")}
          rows={rows}
          columns={[
            { key: "at", label: t("audit.at"), cell: (row) => formatDateTime(row.at, ctx.lang) },
            { key: "actor", label: t("audit.actor"), cell: (row) => row.actor_label },
            {
              key: "action",
              label: t("audit.action"),
              cell: (row) => (
                <>
                  {vocabulary.sentence(row.record_type, row.action, t)}
                  {row.record_id ? (
                    <>
                      {" "}
                      <a
                        href={`/admin/logg?record_type=${encodeURIComponent(row.record_type)}&record_id=${row.record_id}`}
                        aria-label={t("audit.record_history", { record: vocabulary.record(row.record_type, t) })}
                      >
                        {row.record_id.slice(0, 8)}…
                      </a>
                    </>
                  ) : null}
                </>
              ),
            },
            {
              key: "changes",
              label: t("audit.changes"),
              cell: (row) => (
                <ul class="changes">
                  {Object.entries(row.changes).map(([field, change]) => (
                    <li>
                      <code>{field}</code>: {describeChange(change)}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
        <Pagination baseUrl={baseUrl} page={page} hasMore={hasMore} t={t} />
      </div>
    </Layout>
  );
}

function describeChange(change: unknown): string {
  if (change && typeof change === "object" && "from" in change && "to" in change) {
    const { from, to } = change as { from: unknown; to: unknown };
    return `${short(from)} → ${short(to)}`;
  }
  return short(change);
}

function short(value: unknown): string {
  const text = value === null || value === undefined ? "–" : typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

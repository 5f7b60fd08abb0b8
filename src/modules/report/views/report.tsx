import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, TextArea, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import { noteForYear } from "../../programme/index.js";
import type { ReportView } from "../report-service.js";

interface Props {
  ctx: PageContext;
  view: ReportView;
  canManage: boolean;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** A year's report: its sections and who writes them, what is left, and the next step of its workflow. */
export function ReportPage({ ctx, view, canManage, errors, values }: Props) {
  const { t, lang } = ctx;
  const { report, detail, sections, comments } = view;
  const unready = sections.filter((section) => section.ready_at === null).length;
  const withoutNote = detail.actions.filter((action) => !noteForYear(action, report.year));
  const base = `/admin/rapporter/${report.id}`;
  const step = (path: string, label: string, variant: "primary" | "secondary" = "primary") => (
    <Form action={`${base}/${path}`} csrfToken={ctx.csrfToken} class="inline-form">
      <Button variant={variant}>{label}</Button>
    </Form>
  );
  const published = detail.followUps.some((followUp) => followUp.year === report.year);
  return (
    <Layout ctx={ctx} title={`${t("report.title")} ${report.year} – ${detail.programme.name}`}>
      <h1>
        {t("report.title")} {report.year}
      </h1>
      <p>
        <a href={`/admin/program/${detail.programme.id}/rapporter`}>{detail.programme.name}</a>
      </p>
      <p role="status">
        {t("report.state")}: {t(`report.state.${report.state}`)}
      </p>
      <ErrorSummary errors={errors} t={t} />
      <p>{unready + withoutNote.length === 0 ? t("report.all_ready") : t("report.left", { sections: unready, notes: withoutNote.length })}</p>
      {canManage ? (
        <div class="actions">
          {report.state === "draft" ? step("granska", t("report.submit")) : null}
          {report.state === "review" ? step("godkann", t("report.approve")) : null}
          {report.state === "review" || report.state === "approved" ? step("atergiv", t("report.return"), "secondary") : null}
          {report.state === "published" ? step("arkivera", t("report.archive"), "secondary") : null}
        </div>
      ) : null}
      {canManage && report.state === "approved" ? (
        <Form action={`${base}/publicera`} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="year" value={String(report.year)} />
          {published ? (
            <TextArea
              name="correction_note"
              label={t("report.correction_note")}
              hint={t("report.correction_hint")}
              errors={errors}
              values={values}
              t={t}
              rows={3}
            />
          ) : null}
          <Button>{t("report.publish")}</Button>
        </Form>
      ) : null}
      {report.follow_up_id ? (
        <section aria-labelledby="exports-title">
          <h2 id="exports-title">{t("report.exports")}</h2>
          <ul>
            <li>
              <a href={`/uppfoljning/${report.follow_up_id}/rapport.docx`}>{t("report.download_docx")}</a>
            </li>
            <li>
              <a href={`/uppfoljning/${report.follow_up_id}/rapport.pdf`}>{t("report.download_pdf")}</a>
            </li>
          </ul>
        </section>
      ) : null}
      <DataTable
        caption={t("report.sections")}
        t={t}
        baseUrl="#"
        empty=""
        rows={[...sections]}
        columns={[
          { key: "title", label: t("report.section"), cell: (section) => <a href={`/admin/rapportavsnitt/${section.id}`}>{section.title}</a> },
          { key: "kind", label: t("report.state"), cell: (section) => t(`report.kind.${section.kind}`) },
          { key: "writer", label: t("report.writer"), cell: (section) => section.writer_name ?? t("report.no_writer") },
          {
            key: "ready",
            label: t("report.ready"),
            cell: (section) =>
              section.ready_at ? t("report.ready_by", { date: formatDate(section.ready_at, lang), name: section.ready_by_name ?? "–" }) : t("report.not_ready"),
          },
          {
            key: "comments",
            label: t("report.comments"),
            numeric: true,
            cell: (section) => String(comments.filter((comment) => comment.section_id === section.id).length),
          },
        ]}
      />
      {withoutNote.length > 0 ? (
        <section aria-labelledby="left-title">
          <h2 id="left-title">{t("report.actions_without_note", { year: report.year })}</h2>
          <ul>
            {withoutNote.map((action) => (
              <li>
                <a href={`/admin/atgarder/${action.id}`}>{action.title}</a> ({action.owner_name ?? "–"})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

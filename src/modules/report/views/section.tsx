import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, ErrorSummary, Form, Select, TextArea, type FieldErrors, type FormValues } from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime } from "../../../platform/ui/format.js";
import type { SectionView } from "../section-service.js";

interface Props {
  ctx: PageContext;
  view: SectionView;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** One section of a report: its guidance, its text and readiness, its writer, and the comments on it. */
export function SectionPage({ ctx, view, errors, values }: Props) {
  const { t, lang } = ctx;
  const { section, report, comments, canWrite, canManage } = view;
  const base = `/admin/rapportavsnitt/${section.id}`;
  const draft = report.state === "draft";
  return (
    <Layout ctx={ctx} title={`${section.title} – ${t("report.title")} ${report.year}`}>
      <h1>{section.title}</h1>
      <p>
        <a href={`/admin/rapporter/${report.id}`}>
          {t("report.title")} {report.year}: {view.programme.name}
        </a>
      </p>
      <p role="status">
        {section.ready_at ? t("report.ready_by", { date: formatDateTime(section.ready_at, lang), name: section.ready_by_name ?? "–" }) : t("report.not_ready")}{" "}
        · {t("report.writer")}: {section.writer_name ?? t("report.no_writer")}
      </p>
      {section.guidance ? (
        <p class="hint">
          {t("report.guidance")}: {section.guidance}
        </p>
      ) : null}
      <ErrorSummary errors={errors} t={t} />
      {canWrite && !section.ready_at ? (
        <Form action={base} csrfToken={ctx.csrfToken}>
          <TextArea name="text" label={t("report.text")} errors={errors} values={values ?? { text: section.text }} t={t} rows={14} />
          <div class="actions">
            <Button>{t("report.save_text")}</Button>
          </div>
        </Form>
      ) : (
        <div class="prewrap">{section.text || "–"}</div>
      )}
      {canWrite ? (
        <Form action={`${base}/${section.ready_at ? "oppna" : "klar"}`} csrfToken={ctx.csrfToken}>
          <Button variant="secondary">{section.ready_at ? t("report.reopen") : t("report.mark_ready")}</Button>
        </Form>
      ) : null}
      {canManage && draft ? (
        <Form action={`${base}/skribent`} csrfToken={ctx.csrfToken}>
          <Select
            name="writer_id"
            label={t("report.assign")}
            choices={[{ value: "none", label: t("report.no_writer") }, ...view.staff.map((person) => ({ value: person.id, label: person.name }))]}
            errors={errors}
            values={{ writer_id: section.writer_id ?? "none" }}
            t={t}
          />
          <div class="actions">
            <Button variant="secondary">{t("common.save")}</Button>
          </div>
        </Form>
      ) : null}
      <section aria-labelledby="comments-title">
        <h2 id="comments-title">{t("report.comments")}</h2>
        {comments.length === 0 ? <p>{t("report.no_comments")}</p> : null}
        <ul class="plain">
          {comments.map((comment) => (
            <li>
              <p class="meta">
                {comment.author_name ?? "–"}, {formatDateTime(comment.created_at, lang)}
              </p>
              <p class="prewrap">{comment.text}</p>
            </li>
          ))}
        </ul>
        {report.state !== "published" && report.state !== "archived" ? (
          <Form action={`${base}/kommentar`} csrfToken={ctx.csrfToken}>
            <TextArea name="comment" label={t("report.comment")} errors={errors} values={values} t={t} rows={3} />
            <div class="actions">
              <Button variant="secondary">{t("report.add_comment")}</Button>
            </div>
          </Form>
        ) : null}
      </section>
    </Layout>
  );
}

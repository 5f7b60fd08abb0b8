import { Button, Checkbox, ErrorSummary, FileField, Form, TextArea, TextField, type FormValues } from "../../../platform/ui/components/form/form.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatNumber } from "../../../platform/ui/format.js";
import type { DocumentInfo, Item, Meeting } from "../meeting-service.js";
import type { FormPage } from "./parts.js";

type AgendaItem = Item & { documents: DocumentInfo[] };

const kilobytes = (size: number, lang: "sv" | "en") => `${formatNumber(Math.max(1, Math.round(size / 1024)), lang)} kB`;

/** A document link: the file's name and size, behind staff's own route or a member's link. */
export function DocumentLink({ document, href, lang }: { document: DocumentInfo; href: string; lang: "sv" | "en" }) {
  return (
    <a href={href} download={document.filename}>
      {document.filename} ({kilobytes(document.size, lang)})
    </a>
  );
}

/** The agenda in order: each item's presenter, whether it is public, its description and documents; moved, changed and added while the plan is open. */
export function Agenda({ ctx, meetingId, items, editable }: { ctx: PageContext; meetingId: string; items: AgendaItem[]; editable: boolean }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t("council.agenda")}</h2>
      {items.length === 0 ? <p class="empty">{t("council.agenda_none")}</p> : null}
      <ol class="log">
        {items.map((item, index) => (
          <li>
            <h3>
              {item.position}. {item.title}
            </h3>
            <p>
              {item.presenter ? `${t("council.field.presenter")}: ${item.presenter}` : null}
              {item.public ? null : ` · ${t("council.item_not_public")}`}
            </p>
            {item.description ? <p class="prewrap">{item.description}</p> : null}
            {item.documents.length > 0 ? (
              <ul>
                {item.documents.map((document) => (
                  <li>
                    <DocumentLink document={document} href={`/radet/dokument/${document.id}`} lang={lang} />
                  </li>
                ))}
              </ul>
            ) : null}
            {editable ? (
              <div class="actions">
                <a href={`/radet/punkter/${item.id}`}>{t("council.item_edit")}</a>
                {index > 0 ? (
                  <Form action={`/radet/punkter/${item.id}/flytta`} csrfToken={ctx.csrfToken} idPrefix={`up-${item.id}-`}>
                    <input type="hidden" name="direction" value="up" />
                    <Button variant="secondary">{t("council.item_up", { title: item.title })}</Button>
                  </Form>
                ) : null}
                {index < items.length - 1 ? (
                  <Form action={`/radet/punkter/${item.id}/flytta`} csrfToken={ctx.csrfToken} idPrefix={`down-${item.id}-`}>
                    <input type="hidden" name="direction" value="down" />
                    <Button variant="secondary">{t("council.item_down", { title: item.title })}</Button>
                  </Form>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {editable ? (
        <p>
          <a href={`/radet/moten/${meetingId}/punkter/ny`}>{t("council.item_new")}</a>
        </p>
      ) : null}
    </section>
  );
}

/** A new agenda item, or an item with its documents (added and removed here). */
export function ItemFormPage({ ctx, meeting, item, documents, errors, values }: FormPage & { meeting: Meeting; item: Item | null; documents: DocumentInfo[] }) {
  const { t, lang } = ctx;
  const title = item ? t("council.item_edit") : t("council.item_new");
  const current: FormValues = values ?? (item ? { ...item, public: item.public ? "on" : undefined } : { public: "on" });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/radet/moten/${meeting.id}`}>{meeting.title}</a>
      </p>
      <ErrorSummary errors={errors} t={t} />
      <Form action={item ? `/radet/punkter/${item.id}` : `/radet/moten/${meeting.id}/punkter/ny`} csrfToken={ctx.csrfToken}>
        <TextField name="title" label={t("council.field.title")} errors={errors} values={current} t={t} />
        <TextField name="presenter" label={t("council.field.presenter")} errors={errors} values={current} t={t} optional />
        <TextArea name="description" label={t("council.field.description")} errors={errors} values={current} t={t} optional />
        <Checkbox
          name="public"
          label={t("council.field.public")}
          hint={t("council.field.public_hint")}
          checked={current.public === "on" || current.public === true}
          errors={errors}
          t={t}
        />
        <Button>{t("common.save")}</Button>
      </Form>
      {item ? (
        <section class="panel" aria-labelledby="documents-title">
          <h2 id="documents-title">{t("council.field.documents")}</h2>
          <ul>
            {documents.map((document) => (
              <li>
                <DocumentLink document={document} href={`/radet/dokument/${document.id}`} lang={lang} />
                <Form action={`/radet/dokument/${document.id}/ta-bort`} csrfToken={ctx.csrfToken} idPrefix={`doc-${document.id}-`}>
                  <Button variant="secondary">{t("council.document_remove", { name: document.filename })}</Button>
                </Form>
              </li>
            ))}
          </ul>
          <Form action={`/radet/punkter/${item.id}/dokument`} csrfToken={ctx.csrfToken} files>
            <FileField name="files" label={t("council.field.documents")} hint={t("council.field.documents_hint")} errors={errors} t={t} multiple />
            <Button variant="secondary">{t("council.documents_add")}</Button>
          </Form>
        </section>
      ) : null}
      {item ? (
        <Form action={`/radet/punkter/${item.id}/ta-bort`} csrfToken={ctx.csrfToken}>
          <Button variant="danger">{t("common.delete")}</Button>
        </Form>
      ) : null}
    </Layout>
  );
}

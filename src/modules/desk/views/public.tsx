import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  BotGuard,
  Button,
  Checkbox,
  ErrorSummary,
  FileField,
  Form,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime } from "../../../platform/ui/format.js";
import type { Category } from "../settings-service.js";
import type { StatusView } from "../service.js";
import { categoryName, formatBytes, formatOrgNumber } from "./parts.js";

interface FormPage {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** The one door: a business asks its question, with or without an organisation number. */
export function PublicFormPage({ ctx, categories, consent, stamp, errors, values }: FormPage & { categories: Category[]; consent: string; stamp: string }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("desk.public_title")}>
      <h1>{t("desk.public_title")}</h1>
      <p class="lead">{t("desk.public_intro")}</p>
      {categories.length === 0 ? <p role="status">{t("desk.public_closed")}</p> : null}
      <ErrorSummary errors={errors} t={t} />
      <Form action="/foretagslots" csrfToken={ctx.csrfToken} files>
        <fieldset>
          <legend>{t("desk.company_legend")}</legend>
          <TextField name="org_number" label={t("desk.org_number")} hint={t("desk.org_number_hint")} errors={errors} values={values} t={t} optional />
          <TextField
            name="company_name"
            label={t("desk.company_name")}
            hint={t("desk.company_name_hint")}
            errors={errors}
            values={values}
            t={t}
            optional
            autocomplete="organization"
          />
        </fieldset>
        <fieldset>
          <legend>{t("desk.contact_legend")}</legend>
          <TextField name="name" label={t("desk.name")} errors={errors} values={values} t={t} autocomplete="name" />
          <TextField name="email" type="email" label={t("desk.email")} hint={t("desk.email_hint")} errors={errors} values={values} t={t} autocomplete="email" />
          <TextField name="phone" label={t("desk.phone")} errors={errors} values={values} t={t} optional autocomplete="tel" />
        </fieldset>
        <fieldset>
          <legend>{t("desk.question_legend")}</legend>
          <Select
            name="category_id"
            label={t("desk.category")}
            blank={t("desk.choose_category")}
            choices={categories.map((category) => ({
              value: category.id,
              label: categoryName({ category_sv: category.name_sv, category_en: category.name_en }, lang),
            }))}
            errors={errors}
            values={values}
            t={t}
          />
          <TextField name="subject" label={t("desk.subject")} errors={errors} values={values} t={t} />
          <TextArea name="description" label={t("desk.description")} hint={t("desk.description_hint")} rows={8} errors={errors} values={values} t={t} />
          <FileField name="files" label={t("desk.files")} hint={t("desk.files_hint")} multiple optional errors={errors} t={t} />
        </fieldset>
        <BotGuard stamp={stamp} t={t} />
        <p>{consent}</p>
        <Checkbox name="consent" label={t("desk.consent")} checked={values?.consent === "on" || values?.consent === true} errors={errors} t={t} />
        <div class="actions">
          <Button>{t("desk.submit")}</Button>
        </div>
      </Form>
    </Layout>
  );
}

/** The business's private page: status, the messages meant for it, its files, and a reply. */
export function StatusPage({ ctx, status, token, fresh, errors, values }: FormPage & { status: StatusView; token: string; fresh: boolean }) {
  const { t, lang } = ctx;
  const row = status.case;
  const base = `/foretagslots/status/${token}`;
  return (
    <Layout ctx={ctx} title={`${t("desk.case")} ${row.number}`}>
      {fresh ? (
        <div class="panel" role="status">
          <h2>{t("desk.receipt_title")}</h2>
          <p>{t("desk.receipt_text", { number: row.number })}</p>
          <p>{t("desk.receipt_link")}</p>
        </div>
      ) : null}
      <h1>
        {t("desk.case")} {row.number}: <span lang={row.language}>{row.subject}</span>
      </h1>
      <dl class="facts">
        <dt>{t("desk.status_label")}</dt>
        <dd>{t(`desk.public_status.${row.status}`)}</dd>
        <dt>{t("desk.category")}</dt>
        <dd>{categoryName(row, lang)}</dd>
        <dt>{t("desk.handled_by")}</dt>
        <dd>{row.unit_name}</dd>
        <dt>{t("desk.received")}</dt>
        <dd>{formatDateTime(row.created_at, lang)}</dd>
        {row.company_name || row.org_number ? (
          <>
            <dt>{t("desk.company_legend")}</dt>
            <dd>{[row.company_name, formatOrgNumber(row.org_number)].filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t("desk.conversation")}</h2>
      <ol class="timeline">
        <li class="from-business">
          <p class="meta">
            {formatDateTime(row.created_at, lang)} · {t("desk.you_wrote")}
          </p>
          <p class="body" lang={row.language}>
            {row.description}
          </p>
        </li>
        {status.messages.map((message) => (
          <li class={message.kind === "from_business" ? "from-business" : undefined}>
            <p class="meta">
              {formatDateTime(message.created_at, lang)} · {message.kind === "from_business" ? t("desk.you_wrote") : t("desk.municipality_wrote")}
            </p>
            <p class="body">{message.body}</p>
          </li>
        ))}
      </ol>
      {status.attachments.length > 0 ? (
        <>
          <h2>{t("desk.files")}</h2>
          <ul>
            {status.attachments.map((file) => (
              <li>
                <a href={`${base}/filer/${file.id}`}>{file.filename}</a> ({formatBytes(file.size, lang)},{" "}
                {file.from_business ? t("desk.from_you") : t("desk.from_municipality")})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <section class="panel" aria-labelledby="reply-title">
        <h2 id="reply-title">{row.status === "resolved" || row.status === "closed" ? t("desk.reply_reopens") : t("desk.reply_title")}</h2>
        <ErrorSummary errors={errors} t={t} />
        <Form action={`${base}/svar`} csrfToken={ctx.csrfToken} files>
          <TextArea name="body" label={t("desk.your_reply")} rows={6} errors={errors} values={values} t={t} />
          <FileField name="files" label={t("desk.files")} hint={t("desk.files_hint")} multiple optional errors={errors} t={t} />
          <div class="actions">
            <Button>{t("desk.send_reply")}</Button>
          </div>
        </Form>
      </section>
    </Layout>
  );
}

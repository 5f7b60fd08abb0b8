import { Layout } from "../../../platform/ui/components/layout/layout.js";
import {
  Button,
  Checkbox,
  ErrorSummary,
  FileField,
  Form,
  RadioGroup,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime } from "../../../platform/ui/format.js";
import type { MessageKey, Translate } from "../../../platform/ui/i18n.js";
import type { CaseDetail } from "../service.js";
import { caseStatuses } from "../tables.js";
import { formatBytes, SlaBadge, statusLabel } from "./parts.js";
import { Facts, Handling, Section, StatutoryPanel, type CaseChoices, type CaseForm, type FormState } from "./case-panels.js";
import { SubjectSecrecyPanel } from "./subject-secrecy.js";

interface Props {
  ctx: PageContext;
  detail: CaseDetail;
  choices: CaseChoices;
  failed?: { form: CaseForm; errors: FieldErrors; values: FormValues } | undefined;
}

function SecrecyForm({
  action,
  secret,
  reason,
  label,
  t,
  csrf,
  prefix,
}: {
  action: string;
  secret: boolean;
  reason: string | null;
  label: string;
  t: Translate;
  csrf: string;
  prefix: string;
}) {
  return (
    <details>
      <summary>
        {secret ? t("desk.secrecy_change") : t("desk.secrecy_mark")}
        <span class="visually-hidden">: {label}</span>
      </summary>
      <Form action={action} csrfToken={csrf} idPrefix={prefix}>
        <Checkbox name="secret" label={t("desk.secrecy_checkbox")} checked={secret} t={t} />
        <TextField name="reason" label={t("desk.secrecy_reason")} hint={t("desk.secrecy_reason_hint")} values={{ reason: reason ?? "" }} t={t} optional />
        <Button variant="secondary">{t("common.save")}</Button>
      </Form>
    </details>
  );
}

/** A case for staff: facts and clocks, the conversation with notes and events, and what can be done. */
export function CasePage({ ctx, detail, choices, failed }: Props) {
  const { t } = ctx;
  const row = detail.case;
  const forms: FormState = {
    errorsFor: (form) => (failed?.form === form ? failed.errors : undefined),
    valuesFor: (form, fallback = {}) => (failed?.form === form ? failed.values : fallback),
  };
  return (
    <Layout ctx={ctx} title={`${row.number} ${row.subject}`}>
      <p>
        <a href="/arenden">{t("desk.back_to_inbox")}</a>
      </p>
      <h1>
        {row.number}: {row.subject}
      </h1>
      <p class="badges">
        <span class="badge">{statusLabel(row.status, t)}</span>
        <SlaBadge state={detail.clock.state} minutesLeft={detail.clock.minutesLeft} t={t} />
        {row.priority === "urgent" ? <span class="badge badge-danger">{t("desk.priority.urgent")}</span> : null}
      </p>
      <div class="case-layout">
        <div>
          <Conversation ctx={ctx} detail={detail} />
          <Files ctx={ctx} detail={detail} failed={failed} />
          {detail.canHandle ? <ReplyAndNote ctx={ctx} detail={detail} forms={forms} /> : null}
        </div>
        <div>
          <Facts ctx={ctx} detail={detail} />
          <StatutoryPanel
            ctx={ctx}
            detail={detail}
            errors={forms.errorsFor("statutory") ?? forms.errorsFor("delay")}
            values={failed?.form === "statutory" || failed?.form === "delay" ? failed.values : undefined}
          />
          {detail.canHandle ? <Handling ctx={ctx} detail={detail} choices={choices} forms={forms} failedForm={failed?.form} /> : null}
          {detail.canHandle ? (
            <SubjectSecrecyPanel
              ctx={ctx}
              detail={detail}
              errors={forms.errorsFor("subject_secret")}
              values={failed?.form === "subject_secret" ? failed.values : undefined}
            />
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

/** The business's question, then messages, notes and events in time order. */
function Conversation({ ctx, detail }: { ctx: PageContext; detail: CaseDetail }) {
  const { t, lang } = ctx;
  const row = detail.case;
  const base = `/arenden/${row.id}`;
  const timeline = [
    ...detail.messages.map((message) => ({ at: message.created_at, kind: "message" as const, message })),
    ...detail.events.map((event) => ({ at: event.at, kind: "event" as const, event })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <>
      <h2>{t("desk.conversation")}</h2>
      <ol class="timeline">
        <li class="from-business">
          <p class="meta">
            {formatDateTime(row.created_at, lang)} · {row.correspondent_name} · {t(`desk.channel.${row.channel}` as MessageKey)}
          </p>
          <p class="body" lang={row.language}>
            {row.description}
          </p>
        </li>
        {timeline.map((entry) =>
          entry.kind === "message" ? (
            <li class={entry.message.kind === "from_business" ? "from-business" : entry.message.kind === "note" ? "note" : undefined}>
              <p class="meta">
                {formatDateTime(entry.message.created_at, lang)} ·{" "}
                {entry.message.kind === "from_business" ? row.correspondent_name : (entry.message.author_name ?? t("desk.system"))} ·{" "}
                {t(`desk.message.${entry.message.kind}` as MessageKey)}
                {entry.message.secret ? (
                  <span class="secret-mark">
                    {" "}
                    · {t("desk.secret")}: {entry.message.secret_reason}
                  </span>
                ) : null}
              </p>
              <p class="body">{entry.message.body}</p>
              {detail.canHandle ? (
                <SecrecyForm
                  action={`${base}/meddelanden/${entry.message.id}/sekretess`}
                  secret={entry.message.secret}
                  reason={entry.message.secret_reason}
                  label={formatDateTime(entry.message.created_at, lang)}
                  t={t}
                  csrf={ctx.csrfToken}
                  prefix={`m${entry.message.id}-`}
                />
              ) : null}
            </li>
          ) : (
            <li class="note">
              <p class="meta">
                {formatDateTime(entry.event.at, lang)} · {entry.event.by_business ? row.correspondent_name : (entry.event.actor_name ?? t("desk.system"))}
              </p>
              <p>{eventText(entry.event, t)}</p>
            </li>
          ),
        )}
      </ol>
    </>
  );
}

/** The case's files, each with its secrecy mark. */
function Files({ ctx, detail, failed }: { ctx: PageContext; detail: CaseDetail; failed: Props["failed"] }) {
  const { t, lang } = ctx;
  const base = `/arenden/${detail.case.id}`;
  return (
    <>
      <h2>{t("desk.files")}</h2>
      {detail.attachments.length === 0 ? <p>{t("desk.no_files")}</p> : null}
      <ul>
        {detail.attachments.map((file) => (
          <li>
            <a href={`${base}/filer/${file.id}`}>{file.filename}</a> ({formatBytes(file.size, lang)},{" "}
            {file.from_business ? t("desk.from_business") : t("desk.from_staff")}, {formatDateTime(file.created_at, lang)})
            {file.secret ? (
              <span class="secret-mark">
                {" "}
                {t("desk.secret")}: {file.secret_reason}
              </span>
            ) : null}
            {detail.canHandle ? (
              <SecrecyForm
                action={`${base}/filer/${file.id}/sekretess`}
                secret={file.secret}
                reason={file.secret_reason}
                label={file.filename}
                t={t}
                csrf={ctx.csrfToken}
                prefix={`a${file.id}-`}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {failed?.form === "secrecy" ? <ErrorSummary errors={failed.errors} t={t} idPrefix={String(failed.values.prefix ?? "")} /> : null}
    </>
  );
}

/** The reply to the business and the internal note. */
function ReplyAndNote({ ctx, detail, forms }: { ctx: PageContext; detail: CaseDetail; forms: FormState }) {
  const { t } = ctx;
  const row = detail.case;
  const base = `/arenden/${row.id}`;
  const { errorsFor, valuesFor } = forms;
  return (
    <>
      <Section id="reply" title={t("desk.reply_to_business")}>
        <ErrorSummary errors={errorsFor("reply")} t={t} idPrefix="reply-" />
        <Form action={`${base}/svar`} csrfToken={ctx.csrfToken} files idPrefix="reply-">
          <TextArea
            name="body"
            label={t("desk.reply_text")}
            hint={
              row.correspondent_email
                ? t("desk.reply_hint", { email: row.correspondent_email })
                : t("desk.reply_hint_no_email", { phone: row.correspondent_phone ?? "–" })
            }
            rows={8}
            errors={errorsFor("reply")}
            values={valuesFor("reply")}
            t={t}
          />
          <FileField name="files" label={t("desk.files")} hint={t("desk.files_hint")} multiple optional errors={errorsFor("reply")} t={t} />
          <RadioGroup
            name="then"
            label={t("desk.then")}
            choices={(["open", "waiting", "resolved"] as const).map((status) => ({ value: status, label: t(`desk.then.${status}` as MessageKey) }))}
            errors={errorsFor("reply")}
            values={valuesFor("reply", { then: "open" })}
            t={t}
          />
          <Button>{t(row.correspondent_email ? "desk.send_reply" : "desk.record_reply")}</Button>
        </Form>
      </Section>
      <Section id="note" title={t("desk.internal_note")}>
        <ErrorSummary errors={errorsFor("note")} t={t} idPrefix="note-" />
        <Form action={`${base}/anteckning`} csrfToken={ctx.csrfToken} files idPrefix="note-">
          <TextArea name="body" label={t("desk.note_text")} hint={t("desk.note_hint")} rows={4} errors={errorsFor("note")} values={valuesFor("note")} t={t} />
          <FileField name="files" label={t("desk.files")} multiple optional errors={errorsFor("note")} t={t} />
          <Button variant="secondary">{t("desk.save_note")}</Button>
        </Form>
      </Section>
    </>
  );
}

/** An event of the case as a sentence: statuses and priorities as words, the channel chosen in the message. */
function eventText(event: { kind: string; data: Record<string, unknown> }, t: Translate): string {
  const word = (key: string, value: unknown): string => {
    if ((key === "from" || key === "to") && caseStatuses.includes(value as never)) {
      return statusLabel(value as never, t);
    }
    if (event.kind === "priority" && (value === "normal" || value === "urgent")) {
      return t(`desk.priority.${value}`);
    }
    return String(value ?? "–");
  };
  return t(`desk.event.${event.kind}` as MessageKey, Object.fromEntries(Object.entries(event.data).map(([key, value]) => [key, word(key, value)])));
}

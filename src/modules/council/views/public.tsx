import { Button, ErrorSummary, Form, RadioGroup } from "../../../platform/ui/components/form/form.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatDateTime } from "../../../platform/ui/format.js";
import type { InvitationPage as Invitation } from "../invitation-service.js";
import type { ApprovalPage as Approval } from "../minutes-service.js";
import type { PublicMinutes } from "../public-service.js";
import { answers } from "../tables.js";
import { DocumentLink } from "./agenda.js";
import { MinutesView } from "./minutes.js";
import { meetingTime, type FormPage } from "./parts.js";

/** A member's page behind their link: the meeting, the whole agenda with its documents, and their answer. */
export function InvitationPage({ ctx, page, token, errors, values }: FormPage & { page: Invitation; token: string }) {
  const { t, lang } = ctx;
  const { meeting } = page;
  const title = t("council.invitation_title", { title: meeting.title });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t("council.invitation_hello", { name: page.member.name, role: t(`council.role.${page.member.role}`) })}</p>
      <dl class="facts">
        <dt>{t("council.when")}</dt>
        <dd>{meetingTime(meeting.starts_at, meeting.ends_at, lang)}</dd>
        <dt>{t("council.field.place")}</dt>
        <dd>{meeting.place ?? "–"}</dd>
        {meeting.video_url ? (
          <>
            <dt>{t("council.field.video_url")}</dt>
            <dd>
              <a href={meeting.video_url}>{meeting.video_url}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t("council.agenda")}</h2>
      {page.items.length === 0 ? <p class="empty">{t("council.agenda_none")}</p> : null}
      <ol>
        {page.items.map((item) => (
          <li>
            <strong>{item.title}</strong>
            {item.presenter ? ` (${t("council.field.presenter")}: ${item.presenter})` : ""}
            {item.description ? <p class="prewrap">{item.description}</p> : null}
            {item.documents.length > 0 ? (
              <ul>
                {item.documents.map((document) => (
                  <li>
                    <DocumentLink document={document} href={`/radet/kallelse/${token}/dokument/${document.id}`} lang={lang} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      <h2>{t("council.field.answer")}</h2>
      {page.answer ? <p>{t("council.invitation_answered", { answer: t(`council.answer.${page.answer}`) })}</p> : null}
      {page.open ? (
        <>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`/radet/kallelse/${token}`} csrfToken={ctx.csrfToken}>
            <RadioGroup
              name="answer"
              label={t("council.field.answer")}
              choices={answers.map((answer) => ({ value: answer, label: t(`council.answer.${answer}`) }))}
              errors={errors}
              values={values ?? { answer: page.answer ?? "" }}
              t={t}
            />
            <Button>{t("council.answer_send")}</Button>
          </Form>
        </>
      ) : (
        <p>{t("council.invitation_closed")}</p>
      )}
    </Layout>
  );
}

/** The chair's or the adjuster's page behind their link: the version to approve, and the button. */
export function ApprovalPage({ ctx, page, token, errors }: FormPage & { page: Approval; token: string }) {
  const { t, lang } = ctx;
  const title = `${t("council.minutes")}: ${page.version.content.title}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {t("council.version_line", { version: page.version.version })}
        {page.version.reason ? ` · ${t("council.correction")}: ${page.version.reason}` : ""}
      </p>
      <MinutesView ctx={ctx} content={page.version.content} />
      <h2>{t("council.approvals")}</h2>
      <ul>
        {page.approvals.map((approval) => (
          <li>
            {t(`council.approver.${approval.role}`)}: {approval.name},{" "}
            {approval.approved_at ? t("council.approved_at", { when: formatDateTime(approval.approved_at, lang) }) : t("council.not_approved_yet")}
          </li>
        ))}
      </ul>
      {page.approvedAt ? <p>{t("council.approval_done", { when: formatDateTime(page.approvedAt, lang) })}</p> : null}
      {page.open ? (
        <>
          <p>{t("council.approve_intro", { role: t(`council.approver.${page.role}`).toLowerCase() })}</p>
          <ErrorSummary errors={errors} t={t} />
          <Form action={`/radet/justera/${token}`} csrfToken={ctx.csrfToken}>
            <Button>{t("council.approve")}</Button>
          </Form>
        </>
      ) : page.approvedAt ? null : (
        <p>{t("council.approval_superseded")}</p>
      )}
    </Layout>
  );
}

/** The public list of the council's approved minutes, newest first, with the feed. */
export function PublicCouncilPage({ ctx, minutes }: { ctx: PageContext; minutes: PublicMinutes[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("council.public_title")}>
      <h1>{t("council.public_title")}</h1>
      <p>
        {t("council.public_intro")} <a href="/naringslivsradet/flode.xml">{t("council.feed")}</a>
      </p>
      {minutes.length === 0 ? <p class="empty">{t("council.public_none")}</p> : null}
      <ul class="card-list">
        {minutes.map((row) => (
          <li>
            <h2>
              <a href={`/naringslivsradet/${row.id}`}>{row.title}</a>
            </h2>
            <p class="meta">
              {formatDate(row.starts_at, lang)} · {t("council.decisions")}: {row.content.items.reduce((sum, item) => sum + item.decisions.length, 0)}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** One meeting's approved minutes as the public reads them: the public items and their decisions. */
export function PublicMinutesPage({ ctx, minutes }: { ctx: PageContext; minutes: PublicMinutes }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={minutes.title}>
      <h1>{minutes.title}</h1>
      <p>
        {formatDate(minutes.starts_at, lang)} · {t("council.version_approved", { when: formatDateTime(minutes.approved_at, lang) })}
      </p>
      {minutes.correction ? <p>{t("council.public_corrected", { reason: minutes.correction })}</p> : null}
      <MinutesView ctx={ctx} content={minutes.content} />
      <p>
        <a href="/naringslivsradet">{t("council.public_title")}</a>
      </p>
    </Layout>
  );
}

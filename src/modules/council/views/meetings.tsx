import { Button, ErrorSummary, Form, TextField, type FormValues } from "../../../platform/ui/components/form/form.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { stockholmParts } from "../../../platform/sweden/time.js";
import type { Meeting, MeetingPage as MeetingData } from "../meeting-service.js";
import { canDelete, canInvite, canPublish, canCorrect, planOpen } from "../states.js";
import { Agenda } from "./agenda.js";
import { Participants } from "./participants.js";
import { CouncilNav, meetingTime, type FormPage } from "./parts.js";
import { Versions } from "./versions.js";

/** The council's start: its meetings, newest first, with their state. */
export function CouncilPage({ ctx, meetings, manage }: { ctx: PageContext; meetings: Meeting[]; manage: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("council.title")}>
      <h1>{t("council.title")}</h1>
      <CouncilNav ctx={ctx} current="meetings" />
      <p>{t("council.intro")}</p>
      {manage ? (
        <p>
          <a href="/radet/moten/ny">{t("council.meeting_new")}</a>
        </p>
      ) : null}
      <DataTable
        caption={t("council.meetings")}
        columns={[
          { key: "title", label: t("council.field.title"), cell: (row: Meeting) => <a href={`/radet/moten/${row.id}`}>{row.title}</a> },
          { key: "when", label: t("council.when"), cell: (row: Meeting) => meetingTime(row.starts_at, row.ends_at, lang) },
          { key: "state", label: t("council.state"), cell: (row: Meeting) => t(`council.state.${row.state}`) },
        ]}
        rows={meetings}
        t={t}
        baseUrl="/radet"
        empty={t("council.meetings_none")}
      />
    </Layout>
  );
}

/** A new meeting, or a planned meeting's facts. */
export function MeetingFormPage({ ctx, meeting, errors, values }: FormPage & { meeting: Meeting | null }) {
  const { t } = ctx;
  const title = meeting ? t("council.meeting_edit") : t("council.meeting_new");
  const current: FormValues =
    values ??
    (meeting
      ? {
          ...meeting,
          date: stockholmParts(meeting.starts_at).date,
          start_time: stockholmParts(meeting.starts_at).time,
          end_time: stockholmParts(meeting.ends_at).time,
        }
      : { title: t("council.title"), start_time: "15:00", end_time: "17:00" });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} t={t} />
      <Form action={meeting ? `/radet/moten/${meeting.id}/redigera` : "/radet/moten/ny"} csrfToken={ctx.csrfToken}>
        <TextField name="title" label={t("council.field.title")} errors={errors} values={current} t={t} />
        <TextField name="date" label={t("council.field.date")} type="date" errors={errors} values={current} t={t} />
        <TextField name="start_time" label={t("council.field.start_time")} errors={errors} values={current} t={t} />
        <TextField name="end_time" label={t("council.field.end_time")} errors={errors} values={current} t={t} />
        <TextField name="place" label={t("council.field.place")} errors={errors} values={current} t={t} optional />
        <TextField name="video_url" label={t("council.field.video_url")} type="url" errors={errors} values={current} t={t} optional />
        <Button>{t("common.save")}</Button>
      </Form>
      {meeting && canDelete(meeting) ? (
        <Form action={`/radet/moten/${meeting.id}/ta-bort`} csrfToken={ctx.csrfToken}>
          <Button variant="danger">{t("common.delete")}</Button>
        </Form>
      ) : null}
    </Layout>
  );
}

/** One action on the meeting: a form of its own with one button. */
function Step({ ctx, action, label, variant = "primary" }: { ctx: PageContext; action: string; label: string; variant?: "primary" | "secondary" }) {
  return (
    <Form action={action} csrfToken={ctx.csrfToken}>
      <Button variant={variant}>{label}</Button>
    </Form>
  );
}

/** A meeting: its facts and state, what can be done next, the agenda, who is invited, and the minutes' versions. */
export function MeetingPage({ ctx, page, errors, values }: FormPage & { page: MeetingData }) {
  const { t, lang } = ctx;
  const { meeting, manage } = page;
  const base = `/radet/moten/${meeting.id}`;
  const pending = page.versions[0] !== undefined && page.versions[0].approved_at === null;
  return (
    <Layout ctx={ctx} title={meeting.title}>
      <h1>{meeting.title}</h1>
      <CouncilNav ctx={ctx} current="meetings" />
      <ErrorSummary errors={errors} t={t} />
      <dl class="facts">
        <dt>{t("council.when")}</dt>
        <dd>{meetingTime(meeting.starts_at, meeting.ends_at, lang)}</dd>
        <dt>{t("council.field.place")}</dt>
        <dd>{meeting.place ?? "–"}</dd>
        <dt>{t("council.field.video_url")}</dt>
        <dd>{meeting.video_url ? <a href={meeting.video_url}>{meeting.video_url}</a> : "–"}</dd>
        <dt>{t("council.state")}</dt>
        <dd>{t(`council.state.${meeting.state}`)}</dd>
      </dl>
      {meeting.correction_reason ? <p class="notice">{t("council.correction_open", { reason: meeting.correction_reason })}</p> : null}
      {manage ? (
        <div class="actions">
          {planOpen(meeting) ? <a href={`${base}/redigera`}>{t("council.meeting_edit")}</a> : null}
          {canInvite(meeting) ? <Step ctx={ctx} action={`${base}/kalla`} label={meeting.invited_at ? t("council.invite_again") : t("council.invite")} /> : null}
          {planOpen(meeting) ? <Step ctx={ctx} action={`${base}/hallet`} label={t("council.hold")} variant="secondary" /> : null}
          {page.minutesOpen ? <a href={`${base}/protokoll`}>{t("council.minutes_write")}</a> : null}
          {pending ? <Step ctx={ctx} action={`${base}/ta-tillbaka`} label={t("council.take_back")} variant="secondary" /> : null}
          {canPublish(meeting) ? <Step ctx={ctx} action={`${base}/publicera`} label={t("council.publish")} /> : null}
        </div>
      ) : null}
      <Agenda ctx={ctx} meetingId={meeting.id} items={page.items} editable={manage && planOpen(meeting)} />
      <Participants
        ctx={ctx}
        meetingId={meeting.id}
        participants={page.participants}
        manage={manage && meeting.state === "invited"}
        values={values}
        errors={errors}
      />
      <Versions ctx={ctx} meetingId={meeting.id} versions={page.versions} approvals={page.approvals} />
      {manage && canCorrect(meeting) && !pending ? (
        <section class="panel" aria-labelledby="correct-title">
          <h2 id="correct-title">{t("council.correct")}</h2>
          <p>{t("council.correction_intro")}</p>
          <Form action={`${base}/rattelse`} csrfToken={ctx.csrfToken}>
            <TextField name="reason" label={t("council.field.reason")} errors={errors} values={values} t={t} />
            <Button variant="secondary">{t("council.correct")}</Button>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

import { Button, CheckboxGroup, ErrorSummary, Form, Select, TextArea, type FormValues } from "../../../platform/ui/components/form/form.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import type { PageContext } from "../../../platform/ui/context.js";
import type { MeetingPage } from "../meeting-service.js";
import type { MinutesContent } from "../minutes-service.js";
import { meetingTime, type FormPage } from "./parts.js";

/** The minutes as frozen in a version: attendance, then a section per item with its decisions. */
export function MinutesView({ ctx, content, headingLevel = 2 }: { ctx: PageContext; content: MinutesContent; headingLevel?: 2 | 3 }) {
  const { t } = ctx;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <div class="minutes">
      <p>
        {meetingTime(content.starts_at, content.ends_at, ctx.lang)}
        {content.place ? ` · ${content.place}` : ""}
      </p>
      {content.attendance.length > 0 ? (
        <>
          <Heading>{t("council.attendance")}</Heading>
          <ul>
            {content.attendance.map((row) => (
              <li>
                {row.name}, {row.organisation} ({t(`council.role.${row.role}`)}): {row.present ? t("council.present") : t("council.not_present")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {content.items.map((item) => (
        <section>
          <Heading>
            § {item.position} {item.title}
          </Heading>
          {item.presenter ? (
            <p>
              {t("council.field.presenter")}: {item.presenter}
            </p>
          ) : null}
          {item.minutes ? <p class="prewrap">{item.minutes}</p> : null}
          {item.decisions.length > 0 ? (
            <>
              <Sub>{t("council.decisions")}</Sub>
              <ul>
                {item.decisions.map((decision) => (
                  <li>{decision.text}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </div>
  );
}

/** Writing the minutes: attendance and the adjuster, each item's section and decisions, then sending them for approval. */
export function MinutesEditPage({ ctx, page, errors, values, failedItem }: FormPage & { page: MeetingPage; failedItem?: string | undefined }) {
  const { t } = ctx;
  const { meeting, participants } = page;
  const chair = participants.find((row) => row.role === "chair");
  const attendance: FormValues = (failedItem ? undefined : values) ?? {
    present: participants.filter((row) => row.present).map((row) => row.member_id),
    adjuster_id: meeting.adjuster_id ?? "",
  };
  return (
    <Layout ctx={ctx} title={`${t("council.minutes")}: ${meeting.title}`}>
      <h1>
        {t("council.minutes")}: {meeting.title}
      </h1>
      <p>
        <a href={`/radet/moten/${meeting.id}`}>{meeting.title}</a>
      </p>
      <ErrorSummary errors={errors} t={t} />
      <section class="panel" aria-labelledby="attendance-title">
        <h2 id="attendance-title">{t("council.attendance")}</h2>
        <Form action={`/radet/moten/${meeting.id}/protokoll`} csrfToken={ctx.csrfToken} idPrefix="attendance-">
          <CheckboxGroup
            name="present"
            label={t("council.field.present")}
            choices={participants.map((row) => ({ value: row.member_id, label: `${row.name} (${t(`council.role.${row.role}`)})` }))}
            errors={failedItem ? undefined : errors}
            values={attendance}
            t={t}
            optional
          />
          <Select
            name="adjuster_id"
            label={t("council.field.adjuster")}
            hint={t("council.field.adjuster_hint")}
            blank="–"
            choices={participants.filter((row) => row.member_id !== chair?.member_id).map((row) => ({ value: row.member_id, label: row.name }))}
            errors={errors}
            values={attendance}
            t={t}
            optional
          />
          <Button>{t("council.attendance_save")}</Button>
        </Form>
      </section>
      {page.items.map((item) => (
        <section class="panel" aria-labelledby={`item-${item.id}`}>
          <h2 id={`item-${item.id}`}>
            § {item.position} {item.title}
          </h2>
          <Form action={`/radet/punkter/${item.id}/protokoll`} csrfToken={ctx.csrfToken} idPrefix={`section-${item.id}-`}>
            <TextArea
              name="minutes"
              label={t("council.field.minutes")}
              errors={failedItem === item.id ? errors : undefined}
              values={failedItem === item.id && values?.minutes !== undefined ? values : { minutes: item.minutes }}
              t={t}
              optional
              rows={6}
            />
            <Button variant="secondary">{t("council.section_save")}</Button>
          </Form>
          <h3>{t("council.decisions")}</h3>
          <ul>
            {item.decisions.map((decision) => (
              <li>
                <a href={`/radet/beslut/${decision.id}`}>{decision.text}</a>
                <Form action={`/radet/beslut/${decision.id}/ta-bort`} csrfToken={ctx.csrfToken} idPrefix={`remove-${decision.id}-`}>
                  <Button variant="secondary">{t("council.decision_remove")}</Button>
                </Form>
              </li>
            ))}
          </ul>
          <Form action={`/radet/punkter/${item.id}/beslut`} csrfToken={ctx.csrfToken} idPrefix={`decision-${item.id}-`}>
            <TextArea
              name="text"
              label={t("council.field.decision")}
              errors={failedItem === item.id ? errors : undefined}
              values={failedItem === item.id ? values : undefined}
              t={t}
              rows={3}
            />
            <Button variant="secondary">{t("council.decision_add")}</Button>
          </Form>
        </section>
      ))}
      <Form action={`/radet/moten/${meeting.id}/justering`} csrfToken={ctx.csrfToken} idPrefix="send-">
        <Button>{t("council.send_for_approval")}</Button>
      </Form>
    </Layout>
  );
}

/** A version of the minutes for staff, with its approvals and the PDF. */
export function VersionPage({
  ctx,
  meetingId,
  version,
}: {
  ctx: PageContext;
  meetingId: string;
  version: { version: number; content: MinutesContent; approved_at: Date | null; reason: string | null };
}) {
  const { t } = ctx;
  const title = `${t("council.minutes")}: ${version.content.title}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/radet/moten/${meetingId}`}>{version.content.title}</a> · {t("council.version_line", { version: version.version })}
        {version.reason ? ` · ${t("council.correction")}: ${version.reason}` : ""}
      </p>
      {version.approved_at ? (
        <p>
          <a href={`/radet/moten/${meetingId}/protokoll.pdf?version=${version.version}`}>{t("council.pdf")}</a>
        </p>
      ) : null}
      <MinutesView ctx={ctx} content={version.content} />
    </Layout>
  );
}

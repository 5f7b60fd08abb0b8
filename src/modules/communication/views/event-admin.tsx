/** Staff pages of events: the list, an event's form with its registrations, and check-in at the door. */
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { Button, Checkbox, DeleteForm, ErrorSummary, Form, RadioGroup, Select, TextArea, TextField } from "../../../platform/ui/components/form/form.js";
import { DataTable, TableWrap } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime, formatNumber } from "../../../platform/ui/format.js";
import { stockholmParts } from "../../../platform/sweden/time.js";
import type { EventRow, Registration } from "../event-service.js";
import { eventWhen, questionsText } from "../presenter.js";
import { eventKinds } from "../tables.js";
import { Badge, CommunicationNav, type FormPage } from "./parts.js";

export function EventsAdminPage({ ctx, events, canWrite }: { ctx: PageContext; events: EventRow[]; canWrite: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.nav.events")}>
      <h1>{t("communication.nav.events")}</h1>
      <CommunicationNav ctx={ctx} current="events" />
      {canWrite ? (
        <p>
          <a class="button button-primary" href="/kommunikation/evenemang/ny">
            {t("communication.event_new")}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t("communication.nav.events")}
        t={t}
        baseUrl="/kommunikation/evenemang"
        empty={t("communication.events_none")}
        rows={events}
        columns={[
          { key: "title", label: t("communication.title"), cell: (event) => <a href={`/kommunikation/evenemang/${event.id}`}>{event.title}</a> },
          { key: "when", label: t("communication.when"), cell: (event) => eventWhen(event, lang) },
          { key: "status", label: t("communication.state"), cell: (event) => t(`communication.event_status.${event.status}`) },
          {
            key: "registered",
            label: t("communication.registered"),
            numeric: true,
            cell: (event) => `${formatNumber(event.registered, lang)}${event.capacity !== null ? ` / ${formatNumber(event.capacity, lang)}` : ""}`,
          },
          { key: "waiting", label: t("communication.waiting"), numeric: true, cell: (event) => formatNumber(event.waiting, lang) },
        ]}
      />
    </Layout>
  );
}

export function eventFormValues(event: EventRow): Record<string, unknown> {
  const start = stockholmParts(event.starts_at);
  const deadline = event.registration_deadline ? stockholmParts(event.registration_deadline) : null;
  return {
    title: event.title,
    description: event.description,
    kind: event.kind,
    language: event.language,
    place: event.place ?? "",
    online_url: event.online_url ?? "",
    date: start.date,
    start_time: start.time,
    end_time: stockholmParts(event.ends_at).time,
    capacity: event.capacity === null ? "" : String(event.capacity),
    deadline_on: deadline?.date ?? "",
    deadline_time: deadline?.time ?? "",
    questions: questionsText(event.questions),
    public: event.public,
    status: event.status,
    reminder_hours: String(event.reminder_hours),
  };
}

export function EventFormPage({
  ctx,
  event,
  registrations,
  canWrite,
  errors,
  values,
}: FormPage & { event: EventRow | null; registrations: Registration[]; canWrite: boolean }) {
  const { t, lang } = ctx;
  const shown = values ?? (event ? eventFormValues(event) : { kind: "breakfast", language: ctx.lang, public: true, status: "draft", reminder_hours: "24" });
  const action = event ? `/kommunikation/evenemang/${event.id}` : "/kommunikation/evenemang/ny";
  const title = event ? event.title : t("communication.event_new");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <CommunicationNav ctx={ctx} current="events" />
      {event ? (
        <>
          <p>
            <a href={`/kommunikation/evenemang/${event.id}/incheckning`}>{t("communication.check_in_title")}</a> ·{" "}
            <a href={`/kommunikation/evenemang/${event.id}/deltagare.csv`}>{t("communication.attendees_csv")}</a> ·{" "}
            <a href={`/evenemang/${event.id}`}>{t("communication.view_public")}</a>
          </p>
          <DataTable
            caption={t("communication.registrations")}
            t={t}
            baseUrl={action}
            empty={t("communication.registrations_none")}
            rows={registrations}
            columns={[
              { key: "name", label: t("communication.name"), cell: (row) => row.name },
              { key: "email", label: t("communication.email"), cell: (row) => row.email },
              { key: "company", label: t("communication.company"), cell: (row) => row.company_name ?? "" },
              {
                key: "status",
                label: t("communication.state"),
                cell: (row) => (
                  <Badge tone={row.status === "registered" ? "ok" : row.status === "waiting" ? "warning" : "neutral"}>
                    {t(`communication.registration.${row.status}`)}
                  </Badge>
                ),
              },
              { key: "at", label: t("communication.registered_at"), cell: (row) => formatDateTime(row.created_at, lang) },
              {
                key: "cancel",
                label: t("communication.actions"),
                cell: (row) =>
                  canWrite && row.status !== "cancelled" ? (
                    <Form action={`/kommunikation/evenemang/${event.id}/anmalningar/${row.id}/avboka`} csrfToken={ctx.csrfToken}>
                      <button type="submit" class="link-button">
                        {t("communication.cancel_registration_of", { name: row.name })}
                      </button>
                    </Form>
                  ) : null,
              },
            ]}
          />
        </>
      ) : null}
      {canWrite ? (
        <section aria-labelledby="event-form">
          <h2 id="event-form">{event ? t("communication.edit") : t("communication.event_details")}</h2>
          <ErrorSummary errors={errors} t={t} />
          <Form action={action} csrfToken={ctx.csrfToken}>
            <TextField name="title" label={t("communication.title")} errors={errors} values={shown} t={t} />
            <Select
              name="kind"
              label={t("communication.event_kind")}
              choices={eventKinds.map((kind) => ({ value: kind, label: t(`communication.event_kinds.${kind}`) }))}
              errors={errors}
              values={shown}
              t={t}
            />
            <TextArea
              name="description"
              label={t("communication.description")}
              hint={t("communication.markdown_hint")}
              optional
              rows={8}
              errors={errors}
              values={shown}
              t={t}
            />
            <RadioGroup
              name="language"
              label={t("communication.language")}
              choices={[
                { value: "sv", label: t("lang.sv") },
                { value: "en", label: t("lang.en") },
              ]}
              errors={errors}
              values={shown}
              t={t}
            />
            <TextField name="place" label={t("communication.place")} hint={t("communication.place_hint")} optional errors={errors} values={shown} t={t} />
            <TextField name="online_url" type="url" label={t("communication.online_url")} optional errors={errors} values={shown} t={t} />
            <TextField name="date" type="date" label={t("communication.date")} errors={errors} values={shown} t={t} />
            <TextField name="start_time" label={t("communication.start_time")} hint={t("communication.time_hint")} errors={errors} values={shown} t={t} />
            <TextField name="end_time" label={t("communication.end_time")} errors={errors} values={shown} t={t} />
            <TextField
              name="capacity"
              label={t("communication.capacity")}
              hint={t("communication.capacity_hint")}
              optional
              inputmode="numeric"
              errors={errors}
              values={shown}
              t={t}
            />
            <TextField name="deadline_on" type="date" label={t("communication.deadline")} optional errors={errors} values={shown} t={t} />
            <TextField name="deadline_time" label={t("communication.deadline_time")} optional errors={errors} values={shown} t={t} />
            <TextArea
              name="questions"
              label={t("communication.questions")}
              hint={t("communication.questions_hint")}
              optional
              rows={4}
              errors={errors}
              values={shown}
              t={t}
            />
            <TextField
              name="reminder_hours"
              label={t("communication.reminder_hours")}
              hint={t("communication.reminder_hint")}
              inputmode="numeric"
              errors={errors}
              values={shown}
              t={t}
            />
            <Select
              name="status"
              label={t("communication.state")}
              choices={(["draft", "published", "cancelled"] as const).map((status) => ({ value: status, label: t(`communication.event_status.${status}`) }))}
              errors={errors}
              values={shown}
              t={t}
            />
            <Checkbox name="public" label={t("communication.event_public")} checked={shown.public === "on" || shown.public === true} errors={errors} t={t} />
            <div class="actions">
              <Button>{t("common.save")}</Button>
            </div>
          </Form>
          {event ? <DeleteForm action={`/kommunikation/evenemang/${event.id}/ta-bort`} csrfToken={ctx.csrfToken} label={t("common.delete")} /> : null}
        </section>
      ) : null}
    </Layout>
  );
}

/** The list at the door: printable, and a form to tick arrivals. */
export function CheckInPage({ ctx, event, registrations, canWrite, errors }: FormPage & { event: EventRow; registrations: Registration[]; canWrite: boolean }) {
  const { t, lang } = ctx;
  const attending = registrations.filter((row) => row.status === "registered");
  const arrived = attending.filter((row) => row.checked_in_at !== null).length;
  return (
    <Layout ctx={ctx} title={`${t("communication.check_in_title")}: ${event.title}`}>
      <h1>
        {t("communication.check_in_title")}: {event.title}
      </h1>
      <p>
        {eventWhen(event, lang)} · {t("communication.arrived_count", { arrived, total: attending.length })}
      </p>
      <ErrorSummary errors={errors} t={t} />
      <Form action={`/kommunikation/evenemang/${event.id}/incheckning`} csrfToken={ctx.csrfToken} class="check-in-form">
        <TableWrap t={t} caption={t("communication.attendees")}>
          <table class="table check-in">
            <caption>{t("communication.attendees")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("communication.arrived")}</th>
                <th scope="col">{t("communication.name")}</th>
                <th scope="col">{t("communication.company")}</th>
                <th scope="col">{t("communication.checked_in_at")}</th>
              </tr>
            </thead>
            <tbody>
              {attending.map((row) => (
                <tr>
                  <td>
                    <input
                      type="checkbox"
                      name="registration_ids"
                      value={row.id}
                      id={`r-${row.id}`}
                      aria-describedby={errors?.registration_ids ? "f-registration_ids" : undefined}
                    />
                  </td>
                  <td>
                    <label for={`r-${row.id}`}>{row.name}</label>
                  </td>
                  <td>{row.company_name ?? ""}</td>
                  <td>{row.checked_in_at ? formatDateTime(row.checked_in_at, lang) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {canWrite ? (
          <div class="actions no-print">
            {errors?.registration_ids ? (
              <p class="field-error" id="f-registration_ids" tabindex={-1}>
                {errors.registration_ids}
              </p>
            ) : null}
            <input type="hidden" name="present" value="on" />
            <Button>{t("communication.mark_arrived")}</Button>
          </div>
        ) : null}
      </Form>
      {canWrite ? (
        <p class="no-print">
          <a href={`/kommunikation/evenemang/${event.id}`}>{t("communication.back_to_event")}</a>
        </p>
      ) : null}
    </Layout>
  );
}

import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { BotGuard, Button, Checkbox, ErrorSummary, Form, TextField } from "../../../platform/ui/components/form/form.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDateTime, formatNumber } from "../../../platform/ui/format.js";
import type { EventRow } from "../event-service.js";
import type { RegistrationView } from "../registration-service.js";
import { eventWhen, eventWhere, openness } from "../presenter.js";
import { renderMarkdown } from "../markdown.js";
import { MarkdownBlock, type FormPage } from "./parts.js";

function Place({ event }: { event: EventRow }) {
  return (
    <>
      {event.place}
      {event.place && event.online_url ? ", " : null}
      {event.online_url ? <a href={event.online_url}>{event.online_url}</a> : null}
    </>
  );
}

export function EventsPage({ ctx, events }: { ctx: PageContext; events: EventRow[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("communication.events_title")}>
      <h1>{t("communication.events_title")}</h1>
      <p>
        <a href="/evenemang/kalender.ics">{t("communication.calendar_feed")}</a>
      </p>
      {events.length === 0 ? <p class="empty">{t("communication.events_none")}</p> : null}
      <ul class="card-list">
        {events.map((event) => (
          <li lang={event.language === lang ? undefined : event.language}>
            <h2>
              <a href={`/evenemang/${event.id}`}>{event.title}</a>
            </h2>
            <p class="meta">
              {eventWhen(event, lang)} · {eventWhere(event)}
            </p>
            <p>{t(`communication.openness.${openness(event)}`)}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** An event and its registration form; full events take a waiting list. */
export function EventPage({ ctx, event, stamp, errors, values }: FormPage & { event: EventRow; stamp: string }) {
  const { t, lang } = ctx;
  const open = openness(event);
  return (
    <Layout ctx={ctx} title={event.title}>
      <article lang={event.language === lang ? undefined : event.language}>
        <h1>{event.title}</h1>
        <dl class="facts">
          <dt>{t("communication.when")}</dt>
          <dd>{eventWhen(event, lang)}</dd>
          <dt>{t("communication.where")}</dt>
          <dd>
            <Place event={event} />
          </dd>
          {event.capacity !== null ? (
            <>
              <dt>{t("communication.places_left")}</dt>
              <dd>{formatNumber(Math.max(0, event.capacity - event.registered), lang)}</dd>
            </>
          ) : null}
          {event.registration_deadline ? (
            <>
              <dt>{t("communication.deadline")}</dt>
              <dd>{formatDateTime(event.registration_deadline, lang)}</dd>
            </>
          ) : null}
        </dl>
        {event.description ? <MarkdownBlock html={renderMarkdown(event.description)} /> : null}
      </article>
      <p>
        <a href={`/evenemang/${event.id}/kalender.ics`}>{t("communication.add_to_calendar")}</a>
      </p>
      <section aria-labelledby="register">
        <h2 id="register">{t("communication.register_title")}</h2>
        <p role="status">{t(`communication.openness.${open}`)}</p>
        {open === "open" || open === "waiting_list" ? (
          <>
            <ErrorSummary errors={errors} t={t} />
            <Form action={`/evenemang/${event.id}`} csrfToken={ctx.csrfToken}>
              <TextField name="name" label={t("communication.name")} autocomplete="name" errors={errors} values={values} t={t} />
              <TextField name="email" type="email" label={t("communication.email")} autocomplete="email" errors={errors} values={values} t={t} />
              <TextField name="company_name" label={t("communication.company")} autocomplete="organization" optional errors={errors} values={values} t={t} />
              <TextField name="org_number" label={t("communication.org_number")} optional inputmode="numeric" errors={errors} values={values} t={t} />
              {event.questions.map((question) => (
                <TextField name={question.key} label={question.label} optional={!question.required} errors={errors} values={values} t={t} />
              ))}
              <BotGuard stamp={stamp} t={t} />
              <p>{t("communication.register_consent_text")}</p>
              <Checkbox name="consent" label={t("communication.register_consent")} checked={values?.consent === "on"} errors={errors} t={t} />
              <div class="actions">
                <Button>{open === "open" ? t("communication.register") : t("communication.join_waiting_list")}</Button>
              </div>
            </Form>
          </>
        ) : null}
      </section>
    </Layout>
  );
}

/** The attendee's private page: their registration, place in the queue, and cancelling. */
export function RegistrationPage({ ctx, view, token }: { ctx: PageContext; view: RegistrationView; token: string }) {
  const { t, lang } = ctx;
  const { registration, event } = view;
  return (
    <Layout ctx={ctx} title={event.title}>
      <h1>{event.title}</h1>
      <dl class="facts">
        <dt>{t("communication.when")}</dt>
        <dd>{eventWhen(event, lang)}</dd>
        <dt>{t("communication.where")}</dt>
        <dd>
          <Place event={event} />
        </dd>
        <dt>{t("communication.name")}</dt>
        <dd>{registration.name}</dd>
        <dt>{t("communication.state")}</dt>
        <dd>
          {registration.status === "waiting"
            ? t("communication.waiting_position", { position: view.position ?? 0 })
            : t(`communication.registration.${registration.status}`)}
        </dd>
      </dl>
      {registration.status !== "cancelled" && event.starts_at > new Date() ? (
        <Form action={`/evenemang/anmalan/${token}/avboka`} csrfToken={ctx.csrfToken}>
          <div class="actions">
            <Button variant="danger">{t("communication.cancel_registration")}</Button>
          </div>
        </Form>
      ) : null}
      <p>
        <a href={`/evenemang/${event.id}/kalender.ics`}>{t("communication.add_to_calendar")}</a>
      </p>
    </Layout>
  );
}

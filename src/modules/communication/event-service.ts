import { diff, recordAudit } from "../../platform/audit/audit.js";
import { systemActor, type Actor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { queueMail } from "../../platform/mail/repo.js";
import { stockholmInstant } from "../../platform/sweden/time.js";
import { findCompanyIdByNumber, linkCompany } from "../companies/index.js";
import * as repo from "./event-repo.js";
import { eventCalendar } from "./ical.js";
import { eventCancelledMail, promotedMail, registeredMail, alreadyRegisteredMail, reminderMail, waitingMail, type EventMailFacts } from "./mail-texts.js";
import { authorizeCommunication } from "./policy.js";
import { eventWhen, eventWhere, openness } from "./presenter.js";
import type { EventInput, RegistrationInput } from "./schemas.js";
import type { EventQuestion } from "./tables.js";
import { hashLinkToken, looksLikeLinkToken, newLinkSalt } from "../../platform/links.js";
import { linkToken } from "./token.js";

export type { Event, EventRow, Registration } from "./event-repo.js";
export { eventWhen, eventWhere, openness, questionsText, type Openness } from "./presenter.js";

export interface EventLinks {
  base: string;
  municipality: string;
  secret: string;
}

const attendee = systemActor("Deltagare (webb)");
const reminders = systemActor("Påminnelser");

async function audit(tx: ScopedTx, actor: Actor, requestId: string | undefined, action: string, recordType: "event" | "event_registration", id: string, changes: Record<string, unknown> = {}): Promise<void> {
  await recordAudit(tx, actor, { action, recordType, recordId: id, changes }, requestId);
}

/** The registration form's own questions, one per line; a line ending in `*` must be answered. */
export function parseQuestions(text: string | null): EventQuestion[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 10)
    .map((line, index) => ({ key: `q${index + 1}`, label: line.replace(/\s*\*$/, ""), required: line.endsWith("*") }));
}

function eventValues(input: EventInput) {
  const starts = stockholmInstant(input.date, input.start_time);
  const ends = stockholmInstant(input.date, input.end_time);
  if (ends <= starts) {
    throw new ValidationError([{ path: "end_time", message: "communication.event_end_before_start" }]);
  }
  if (!input.place && !input.online_url) {
    throw new ValidationError([{ path: "place", message: "communication.place_required" }]);
  }
  if (input.deadline_time && !input.deadline_on) {
    throw new ValidationError([{ path: "deadline_on", message: "communication.date_for_time" }]);
  }
  const deadline = input.deadline_on ? stockholmInstant(input.deadline_on, input.deadline_time ?? "23:59") : null;
  if (deadline && deadline > starts) {
    throw new ValidationError([{ path: "deadline_on", message: "communication.deadline_after_start" }]);
  }
  return {
    title: input.title,
    description: input.description ?? "",
    kind: input.kind,
    language: input.language,
    place: input.place,
    online_url: input.online_url,
    starts_at: starts,
    ends_at: ends,
    capacity: input.capacity,
    registration_deadline: deadline,
    questions: parseQuestions(input.questions),
    public: input.public,
    status: input.status,
    reminder_hours: input.reminder_hours,
  };
}

export async function listEvents(ctx: OperationContext): Promise<repo.EventRow[]> {
  authorizeCommunication(ctx.actor, "communication.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listEvents(tx));
}

export async function getEvent(ctx: OperationContext, id: string): Promise<{ event: repo.EventRow; registrations: repo.Registration[] }> {
  authorizeCommunication(ctx.actor, "communication.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const event = isId(id) ? await repo.findEvent(tx, id) : undefined;
    if (!event) {
      throw new NotFoundError();
    }
    return { event, registrations: await repo.registrations(tx, id) };
  });
}

export async function createEvent(ctx: OperationContext, input: EventInput, base: string): Promise<string> {
  authorizeCommunication(ctx.actor, "communication.events");
  const values = eventValues(input);
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const id = newId();
    await repo.insertEvent(tx, { id, municipality_id: ctx.scope.municipalityId, ...values, questions: JSON.stringify(values.questions), link_base: base, created_by: ctx.actor.kind === "user" ? ctx.actor.id : null });
    await audit(tx, ctx.actor, ctx.requestId, "event.created", "event", id, diff(undefined, values));
    return id;
  });
}

/**
 * Saves an event. A larger capacity promotes from the waiting list at once; cancelling
 * tells everyone registered or waiting.
 */
export async function updateEvent(ctx: OperationContext, id: string, input: EventInput, links: EventLinks): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.events");
  const values = eventValues(input);
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = isId(id) ? await repo.findEvent(tx, id, true) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    if (values.capacity !== null && values.capacity < before.registered) {
      throw new ValidationError([{ path: "capacity", message: "communication.capacity_below_registered" }]);
    }
    await repo.updateEvent(tx, id, { ...values, questions: JSON.stringify(values.questions), link_base: before.link_base ?? links.base });
    const after = (await repo.findEvent(tx, id))!;
    if (values.status === "cancelled" && before.status !== "cancelled") {
      await tellCancelled(tx, after, links);
    } else if (after.status === "published") {
      await promote(tx, after, links, ctx.requestId);
    }
    const { questions: _q, ...changed } = values;
    await audit(tx, ctx.actor, ctx.requestId, "event.updated", "event", id, diff(before as unknown as Record<string, unknown>, changed));
  });
}

export async function deleteEvent(ctx: OperationContext, id: string): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.events");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = isId(id) ? await repo.findEvent(tx, id, true) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    if (before.registered + before.waiting > 0) {
      throw new ConflictError([{ path: "id", message: "communication.event_has_registrations" }]);
    }
    await repo.deleteEvent(tx, id);
    await audit(tx, ctx.actor, ctx.requestId, "event.deleted", "event", id, { title: before.title });
  });
}

async function tellCancelled(tx: ScopedTx, event: repo.Event, links: EventLinks): Promise<void> {
  for (const registration of await repo.registrations(tx, event.id, ["registered", "waiting"])) {
    const mail = eventCancelledMail({ title: event.title, when: eventWhen(event, registration.language), where: eventWhere(event), municipality: links.municipality, lang: registration.language });
    await queueMail(tx, { municipalityId: event.municipality_id, purpose: "communication.event_cancelled", subjectRef: registration.id, to: registration.email, ...mail });
  }
}

// The public side -------------------------------------------------------------------------

export async function upcoming(db: Db, scope: Scope): Promise<repo.EventRow[]> {
  return inScope(db, scope, (tx) => repo.upcomingPublic(tx));
}

/** An event the public may see: published or cancelled, and public. A draft or a staff-only event is 404. */
export async function publicEvent(db: Db, scope: Scope, id: string): Promise<repo.EventRow> {
  const event = isId(id) ? await inScope(db, scope, (tx) => repo.findEvent(tx, id)) : undefined;
  if (!event || !isPublic(event)) {
    throw new NotFoundError();
  }
  return event;
}

const isPublic = (event: repo.Event) => event.status !== "draft" && event.public;

export function registrationToken(secret: string, registration: { id: string; token_salt: string }): string {
  return linkToken(secret, "registration", registration.id, registration.token_salt);
}

function cancelUrl(links: EventLinks, registration: { id: string; token_salt: string }): string {
  return `${links.base}/evenemang/anmalan/${registrationToken(links.secret, registration)}`;
}

function facts(event: repo.Event, registration: repo.Registration, links: EventLinks): EventMailFacts {
  return { title: event.title, when: eventWhen(event, registration.language), where: eventWhere(event), municipality: links.municipality, cancelUrl: cancelUrl(links, registration), lang: registration.language };
}

function icsAttachment(event: repo.Event, links: EventLinks) {
  const ics = eventCalendar([event], links, event.title, "publish");
  return [{ filename: "evenemang.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", content: Buffer.from(ics).toString("base64") }];
}

/**
 * A registration from the public form: a place while there is one, else the waiting
 * list; the answer comes by mail with the event as a calendar file and a link to cancel.
 * The event row is locked, so two people never take the last place. An address already
 * registered gets the same answer and a mail with the link to its registration: the form
 * does not tell anyone who else is signed up.
 */
export async function register(db: Db, scope: Scope, eventId: string, input: Pick<RegistrationInput, "name" | "email" | "company_name" | "org_number"> & Record<string, unknown>, lang: "sv" | "en", links: EventLinks, requestId?: string): Promise<{ status: "registered" | "waiting" }> {
  return inScope(db, scope, async (tx) => {
    const event = isId(eventId) ? await repo.findEvent(tx, eventId, true) : undefined;
    if (!event || !isPublic(event)) {
      throw new NotFoundError();
    }
    const open = openness(event);
    if (open !== "open" && open !== "waiting_list") {
      throw new ValidationError([{ path: "name", message: `communication.registration_${open}` }]);
    }
    const answers: Record<string, string> = {};
    for (const question of event.questions) {
      const answer = String((input as Record<string, unknown>)[question.key] ?? "").trim();
      if (question.required && answer === "") {
        throw new ValidationError([{ path: question.key, message: "required" }]);
      }
      if (answer !== "") {
        answers[question.key] = answer;
      }
    }
    const existing = await repo.activeRegistrationOf(tx, event.id, input.email);
    if (existing) {
      await queueMail(tx, { municipalityId: scope.municipalityId, purpose: "communication.event_already_registered", subjectRef: existing.id, to: existing.email, ...alreadyRegisteredMail(facts(event, existing, links)) });
      return { status: existing.status === "waiting" ? "waiting" : "registered" };
    }
    const companyId = input.org_number ? ((await findCompanyIdByNumber(tx, input.org_number)) ?? null) : null;
    if (companyId) {
      await linkCompany(tx, scope.municipalityId, companyId, "event");
    }
    const id = newId();
    const salt = newLinkSalt();
    const token = linkToken(links.secret, "registration", id, salt);
    const status = open === "open" ? "registered" : "waiting";
    await repo.insertRegistration(tx, {
      id,
      municipality_id: scope.municipalityId,
      event_id: event.id,
      name: input.name,
      email: input.email,
      company_name: input.company_name,
      org_number: input.org_number,
      company_id: companyId,
      answers: JSON.stringify(answers),
      status,
      language: lang,
      token_salt: salt,
      token_hash: hashLinkToken(token),
      consent_at: new Date(),
    });
    const registration = (await repo.findRegistration(tx, id))!;
    const mail = status === "registered" ? registeredMail(facts(event, registration, links)) : waitingMail({ ...facts(event, registration, links), position: await repo.waitingPosition(tx, registration) });
    await queueMail(tx, { municipalityId: scope.municipalityId, purpose: `communication.event_${status}`, subjectRef: id, to: input.email, ...mail, ...(status === "registered" ? { attachments: icsAttachment(event, links) } : {}) });
    await audit(tx, attendee, requestId, `registration.${status}`, "event_registration", id, { event_id: event.id, name: input.name, email: input.email, company_name: input.company_name });
    return { status };
  });
}

export interface RegistrationView {
  registration: repo.Registration;
  event: repo.EventRow;
  position: number | null;
}

async function byToken(tx: ScopedTx, token: string): Promise<repo.Registration> {
  const registration = looksLikeLinkToken(token) ? await repo.findRegistrationByTokenHash(tx, hashLinkToken(token)) : undefined;
  if (!registration) {
    throw new NotFoundError();
  }
  return registration;
}

export async function registrationByToken(db: Db, scope: Scope, token: string): Promise<RegistrationView> {
  return inScope(db, scope, async (tx) => {
    const registration = await byToken(tx, token);
    const event = (await repo.findEvent(tx, registration.event_id))!;
    return { registration, event, position: registration.status === "waiting" ? await repo.waitingPosition(tx, registration) : null };
  });
}

/** Gives free places to the waiting list in order, each told by mail with the calendar file. Answers how many. */
async function promote(tx: ScopedTx, event: repo.EventRow, links: EventLinks, requestId?: string): Promise<number> {
  let free = event.capacity === null ? Number.POSITIVE_INFINITY : event.capacity - event.registered;
  let promoted = 0;
  while (free > 0 && event.starts_at > new Date()) {
    const next = await repo.firstWaiting(tx, event.id);
    if (!next) {
      break;
    }
    await repo.updateRegistration(tx, next.id, { status: "registered", promoted_at: new Date() });
    await queueMail(tx, { municipalityId: event.municipality_id, purpose: "communication.event_promoted", subjectRef: next.id, to: next.email, ...promotedMail(facts(event, next, links)), attachments: icsAttachment(event, links) });
    await audit(tx, attendee, requestId, "registration.promoted", "event_registration", next.id, { event_id: event.id });
    free -= 1;
    promoted += 1;
  }
  return promoted;
}

/** The attendee cancels by the link in their mail; a place freed goes to the first on the waiting list. */
export async function cancelRegistration(db: Db, scope: Scope, token: string, links: EventLinks, requestId?: string): Promise<void> {
  await inScope(db, scope, async (tx) => {
    const found = await byToken(tx, token);
    const event = (await repo.findEvent(tx, found.event_id, true))!;
    const registration = (await repo.findRegistration(tx, found.id))!;
    if (registration.status === "cancelled") {
      return;
    }
    await repo.updateRegistration(tx, registration.id, { status: "cancelled", cancelled_at: new Date(), checked_in_at: null });
    await audit(tx, attendee, requestId, "registration.cancelled", "event_registration", registration.id, { event_id: event.id, was: registration.status });
    if (registration.status === "registered" && event.status === "published") {
      await promote(tx, (await repo.findEvent(tx, event.id))!, { ...links, base: event.link_base ?? links.base }, requestId);
    }
  });
}

/** Staff cancel a registration (the attendee phoned); the waiting list moves up the same way. */
export async function cancelByStaff(ctx: OperationContext, eventId: string, registrationId: string, links: EventLinks): Promise<void> {
  authorizeCommunication(ctx.actor, "communication.events");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const event = isId(eventId) ? await repo.findEvent(tx, eventId, true) : undefined;
    const registration = event && isId(registrationId) ? await repo.findRegistration(tx, registrationId) : undefined;
    if (!event || !registration || registration.event_id !== event.id) {
      throw new NotFoundError();
    }
    if (registration.status === "cancelled") {
      return;
    }
    await repo.updateRegistration(tx, registration.id, { status: "cancelled", cancelled_at: new Date(), checked_in_at: null });
    await audit(tx, ctx.actor, ctx.requestId, "registration.cancelled", "event_registration", registration.id, { event_id: event.id, was: registration.status });
    if (registration.status === "registered" && event.status === "published") {
      await promote(tx, (await repo.findEvent(tx, event.id))!, links, ctx.requestId);
    }
  });
}

/** The check-in: arrivals ticked (or unticked) on the list at the door. */
export async function checkIn(ctx: OperationContext, eventId: string, ids: readonly string[], present: boolean): Promise<number> {
  authorizeCommunication(ctx.actor, "communication.events");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const event = isId(eventId) ? await repo.findEvent(tx, eventId) : undefined;
    if (!event) {
      throw new NotFoundError();
    }
    if (ids.length === 0) {
      throw new ValidationError([{ path: "registration_ids", message: "communication.choose_attendees" }]);
    }
    const changed = await repo.setCheckedIn(tx, eventId, ids, present);
    await audit(tx, ctx.actor, ctx.requestId, present ? "event.checked_in" : "event.checked_out", "event", eventId, { registrations: ids });
    return changed;
  });
}

/** Reminder mail before events, every quarter of an hour: each registration reminded once. */
export async function sendReminders(db: Db, scope: Scope, now: Date, secret: string, municipality: string): Promise<number> {
  return inScope(db, scope, async (tx) => {
    const due = await repo.dueReminders(tx, now);
    for (const row of due) {
      const event = (await repo.findEvent(tx, row.event_id))!;
      const links = { base: event.link_base ?? "", municipality, secret };
      await queueMail(tx, { municipalityId: scope.municipalityId, purpose: "communication.event_reminder", subjectRef: row.id, to: row.email, ...reminderMail(facts(event, row, links)), attachments: icsAttachment(event, links) });
      await repo.updateRegistration(tx, row.id, { reminded_at: now });
      await audit(tx, reminders, undefined, "registration.reminded", "event_registration", row.id, { event_id: event.id });
    }
    return due.length;
  });
}

export async function eventIcs(db: Db, scope: Scope, id: string, site: { base: string; municipality: string }): Promise<string> {
  const event = await publicEvent(db, scope, id);
  return eventCalendar([event], site, event.title, "publish");
}

export async function calendarFeed(db: Db, scope: Scope, site: { base: string; municipality: string }): Promise<string> {
  const events = await inScope(db, scope, (tx) => repo.feedEvents(tx));
  return eventCalendar(events, site, `Evenemang – ${site.municipality}`, "publish");
}

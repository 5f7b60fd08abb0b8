/** Registrations for an event: signing up with a private link, the waiting list, cancelling, check-in and reminders. */
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { queueMail } from "../../platform/mail/repo.js";
import { findCompanyIdByNumber, linkCompany } from "../companies/index.js";
import * as repo from "./event-repo.js";
import { eventCalendar } from "./ical.js";
import { promotedMail, registeredMail, alreadyRegisteredMail, reminderMail, waitingMail, type EventMailFacts } from "./mail-texts.js";
import { authorizeCommunication } from "./policy.js";
import { eventWhen, eventWhere, openness } from "./presenter.js";
import type { RegistrationInput } from "./schemas.js";
import { hashLinkToken, looksLikeLinkToken, newLinkSalt } from "../../platform/links.js";
import { linkToken } from "./token.js";
import { type EventLinks, attendee, reminders, audit, isPublic } from "./event-service.js";
import { emitEvent } from "../../platform/webhooks/emit.js";

export function registrationToken(secret: string, registration: { id: string; token_salt: string }): string {
  return linkToken(secret, "registration", registration.id, registration.token_salt);
}

function cancelUrl(links: EventLinks, registration: { id: string; token_salt: string }): string {
  return `${links.base}/evenemang/anmalan/${registrationToken(links.secret, registration)}`;
}

function facts(event: repo.Event, registration: repo.Registration, links: EventLinks): EventMailFacts {
  return {
    title: event.title,
    when: eventWhen(event, registration.language),
    where: eventWhere(event),
    municipality: links.municipality,
    cancelUrl: cancelUrl(links, registration),
    lang: registration.language,
  };
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
export async function register(
  db: Db,
  scope: Scope,
  eventId: string,
  input: Pick<RegistrationInput, "name" | "email" | "company_name" | "org_number"> & Record<string, unknown>,
  lang: "sv" | "en",
  links: EventLinks,
  requestId?: string,
): Promise<{ status: "registered" | "waiting" }> {
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
      await queueMail(tx, {
        municipalityId: scope.municipalityId,
        purpose: "communication.event_already_registered",
        subjectRef: existing.id,
        to: existing.email,
        ...alreadyRegisteredMail(facts(event, existing, links)),
      });
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
    const mail =
      status === "registered"
        ? registeredMail(facts(event, registration, links))
        : waitingMail({ ...facts(event, registration, links), position: await repo.waitingPosition(tx, registration) });
    await queueMail(tx, {
      municipalityId: scope.municipalityId,
      purpose: `communication.event_${status}`,
      subjectRef: id,
      to: input.email,
      ...mail,
      ...(status === "registered" ? { attachments: icsAttachment(event, links) } : {}),
    });
    await emitEvent(tx, "communication.registration.made", { registration_id: id, event_id: event.id, status, company_id: companyId });
    await audit(tx, attendee, requestId, `registration.${status}`, "event_registration", id, {
      event_id: event.id,
      name: input.name,
      email: input.email,
      company_name: input.company_name,
    });
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
export async function promote(tx: ScopedTx, event: repo.EventRow, links: EventLinks, requestId?: string): Promise<number> {
  let free = event.capacity === null ? Number.POSITIVE_INFINITY : event.capacity - event.registered;
  let promoted = 0;
  while (free > 0 && event.starts_at > new Date()) {
    const next = await repo.firstWaiting(tx, event.id);
    if (!next) {
      break;
    }
    await repo.updateRegistration(tx, next.id, { status: "registered", promoted_at: new Date() });
    await queueMail(tx, {
      municipalityId: event.municipality_id,
      purpose: "communication.event_promoted",
      subjectRef: next.id,
      to: next.email,
      ...promotedMail(facts(event, next, links)),
      attachments: icsAttachment(event, links),
    });
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
    await audit(tx, ctx.actor, ctx.requestId, "registration.cancelled", "event_registration", registration.id, {
      event_id: event.id,
      was: registration.status,
    });
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
      await queueMail(tx, {
        municipalityId: scope.municipalityId,
        purpose: "communication.event_reminder",
        subjectRef: row.id,
        to: row.email,
        ...reminderMail(facts(event, row, links)),
        attachments: icsAttachment(event, links),
      });
      await repo.updateRegistration(tx, row.id, { reminded_at: now });
      await audit(tx, reminders, undefined, "registration.reminded", "event_registration", row.id, { event_id: event.id });
    }
    return due.length;
  });
}

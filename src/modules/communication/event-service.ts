import { diff, recordAudit } from "../../platform/audit/audit.js";
import { systemActor, type Actor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { queueMail } from "../../platform/mail/repo.js";
import { stockholmInstant } from "../../platform/sweden/time.js";
import * as repo from "./event-repo.js";
import { eventCalendar } from "./ical.js";
import { eventCancelledMail } from "./mail-texts.js";
import { authorizeCommunication, canCommunicate } from "./policy.js";
import { eventWhen, eventWhere } from "./presenter.js";
import type { EventInput } from "./schemas.js";
import type { EventQuestion } from "./tables.js";
import { promote } from "./registration-service.js";

export type { Event, EventRow, Registration } from "./event-repo.js";
export { eventWhen, eventWhere, openness, questionsText, type Openness } from "./presenter.js";

export interface EventLinks {
  base: string;
  municipality: string;
  secret: string;
}

export const attendee = systemActor("Deltagare (webb)");
export const reminders = systemActor("Påminnelser");

export async function audit(
  tx: ScopedTx,
  actor: Actor,
  requestId: string | undefined,
  action: string,
  recordType: "event" | "event_registration",
  id: string,
  changes: Record<string, unknown> = {},
): Promise<void> {
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
    // A viewer sees the event and its numbers, not who registered.
    return { event, registrations: canCommunicate(ctx.actor, "communication.people") ? await repo.registrations(tx, id) : [] };
  });
}

export async function createEvent(ctx: OperationContext, input: EventInput, base: string): Promise<string> {
  authorizeCommunication(ctx.actor, "communication.events");
  const values = eventValues(input);
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const id = newId();
    await repo.insertEvent(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      ...values,
      questions: JSON.stringify(values.questions),
      link_base: base,
      created_by: ctx.actor.kind === "user" ? ctx.actor.id : null,
    });
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
    const mail = eventCancelledMail({
      title: event.title,
      when: eventWhen(event, registration.language),
      where: eventWhere(event),
      municipality: links.municipality,
      lang: registration.language,
    });
    await queueMail(tx, {
      municipalityId: event.municipality_id,
      purpose: "communication.event_cancelled",
      subjectRef: registration.id,
      to: registration.email,
      ...mail,
    });
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

export const isPublic = (event: repo.Event) => event.status !== "draft" && event.public;

export async function eventIcs(db: Db, scope: Scope, id: string, site: { base: string; municipality: string }): Promise<string> {
  const event = await publicEvent(db, scope, id);
  return eventCalendar([event], site, event.title, "publish");
}

export async function calendarFeed(db: Db, scope: Scope, site: { base: string; municipality: string }): Promise<string> {
  const events = await inScope(db, scope, (tx) => repo.feedEvents(tx));
  return eventCalendar(events, site, `Evenemang – ${site.municipality}`, "publish");
}

import { TZDate } from "@date-fns/tz";
import icalGenerator, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { stockholmZone, timeZone } from "../../platform/sweden/ical-zone.js";

export interface InvitationEvent {
  meetingId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  videoUrl: string | null;
  /** Raised with every new sending, so a calendar takes the newest as the change it is. */
  sequence: number;
  /** The member's own page of the meeting: the agenda and the answer. */
  link: string;
  municipality: string;
  attendee: { name: string; email: string };
}

/**
 * A council meeting as a calendar invitation (RFC 5546 REQUEST) for one member: one UID per
 * meeting, so a new sending updates the entry instead of adding one, in Stockholm time with
 * the zone's definition.
 */
export function meetingInvitation(event: InvitationEvent): string {
  const calendar = icalGenerator({
    name: event.title,
    prodId: { company: "Lotsen", product: "council", language: "SV" },
    method: ICalCalendarMethod.REQUEST,
    timezone: { name: timeZone, generator: (zone) => (zone === timeZone ? stockholmZone : null) },
  });
  calendar.createEvent({
    id: `council-${event.meetingId}@lotsen`,
    sequence: event.sequence,
    start: new TZDate(event.startsAt, timeZone),
    end: new TZDate(event.endsAt, timeZone),
    timezone: timeZone,
    summary: event.title,
    description: `${event.link}${event.videoUrl ? `\n\n${event.videoUrl}` : ""}`,
    location: event.place ?? event.videoUrl ?? undefined,
    url: event.link,
    organizer: { name: event.municipality, email: "noreply@lotsen.invalid" },
    attendees: [
      {
        name: event.attendee.name,
        email: event.attendee.email,
        rsvp: true,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
      },
    ],
    status: ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

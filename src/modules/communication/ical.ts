import { TZDate } from "@date-fns/tz";
import icalGenerator, { ICalCalendarMethod } from "ical-generator";
import { stockholmZone, timeZone } from "../../platform/sweden/ical-zone.js";
import type { Event } from "./event-repo.js";

export { timeZone };

/** Events as an iCalendar file (RFC 5545) in Stockholm time, with the zone's definition. */
export function eventCalendar(events: Event[], site: { base: string; municipality: string }, name: string, method?: "publish"): string {
  const calendar = icalGenerator({
    name,
    prodId: { company: "Lotsen", product: "events", language: "SV" },
    timezone: { name: timeZone, generator: (zone) => (zone === timeZone ? stockholmZone : null) },
  });
  if (method) {
    calendar.method(ICalCalendarMethod.PUBLISH);
  }
  for (const event of events) {
    const url = `${site.base}/evenemang/${event.id}`;
    calendar.createEvent({
      id: `${event.id}@lotsen`,
      // A zoned date, so the times are written as Stockholm reads them whatever the server's own zone.
      start: new TZDate(event.starts_at, timeZone),
      end: new TZDate(event.ends_at, timeZone),
      timezone: timeZone,
      summary: event.title,
      description: event.description ? `${event.description}\n\n${url}` : url,
      location: event.place ?? event.online_url ?? undefined,
      url,
      organizer: { name: site.municipality, email: "noreply@lotsen.invalid" },
      stamp: event.updated_at,
      status: event.status === "cancelled" ? ("CANCELLED" as never) : ("CONFIRMED" as never),
    });
  }
  return calendar.toString();
}

import { stockholmParts } from "../../platform/sweden/time.js";
import { formatWeekdayDate } from "../../platform/ui/format.js";
import type { EventRow } from "./event-repo.js";
import type { EventQuestion } from "./tables.js";

export type NewsState = "draft" | "scheduled" | "published";

export function newsState(post: { publish_at: Date | null }, now = new Date()): NewsState {
  return post.publish_at === null ? "draft" : post.publish_at > now ? "scheduled" : "published";
}

/** "Tisdag 8 december 2026 07.30–09.00" in Swedish time, or its English form. */
export function eventWhen(event: { starts_at: Date; ends_at: Date }, lang: "sv" | "en"): string {
  const day = formatWeekdayDate(event.starts_at, lang);
  const start = stockholmParts(event.starts_at);
  const end = stockholmParts(event.ends_at);
  const sameDay = start.date === end.date;
  const clock = (time: string) => (lang === "sv" ? time.replace(":", ".") : time);
  return `${day.charAt(0).toUpperCase()}${day.slice(1)} ${clock(start.time)}–${sameDay ? "" : `${end.date} `}${clock(end.time)}`;
}

export function eventWhere(event: { place: string | null; online_url: string | null }): string {
  return [event.place, event.online_url].filter(Boolean).join(", ");
}

export type Openness = "open" | "waiting_list" | "closed" | "over" | "cancelled";

export function openness(event: EventRow, now = new Date()): Openness {
  if (event.status === "cancelled") {
    return "cancelled";
  }
  if (event.starts_at <= now) {
    return "over";
  }
  if (event.registration_deadline && event.registration_deadline < now) {
    return "closed";
  }
  return event.capacity !== null && event.registered >= event.capacity ? "waiting_list" : "open";
}

/** The registration form's own questions as staff write them: one per line, `*` for required. */
export function questionsText(questions: EventQuestion[]): string {
  return questions.map((question) => `${question.label}${question.required ? " *" : ""}`).join("\n");
}

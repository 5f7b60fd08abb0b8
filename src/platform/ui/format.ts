import type { Lang } from "./i18n.js";

const zone = "Europe/Stockholm";

/** A moment as the reader expects it, in Swedish time. */
export function formatDateTime(value: Date | null | undefined, lang: Lang): string {
  if (!value) {
    return "–";
  }
  return new Intl.DateTimeFormat(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "short", timeStyle: "short", timeZone: zone }).format(value);
}

export function formatDate(value: Date | string | null | undefined, lang: Lang): string {
  if (!value) {
    return "–";
  }
  const date = typeof value === "string" ? new Date(`${value}T12:00:00Z`) : value;
  return new Intl.DateTimeFormat(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long", timeZone: zone }).format(date);
}

import type { Lang } from "./i18n.js";

const zone = "Europe/Stockholm";
const locales: Record<Lang, string> = { sv: "sv-SE", en: "en-GB" };

// Building an Intl formatter costs far more than using one: one of each per language, made once.
const dateTimes = {
  sv: new Intl.DateTimeFormat(locales.sv, { dateStyle: "short", timeStyle: "short", timeZone: zone }),
  en: new Intl.DateTimeFormat(locales.en, { dateStyle: "short", timeStyle: "short", timeZone: zone }),
};
const dates = {
  sv: new Intl.DateTimeFormat(locales.sv, { dateStyle: "long", timeZone: zone }),
  en: new Intl.DateTimeFormat(locales.en, { dateStyle: "long", timeZone: zone }),
};
const numbers = { sv: new Intl.NumberFormat(locales.sv, { maximumFractionDigits: 2 }), en: new Intl.NumberFormat(locales.en, { maximumFractionDigits: 2 }) };
const oneDecimal = { sv: new Intl.NumberFormat(locales.sv, { maximumFractionDigits: 1 }), en: new Intl.NumberFormat(locales.en, { maximumFractionDigits: 1 }) };
const shortMonths = {
  sv: Array.from({ length: 12 }, (_, index) => new Intl.DateTimeFormat(locales.sv, { month: "short", timeZone: "UTC" }).format(Date.UTC(2026, index, 15))),
  en: Array.from({ length: 12 }, (_, index) => new Intl.DateTimeFormat(locales.en, { month: "short", timeZone: "UTC" }).format(Date.UTC(2026, index, 15))),
};
const eventDays = {
  sv: new Intl.DateTimeFormat(locales.sv, { timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric" }),
  en: new Intl.DateTimeFormat(locales.en, { timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric" }),
};

/** Swedish collation (å, ä, ö last), made once: sorting with `localeCompare(…, "sv")` builds one per comparison. */
export const swedish = new Intl.Collator("sv");
/** Swedish collation that orders "Enhet 2" before "Enhet 10". */
export const swedishNumeric = new Intl.Collator("sv", { numeric: true });

/** A moment as the reader expects it, in Swedish time. */
export function formatDateTime(value: Date | null | undefined, lang: Lang): string {
  if (!value) {
    return "–";
  }
  return dateTimes[lang].format(value);
}

export function formatDate(value: Date | string | null | undefined, lang: Lang): string {
  if (!value) {
    return "–";
  }
  const date = typeof value === "string" ? new Date(`${value}T12:00:00Z`) : value;
  return dates[lang].format(date);
}

/** A number with at most two decimals, as the reader writes numbers; "–" for none. */
export function formatNumber(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) {
    return "–";
  }
  return numbers[lang].format(value);
}

/** The twelve months' short names, January first. */
export function monthNames(lang: Lang): readonly string[] {
  return shortMonths[lang];
}

/** "tisdag 8 december 2026" in Swedish time, or its English form. */
export function formatWeekdayDate(value: Date, lang: Lang): string {
  return eventDays[lang].format(value);
}

/** A number with at most one decimal. */
export function formatOneDecimal(value: number, lang: Lang): string {
  return oneDecimal[lang].format(value);
}

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

import { IntlMessageFormat } from "intl-messageformat";
import { en as platformEn } from "./messages/en.js";
import { sv as platformSv } from "./messages/sv.js";

/**
 * The interface strings' keys. The platform's are here; each module adds its own by
 * merging into this interface from its catalogue (`declare module …i18n.js`), so a key
 * nobody defines does not build. Swedish is the source; each catalogue types its English
 * against its Swedish, so a missing translation does not build either.
 */
export interface Messages extends Record<keyof typeof platformSv, string> {}

export type MessageKey = keyof Messages & string;

export const languages = ["sv", "en"] as const;
export type Lang = (typeof languages)[number];

/** A module's catalogue, as the module list hands it to the platform. */
export interface Catalogue {
  sv: Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
}

// Filled in place, so a translator made before a catalogue was installed still sees it.
const dictionaries: Record<Lang, Record<string, string>> = { sv: { ...platformSv }, en: { ...platformEn } };
const installed = new WeakSet<object>([platformSv]);

/** Thrown when two catalogues define one key: the last would otherwise win silently. */
export class DuplicateMessageKeyError extends Error {}

/**
 * Adds modules' catalogues to the platform's (the app, the command line and the tests do,
 * from the module list). A catalogue installed twice is taken once; a key that another
 * catalogue already defines is an error.
 */
export function installCatalogues(catalogues: readonly Catalogue[]): void {
  for (const catalogue of catalogues) {
    if (installed.has(catalogue.sv)) {
      continue;
    }
    const taken = Object.keys(catalogue.sv).filter((key) => key in dictionaries.sv);
    if (taken.length > 0) {
      throw new DuplicateMessageKeyError(`Two catalogues define ${taken.join(", ")}`);
    }
    Object.assign(dictionaries.sv, catalogue.sv);
    Object.assign(dictionaries.en, catalogue.en);
    installed.add(catalogue.sv);
  }
  compiled.sv.clear();
  compiled.en.clear();
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function isMessageKey(value: string): value is MessageKey {
  return value in dictionaries.sv;
}

/**
 * A translator for one language. Messages are ICU MessageFormat: `{name}` fills a value,
 * `{count, plural, one {# dag} other {# dagar}}` picks the language's plural form and
 * `{channel, select, …}` a word. Each message is parsed once per language and kept.
 */
export function translator(lang: Lang): Translate {
  return (key, vars) => format(lang, key, vars);
}

const compiled: Record<Lang, Map<string, IntlMessageFormat | string>> = { sv: new Map(), en: new Map() };

function format(lang: Lang, key: string, vars: Record<string, string | number> | undefined): string {
  let message = compiled[lang].get(key);
  if (message === undefined) {
    message = compile(lang, dictionaries[lang][key] ?? key);
    compiled[lang].set(key, message);
  }
  if (typeof message === "string") {
    return message;
  }
  try {
    return String(message.format(vars));
  } catch {
    // A value the caller did not give: show its placeholder rather than fail the page.
    const text = dictionaries[lang][key] ?? key;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (vars && name in vars ? String(vars[name]) : match));
  }
}

/** A message without arguments or quoting stays a string; every other is parsed (the catalogue test parses them all). */
export function compile(lang: Lang, text: string): IntlMessageFormat | string {
  return /[{}']/.test(text) ? new IntlMessageFormat(text, lang === "sv" ? "sv-SE" : "en-GB", undefined, { ignoreTag: true }) : text;
}

/** Every key with its text in one language: for the catalogue tests. */
export function catalogueEntries(lang: Lang): [string, string][] {
  return Object.entries(dictionaries[lang]);
}

/** Picks the language: the switch's cookie, else the browser's Accept-Language, else Swedish. */
export function pickLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === "sv" || cookie === "en") {
    return cookie;
  }
  const preferences = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { lang: tag.toLowerCase().split("-")[0], q: Number.isNaN(q) ? 0 : q };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of preferences) {
    if (lang === "sv" || lang === "en") {
      return lang;
    }
  }
  return "sv";
}

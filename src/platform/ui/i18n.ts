import { en, sv } from "../../messages.js";

/**
 * A key of the interface strings of the platform and every module (composed in
 * `src/messages.ts`); Swedish is the source, English must have every key (the type says so).
 */
export type MessageKey = keyof typeof sv;

export const languages = ["sv", "en"] as const;
export type Lang = (typeof languages)[number];

const dictionaries: Record<Lang, Record<MessageKey, string>> = { sv, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function isMessageKey(value: string): value is MessageKey {
  return value in sv;
}

/** A translator for one language; `{name}` placeholders are filled from `vars`. */
export function translator(lang: Lang): Translate {
  const dictionary = dictionaries[lang];
  return (key, vars) => {
    const text = dictionary[key];
    return vars ? text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match)) : text;
  };
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

import type { Translate } from "../../platform/ui/i18n.js";
import { formatDate } from "../../platform/ui/format.js";
import { maskedNumber } from "../../platform/privacy/person.js";
import { kommunByCode } from "../../platform/tenancy/kommuner.js";
import type { Match, Reason } from "./matching.js";
import { occupationTitle } from "./occupations.js";
import type { OpeningSkill } from "./tables.js";

// Made once per language: an Intl formatter costs far more to make than to use.
const lists = { sv: new Intl.ListFormat("sv", { type: "conjunction" }), en: new Intl.ListFormat("en", { type: "conjunction" }) };
const list = (names: readonly string[], lang: "sv" | "en") => lists[lang].format(names);

/** One reason of a match in words, in the reader's language. */
export function explainReason(reason: Reason, t: Translate, lang: "sv" | "en"): string {
  switch (reason.key) {
    case "occupation":
      return t(`skills.reason.occupation_${reason.nearness}`);
    case "must_met":
    case "must_missing":
    case "languages_met":
    case "languages_missing":
    case "licences_met":
    case "licences_missing":
      return t(`skills.reason.${reason.key}`, { names: list(reason.names, lang), count: reason.names.length });
    case "wanted":
      return reason.missing.length === 0
        ? t("skills.reason.wanted_all", { met: list(reason.met, lang) })
        : reason.met.length === 0
          ? t("skills.reason.wanted_none", { missing: list(reason.missing, lang) })
          : t("skills.reason.wanted_some", { met: list(reason.met, lang), missing: list(reason.missing, lang) });
    case "place":
      return t(`skills.reason.place_${reason.fits}`);
    case "extent":
      return t("skills.reason.extent", { wanted: reason.wanted, offered: reason.offered });
    case "available":
      return reason.from === null
        ? t("skills.reason.available_now")
        : reason.inTime
          ? t("skills.reason.available_in_time", { from: formatDate(reason.from, lang) })
          : t("skills.reason.available_late", { from: formatDate(reason.from, lang), start: formatDate(reason.start, lang) });
  }
}

/** A match's explanation: the reasons that rule it out first. */
export function explainMatch(found: Match, t: Translate, lang: "sv" | "en"): string[] {
  const blocking = (reason: Reason) => reason.key.endsWith("_missing") && reason.key !== "wanted";
  return [...found.reasons.filter(blocking), ...found.reasons.filter((reason) => !blocking(reason))].map((reason) => explainReason(reason, t, lang));
}

export const occupationLabel = (code: string): string => `${code} ${occupationTitle(code)}`;

export const placeName = (code: string | null): string | null => (code === null ? null : (kommunByCode(code)?.kommun ?? code));

/** A personal identity number as staff see it: never whole. */
export const shownPersonalNumber = (digits: string | null): string | null => (digits === null ? null : maskedNumber(digits));

/** An opening's skills as its form writes them: must-haves one per line, the rest as "name: weight". */
export function skillFields(skills: readonly OpeningSkill[]): { must_skills: string; wanted_skills: string } {
  return {
    must_skills: skills
      .filter((skill) => skill.must)
      .map((skill) => skill.name)
      .join("\n"),
    wanted_skills: skills
      .filter((skill) => !skill.must)
      .map((skill) => (skill.weight === 1 ? skill.name : `${skill.name}: ${skill.weight}`))
      .join("\n"),
  };
}

import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { catalogueEntries, languages, translator, type MessageKey } from "../src/platform/ui/i18n.js";

/** Names a catalogue gives to a number of things: each must go through a plural rule, never "1 arbetsdagar". */
const countNames = new Set(["count", "weeks", "months", "days", "actions", "indicators", "expected"]);

/** The arguments of a message, with whether each is used as a plural somewhere (nested ones too). */
function argumentsOf(elements: MessageFormatElement[], found = new Map<string, { plural: boolean; number: boolean }>()) {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.plural || element.type === TYPE.select) {
      const seen = found.get(element.value) ?? { plural: false, number: false };
      found.set(element.value, { plural: seen.plural || element.type === TYPE.plural, number: seen.number || element.type === TYPE.number });
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) {
        argumentsOf(option.value, found);
      }
    }
  }
  return found;
}

describe("the message catalogues", () => {
  for (const lang of languages) {
    const entries = catalogueEntries(lang);

    it(`parses every ${lang} message as ICU MessageFormat`, () => {
      const broken = entries.filter(([, text]) => {
        try {
          parse(text, { ignoreTag: true });
          return false;
        } catch {
          return true;
        }
      });
      expect(broken.map(([key]) => key)).toEqual([]);
    });

    it(`gives every count in ${lang} a plural rule, and reads right for 0, 1 and 2`, () => {
      const t = translator(lang);
      const counted = entries.filter(([, text]) => [...argumentsOf(parse(text, { ignoreTag: true })).keys()].some((name) => countNames.has(name)));
      expect(counted.length).toBeGreaterThan(8);
      for (const [key, text] of counted) {
        const args = argumentsOf(parse(text, { ignoreTag: true }));
        for (const [name, use] of args) {
          if (countNames.has(name)) {
            expect(use.plural || use.number, `${lang} ${key}: {${name}} has no plural rule`).toBe(true);
          }
        }
        for (const n of [0, 1, 2]) {
          const values = Object.fromEntries([...args.keys()].map((name) => [name, countNames.has(name) ? n : "x"]));
          const out = t(key as MessageKey, values);
          expect(out, `${lang} ${key} for ${n}`).not.toMatch(/[{}]/);
          // A plural word after the number one is the mistake the rules exist for.
          expect(out, `${lang} ${key} for 1`).not.toMatch(
            n === 1 ? /(^|\D)1 (arbetsdagar|ärenden|veckor|månader|anteckningar|värden|cases|weeks|months|notes|values|days|recipients|fields)\b/ : /$^/,
          );
        }
      }
    });
  }

  it("says one working day, two working days, in both languages", () => {
    const sv = translator("sv");
    const en = translator("en");
    expect([0, 1, 2].map((count) => sv("desk.business_days", { count }))).toEqual(["0 arbetsdagar", "1 arbetsdag", "2 arbetsdagar"]);
    expect([0, 1, 2].map((count) => en("desk.business_days", { count }))).toEqual(["0 working days", "1 working day", "2 working days"]);
    expect(sv("desk.inbox_count", { count: 1 })).toBe("1 ärende");
    expect(en("programme.missing", { actions: 1, indicators: 2 })).toBe("Missing: 1 note and 2 values.");
  });

  it("names the channel a case came by in words", () => {
    expect(translator("sv")("desk.event.created", { channel: "phone", unit: "Bygg" })).toBe("Ärendet registrerades efter ett telefonsamtal och gick till Bygg");
    expect(translator("en")("desk.event.created", { channel: "web", unit: "Bygg" })).toBe("The case was registered from the web form and went to Bygg");
  });

  it("keeps a placeholder the caller did not fill rather than failing", () => {
    expect(translator("sv")("home.welcome")).toContain("{name}");
  });
});

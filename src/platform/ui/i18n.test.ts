import { describe, expect, it } from "vitest";
import { pickLanguage, translator } from "./i18n.js";

describe("language", () => {
  it("takes the switch's cookie first, then Accept-Language by weight, then Swedish", () => {
    expect(pickLanguage("en", "sv-SE")).toBe("en");
    expect(pickLanguage(undefined, "de-DE, en;q=0.8, sv;q=0.9")).toBe("sv");
    expect(pickLanguage(undefined, "de-DE, en-GB;q=0.5")).toBe("en");
    expect(pickLanguage(undefined, "fr")).toBe("sv");
    expect(pickLanguage("klingon", undefined)).toBe("sv");
  });

  it("fills placeholders in both languages", () => {
    expect(translator("sv")("home.welcome", { name: "Åsa" })).toBe("Välkommen, Åsa");
    expect(translator("en")("home.welcome", { name: "Åsa" })).toBe("Welcome, Åsa");
  });
});

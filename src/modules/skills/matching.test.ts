import { describe, expect, it } from "vitest";
import { installCatalogues, translator } from "../../platform/ui/i18n.js";
import { heldKeys, match, ranked, requiredKeys, type MatchOpening, type MatchSeeker } from "./matching.js";
import { nearness } from "./occupations.js";
import { explainMatch } from "./presenter.js";
import { en, sv } from "./messages.js";

installCatalogues([{ sv, en }]);

const seeker = (changes: Partial<MatchSeeker> = {}): MatchSeeker => ({
  occupations: ["5120"],
  skills: [],
  languages: [],
  licences: [],
  places: [],
  extent: 100,
  available_from: null,
  ...changes,
});

const opening = (changes: Partial<MatchOpening> = {}): MatchOpening => ({
  occupation: "5120",
  skills: [],
  languages: [],
  licences: [],
  workplace_municipality: "1882",
  extent: 100,
  starts_on: null,
  ...changes,
});

describe("how near two occupations are", () => {
  it.each([
    ["5120", "5120", "unit"],
    ["5120", "5121", "minor"],
    ["5120", "5131", "submajor"],
    ["5120", "5321", "major"],
    ["5120", "2111", "none"],
  ] as const)("%s and %s: %s", (a, b, expected) => {
    expect(nearness(a, b)).toBe(expected);
  });
});

describe("a match's score and whether it is ruled out", () => {
  it.each([
    ["the same occupation, nothing else asked", seeker(), opening(), 100, true],
    ["the same minor group", seeker({ occupations: ["5121"] }), opening(), 90, true],
    ["the same sub-major group", seeker({ occupations: ["5131"] }), opening(), 80, true],
    ["the same major group", seeker({ occupations: ["5321"] }), opening(), 70, true],
    ["another field", seeker({ occupations: ["2111"] }), opening(), 60, true],
    ["the best of several occupations counts", seeker({ occupations: ["2111", "5120"] }), opening(), 100, true],
    [
      "a missing must-have rules it out",
      seeker({ skills: ["Bakning"] }),
      opening({ skills: [{ name: "Livsmedelshygien", must: true, weight: 1 }] }),
      100,
      false,
    ],
    [
      "a must-have is met whatever its case",
      seeker({ skills: ["livsmedelshygien"] }),
      opening({ skills: [{ name: "Livsmedelshygien", must: true, weight: 1 }] }),
      100,
      true,
    ],
    [
      "nice-to-haves count by their weights",
      seeker({ skills: ["À la carte"] }),
      opening({
        skills: [
          { name: "À la carte", must: false, weight: 3 },
          { name: "Bakning", must: false, weight: 1 },
        ],
      }),
      94,
      true,
    ],
    ["a missing language rules it out", seeker({ languages: ["svenska"] }), opening({ languages: ["svenska", "engelska"] }), 100, false],
    ["a missing licence rules it out", seeker(), opening({ licences: ["B"] }), 100, false],
    ["a workplace outside the places wanted", seeker({ places: ["1880"] }), opening(), 85, true],
    ["a workplace among the places wanted", seeker({ places: ["1880", "1882"] }), opening(), 100, true],
    ["no municipality on the opening", seeker({ places: ["1880"] }), opening({ workplace_municipality: null }), 93, true],
    ["half the extent wanted", seeker({ extent: 50 }), opening(), 95, true],
    ["available only after the start", seeker({ available_from: "2027-03-01" }), opening({ starts_on: "2027-02-01" }), 90, true],
    ["available by the start", seeker({ available_from: "2027-01-15" }), opening({ starts_on: "2027-02-01" }), 100, true],
  ])("%s", (_name, who, what, score, eligible) => {
    const found = match(who, what);
    expect(found.score).toBe(score);
    expect(found.eligible).toBe(eligible);
    // The database's requirement query (keys contained) rules out exactly whom the matching does.
    const held = new Set(heldKeys(who));
    expect(requiredKeys(what).every((key) => held.has(key))).toBe(eligible);
  });

  it("ranks the eligible first, each group by score", () => {
    const openings = [opening({ occupation: "2111" }), opening({ licences: ["C"] }), opening(), opening({ occupation: "5121" })];
    const order = ranked(openings, (item) => match(seeker(), item)).map(({ item }) => openings.indexOf(item));
    expect(order).toEqual([2, 3, 0, 1]);
  });
});

describe("a match in words", () => {
  const ruledOut = match(
    seeker({ occupations: ["5121"], skills: ["Bakning"], available_from: "2027-03-01" }),
    opening({
      skills: [
        { name: "Livsmedelshygien", must: true, weight: 1 },
        { name: "Truckkort", must: true, weight: 1 },
        { name: "Bakning", must: false, weight: 2 },
        { name: "Sushi", must: false, weight: 1 },
      ],
      licences: ["B"],
      starts_on: "2027-02-01",
    }),
  );

  it("says in Swedish what rules it out first, naming what is missing", () => {
    const lines = explainMatch(ruledOut, translator("sv"), "sv");
    expect(lines.slice(0, 2)).toEqual(["Saknar kraven: Livsmedelshygien och Truckkort", "Saknar körkort B"]);
    expect(lines).toContain("Yrke i samma yrkesgrupp");
    expect(lines).toContain("Har Bakning; saknar Sushi");
    expect(lines).toContain("Tillgänglig först 1 mars 2027, efter tillträdet 1 februari 2027");
  });

  it("says the same in English", () => {
    const lines = explainMatch(ruledOut, translator("en"), "en");
    expect(lines.slice(0, 2)).toEqual(["Lacks the requirements: Livsmedelshygien and Truckkort", "Lacks driving licence B"]);
    expect(lines).toContain("An occupation in the same minor group");
    expect(lines).toContain("Has Bakning; lacks Sushi");
  });
});

import { describe, expect, it } from "vitest";
import { needFigures } from "./needs-figures.js";
import { occupationCodeOf, readNeedLines } from "./needs-form.js";
import type { NeedFact } from "./needs-repo.js";

/** Facts from a compact table: "year occupation company people". */
const facts = (...rows: string[]): NeedFact[] =>
  rows.map((row) => {
    const [year, occupation, company, people] = row.split(" ");
    return { year: Number(year), occupation: occupation!, company_id: company!, people: Number(people) };
  });

describe("the skills-needs figures", () => {
  it.each([
    {
      name: "three companies behind an occupation: shown, with the total",
      facts: facts("2026 5120 a 2", "2026 5120 b 1", "2026 5120 c 4"),
      rows: [{ occupation: "5120", cells: [{ people: 7, companies: 3 }] }],
      other: [null],
      total: [{ people: 7, companies: 3 }],
    },
    {
      name: "two companies behind an occupation: held back, and the total with it (it would give them away)",
      facts: facts("2026 5120 a 2", "2026 5120 b 1", "2026 5120 c 4", "2026 2512 a 5", "2026 2512 d 1"),
      rows: [{ occupation: "5120", cells: [{ people: 7, companies: 3 }] }],
      other: [{ people: null, companies: null }],
      total: [{ people: null, companies: null }],
    },
    {
      name: "held-back occupations with three companies together: shown as other occupations, and the total",
      facts: facts("2026 5120 a 2", "2026 5120 b 1", "2026 5120 c 4", "2026 2512 a 5", "2026 2512 d 1", "2026 7411 e 3"),
      rows: [{ occupation: "5120", cells: [{ people: 7, companies: 3 }] }],
      other: [{ people: 9, companies: 3 }],
      total: [{ people: 16, companies: 5 }],
    },
    {
      name: "a company counted once however many of its rows are in a figure",
      facts: facts("2026 5120 a 2", "2026 5120 b 1", "2026 2512 a 5", "2026 2512 b 1"),
      rows: [],
      other: [{ people: null, companies: null }],
      total: [{ people: null, companies: null }],
    },
    {
      name: "fewer than three companies in all: nothing shown",
      facts: facts("2026 5120 a 2", "2026 5120 b 1"),
      rows: [],
      other: [{ people: null, companies: null }],
      total: [{ people: null, companies: null }],
    },
    {
      name: "no answers: the total is held back as a figure of fewer than three",
      facts: [],
      rows: [],
      other: [null],
      total: [{ people: null, companies: null }],
    },
  ])("$name", (expected) => {
    const figures = needFigures([2026], expected.facts, new Map([[2026, 9]]));
    expect(figures.rows).toEqual(expected.rows);
    expect(figures.other).toEqual(expected.other);
    expect(figures.total).toEqual(expected.total);
    expect(figures.answered).toEqual([9]);
  });

  it("puts years side by side, the most needed of the newest year first, an occupation shown in one year held back in another", () => {
    const figures = needFigures(
      [2026, 2025],
      facts(
        ...["a", "b", "c"].map((company) => `2026 2512 ${company} 1`),
        ...["a", "b", "c"].map((company) => `2026 5120 ${company} 2`),
        ...["a", "b", "c"].map((company) => `2025 2512 ${company} 5`),
        "2025 5120 a 1",
      ),
      new Map([
        [2026, 3],
        [2025, 3],
      ]),
    );
    expect(figures.rows).toEqual([
      {
        occupation: "5120",
        cells: [
          { people: 6, companies: 3 },
          { people: null, companies: null },
        ],
      },
      {
        occupation: "2512",
        cells: [
          { people: 3, companies: 3 },
          { people: 15, companies: 3 },
        ],
      },
    ]);
    expect(figures.total).toEqual([
      { people: 9, companies: 3 },
      { people: null, companies: null },
    ]);
  });
});

describe("the skills-needs answer as posted", () => {
  it("names an occupation by its code, by the list's code and title, or by its title", () => {
    expect(occupationCodeOf("5120")).toBe("5120");
    expect(occupationCodeOf("5120 Kockar och kallskänkor")).toBe("5120");
    expect(occupationCodeOf("kockar och kallskänkor")).toBe("5120");
    expect(occupationCodeOf("512")).toBeNull();
    expect(occupationCodeOf("9999 Påhittat yrke")).toBeNull();
    expect(occupationCodeOf("kock")).toBeNull();
  });

  it.each([
    {
      name: "rows read, empty ones skipped",
      body: { occupation_1: "5120", people_1: "3", occupation_4: "2512 Mjukvaru- och systemutvecklare m.fl.", people_4: "1" },
      problems: [],
    },
    { name: "an empty post is not an answer", body: {}, problems: [{ path: "occupation_1", message: "skills.needs_nothing" }] },
    { name: "no need ticked is one", body: { no_need: "on" }, problems: [] },
    {
      name: "no need ticked beside occupations is a contradiction",
      body: { no_need: "on", occupation_1: "5120", people_1: "1" },
      problems: [{ path: "no_need", message: "skills.needs_and_none" }],
    },
    {
      name: "an unknown occupation",
      body: { occupation_2: "Drakjägare", people_2: "1" },
      problems: [{ path: "occupation_2", message: "skills.unknown_occupation" }],
    },
    { name: "people without an occupation", body: { people_3: "2" }, problems: [{ path: "occupation_3", message: "required" }] },
    { name: "an occupation without people", body: { occupation_1: "5120" }, problems: [{ path: "people_1", message: "required" }] },
    ...["0", "-1", "2,5", "tre", "10001"].map((people) => ({
      name: `people given as ${people}`,
      body: { occupation_1: "5120", people_1: people },
      problems: [{ path: "people_1", message: "skills.needs_people" }],
    })),
    {
      name: "the same occupation twice",
      body: { occupation_1: "5120", people_1: "1", occupation_2: "5120 Kockar och kallskänkor", people_2: "2" },
      problems: [{ path: "occupation_2", message: "skills.needs_twice" }],
    },
    {
      name: "a row past the twentieth is not read",
      body: { occupation_21: "5120", people_21: "1" },
      problems: [{ path: "occupation_1", message: "skills.needs_nothing" }],
    },
  ])("$name", ({ body, problems }) => {
    expect(readNeedLines(body).problems).toEqual(problems);
  });

  it("reads the lines in the order given", () => {
    expect(readNeedLines({ occupation_1: "5120", people_1: "3", occupation_4: "2512", people_4: "10000" }).lines).toEqual([
      { occupation: "5120", people: 3 },
      { occupation: "2512", people: 10000 },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, systemContext, type TestMunicipality } from "../../../test/helpers/factories.js";
import { seekerValues } from "../../../test/helpers/skills.js";
import { inScope } from "../../platform/db/database.js";
import { match, scoreTerms, type MatchOpening } from "./matching.js";
import * as seekers from "./seeker-repo.js";
import { createSeeker } from "./seeker-service.js";

/**
 * The shortlist is scored and ranked by the database; the page explains each row with
 * `match`. The two must agree: for every opening and filter below, the query's rows, scores
 * and order are those of `match` over every matchable seeker, ranked the same way.
 */
let db: TestDatabase;
let askersund: TestMunicipality;

/** A small deterministic generator, so the seekers vary and the test is the same every run. */
function* numbers(seed: number): Generator<number> {
  // mulberry32: 32-bit integer arithmetic throughout, so every bit varies.
  let state = seed;
  for (;;) {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    yield (mixed ^ (mixed >>> 14)) >>> 0;
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  const draw = numbers(7);
  const pick = <T>(items: readonly T[]): T => items[draw.next().value % items.length]!;
  const some = <T>(items: readonly T[]): T[] => items.filter(() => draw.next().value % 3 === 0);
  for (let index = 0; index < 120; index += 1) {
    await createSeeker(
      systemContext(db.app, askersund),
      seekerValues({
        name: `Person ${index}`,
        occupations: [pick(["5120", "5121", "5131", "5311", "2512", "7411", "9331"]), ...some(["5120", "4322"])],
        skills: some(["Truckkort", "bakning", "Livsmedelshygien", "À la carte", "Kassa", " Sushi "]),
        languages: some(["svenska", "Engelska", "arabiska"]),
        licences: some(["B", "C", "CE"]),
        places: pick([[], ["1882"], ["1880", "1881"], ["1882", "1885"]]),
        extent: pick([25, 35, 50, 75, 85, 100]),
        available_from: pick([null, "2027-01-01", "2027-03-01", "2027-06-01"]),
        status: pick(["searching", "searching", "registered", "placed", "paused"]),
      }),
    );
  }
});

afterAll(async () => {
  await db.drop();
});

const opening = (changes: Partial<MatchOpening>): MatchOpening => ({
  occupation: "5120",
  skills: [],
  languages: [],
  licences: [],
  workplace_municipality: "1882",
  extent: 100,
  starts_on: null,
  ...changes,
});

const openings: Array<[string, MatchOpening]> = [
  ["no requirements", opening({})],
  [
    "a must-have and weighted nice-to-haves",
    opening({
      skills: [
        { name: "truckkort", must: true, weight: 1 },
        { name: "Bakning", must: false, weight: 3 },
        { name: "À LA CARTE", must: false, weight: 2 },
      ],
    }),
  ],
  [
    "nice-to-haves weighing to halves",
    opening({
      skills: [
        { name: "Kassa", must: false, weight: 1 },
        { name: "Sushi", must: false, weight: 1 },
      ],
    }),
  ],
  ["a language and a licence, another occupation", opening({ occupation: "2512", languages: ["Svenska"], licences: ["b"] })],
  ["no workplace, part time, a start", opening({ workplace_municipality: null, extent: 65, starts_on: "2027-03-01" })],
  ["an odd extent", opening({ occupation: "9331", extent: 45, workplace_municipality: "1885", starts_on: "2027-02-15" })],
];

const filters = [
  { alla: false, plats: false, i_tid: false },
  { alla: true, plats: false, i_tid: false },
  { alla: false, plats: true, i_tid: true },
  { alla: true, plats: true, i_tid: false },
];

describe("the shortlist's query", () => {
  it.each(openings)("scores and ranks as the matching does: %s", async (_name, wanted) => {
    await inScope(db.app, askersund.scope, async (tx) => {
      const everyone = await tx
        .selectFrom("skills_seekers")
        .select(["id", "name", "occupations", "skills", "languages", "licences", "places", "extent", "available_from"])
        .where("status", "in", ["registered", "searching"])
        .execute();
      for (const filter of filters) {
        const expected = everyone
          .map((seeker) => ({ id: seeker.id, found: match(seeker, wanted) }))
          .filter(({ found }) => (filter.alla || found.eligible) && !(filter.plats && found.reasons.some((r) => r.key === "place" && r.fits === "no")))
          .filter(({ found }) => !(filter.i_tid && found.reasons.some((r) => r.key === "available" && !r.inTime)))
          .sort((a, b) => Number(b.found.eligible) - Number(a.found.eligible) || b.found.score - a.found.score || (a.id < b.id ? -1 : 1))
          .slice(0, 25)
          .map(({ id, found }) => ({ id, eligible: found.eligible, score: found.score }));
        const rows = await seekers.shortlist(tx, { ...scoreTerms(wanted), includeRuledOut: filter.alla, place: filter.plats, inTime: filter.i_tid, limit: 25 });
        expect(
          rows.map(({ id, eligible, score }) => ({ id, eligible, score })),
          JSON.stringify(filter),
        ).toEqual(expected);
        expect(expected.length, "the case has rows to compare").toBeGreaterThan(0);
      }
    });
  });
});

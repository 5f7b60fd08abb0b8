import { nearness, type Nearness } from "./occupations.js";
import type { OpeningSkill } from "./tables.js";

/**
 * How well a job seeker fits an opening: a score of 0–100 and why, in reasons a page puts
 * into words (`skills.reason.*`, both languages). A missing must-have, a language or a
 * driving licence the opening requires rules the match out, and the reason names it.
 *
 * Points: occupation 40 (same unit group 40, same minor group 30, sub-major 20, major 10),
 * nice-to-have skills 25 by their weights, place 15, extent 10, availability by the start 10.
 */
export interface MatchSeeker {
  occupations: readonly string[];
  skills: readonly string[];
  languages: readonly string[];
  licences: readonly string[];
  places: readonly string[];
  extent: number;
  available_from: string | null;
}

export interface MatchOpening {
  occupation: string;
  skills: readonly OpeningSkill[];
  languages: readonly string[];
  licences: readonly string[];
  workplace_municipality: string | null;
  extent: number;
  starts_on: string | null;
}

export type Reason =
  | { key: "occupation"; nearness: Nearness }
  | { key: "must_met"; names: string[] }
  | { key: "must_missing"; names: string[] }
  | { key: "wanted"; met: string[]; missing: string[] }
  | { key: "languages_met"; names: string[] }
  | { key: "languages_missing"; names: string[] }
  | { key: "licences_met"; names: string[] }
  | { key: "licences_missing"; names: string[] }
  | { key: "place"; fits: "anywhere" | "yes" | "no" | "unknown" }
  | { key: "extent"; wanted: number; offered: number }
  | { key: "available"; from: string | null; start: string | null; inTime: boolean };

export interface Match {
  score: number;
  /** False when a requirement is missing: the match is shown as ruled out, never proposed. */
  eligible: boolean;
  reasons: Reason[];
}

const occupationPoints: Record<Nearness, number> = { unit: 40, minor: 30, submajor: 20, major: 10, none: 0 };
const nearnessOrder: readonly Nearness[] = ["unit", "minor", "submajor", "major", "none"];

const fold = (value: string) => value.trim().toLocaleLowerCase("sv");

/** Which of the wanted are in the held, compared without case; each list in the wanted's own words. */
function split(wanted: readonly string[], held: readonly string[]): { met: string[]; missing: string[] } {
  const have = new Set(held.map(fold));
  return { met: wanted.filter((name) => have.has(fold(name))), missing: wanted.filter((name) => !have.has(fold(name))) };
}

function bestNearness(seeker: MatchSeeker, opening: MatchOpening): Nearness {
  const found = seeker.occupations.map((code) => nearness(code, opening.occupation));
  return nearnessOrder.find((level) => found.includes(level)) ?? "none";
}

export function match(seeker: MatchSeeker, opening: MatchOpening): Match {
  const reasons: Reason[] = [];
  let score = 0;
  let eligible = true;

  const occupation = bestNearness(seeker, opening);
  score += occupationPoints[occupation];
  reasons.push({ key: "occupation", nearness: occupation });

  const must = split(
    opening.skills.filter((skill) => skill.must).map((skill) => skill.name),
    seeker.skills,
  );
  if (must.missing.length > 0) {
    eligible = false;
    reasons.push({ key: "must_missing", names: must.missing });
  } else if (must.met.length > 0) {
    reasons.push({ key: "must_met", names: must.met });
  }

  const wantedSkills = opening.skills.filter((skill) => !skill.must);
  if (wantedSkills.length > 0) {
    const wanted = split(
      wantedSkills.map((skill) => skill.name),
      seeker.skills,
    );
    const total = wantedSkills.reduce((sum, skill) => sum + skill.weight, 0);
    const met = wantedSkills.filter((skill) => wanted.met.includes(skill.name)).reduce((sum, skill) => sum + skill.weight, 0);
    score += Math.round((25 * met) / total);
    reasons.push({ key: "wanted", met: wanted.met, missing: wanted.missing });
  } else {
    score += 25;
  }

  for (const [kind, required, held] of [
    ["languages", opening.languages, seeker.languages],
    ["licences", opening.licences, seeker.licences],
  ] as const) {
    if (required.length === 0) {
      continue;
    }
    const { met, missing } = split(required, held);
    if (missing.length > 0) {
      eligible = false;
      reasons.push({ key: `${kind}_missing`, names: missing });
    } else {
      reasons.push({ key: `${kind}_met`, names: met });
    }
  }

  const place =
    seeker.places.length === 0
      ? "anywhere"
      : opening.workplace_municipality === null
        ? "unknown"
        : seeker.places.includes(opening.workplace_municipality)
          ? "yes"
          : "no";
  score += place === "no" ? 0 : place === "unknown" ? 8 : 15;
  reasons.push({ key: "place", fits: place });

  score += Math.round(10 * (1 - Math.abs(seeker.extent - opening.extent) / 100));
  reasons.push({ key: "extent", wanted: seeker.extent, offered: opening.extent });

  const inTime = seeker.available_from === null || opening.starts_on === null || seeker.available_from <= opening.starts_on;
  score += inTime ? 10 : 0;
  reasons.push({ key: "available", from: seeker.available_from, start: opening.starts_on, inTime });

  return { score, eligible, reasons };
}

/**
 * What a seeker holds and an opening requires, as one list of keys (`s:` skills, `l:`
 * languages, `c:` licences), folded as the matching compares them: a seeker meets an
 * opening's requirements exactly when their keys contain the opening's.
 */
export function heldKeys(seeker: Pick<MatchSeeker, "skills" | "languages" | "licences">): string[] {
  return [
    ...new Set([
      ...seeker.skills.map((name) => `s:${fold(name)}`),
      ...seeker.languages.map((name) => `l:${fold(name)}`),
      ...seeker.licences.map((code) => `c:${fold(code)}`),
    ]),
  ];
}

export function requiredKeys(opening: Pick<MatchOpening, "skills" | "languages" | "licences">): string[] {
  return heldKeys({
    skills: opening.skills.filter((skill) => skill.must).map((skill) => skill.name),
    languages: opening.languages,
    licences: opening.licences,
  });
}

/**
 * What the database needs to score every seeker for an opening as `match` does (the
 * shortlist's query): the requirements as keys, and the nice-to-have skills as folded keys
 * with their weights.
 */
export function scoreTerms(opening: MatchOpening): {
  required: string[];
  wantedKeys: string[];
  wantedWeights: number[];
  occupation: string;
  workplace: string | null;
  extent: number;
  startsOn: string | null;
} {
  const wanted = opening.skills.filter((skill) => !skill.must);
  return {
    required: requiredKeys(opening),
    wantedKeys: wanted.map((skill) => `s:${fold(skill.name)}`),
    wantedWeights: wanted.map((skill) => skill.weight),
    occupation: opening.occupation,
    workplace: opening.workplace_municipality,
    extent: opening.extent,
    startsOn: opening.starts_on,
  };
}

/** The best matches first; the ruled out after the rest, each group by score. */
export function ranked<T>(items: readonly T[], matchOf: (item: T) => Match): Array<{ item: T; match: Match }> {
  return items
    .map((item) => ({ item, match: matchOf(item) }))
    .sort((a, b) => Number(b.match.eligible) - Number(a.match.eligible) || b.match.score - a.match.score);
}

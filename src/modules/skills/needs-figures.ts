/**
 * The skills needs as figures: per occupation (SSYK unit group) and year, how many people
 * the municipality's companies say they will need and how many companies say so. A
 * company's answer is its own: no figure is shown with fewer than three companies behind
 * it. What is held back goes into "other occupations", itself held back under three
 * companies; and then the total is held back too, or it would give the rest away by
 * subtraction. Pure functions, so the rules are tested as a table.
 */
import type { NeedFact } from "./needs-repo.js";

export const minimumCompanies = 3;

/** A figure, or null where fewer than three companies are behind it (none included: an empty cell would tell as much). */
export interface NeedCell {
  people: number | null;
  companies: number | null;
}

export interface NeedFigures {
  years: number[];
  /** Occupations shown in at least one of the years, the most needed in the latest year first. */
  rows: Array<{ occupation: string; cells: NeedCell[] }>;
  /** The held-back occupations together, per year; null in a year where nothing was held back. */
  other: Array<NeedCell | null>;
  total: NeedCell[];
  /** How many companies answered each year, needing someone or not. */
  answered: number[];
}

const hidden: NeedCell = { people: null, companies: null };

function cellOf(people: number, companies: number): NeedCell {
  return companies >= minimumCompanies ? { people, companies } : hidden;
}

interface Tally {
  people: number;
  companies: Set<string>;
}

function tallyOf(facts: readonly NeedFact[]): Tally {
  return { people: facts.reduce((sum, fact) => sum + fact.people, 0), companies: new Set(facts.map((fact) => fact.company_id)) };
}

function yearFigures(facts: readonly NeedFact[]) {
  const byOccupation = new Map<string, NeedFact[]>();
  for (const fact of facts) {
    byOccupation.set(fact.occupation, [...(byOccupation.get(fact.occupation) ?? []), fact]);
  }
  const shown = new Map<string, NeedCell>();
  const heldBack: NeedFact[] = [];
  for (const [occupation, group] of byOccupation) {
    const tally = tallyOf(group);
    if (tally.companies.size >= minimumCompanies) {
      shown.set(occupation, { people: tally.people, companies: tally.companies.size });
    } else {
      heldBack.push(...group);
    }
  }
  const rest = tallyOf(heldBack);
  const other = heldBack.length === 0 ? null : cellOf(rest.people, rest.companies.size);
  const all = tallyOf(facts);
  const total = other !== null && other.people === null ? hidden : cellOf(all.people, all.companies.size);
  return { shown, other, total };
}

/** The figures of the given years (newest first) from the facts the repo reads. */
export function needFigures(years: readonly number[], facts: readonly NeedFact[], answered: ReadonlyMap<number, number>): NeedFigures {
  const perYear = years.map((year) => yearFigures(facts.filter((fact) => fact.year === year)));
  const occupations = [...new Set(perYear.flatMap((figures) => [...figures.shown.keys()]))];
  const latest = (occupation: string) => perYear.find((figures) => figures.shown.has(occupation))?.shown.get(occupation)?.people ?? 0;
  occupations.sort((a, b) => latest(b) - latest(a) || a.localeCompare(b));
  return {
    years: [...years],
    rows: occupations.map((occupation) => ({ occupation, cells: perYear.map((figures) => figures.shown.get(occupation) ?? hidden) })),
    other: perYear.map((figures) => figures.other),
    total: perYear.map((figures) => figures.total),
    answered: years.map((year) => answered.get(year) ?? 0),
  };
}

/**
 * The skills-needs answer as a form posts it: up to twenty rows, each an occupation (its
 * code, or the code and title the list suggests, or the title alone) and how many people.
 * Read into lines, or the problems of each row by its field's name.
 */
import type { FieldProblem } from "../../platform/errors.js";
import type { NeedLine } from "./needs-repo.js";
import { isOccupation, occupationIndex } from "./occupations.js";

export const needRowsMax = 20;
export const needPeopleMax = 10_000;

/** The unit group a row names: "5120", "5120 Kockar och kallskänkor" or "kockar och kallskänkor". */
export function occupationCodeOf(text: string): string | null {
  const code = /^(\d{4})(?:\s|$)/.exec(text)?.[1];
  if (code !== undefined) {
    return isOccupation(code) ? code : null;
  }
  const wanted = text.toLocaleLowerCase("sv");
  for (const occupation of occupationIndex().values()) {
    if (occupation.level === "unit" && occupation.title.toLocaleLowerCase("sv") === wanted) {
      return occupation.code;
    }
  }
  return null;
}

/**
 * The rows, or their problems. An answer says something: at least one row, or the box that
 * says no need is seen (an empty post is not taken for one); not both.
 */
export function readNeedLines(body: Readonly<Record<string, unknown>>): { lines: NeedLine[]; problems: FieldProblem[] } {
  const lines: NeedLine[] = [];
  const problems: FieldProblem[] = [];
  const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string).trim().slice(0, 300) : "");
  for (let row = 1; row <= needRowsMax; row += 1) {
    const [occupationField, peopleField] = [`occupation_${row}`, `people_${row}`];
    const [named, counted] = [text(occupationField), text(peopleField)];
    if (named === "" && counted === "") {
      continue;
    }
    const occupation = named === "" ? null : occupationCodeOf(named);
    if (named === "") {
      problems.push({ path: occupationField, message: "required" });
    } else if (occupation === null) {
      problems.push({ path: occupationField, message: "skills.unknown_occupation" });
    } else if (lines.some((line) => line.occupation === occupation)) {
      problems.push({ path: occupationField, message: "skills.needs_twice" });
    }
    const people = Number(counted);
    if (counted === "") {
      problems.push({ path: peopleField, message: "required" });
    } else if (!/^\d+$/.test(counted) || people < 1 || people > needPeopleMax) {
      problems.push({ path: peopleField, message: "skills.needs_people" });
    } else if (occupation !== null && !lines.some((line) => line.occupation === occupation)) {
      lines.push({ occupation, people });
    }
  }
  const noNeed = body.no_need === "on" || body.no_need === "true";
  if (problems.length === 0 && lines.length === 0 && !noNeed) {
    problems.push({ path: "occupation_1", message: "skills.needs_nothing" });
  } else if (noNeed && lines.length > 0) {
    problems.push({ path: "no_need", message: "skills.needs_and_none" });
  }
  return { lines, problems };
}

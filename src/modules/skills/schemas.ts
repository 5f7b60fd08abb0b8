import { z } from "zod";
import {
  blankToUndefined as blank,
  checkbox,
  integer,
  optionalDate,
  optionalEmail,
  optionalPhone,
  optionalText,
  pageNumber,
  requiredText,
  stringList,
} from "../../platform/http/fields.js";
import { parseIdentityNumber } from "../../platform/sweden/identity-number.js";
import { kommunByCode, kommuner } from "../../platform/tenancy/kommuner.js";
import { isOccupation } from "./occupations.js";
import { followUps, introductionStatuses, licenceCategories, openingKinds, openingStatuses, seekerBases, seekerStatuses, type OpeningSkill } from "./tables.js";

/** Words separated by commas or new lines, each trimmed, empties and repeats dropped. */
const words = (text: string | null): string[] => [
  ...new Set(
    (text ?? "")
      .split(/[,\n]/)
      .map((word) => word.trim())
      .filter((word) => word !== ""),
  ),
];

const wordList = (max: number) => optionalText(max).transform(words);

/** A municipality by its kommunkod or its name ("Askersund", "Askersunds kommun"). */
export function kommunCode(text: string): string | undefined {
  const written = text.trim();
  if (/^\d{4}$/.test(written)) {
    return kommunByCode(written)?.kommunkod;
  }
  // "Askersunds kommun" is Askersund, "Borås kommun" Borås: the genitive s is dropped only when the name lacks it.
  const name = written.toLocaleLowerCase("sv").replace(/ kommun$/, "");
  const named = (candidate: string) => [...kommuner().values()].find((kommun) => kommun.kommun.toLocaleLowerCase("sv") === candidate)?.kommunkod;
  return named(name) ?? (written.toLocaleLowerCase("sv").endsWith(" kommun") ? named(name.replace(/s$/, "")) : undefined);
}

const kommunList = (max: number) =>
  wordList(max).transform((names, context) => {
    const codes = names.map(kommunCode);
    const unknown = names.find((_, index) => codes[index] === undefined);
    if (unknown !== undefined) {
      context.addIssue({ code: "custom", message: "skills.unknown_municipality" });
      return z.NEVER;
    }
    return [...new Set(codes as string[])];
  });

const occupation = () =>
  z
    .string({ message: "required" })
    .trim()
    .min(1, "required")
    .refine((code) => isOccupation(code), "skills.unknown_occupation");

/** "Svetsning: 3" or "Svetsning" (weight 1), one per line. */
const wantedSkills = () =>
  optionalText(4000).transform((text, context) => {
    const skills: OpeningSkill[] = [];
    for (const line of (text ?? "")
      .split("\n")
      .map((row) => row.trim())
      .filter((row) => row !== "")) {
      const found = /^(.*?)(?:\s*:\s*(\d+))?$/.exec(line)!;
      const weight = found[2] === undefined ? 1 : Number(found[2]);
      if (weight < 1 || weight > 5 || found[1]!.trim() === "") {
        context.addIssue({ code: "custom", message: "skills.invalid_weight" });
        return z.NEVER;
      }
      skills.push({ name: found[1]!.trim(), must: false, weight });
    }
    return skills;
  });

/** An opening, as staff write it. */
export const openingInput = z.object({
  kind: z.enum(openingKinds, { message: "invalid_choice" }),
  title: requiredText(200),
  description: requiredText(20_000),
  occupation: occupation(),
  must_skills: wordList(4000),
  wanted_skills: wantedSkills(),
  languages: wordList(500),
  licences: stringList(z.enum(licenceCategories, { message: "invalid_choice" })),
  extent: integer(1, 100),
  duration: optionalText(200),
  starts_on: optionalDate(),
  apply_by: optionalDate(),
  places: integer(1, 999),
  workplace_address: optionalText(300),
  workplace_municipality: optionalText(100).transform((text, context) => {
    if (text === null) {
      return null;
    }
    const code = kommunCode(text);
    if (!code) {
      context.addIssue({ code: "custom", message: "skills.unknown_municipality" });
      return z.NEVER;
    }
    return code;
  }),
  org_number: z.preprocess(
    blank,
    z
      .string()
      .optional()
      .transform((value, context) => {
        if (value === undefined) {
          return null;
        }
        const parsed = parseIdentityNumber(value);
        if (!parsed.ok) {
          context.addIssue({ code: "custom", message: parsed.problem });
          return z.NEVER;
        }
        return parsed.value.digits;
      }),
  ),
  employer: requiredText(200),
  contact_name: optionalText(200),
  contact_email: optionalEmail(),
  contact_phone: optionalPhone(),
});
export type OpeningInput = z.infer<typeof openingInput>;

/** A business's posting: the opening, and the bot guard's fields (`website` is the one a bot fills in). */
export const postingInput = openingInput.extend({
  consent: checkbox().refine((value) => value, "consent_required"),
  website: z.string().max(500).optional(),
  started: z.string().max(200).optional(),
});

/** A job seeker, as a labour-market officer registers them. */
export const seekerInput = z.object({
  name: requiredText(200),
  email: optionalEmail(),
  phone: optionalPhone(),
  personal_number: z.preprocess(
    blank,
    z
      .string()
      .optional()
      .transform((value, context) => {
        if (value === undefined) {
          return null;
        }
        const parsed = parseIdentityNumber(value);
        if (!parsed.ok || parsed.value.kind !== "person") {
          context.addIssue({ code: "custom", message: parsed.ok ? "skills.not_a_person" : parsed.problem });
          return z.NEVER;
        }
        return parsed.value.digits;
      }),
  ),
  occupations: wordList(500).refine((codes) => codes.every(isOccupation), "skills.unknown_occupation"),
  places: kommunList(1000),
  skills: wordList(4000),
  languages: wordList(500),
  licences: stringList(z.enum(licenceCategories, { message: "invalid_choice" })),
  available_from: optionalDate(),
  extent: integer(1, 100),
  support: optionalText(4000),
  notes: optionalText(10_000),
  officer_id: z.preprocess(blank, z.uuid("invalid_choice").optional()).transform((value) => value ?? null),
  status: z.enum(seekerStatuses, { message: "invalid_choice" }),
  lawful_basis: z.enum(seekerBases, { message: "invalid_choice" }),
  basis_source: requiredText(500),
});
export type SeekerInput = z.infer<typeof seekerInput>;

export const openingsQuery = z.object({ status: z.preprocess(blank, z.enum(openingStatuses).optional()).catch(undefined), sida: pageNumber() });
export const seekersQuery = z.object({
  status: z.preprocess(blank, z.enum(seekerStatuses).optional()).catch(undefined),
  mine: checkbox(),
  sida: pageNumber(),
});
/** A shortlist's filters: the ruled out too (`alla`), only those who can work at the workplace (`plats`), only those available by the start (`i_tid`). */
export const shortlistQuery = z.object({ alla: checkbox(), plats: checkbox(), i_tid: checkbox() });
export type ShortlistFilter = z.infer<typeof shortlistQuery>;
export const publicListQuery = z.object({ sida: pageNumber() });

export const proposeInput = z.object({
  seeker_id: z.uuid("invalid_choice"),
  opening_id: z.uuid("invalid_choice"),
  consent: checkbox(),
});
export type ProposeInput = z.infer<typeof proposeInput>;

export const stepInput = z.object({
  status: z.enum(introductionStatuses, { message: "invalid_choice" }),
  consent: checkbox(),
  /** A placement's start and end, when the step is the placement. */
  starts_on: optionalDate(),
  ends_on: optionalDate(),
});
export type StepInput = z.infer<typeof stepInput>;

export const followUpInput = z.object({ follow_up: z.enum(followUps, { message: "invalid_choice" }) });
export type FollowUpInput = z.infer<typeof followUpInput>;

/** A skills-needs answer: rows `occupation_N` and `people_N`, read by `readNeedLines`. */
export const needsAnswerInput = z.looseObject({ _csrf: z.string().optional() });

/** The year's round of the skills-needs survey: the last day to answer. */
export const needsRoundInput = z.object({ closes_on: z.iso.date("invalid_date") });

export const needsQuery = z.object({ ar: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });

import { z } from "zod";
import { checkbox, email, integer, optionalText, pageNumber, requiredText, stringList, year } from "../../platform/http/fields.js";
import { areas, listFields, surveyKinds, timings, transforms, type ListField } from "./tables.js";

/** One desk category asked about, with the area its answers count in: `<category id>:<area>`. */
const categoryArea = z.string().regex(new RegExp(`^[0-9a-f-]{36}:(${areas.join("|")})$`), "invalid_choice");

/** A survey's settings. Its standard questions come with it; its own are added one by one. */
export const surveyInput = z.object({
  // Chosen when a survey is made; a survey keeps its kind.
  kind: z.enum(surveyKinds, { message: "invalid_choice" }).default("after_case"),
  name_sv: requiredText(200),
  name_en: requiredText(200),
  intro_sv: optionalText(2000),
  intro_en: optionalText(2000),
  timing: z.enum(timings, { message: "invalid_choice" }),
  scale_max: integer(4, 11),
  transform: z.enum(transforms, { message: "invalid_choice" }),
  reminders: integer(0, 3),
  reminder_days: integer(1, 60),
  answer_days: integer(1, 365),
  active: checkbox(),
  // A category left out posts an empty choice.
  areas: z
    .preprocess((value) => (Array.isArray(value) ? value.filter((item) => item !== "") : value), stringList(categoryArea))
    .pipe(z.array(z.string()).max(500, "too_many")),
});
export type SurveyInput = z.infer<typeof surveyInput>;

/** A question of the municipality's own: a step on the survey's scale, or free text. */
export const questionInput = z.object({
  kind: z.enum(["scale", "text"], { message: "invalid_choice" }),
  text_sv: requiredText(500),
  text_en: requiredText(500),
});
export type QuestionInput = z.infer<typeof questionInput>;

export const questionParams = z.object({ id: z.uuid("not_found"), questionId: z.uuid("not_found") });

/**
 * The answer form: which button, and each question's answer as `q_<question id>`. Every
 * value is a bounded string; the service checks each against the question it names and
 * ignores the rest.
 */
export const answerInput = z.object({ intent: z.enum(["save", "send"]).catch("send") }).catchall(z.string({ message: "invalid_value" }).max(8000, "too_long"));

export const tokenParams = z.object({ token: z.string().max(200) });

/** The results: a year, optionally a half, and a survey. */
export const resultsQuery = z.object({
  ar: year().optional().catch(undefined),
  halvar: z.enum(["1", "2"]).optional().catch(undefined),
  enkat: z.uuid().optional().catch(undefined),
});

export const textsQuery = resultsQuery.extend({ page: pageNumber() });

export const textMarkInput = z.object({ hidden: checkbox() });
export const textParams = z.object({ id: z.uuid("not_found"), questionId: z.uuid("not_found") });

export const personInput = z.object({ email: email() });
export const personQuery = z.object({ email: z.string().max(254).optional().catch(undefined) });

/** The headings of a case list's columns; a field left empty keeps its usual heading. */
export const listMappingInput = z.object(
  Object.fromEntries(listFields.map((field) => [field, optionalText(100)])) as Record<ListField, ReturnType<typeof optionalText>>,
);

/** A period of decisions for the contractor's list; a date that is not one falls back to last month. */
export const listPeriodQuery = z.object({
  fran: z.iso.date().optional().catch(undefined),
  till: z.iso.date().optional().catch(undefined),
});

import { z } from "zod";
import {
  checkbox,
  integer,
  optionalDate,
  optionalEmail,
  optionalId,
  optionalPhone,
  optionalText,
  optionalTime,
  pageNumber,
  requiredText,
  stringList,
  time,
} from "../../platform/http/fields.js";

/** The search page's query string; anything odd falls back to "not given" rather than an error. */
export const searchQuery = z.object({
  q: z.string().max(200).catch("").default(""),
  industry: z
    .string()
    .regex(/^(2007|2025):[A-Z0-9]{1,5}$/)
    .nullable()
    .catch(null)
    .default(null),
  size: z
    .string()
    .regex(/^\d{1,2}$/)
    .nullable()
    .catch(null)
    .default(null),
  status: z.enum(["active", "deregistered", "bankrupt", "liquidation"]).nullable().catch(null).default(null),
  tag: z
    .string()
    .max(60)
    .nullable()
    .catch(null)
    .default(null)
    .transform((value) => value || null),
  owner: z.uuid().nullable().catch(null).default(null),
  reach: z.enum(["own", "all"]).catch("own").default("own"),
  page: pageNumber(),
});

/** Tags typed as a comma-separated list. */
const tagList = () =>
  z
    .string()
    .max(1000, "too_long")
    .default("")
    .transform((value) => [
      ...new Set(
        value
          .split(",")
          .map((tag) => tag.trim())
          .filter((tag) => tag !== ""),
      ),
    ])
    .refine((tags) => tags.every((tag) => tag.length <= 60), "companies.tag_too_long");

export const profileInput = z.object({
  owner_id: optionalId(),
  tags: z.preprocess((value) => (Array.isArray(value) ? value.join(",") : (value ?? "")), tagList()),
  notes: optionalText(10_000).transform((value) => value ?? ""),
});
export type ProfileInput = z.infer<typeof profileInput>;

export const linkInput = z.object({ linked: checkbox() });

export const lawfulBases = ["public_task", "legitimate_interest", "consent", "contract"] as const;

export const contactInput = z.object({
  name: requiredText(200),
  title: optionalText(200),
  email: optionalEmail(),
  phone: optionalPhone(),
  role: optionalText(200),
  lawful_basis: z.enum(lawfulBases, { message: "invalid_choice" }),
  source: requiredText(300),
});
export type ContactInput = z.infer<typeof contactInput>;

export const visitInput = z
  .object({
    date: z.iso.date("invalid_date"),
    start_time: time(),
    end_time: optionalTime(),
    status: z.enum(["planned", "held", "cancelled"], { message: "invalid_choice" }).default("planned"),
    purpose: optionalText(2000).transform((value) => value ?? ""),
    template_id: optionalId(),
    staff_ids: stringList(z.uuid("invalid_choice")),
    contact_ids: stringList(z.uuid("invalid_choice")),
  })
  .refine((visit) => visit.end_time === null || visit.end_time > visit.start_time, { path: ["end_time"], message: "end_before_start" });
export type VisitInput = z.infer<typeof visitInput>;

/** A visit report: one answer per question of the template, posted as `answer_<key>`. */
export const reportInput = z.looseObject({ _csrf: z.string().optional() }).transform((body) => {
  const answers: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith("answer_") && typeof value === "string") {
      answers[name.slice("answer_".length)] = value.trim().slice(0, 10_000);
    }
  }
  return answers;
});

export const taskInput = z.object({
  title: requiredText(300),
  owner_id: optionalId(),
  due_on: optionalDate(),
  visit_id: optionalId(),
});
export type TaskInput = z.infer<typeof taskInput>;

export const templateInput = z.object({
  name: requiredText(200),
  questions: z
    .string({ message: "required" })
    .max(5000, "too_long")
    .transform((value) =>
      value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    )
    .refine((lines) => lines.length > 0, "required")
    .refine((lines) => lines.length <= 30 && lines.every((line) => line.length <= 300), "companies.too_many_questions"),
  sections: stringList(z.string().max(60, "invalid_choice")),
});
export type TemplateInput = z.infer<typeof templateInput>;

export const areaInput = z.object({
  postcodes: z
    .string()
    .max(2000, "too_long")
    .default("")
    .transform((value) => value.split(/[\s,;]+/).filter((entry) => entry !== ""))
    .refine((entries) => entries.every((entry) => /^\d{3,5}$/.test(entry)), "companies.invalid_postcode_area"),
  towns: z
    .string()
    .max(2000, "too_long")
    .default("")
    .transform((value) => [
      ...new Set(
        value
          .split(/[,;\n]+/)
          .map((town) => town.trim().toUpperCase())
          .filter((town) => town !== ""),
      ),
    ]),
  contact_retention_months: integer(1, 240, "companies.invalid_retention"),
});
export type AreaInput = z.infer<typeof areaInput>;

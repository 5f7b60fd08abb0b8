import { z } from "zod";
import {
  blankToUndefined as blank,
  checkbox,
  email,
  identityNumber,
  integer,
  optionalDate,
  optionalInteger,
  optionalText,
  optionalTime,
  optionalUrl,
  pageNumber,
  requiredDate as date,
  requiredText,
  stringList,
  time,
} from "../../platform/http/fields.js";
import { eventKinds, eventStatuses } from "./tables.js";

const language = () => z.enum(["sv", "en"], { message: "invalid_choice" }).catch("sv");
const ids = () => stringList(z.uuid("invalid_choice"));

/** A news post. Leaving the date empty keeps it a draft. */
export const newsInput = z.object({
  title: requiredText(200),
  summary: requiredText(600),
  body: requiredText(50_000),
  slug: z
    .preprocess(
      blank,
      z
        .string()
        .trim()
        .toLowerCase()
        .max(120, "too_long")
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "communication.invalid_slug")
        .optional(),
    )
    .transform((value) => value ?? null),
  language: language(),
  focus_area_ids: ids(),
  publish_on: optionalDate(),
  publish_time: optionalTime(),
});
export type NewsInput = z.infer<typeof newsInput>;

export const listInput = z.object({
  name_sv: requiredText(200),
  name_en: requiredText(200),
  description_sv: optionalText(1000),
  description_en: optionalText(1000),
  public: checkbox(),
});
export type ListInput = z.infer<typeof listInput>;

/** The public sign-up: the lists chosen, the address; `website` is the field a bot fills in. */
export const subscribeInput = z.object({
  email: email(),
  name: optionalText(200),
  list_ids: ids().refine((value) => value.length > 0, "communication.choose_list"),
  consent: checkbox().refine((value) => value, "consent_required"),
  website: z.string().max(500).optional(),
  started: z.string().max(200).optional(),
});
export type SubscribeInput = z.infer<typeof subscribeInput>;

/** A subscriber entered by staff, with where the consent was given. */
export const subscriberInput = z.object({
  email: email(),
  name: optionalText(200),
  org_number: z.preprocess(blank, identityNumber().optional()).transform((value) => value ?? null),
  language: language(),
  list_ids: ids(),
  consent_source: requiredText(300),
});
export type SubscriberInput = z.infer<typeof subscriberInput>;

export const preferencesInput = z.object({
  list_ids: ids(),
  leave_all: checkbox(),
});
export type PreferencesInput = z.infer<typeof preferencesInput>;

export const segmentFields = {
  list_ids: ids(),
  sections: stringList(z.string().regex(/^[A-U]$/, "invalid_choice")),
  size_classes: stringList(z.string().regex(/^\d{1,2}$/, "invalid_choice")),
  tags: z.preprocess(blank, z.string().max(500, "too_long").optional()).transform((value) =>
    (value ?? "")
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
  ),
  in_area: checkbox(),
};

export const campaignInput = z.object({
  subject: requiredText(200),
  body: requiredText(100_000),
  language: language(),
  archive: checkbox(),
  ...segmentFields,
});
export type CampaignInput = z.infer<typeof campaignInput>;

export const scheduleInput = z.object({ send_on: date(), send_time: time() });
export const testSendInput = z.object({ email: email() });

/** A bounce or complaint reported by the mail server (JSON). */
export const bounceReport = z.object({
  email: email(),
  kind: z.enum(["hard", "soft", "complaint"], { message: "invalid_choice" }),
  detail: z.string().max(2000, "too_long").optional(),
});
export type BounceReport = z.infer<typeof bounceReport>;

export const bounceReports = z.object({ reports: z.array(bounceReport).min(1, "required").max(1000, "too_many") });

export const eventInput = z.object({
  title: requiredText(200),
  description: optionalText(20_000),
  kind: z.enum(eventKinds, { message: "invalid_choice" }),
  language: language(),
  place: optionalText(300),
  online_url: optionalUrl(),
  date: date(),
  start_time: time(),
  end_time: time(),
  capacity: optionalInteger(1, 100_000, "communication.invalid_capacity"),
  deadline_on: optionalDate(),
  deadline_time: optionalTime(),
  questions: optionalText(2000),
  public: checkbox(),
  status: z.enum(eventStatuses, { message: "invalid_choice" }).default("draft"),
  reminder_hours: integer(0, 336, "communication.invalid_reminder"),
});
export type EventInput = z.infer<typeof eventInput>;

/** The public registration; the event's own questions come as `q_<key>`. */
export const registrationInput = z
  .object({
    name: requiredText(200),
    email: email(),
    company_name: optionalText(300),
    org_number: z.preprocess(blank, identityNumber().optional()).transform((value) => value ?? null),
    consent: checkbox().refine((value) => value, "consent_required"),
    website: z.string().max(500).optional(),
    started: z.string().max(200).optional(),
  })
  .catchall(z.string().max(2000, "too_long"));
export type RegistrationInput = z.infer<typeof registrationInput>;

export const checkInInput = z.object({ registration_ids: ids(), present: checkbox() });

export const listQuery = z.object({ sida: pageNumber(), q: z.string().max(200).optional().catch(undefined) });

export const recordsQuery = z.object({
  email: z.preprocess(blank, z.string().trim().toLowerCase().max(254).pipe(z.email("invalid_email")).optional()).catch(undefined),
});

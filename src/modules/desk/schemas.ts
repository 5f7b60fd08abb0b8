import { z } from "zod";
import {
  blankToUndefined as blank,
  checkbox,
  email,
  integer,
  optionalDate,
  optionalEmail,
  optionalId,
  optionalIdentityNumber,
  optionalPhone,
  optionalText,
  pageNumber,
  requiredText,
  stringList,
  time,
} from "../../platform/http/fields.js";
import { caseStatuses, channels, priorities, statutoryKinds } from "./tables.js";

const optionalOrgNumber = optionalIdentityNumber;

/** A form's files (multipart): checked by content in the route, not by the schema. */
const files = z.unknown().optional();

/** Who the case is about and who asks: the same on the public form and for a case registered by staff. */
const correspondent = {
  files,
  org_number: optionalOrgNumber(),
  company_name: optionalText(300),
  name: requiredText(200),
  email: email(),
  phone: optionalPhone(),
  category_id: z.uuid("invalid_choice"),
  subject: requiredText(300),
  description: requiredText(20_000),
};

const companyNamed = (value: { org_number: string | null; company_name: string | null }) => value.org_number !== null || value.company_name !== null;

/** The public form. `website` is a field people never see: a bot fills it in. `started` is the signed time the form was shown. */
export const publicCaseInput = z
  .object({
    ...correspondent,
    consent: checkbox().refine((value) => value, "consent_required"),
    website: z.string().max(500).optional(),
    started: z.string().max(200).optional(),
  })
  .refine(companyNamed, { path: ["company_name"], message: "desk.company_required" });
export type PublicCaseInput = z.infer<typeof publicCaseInput>;

/**
 * A case registered by staff for a question that came another way. A phone call or a visit
 * to the counter may leave no e-mail address: then the answer goes by phone or letter, and
 * a phone number or the e-mail is needed to reach the business at all.
 */
export const staffCaseInput = z
  .object({
    ...correspondent,
    email: optionalEmail(),
    channel: z.enum(channels.filter((channel) => channel !== "web") as ["phone", "visit", "mail", "counter"], { message: "invalid_choice" }),
    priority: z.enum(priorities, { message: "invalid_choice" }).default("normal"),
    language: z.enum(["sv", "en"], { message: "invalid_choice" }).default("sv"),
  })
  .refine(companyNamed, { path: ["company_name"], message: "desk.company_required" })
  .refine((value) => value.email !== null || value.phone !== null, { path: ["phone"], message: "desk.reach_required" });
export type StaffCaseInput = z.infer<typeof staffCaseInput>;

export const replyInput = z.object({
  files,
  body: requiredText(20_000),
  then: z.enum(["open", "waiting", "resolved"], { message: "invalid_choice" }).default("open"),
});
export const noteInput = z.object({ files, body: requiredText(20_000) });
export const businessReplyInput = z.object({ files, body: requiredText(20_000) });
export const statusInput = z.object({ status: z.enum(caseStatuses, { message: "invalid_choice" }) });
export const assignInput = z.object({ assignee_id: optionalId() });
export const transferInput = z.object({ unit_id: z.uuid("invalid_choice") });
export const collaboratorInput = z.object({ unit_id: z.uuid("invalid_choice") });
export const priorityInput = z.object({ priority: z.enum(priorities, { message: "invalid_choice" }) });
export const secrecyInput = z
  .object({ secret: checkbox(), reason: optionalText(1000) })
  .refine((value) => !value.secret || value.reason !== null, { path: ["reason"], message: "desk.secrecy_reason_required" });

export const statutoryInput = z.object({
  complete_on: optionalDate(),
  extension_weeks: integer(0, 10, "desk.invalid_extension"),
  extension_reason: optionalText(2000),
  decided_on: optionalDate(),
  decision_demanded_on: optionalDate(),
});
export type StatutoryInput = z.infer<typeof statutoryInput>;
export const delayNoticeInput = z.object({ reason: requiredText(2000) });

export const bulkInput = z.object({
  case_ids: stringList(z.uuid("invalid_choice"))
    .refine((ids) => ids.length > 0, "desk.choose_cases")
    .refine((ids) => ids.length <= 500, "desk.too_many_cases"),
  action: z.enum(["assign", "status"], { message: "invalid_choice" }),
  assignee_id: optionalId(),
  status: z.preprocess(blank, z.enum(caseStatuses, { message: "invalid_choice" }).optional()),
});

/** The inbox's query string: anything odd falls back to "not given". */
export const inboxQuery = z.object({
  unit: z.uuid().optional().catch(undefined),
  status: z
    .enum([...caseStatuses, "active"])
    .optional()
    .catch(undefined),
  category: z.uuid().optional().catch(undefined),
  assignee: z
    .union([z.uuid(), z.literal("none"), z.literal("me")])
    .optional()
    .catch(undefined),
  sla: z.enum(["on_time", "warning", "breached", "paused"]).optional().catch(undefined),
  priority: z.enum(priorities).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  page: pageNumber(),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

const hours = time();
/** A service-level policy: targets in hours (business hours) or in business days. */
export const policyInput = z.object({
  name: requiredText(200),
  target_unit: z.enum(["hours", "days"], { message: "invalid_choice" }),
  first_response: z.preprocess(
    blank,
    z.coerce.number({ message: "desk.invalid_target" }).positive("desk.invalid_target").max(10_000, "desk.invalid_target").optional(),
  ),
  update: z.preprocess(
    blank,
    z.coerce.number({ message: "desk.invalid_target" }).positive("desk.invalid_target").max(10_000, "desk.invalid_target").optional(),
  ),
  resolution: z.preprocess(
    blank,
    z.coerce.number({ message: "desk.invalid_target" }).positive("desk.invalid_target").max(10_000, "desk.invalid_target").optional(),
  ),
});
export type PolicyInput = z.infer<typeof policyInput>;

export const categoryInput = z.object({
  name_sv: requiredText(200),
  name_en: requiredText(200),
  default_unit_id: z.uuid("invalid_choice"),
  sla_policy_id: z.uuid("invalid_choice"),
  urgent_policy_id: optionalId(),
  statutory: z.preprocess(blank, z.enum(statutoryKinds, { message: "invalid_choice" }).optional()).transform((value) => value ?? null),
  position: integer(0, 1000),
  active: checkbox(),
});
export type CategoryInput = z.infer<typeof categoryInput>;

const dayFields = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const weekdays = dayFields;
export const calendarInput = z
  .object({
    ...Object.fromEntries(
      dayFields.flatMap((day) => [
        [`${day}_open`, z.preprocess(blank, hours.optional())],
        [`${day}_close`, z.preprocess(blank, hours.optional())],
      ]),
    ),
    closed_days: z
      .string()
      .max(5000, "too_long")
      .default("")
      .transform((value) => value.split(/[\s,]+/).filter((day) => day !== ""))
      .refine((days) => days.every((day) => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day))), "desk.invalid_closed_days"),
    warn_percent: integer(10, 99, "desk.invalid_warn_percent"),
    retention_months: integer(1, 1200, "desk.invalid_desk_retention"),
    consent_text_sv: requiredText(2000),
    consent_text_en: requiredText(2000),
  })
  .superRefine((value, context) => {
    const record = value as Record<string, unknown>;
    for (const day of dayFields) {
      const open = record[`${day}_open`];
      const close = record[`${day}_close`];
      if ((open === undefined) !== (close === undefined)) {
        context.addIssue({ code: "custom", path: [open === undefined ? `${day}_open` : `${day}_close`], message: "desk.hours_pair" });
      } else if (typeof open === "string" && typeof close === "string" && open >= close) {
        context.addIssue({ code: "custom", path: [`${day}_close`], message: "desk.hours_order" });
      }
    }
  });
export type CalendarInput = z.infer<typeof calendarInput>;

export const extractQuery = z.object({ epost: z.string().max(254).optional().catch(undefined) });

export const dashboardQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2200).optional().catch(undefined),
  unit: z.uuid().optional().catch(undefined),
  category: z.uuid().optional().catch(undefined),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** An officer's choice of mail about new work; an unticked box is absent from the post. */
export const notificationInput = z.object({ new_cases: checkbox(), replies: checkbox() });

/** The register's search: a text, a year, a page; anything else is ignored. */
export const diariumQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export const diariumExportInput = z.object({ format: z.enum(["csv", "json"], { message: "invalid_choice" }) });

/** Words of a subject withheld from the register, one per line, and the provision that makes them secret. */
export const subjectSecretInput = z.object({
  phrases: z.preprocess(
    (value) => (typeof value === "string" ? value.split(/\r?\n/) : value),
    z.array(z.string().trim().max(200, "too_long")).max(20, "too_many"),
  ),
  reason: z
    .preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().trim().max(300, "too_long").optional())
    .transform((value) => value ?? null),
});

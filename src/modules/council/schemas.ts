import { z } from "zod";
import {
  blankToUndefined,
  checkbox,
  optionalDate,
  optionalEmail,
  optionalId,
  optionalIdentityNumber,
  optionalPhone,
  optionalText,
  optionalUrl,
  requiredDate,
  requiredText,
  stringList,
  time,
} from "../../platform/http/fields.js";
import { answers, lawfulBases, memberRoles } from "./tables.js";

const role = () => z.enum(memberRoles, { message: "invalid_choice" });

export const memberInput = z.object({
  name: requiredText(200),
  email: optionalEmail(),
  phone: optionalPhone(),
  organisation: optionalText(200),
  // An organisation number in any written form, stored as its ten digits.
  org_number: optionalIdentityNumber(),
  lawful_basis: z.enum(lawfulBases, { message: "invalid_choice" }).default("public_task"),
  basis_source: optionalText(500),
});
export type MemberInput = z.infer<typeof memberInput>;

/** A new member's form, which also takes their first term (checked as a term when the member is made). */
export const memberFormInput = memberInput.extend({
  role: z.preprocess(blankToUndefined, role().optional()),
  starts_on: z.preprocess(blankToUndefined, z.iso.date("invalid_date").optional()),
  ends_on: optionalDate(),
});

export const termInput = z
  .object({ role: role(), starts_on: requiredDate(), ends_on: optionalDate() })
  .refine((value) => !value.ends_on || value.ends_on >= value.starts_on, { path: ["ends_on"], message: "end_before_start" });
export type TermInput = z.infer<typeof termInput>;

export const endTermInput = z.object({ ends_on: requiredDate() });

export const meetingInput = z
  .object({
    title: requiredText(200),
    date: requiredDate(),
    start_time: time(),
    end_time: time(),
    place: optionalText(300),
    video_url: optionalUrl(),
  })
  .refine((value) => value.end_time > value.start_time, { path: ["end_time"], message: "council.end_before_start" });
export type MeetingInput = z.infer<typeof meetingInput>;

export const itemInput = z.object({
  title: requiredText(300),
  presenter: optionalText(200),
  description: optionalText(20_000).transform((value) => value ?? ""),
  public: checkbox(),
});
export type ItemInput = z.infer<typeof itemInput>;

export const moveInput = z.object({ direction: z.enum(["up", "down"], { message: "invalid_choice" }) });

export const answerInput = z.object({ answer: z.enum(answers, { message: "council.answer_required" }) });
export const staffAnswerInput = answerInput.extend({ member_id: z.uuid("invalid_choice") });

export const attendanceInput = z.object({
  present: stringList(z.uuid("invalid_choice")).pipe(z.array(z.string()).max(200, "too_many")),
  adjuster_id: optionalId(),
});
export type AttendanceInput = z.infer<typeof attendanceInput>;

export const sectionInput = z.object({ minutes: optionalText(50_000).transform((value) => value ?? "") });
export const decisionInput = z.object({ text: requiredText(5000) });
export const correctionInput = z.object({ reason: requiredText(2000) });

export const actionLinkInput = z.object({ action_id: optionalId() });
export const newActionInput = z.object({ focus_area_id: z.uuid("invalid_choice"), title: requiredText(300) });
export const followUpInput = z.object({ text: requiredText(2000), owner_id: z.uuid("invalid_choice"), due_on: requiredDate() });
export const followUpDoneInput = z.object({ done: checkbox() });

export const versionQuery = z.object({ version: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined) });

import { z } from "zod";
import { checkbox, optionalDate, optionalId, optionalText, optionalUrl, requiredText } from "../http/fields.js";
import { isSenderAddress, isSmtpUrl } from "../mail/municipal.js";
import { normalColour, readableBrand } from "../ui/colour.js";

export const unitKinds = ["department", "section", "team", "company"] as const;
export const partyKinds = ["business_council", "regional_collaboration", "business_association", "authority", "other"] as const;
export const complianceLevels = ["full", "partial", "none"] as const;

export const unitInput = z.object({
  name: requiredText(200),
  kind: z.enum(unitKinds, { message: "invalid_choice" }),
  parent_id: optionalId(),
  manager_id: optionalId(),
});
export type UnitInput = z.infer<typeof unitInput>;

export const partyInput = z.object({
  name: requiredText(200),
  kind: z.enum(partyKinds, { message: "invalid_choice" }),
  description: optionalText(2000).transform((value) => value ?? ""),
  website: optionalUrl(),
});
export type PartyInput = z.infer<typeof partyInput>;

const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, "invalid_host");

/** A municipality's colour: white text sits on it in the header and on buttons, so it is checked against WCAG AA before it is saved. */
const brandColour = z
  .union([z.string().max(20, "invalid_colour"), z.undefined()])
  .transform((value, context) => {
    if (value === undefined || value.trim() === "") {
      return value === undefined ? undefined : null;
    }
    const colour = normalColour(value);
    if (colour === null) {
      context.addIssue({ code: "custom", message: "invalid_colour" });
      return z.NEVER;
    }
    if (!readableBrand(colour)) {
      context.addIssue({ code: "custom", message: "low_contrast" });
      return z.NEVER;
    }
    return colour;
  })
  .optional();

export const settingsInput = z
  .object({
    name: requiredText(200),
    hosts: z
      .preprocess((value) => (typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : value), z.array(hostName).max(20, "too_many"))
      .default([]),
    contact_email: z
      .preprocess((value) => (value === "" ? undefined : value), z.email("invalid_email").max(254, "too_long").optional())
      .transform((value) => value ?? null),
    accessibility_compliance: z.enum(complianceLevels, { message: "invalid_choice" }),
    accessibility_non_compliant: optionalText(10_000).transform((value) => value ?? ""),
    accessibility_assessment_method: optionalText(2000).transform((value) => value ?? ""),
    accessibility_assessed_on: optionalDate(),
    accessibility_updated_on: optionalDate(),
    accessibility_feedback: optionalText(2000).transform((value) => value ?? ""),
    // Left out (an API client that predates it), the setting stays as it was.
    second_factor: z.enum(["admins", "everyone"], { message: "invalid_choice" }).optional(),
    // Left out (an API client that predates it), it stays as it was; empty, Lotsen's own colour.
    brand_colour: brandColour,
  })
  // The accessibility statement must be whole (LAW.md): a contact address, and what is not accessible unless all is.
  .refine((settings) => settings.contact_email !== null, { path: ["contact_email"], message: "required" })
  .refine((settings) => settings.accessibility_compliance === "full" || settings.accessibility_non_compliant !== "", {
    path: ["accessibility_non_compliant"],
    message: "non_compliant_required",
  });
export type SettingsInput = z.infer<typeof settingsInput>;

export const unitJson = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(unitKinds),
  parent_id: z.uuid().nullable(),
  manager_id: z.uuid().nullable(),
  demo: z.boolean(),
});

export const partyJson = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(partyKinds),
  description: z.string(),
  website: z.string().nullable(),
  demo: z.boolean(),
});

export const municipalityJson = z.object({
  id: z.uuid(),
  name: z.string(),
  kommunkod: z.string(),
  slug: z.string(),
  hosts: z.array(z.string()),
  region: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

export const hostList = z
  .preprocess((value) => (typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : value), z.array(hostName).max(20, "too_many"))
  .default([]);

/** A municipality a system administrator adds: one of SCB's codes, its hosts, its region. */
export const municipalityAddInput = z.object({
  kommunkod: z.string().regex(/^[0-9]{4}$/, "invalid_choice"),
  hosts: hostList,
  region_id: optionalId(),
});
export type MunicipalityAddInput = z.infer<typeof municipalityAddInput>;

/** A municipality's own: hosts, sender, SMTP server (blank keeps the stored one; `smtp_reset` goes back to the installation's), colour. */
export const municipalityConfigInput = z.object({
  // Beside others, a municipality answers on its hosts alone: it needs one.
  hosts: hostList.refine((hosts) => hosts.length > 0, "required"),
  mail_from: z
    .preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().max(300, "too_long").optional())
    .refine((value) => value === undefined || isSenderAddress(value), "invalid_sender")
    .transform((value) => value?.trim() ?? null),
  smtp_url: z
    .preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().max(2000, "too_long").optional())
    .refine((value) => value === undefined || isSmtpUrl(value), "invalid_smtp_url")
    .transform((value) => value?.trim() ?? null),
  smtp_reset: checkbox(),
  brand_colour: brandColour,
});
export type MunicipalityConfigInput = z.infer<typeof municipalityConfigInput>;

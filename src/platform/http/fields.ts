import { z } from "zod";
import { parseIdentityNumber } from "../sweden/identity-number.js";

/**
 * Field builders shared by the JSON API and HTML forms. A form posts every field as a
 * string, an empty one when left blank; these read "" as "not given".
 */
export const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const requiredText = (max: number) => z.string({ message: "required" }).trim().min(1, "required").max(max, "too_long");

export const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, "too_long").optional()).transform((value) => value ?? null);

export const optionalId = () => z.preprocess(blankToUndefined, z.uuid("invalid_choice").optional()).transform((value) => value ?? null);

export const email = () => z.string({ message: "required" }).trim().toLowerCase().min(1, "required").max(254, "too_long").pipe(z.email("invalid_email"));

export const optionalUrl = () =>
  z
    .preprocess(
      blankToUndefined,
      z
        .url({ protocol: /^https?$/, message: "invalid_url" })
        .max(500, "too_long")
        .optional(),
    )
    .transform((value) => value ?? null);

export const optionalDate = () => z.preprocess(blankToUndefined, z.iso.date("invalid_date").optional()).transform((value) => value ?? null);

/** A checkbox group or multi-select: one value, several, or none. */
export const stringList = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess((value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(item));

/** A checkbox: present means on. JSON may send a boolean. */
export const checkbox = () => z.preprocess((value) => value === true || value === "on" || value === "true" || value === "1", z.boolean());

export const pageNumber = () => z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

/** A number typed in a form, Swedish style or not: "12,5", "1 200", "-3". JSON sends a number. */
const toNumber = (value: unknown) => {
  if (typeof value !== "string") {
    return value;
  }
  const cleaned = value
    .trim()
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(",", ".")
    .replace("\u2212", "-");
  if (cleaned === "") {
    return undefined;
  }
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : value;
};

/** A whole number within bounds; `message` names what is wrong in the error catalogue. */
export const integer = (min: number, max: number, message = "invalid_number") =>
  z.preprocess(toNumber, z.number({ message }).int(message).min(min, message).max(max, message));

export const optionalInteger = (min: number, max: number, message = "invalid_number") =>
  z.preprocess(toNumber, z.number({ message }).int(message).min(min, message).max(max, message).optional()).transform((value) => value ?? null);

/** A decimal number; comma or point. */
export const decimal = () =>
  z.preprocess(toNumber, z.number({ message: "invalid_decimal" }).finite("invalid_decimal").min(-1e12, "invalid_decimal").max(1e12, "invalid_decimal"));

export const optionalDecimal = () =>
  z
    .preprocess(
      toNumber,
      z.number({ message: "invalid_decimal" }).finite("invalid_decimal").min(-1e12, "invalid_decimal").max(1e12, "invalid_decimal").optional(),
    )
    .transform((value) => value ?? null);

/** A calendar year as programmes use them. */
export const year = () => integer(1900, 2200, "invalid_year");
export const optionalYear = () => optionalInteger(1900, 2200, "invalid_year");

/**
 * An organisation number (or a sole trader's personal number) in any written form,
 * given back as its ten stored digits; the error names what is wrong with it.
 */
export const identityNumber = () =>
  z
    .string({ message: "required" })
    .trim()
    .min(1, "required")
    .transform((value, context) => {
      const parsed = parseIdentityNumber(value);
      if (!parsed.ok) {
        context.addIssue({ code: "custom", message: parsed.problem });
        return z.NEVER;
      }
      return parsed.value.digits;
    });

/** An e-mail address or nothing. */
export const optionalEmail = () => z.preprocess(blankToUndefined, email().optional()).transform((value) => value ?? null);

/** A telephone number as people write it ("0583-810 00", "+46 583 810 00"), or nothing. */
export const optionalPhone = () =>
  z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(40, "too_long")
        .regex(/^[+\d][\d\s()/-]{4,}$/, "invalid_phone")
        .optional(),
    )
    .transform((value) => value ?? null);

/** A clock time, written as Swedes do ("9.00", "09.00") or "09:00"; given back as "09:00". */
export const time = (message = "invalid_time") =>
  z
    .string({ message: "required" })
    .trim()
    .regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/, message)
    .transform((value) => value.replace(".", ":").padStart(5, "0"));

export const optionalTime = () => z.preprocess(blankToUndefined, time().optional()).transform((value) => value ?? null);

/** A calendar date that must be given. */
export const requiredDate = () => z.string({ message: "required" }).trim().min(1, "required").pipe(z.iso.date("invalid_date"));

/** An organisation or personal identity number, or nothing. */
export const optionalIdentityNumber = () => z.preprocess(blankToUndefined, identityNumber().optional()).transform((value) => value ?? null);

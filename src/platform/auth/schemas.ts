import { z } from "zod";
import { email, requiredText, stringList, checkbox } from "../http/fields.js";
import { roles } from "./roles.js";

export const loginInput = z.object({
  email: email(),
  password: z.string({ message: "required" }).min(1, "required").max(1000, "too_long"),
  next: z.string().max(500).optional(),
});

export const newPassword = () => z.string({ message: "required" }).min(12, "password_too_short").max(200, "too_long");

export const passwordChangeInput = z
  .object({
    current_password: z.string({ message: "required" }).min(1, "required").max(1000, "too_long"),
    new_password: newPassword(),
    confirm_password: z.string({ message: "required" }).min(1, "required").max(200, "too_long"),
  })
  .refine((value) => value.new_password === value.confirm_password, { path: ["confirm_password"], message: "passwords_differ" });
export type PasswordChangeInput = z.infer<typeof passwordChangeInput>;

export const userInput = z.object({
  name: requiredText(200),
  email: email(),
  roles: stringList(z.enum(roles, { message: "invalid_choice" })).refine((list) => list.length > 0, "choose_role"),
  unit_ids: stringList(z.uuid("invalid_choice")).default([]),
  active: z.boolean().default(true),
});
export type UserInput = z.infer<typeof userInput>;

/** The same fields from an HTML form, where an unticked checkbox is simply absent. */
export const userForm = userInput.extend({ active: checkbox() });

export const temporaryPasswordInput = z.object({
  password: newPassword(),
});

export const tokenInput = z.object({
  name: requiredText(100),
  days: z.coerce.number({ message: "invalid_number" }).int("invalid_number").min(1, "token_days").max(365, "token_days").default(90),
});
export type TokenInput = z.infer<typeof tokenInput>;

export const userJson = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  unit_ids: z.array(z.uuid()),
  active: z.boolean(),
  must_change_password: z.boolean(),
  demo: z.boolean(),
});

export const tokenJson = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
});

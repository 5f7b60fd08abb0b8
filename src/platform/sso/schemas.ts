import { z } from "zod";
import { checkbox, optionalText } from "../http/fields.js";

/** The single sign-on settings as the administrator's form posts them; the client secret left blank keeps the stored one. */
export const ssoSettingsInput = z.object({
  enabled: checkbox(),
  issuer: z
    .string({ message: "required" })
    .trim()
    .min(1, "required")
    .max(500, "too_long")
    .pipe(z.url({ protocol: /^https?$/, message: "invalid_url" })),
  client_id: z.string({ message: "required" }).trim().min(1, "required").max(300, "too_long"),
  client_secret: optionalText(1000),
  scopes: z
    .string({ message: "required" })
    .trim()
    .max(300, "too_long")
    .regex(/^[\x21-\x7e ]*$/, "invalid_value")
    .refine((value) => value.split(/\s+/).includes("openid"), "sso.scopes_openid"),
  roles_claim: z
    .string({ message: "required" })
    .trim()
    .min(1, "required")
    .max(100, "too_long")
    .regex(/^[\w:./-]+$/, "invalid_value"),
  role_map: z.string().max(20_000, "too_long").default(""),
  passwords_off: checkbox(),
});
export type SsoSettingsInput = z.infer<typeof ssoSettingsInput>;

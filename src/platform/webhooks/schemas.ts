import { z } from "zod";
import { optionalText, stringList } from "../http/fields.js";

export const endpointInput = z.object({
  url: z
    .string({ message: "required" })
    .trim()
    .min(1, "required")
    .max(2000, "too_long")
    .pipe(z.url({ protocol: /^https?$/, message: "invalid_url" })),
  description: optionalText(200),
  event_types: stringList(z.string().max(100, "invalid_choice")).refine((list) => list.length > 0, "webhooks.choose_event"),
});
export type EndpointInput = z.infer<typeof endpointInput>;

import { z } from "zod";
import { blankToUndefined, checkbox, optionalText, requiredText, year } from "../../platform/http/fields.js";

export const startInput = z.object({ year: year() });
export const sectionTextInput = z.object({ text: requiredText(50_000) });
/** A section's writer, or `none`: the business developer writes it. */
export const writerInput = z.object({
  writer_id: z.union([z.literal("none"), z.uuid("invalid_choice")], { message: "invalid_choice" }).transform((value) => (value === "none" ? null : value)),
});
export const commentInput = z.object({ comment: requiredText(5000) });
/** The year is the report's, posted back so that a stale page cannot publish another year. */
export const publishReportInput = z.object({ year: year(), correction_note: optionalText(2000).transform((value) => value ?? "") });

/** The template form: per section `title_<n>`, `guidance_<n>`, `position_<n>`, `keep_<n>`; and a new text section's title. */
export const templateInput = z.preprocess(
  (body) => {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return body;
    }
    const fields = body as Record<string, unknown>;
    const indexes = [...new Set(Object.keys(fields).flatMap((key) => /^title_(\d{1,2})$/.exec(key)?.[1] ?? []))].map(Number);
    return {
      new_title: fields.new_title,
      sections: indexes.map((index) => ({
        index,
        title: fields[`title_${index}`],
        guidance: fields[`guidance_${index}`],
        position: fields[`position_${index}`],
        keep: fields[`keep_${index}`],
      })),
    };
  },
  z.object({
    new_title: z.preprocess(blankToUndefined, z.string().trim().max(200, "too_long").optional()),
    sections: z
      .array(
        z.object({
          index: z.number().int().min(0),
          title: requiredText(200),
          guidance: optionalText(2000).transform((value) => value ?? ""),
          position: z.preprocess((value) => (value === "" || value === undefined ? 0 : Number(value)), z.number().int("invalid_number").min(0).max(100)),
          keep: checkbox(),
        }),
      )
      .max(50, "too_many"),
  }),
);
export type TemplateInput = z.infer<typeof templateInput>;

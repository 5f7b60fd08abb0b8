import { z } from "zod";
import {
  blankToUndefined,
  checkbox,
  decimal,
  integer,
  optionalDate,
  optionalDecimal,
  optionalId,
  optionalInteger,
  optionalText,
  optionalYear,
  requiredText,
  stringList,
  year,
} from "../../platform/http/fields.js";

export const programmeStatuses = ["draft", "adopted", "archived"] as const;
export const directions = ["higher", "lower"] as const;
export const valueSources = ["manual", "computed", "imported", "kolada"] as const;

const longText = () => optionalText(20_000).transform((value) => value ?? "");

/** A party reference as forms and the API write it: `unit:<id>` for an organisation unit, `party:<id>` for an external party. */
const partyRef = z.string().regex(/^(unit|party):[0-9a-f-]{36}$/i, "invalid_choice");

export const programmeInput = z
  .object({
    name: requiredText(200),
    start_year: year(),
    end_year: year(),
    purpose: longText(),
    vision: longText(),
    goal: longText(),
    party_ids: stringList(z.uuid("invalid_choice")).default([]),
  })
  .refine((value) => value.end_year >= value.start_year, { path: ["end_year"], message: "end_before_start" })
  .refine((value) => value.end_year - value.start_year <= 20, { path: ["end_year"], message: "programme.period_too_long" });
export type ProgrammeInput = z.infer<typeof programmeInput>;

export const adoptInput = z.object({ adopted_by: requiredText(200), adopted_on: z.preprocess(blankToUndefined, z.iso.date({ message: "invalid_date" })) });
export type AdoptInput = z.infer<typeof adoptInput>;

export const unlockInput = z.object({ reason: requiredText(2000) });

export const copyInput = z
  .object({ name: requiredText(200), start_year: year(), end_year: year() })
  .refine((value) => value.end_year >= value.start_year, { path: ["end_year"], message: "end_before_start" })
  .refine((value) => value.end_year - value.start_year <= 20, { path: ["end_year"], message: "programme.period_too_long" });
export type CopyInput = z.infer<typeof copyInput>;

export const commitmentInput = z.object({ title: requiredText(200), description: longText(), position: optionalInteger(0, 1000) });
export type CommitmentInput = z.infer<typeof commitmentInput>;

export const focusAreaInput = z.object({ name: requiredText(200), description: longText(), position: optionalInteger(0, 1000) });
export type FocusAreaInput = z.infer<typeof focusAreaInput>;

export const actionInput = z
  .object({
    focus_area_id: z.uuid("invalid_choice"),
    title: requiredText(300),
    description: longText(),
    responsible: z.preprocess(blankToUndefined, partyRef.optional()).transform((value) => value ?? null),
    contributors: stringList(partyRef).default([]),
    owner_id: optionalId(),
    start_date: optionalDate(),
    end_date: optionalDate(),
    status_id: z.uuid("invalid_choice"),
    progress: optionalInteger(0, 100, "invalid_percent"),
    weight: z
      .preprocess(
        blankToUndefined,
        decimal()
          .refine((value) => value > 0 && value <= 1000, "invalid_weight")
          .optional(),
      )
      .transform((value) => value ?? 1),
    position: optionalInteger(0, 1000),
  })
  .refine((value) => !value.start_date || !value.end_date || value.end_date >= value.start_date, { path: ["end_date"], message: "end_before_start" });
export type ActionInput = z.infer<typeof actionInput>;

/** A follow-up entry on an action: status, progress (blank = the status's default), a note for a year. */
export const actionUpdateInput = z.object({
  status_id: z.uuid("invalid_choice"),
  progress: optionalInteger(0, 100, "invalid_percent"),
  text: optionalText(10_000).transform((value) => value ?? ""),
  year: optionalYear(),
});
export type ActionUpdateInput = z.infer<typeof actionUpdateInput>;

/** Targets come from the API as a list and from the form as one field per year (`target_2024`). */
const targetsFromForm = (body: unknown) => {
  if (typeof body !== "object" || body === null || Array.isArray(body) || "targets" in body) {
    return body;
  }
  const entries = Object.entries(body as Record<string, unknown>);
  const targets = entries
    .filter(([key, value]) => /^target_\d{4}$/.test(key) && typeof value === "string" && value.trim() !== "")
    .map(([key, value]) => ({ year: key.slice(7), value }));
  return { ...body, targets };
};

export const indicatorInput = z.preprocess(
  targetsFromForm,
  z.object({
    name: requiredText(200),
    description: longText(),
    unit: optionalText(50).transform((value) => value ?? ""),
    focus_area_id: optionalId(),
    direction: z.enum(directions, { message: "invalid_choice" }),
    baseline_value: optionalDecimal(),
    baseline_year: optionalYear(),
    source: z.preprocess(blankToUndefined, z.enum(valueSources, { message: "invalid_choice" }).optional()).transform((value) => value ?? "manual"),
    computed_from: optionalText(100),
    kolada_kpi: z.preprocess(
      (value) => (typeof value === "string" ? value.trim().toUpperCase() : value),
      z
        .preprocess(
          blankToUndefined,
          z
            .string()
            .regex(/^[A-Z]\d{5}$/, "programme.kolada_kpi_invalid")
            .optional(),
        )
        .transform((value) => value ?? null),
    ),
    kolada_gender: z.preprocess(blankToUndefined, z.enum(["T", "K", "M"], { message: "invalid_choice" }).optional()).transform((value) => value ?? "T"),
    owner_id: optionalId(),
    position: optionalInteger(0, 1000),
    targets: z
      .array(z.object({ year: year(), value: decimal() }))
      .max(50, "too_many")
      .default([]),
  }),
);
/** An indicator as the service takes it; `computed_from` only matters for a computed one. */
export type IndicatorInput = Omit<z.infer<typeof indicatorInput>, "computed_from" | "kolada_kpi" | "kolada_gender"> & {
  computed_from?: string | null;
  kolada_kpi?: string | null;
  kolada_gender?: string | null;
};

/** Kolada's address, and the municipalities the municipality compares itself with (kommunkoder, separated by commas or spaces). */
export const koladaSettingsInput = z.object({
  base_url: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, message: "invalid_url" })),
  group_name: requiredText(100),
  group_codes: z.preprocess(
    (value) => (typeof value === "string" ? value.split(/[\s,;]+/).filter((code) => code !== "") : value),
    z.array(z.string().regex(/^\d{4}$/, "programme.kolada_unknown_code")).max(300, "too_many"),
  ),
});
export type KoladaSettingsInput = z.infer<typeof koladaSettingsInput>;

export const indicatorValueInput = z.object({
  year: year(),
  quarter: optionalInteger(1, 4, "invalid_choice"),
  value: decimal(),
  comment: optionalText(2000).transform((value) => value ?? ""),
});
export type IndicatorValueInput = z.infer<typeof indicatorValueInput>;

export const valuePeriodInput = z.object({ year: year(), quarter: optionalInteger(1, 4, "invalid_choice") });

/** Summaries come from the API as a list and from the form as one field per focus area (`summary_<id>`). */
const summariesFromForm = (body: unknown) => {
  if (typeof body !== "object" || body === null || Array.isArray(body) || "summaries" in body) {
    return body;
  }
  const entries = Object.entries(body as Record<string, unknown>);
  return { ...body, summaries: entries.filter(([key]) => /^summary_[0-9a-f-]{36}$/i.test(key)).map(([key, text]) => ({ focus_area_id: key.slice(8), text })) };
};

export const summariesInput = z.preprocess(
  summariesFromForm,
  z.object({
    year: year(),
    summaries: z
      .array(z.object({ focus_area_id: z.uuid("invalid_choice"), text: optionalText(20_000).transform((value) => value ?? "") }))
      .min(1, "required")
      .max(100, "too_many"),
  }),
);
export type SummariesInput = z.infer<typeof summariesInput>;

export const publishInput = z.object({ year: year(), correction_note: optionalText(2000).transform((value) => value ?? "") });
export type PublishInput = z.infer<typeof publishInput>;

export const statusInput = z.object({
  name: requiredText(100),
  default_progress: integer(0, 100, "invalid_percent"),
  closed: checkbox(),
  position: optionalInteger(0, 1000),
});
export type StatusInput = z.infer<typeof statusInput>;

export const yearQuery = z.object({ year: optionalYear().catch(null) });

// --- What the API answers -------------------------------------------------------------

const partyRefJson = z.object({ kind: z.enum(["unit", "party"]), id: z.uuid(), name: z.string() }).nullable();

export const statusJson = z.object({ id: z.uuid(), name: z.string(), default_progress: z.number(), closed: z.boolean(), position: z.number() });

export const actionJson = z.object({
  id: z.uuid(),
  programme_id: z.uuid(),
  focus_area_id: z.uuid(),
  title: z.string(),
  description: z.string(),
  responsible: partyRefJson,
  contributors: z.array(partyRefJson.unwrap()),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
  status: z.object({ id: z.uuid(), name: z.string(), closed: z.boolean() }),
  progress: z.number(),
  weight: z.number(),
  position: z.number(),
});

export const actionUpdateJson = z.object({
  id: z.uuid(),
  at: z.string(),
  author: z.string().nullable(),
  year: z.number().nullable(),
  text: z.string(),
  status: z.string(),
  progress: z.number(),
});

export const indicatorJson = z.object({
  id: z.uuid(),
  programme_id: z.uuid(),
  focus_area_id: z.uuid().nullable(),
  name: z.string(),
  description: z.string(),
  unit: z.string(),
  direction: z.enum(directions),
  baseline: z.object({ value: z.number(), year: z.number().nullable() }).nullable(),
  source: z.enum(valueSources),
  computed_from: z.string().nullable(),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  targets: z.array(z.object({ year: z.number(), value: z.number() })),
  values: z.array(z.object({ year: z.number(), quarter: z.number().nullable(), value: z.number(), comment: z.string() })),
  position: z.number(),
});

export const focusAreaJson = z.object({ id: z.uuid(), name: z.string(), description: z.string(), position: z.number(), progress: z.number().nullable() });
export const commitmentJson = z.object({ id: z.uuid(), title: z.string(), description: z.string(), position: z.number() });

export const programmeSummaryJson = z.object({
  id: z.uuid(),
  name: z.string(),
  start_year: z.number(),
  end_year: z.number(),
  status: z.enum(programmeStatuses),
  phase: z.enum(["upcoming", "current", "ended"]),
  adopted_by: z.string().nullable(),
  adopted_on: z.string().nullable(),
  structure_locked: z.boolean(),
  previous_id: z.uuid().nullable(),
  progress: z.number().nullable(),
  demo: z.boolean(),
});

export const programmeJson = programmeSummaryJson.extend({
  purpose: z.string(),
  vision: z.string(),
  goal: z.string(),
  parties: z.array(z.object({ id: z.uuid(), name: z.string() })),
  commitments: z.array(commitmentJson),
  focus_areas: z.array(focusAreaJson),
  actions: z.array(actionJson),
  indicators: z.array(indicatorJson),
  follow_ups: z.array(z.object({ id: z.uuid(), year: z.number(), revision: z.number(), published_at: z.string() })),
});

export const followUpJson = z.object({
  id: z.uuid(),
  programme_id: z.uuid(),
  year: z.number(),
  revision: z.number(),
  correction_note: z.string(),
  published_at: z.string(),
  snapshot: z.unknown(),
});

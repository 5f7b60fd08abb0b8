import { z } from "zod";
import type { CaseListRow } from "./case-repo.js";
import type { InboxRow } from "./inbox-service.js";
import type { CaseDetail } from "./service.js";
import type { Dashboard, WaitingFigures } from "./report-service.js";

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export const caseSummaryJson = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  priority: z.string(),
  channel: z.string(),
  category: z.object({ id: z.string(), name_sv: z.string(), name_en: z.string() }),
  unit: z.object({ id: z.string(), name: z.string() }),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  org_number: z.string().nullable(),
  company_name: z.string().nullable(),
  subject: z.string(),
  created_at: z.string(),
  sla: z.object({ state: z.string(), next_due_at: z.string().nullable(), minutes_left: z.number().nullable() }),
  first_response_minutes: z.number().nullable(),
  first_response_on_time: z.boolean().nullable(),
  resolution_minutes: z.number().nullable(),
  resolution_on_time: z.boolean().nullable(),
});

export const caseJson = caseSummaryJson.extend({
  description: z.string(),
  correspondent: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  due: z.object({ first_response: z.string().nullable(), update: z.string().nullable(), resolution: z.string().nullable() }),
  statutory: z
    .object({
      kind: z.string(),
      from: z.string(),
      due_on: z.string(),
      extension_weeks: z.number(),
      weeks_late: z.number(),
      fee_reduction_fifths: z.number(),
      decided_on: z.string().nullable(),
    })
    .nullable(),
  six_months_on: z.string().nullable(),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  messages: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      created_at: z.string(),
      author: z.string().nullable(),
      secret: z.boolean(),
      secret_reason: z.string().nullable(),
      body: z.string().nullable(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.string(),
      filename: z.string(),
      content_type: z.string(),
      size: z.number(),
      from_business: z.boolean(),
      secret: z.boolean(),
      created_at: z.string(),
    }),
  ),
});

function summary(row: CaseListRow, sla: { state: string; next_due_at: Date | null; minutes_left: number | null }): z.infer<typeof caseSummaryJson> {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    category: { id: row.category_id, name_sv: row.category_sv, name_en: row.category_en },
    unit: { id: row.unit_id, name: row.unit_name },
    assignee: row.assignee_id && row.assignee_name ? { id: row.assignee_id, name: row.assignee_name } : null,
    org_number: row.org_number,
    company_name: row.company_name,
    subject: row.subject,
    created_at: row.created_at.toISOString(),
    sla: { state: sla.state, next_due_at: iso(sla.next_due_at), minutes_left: sla.minutes_left },
    first_response_minutes: row.first_response_minutes,
    first_response_on_time: row.first_response_on_time,
    resolution_minutes: row.resolution_minutes,
    resolution_on_time: row.resolution_on_time,
  };
}

export function presentInboxRow(row: InboxRow) {
  return summary(row, { state: row.sla, next_due_at: row.next_due_at, minutes_left: row.minutesLeft });
}

/** A case for the API. The words of a message marked secret are left out; the mark and its reason stay. */
export function presentCase(detail: CaseDetail): z.infer<typeof caseJson> {
  const row = detail.case;
  const { statutory } = detail.clock;
  return {
    ...summary(row, { state: detail.clock.state, next_due_at: detail.clock.nextDueAt, minutes_left: detail.clock.minutesLeft }),
    description: row.description,
    correspondent: { name: row.correspondent_name, email: row.correspondent_email, phone: row.correspondent_phone },
    due: { first_response: iso(row.first_response_due_at), update: iso(row.update_due_at), resolution: iso(row.resolution_due_at) },
    statutory: statutory
      ? {
          kind: statutory.kind,
          from: statutory.from,
          due_on: statutory.dueOn,
          extension_weeks: statutory.extensionWeeks,
          weeks_late: statutory.weeksLate,
          fee_reduction_fifths: statutory.feeReductionFifths,
          decided_on: row.decided_on,
        }
      : null,
    six_months_on: detail.clock.sixMonthsOn,
    units: detail.units.map((unit) => ({ id: unit.unit_id, name: unit.name })),
    messages: detail.messages.map((message) => ({
      id: message.id,
      kind: message.kind,
      created_at: message.created_at.toISOString(),
      author: message.author_name,
      secret: message.secret,
      secret_reason: message.secret_reason,
      body: message.secret ? null : message.body,
    })),
    attachments: detail.attachments.map((file) => ({
      id: file.id,
      filename: file.filename,
      content_type: file.content_type,
      size: file.size,
      from_business: file.from_business,
      secret: file.secret,
      created_at: file.created_at.toISOString(),
    })),
  };
}

const figuresJson = z.object({
  cases: z.number(),
  first_response_median_minutes: z.number().nullable(),
  first_response_p90_minutes: z.number().nullable(),
  first_response_on_time: z.number(),
  first_response_measured: z.number(),
  resolution_median_minutes: z.number().nullable(),
  resolution_p90_minutes: z.number().nullable(),
  resolution_on_time: z.number(),
  resolution_measured: z.number(),
  statutory_decided: z.number(),
  statutory_in_time: z.number(),
});

export const dashboardJson = z.object({
  year: z.number(),
  unit_id: z.string().nullable(),
  category_id: z.string().nullable(),
  total: figuresJson,
  months: z.array(figuresJson.extend({ month: z.number() })),
  units: z.array(figuresJson.extend({ id: z.string(), name: z.string() })),
  categories: z.array(figuresJson.extend({ id: z.string(), name: z.string() })),
});

function figures(value: WaitingFigures): z.infer<typeof figuresJson> {
  return {
    cases: value.cases,
    first_response_median_minutes: value.first_response_median,
    first_response_p90_minutes: value.first_response_p90,
    first_response_on_time: value.first_response_on_time,
    first_response_measured: value.first_response_measured,
    resolution_median_minutes: value.resolution_median,
    resolution_p90_minutes: value.resolution_p90,
    resolution_on_time: value.resolution_on_time,
    resolution_measured: value.resolution_measured,
    statutory_decided: value.statutory_decided,
    statutory_in_time: value.statutory_in_time,
  };
}

export function presentDashboard(dashboard: Dashboard): z.infer<typeof dashboardJson> {
  return {
    year: dashboard.year,
    unit_id: dashboard.unitId,
    category_id: dashboard.categoryId,
    total: figures(dashboard.total),
    months: dashboard.months.map((month) => ({ ...figures(month), month: month.month })),
    units: dashboard.byUnit.map((unit) => ({ ...figures(unit), id: unit.id, name: unit.name })),
    categories: dashboard.byCategory.map((category) => ({ ...figures(category), id: category.id, name: category.name })),
  };
}

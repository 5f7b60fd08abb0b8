import { diff, recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError, type FieldProblem } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { minutesPerBusinessDay, standardCalendar, type DayHours } from "../../platform/sweden/business-calendar.js";
import type { ClockPolicy, ClockSettings } from "./clocks.js";
import { authorizeDesk } from "./policy.js";
import { weekdays, type CalendarInput, type CategoryInput, type PolicyInput } from "./schemas.js";
import * as repo from "./settings-repo.js";

/** The records this service hands to routes and views, as the repo reads them. */
export type { Category, SlaPolicy } from "./settings-repo.js";

export const defaultConsent = {
  sv: "Kommunen behandlar dina personuppgifter för att handlägga ditt ärende (allmänt intresse, GDPR art. 6.1 e). Ärendet blir en allmän handling och arkiveras enligt kommunens dokumenthanteringsplan.",
  en: "The municipality processes your personal data to handle your question (public interest, GDPR art. 6.1 e). The case becomes a public record and is archived under the municipality's records management plan.",
};

export interface DeskSettingsView {
  hours: DayHours[];
  closedDays: string[];
  warnShare: number;
  consent: { sv: string; en: string };
  retentionMonths: number;
}

/** The municipality's desk settings, or the standard ones until an administrator saves them. */
export async function loadSettings(tx: ScopedTx): Promise<DeskSettingsView> {
  const row = await repo.findSettings(tx);
  if (!row) {
    return { hours: [...standardCalendar.hours], closedDays: [], warnShare: 0.8, consent: defaultConsent, retentionMonths: 24 };
  }
  return {
    hours: row.opening_hours,
    closedDays: row.closed_days,
    warnShare: Number(row.warn_share),
    consent: { sv: row.consent_text_sv, en: row.consent_text_en },
    retentionMonths: row.retention_months,
  };
}

export async function loadClockSettings(tx: ScopedTx): Promise<ClockSettings> {
  return clockSettingsOf(await loadSettings(tx));
}

export function clockSettingsOf(settings: DeskSettingsView): ClockSettings {
  return { calendar: { hours: settings.hours, closedDays: settings.closedDays }, warnShare: settings.warnShare };
}

export function clockPolicy(policy: repo.SlaPolicy): ClockPolicy {
  return {
    target_unit: policy.target_unit,
    first_response_target: policy.first_response_target,
    update_target: policy.update_target,
    resolution_target: policy.resolution_target,
  };
}

/** The settings pages are for administrators; returns null so a "new" form can say "no record yet". */
export function assertSettings(ctx: OperationContext): null {
  authorizeDesk(ctx.actor, "desk.settings");
  return null;
}

export async function getSettings(ctx: OperationContext): Promise<DeskSettingsView> {
  authorizeDesk(ctx.actor, "desk.settings");
  return inScope(ctx.db, ctx.scope, loadSettings);
}

export async function saveCalendar(ctx: OperationContext, input: CalendarInput): Promise<void> {
  authorizeDesk(ctx.actor, "desk.settings");
  const values = input as Record<string, unknown>;
  const hours: DayHours[] = weekdays.map((day) =>
    typeof values[`${day}_open`] === "string" ? { opens: values[`${day}_open`] as string, closes: values[`${day}_close`] as string } : null,
  );
  if (minutesPerBusinessDay({ hours, closedDays: [] }) === 0) {
    throw new ValidationError([{ path: "mon_open", message: "desk.calendar_closed" }]);
  }
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadSettings(tx);
    const closedDays = [...new Set(input.closed_days)].sort();
    await repo.saveSettings(tx, {
      municipality_id: ctx.scope.municipalityId,
      opening_hours: JSON.stringify(hours),
      closed_days: closedDays,
      warn_share: input.warn_percent / 100,
      consent_text_sv: input.consent_text_sv,
      consent_text_en: input.consent_text_en,
      retention_months: input.retention_months,
    });
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "update",
        recordType: "desk_settings",
        recordId: null,
        changes: diff(
          {
            hours: before.hours,
            closed_days: before.closedDays,
            warn_share: before.warnShare,
            consent: before.consent,
            retention_months: before.retentionMonths,
          },
          {
            hours,
            closed_days: closedDays,
            warn_share: input.warn_percent / 100,
            consent: { sv: input.consent_text_sv, en: input.consent_text_en },
            retention_months: input.retention_months,
          },
        ),
      },
      ctx.requestId,
    );
  });
}

export async function listPolicies(ctx: OperationContext): Promise<repo.SlaPolicy[]> {
  authorizeDesk(ctx.actor, "desk.read");
  return inScope(ctx.db, ctx.scope, repo.listPolicies);
}

export async function getPolicy(ctx: OperationContext, id: string): Promise<repo.SlaPolicy> {
  authorizeDesk(ctx.actor, "desk.settings");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const policy = isId(id) ? await repo.findPolicy(tx, id) : undefined;
    if (!policy) {
      throw new NotFoundError();
    }
    return policy;
  });
}

/** Form values (hours or days) → stored targets (business minutes or days). */
function policyValues(input: PolicyInput) {
  const unit = input.target_unit === "hours" ? "minutes" : "days";
  const stored = (value: number | undefined) => (value === undefined ? null : unit === "minutes" ? Math.round(value * 60) : Math.ceil(value));
  return {
    name: input.name,
    target_unit: unit,
    first_response_target: stored(input.first_response),
    update_target: stored(input.update),
    resolution_target: stored(input.resolution),
  } as const;
}

export async function savePolicy(ctx: OperationContext, id: string | null, input: PolicyInput): Promise<string> {
  authorizeDesk(ctx.actor, "desk.settings");
  const values = policyValues(input);
  if (values.first_response_target === null && values.resolution_target === null) {
    throw new ValidationError([{ path: "first_response", message: "desk.policy_needs_target" }]);
  }
  return inScope(ctx.db, ctx.scope, async (tx) => {
    if (await repo.policyNameTaken(tx, input.name, id)) {
      throw new ValidationError([{ path: "name", message: "name_taken" }]);
    }
    if (id === null) {
      const newPolicy = newId();
      await repo.insertPolicy(tx, { id: newPolicy, municipality_id: ctx.scope.municipalityId, ...values });
      await recordAudit(tx, ctx.actor, { action: "create", recordType: "desk_sla_policy", recordId: newPolicy, changes: diff({}, values) }, ctx.requestId);
      return newPolicy;
    }
    const before = isId(id) ? await repo.findPolicy(tx, id) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    await repo.updatePolicy(tx, id, values);
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "desk_sla_policy", recordId: id, changes: diff(before, values) }, ctx.requestId);
    return id;
  });
}

export async function listCategories(ctx: OperationContext): Promise<repo.Category[]> {
  authorizeDesk(ctx.actor, "desk.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listCategories(tx, { activeOnly: false }));
}

export async function getCategory(ctx: OperationContext, id: string): Promise<repo.Category> {
  authorizeDesk(ctx.actor, "desk.settings");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const category = isId(id) ? await repo.findCategory(tx, id) : undefined;
    if (!category) {
      throw new NotFoundError();
    }
    return category;
  });
}

export async function saveCategory(ctx: OperationContext, id: string | null, input: CategoryInput): Promise<string> {
  authorizeDesk(ctx.actor, "desk.settings");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const problems: FieldProblem[] = [];
    if (!(await repo.findUnit(tx, input.default_unit_id))) {
      problems.push({ path: "default_unit_id", message: "invalid_choice" });
    }
    for (const field of ["sla_policy_id", "urgent_policy_id"] as const) {
      const policyId = input[field];
      if (policyId && !(await repo.findPolicy(tx, policyId))) {
        problems.push({ path: field, message: "invalid_choice" });
      }
    }
    if (await repo.categoryNameTaken(tx, input.name_sv, id)) {
      problems.push({ path: "name_sv", message: "name_taken" });
    }
    if (problems.length > 0) {
      throw new ValidationError(problems);
    }
    if (id === null) {
      const created = newId();
      await repo.insertCategory(tx, { id: created, municipality_id: ctx.scope.municipalityId, ...input });
      await recordAudit(tx, ctx.actor, { action: "create", recordType: "desk_category", recordId: created, changes: diff({}, input) }, ctx.requestId);
      return created;
    }
    const before = isId(id) ? await repo.findCategory(tx, id) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    await repo.updateCategory(tx, id, input);
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "desk_category", recordId: id, changes: diff(before, input) }, ctx.requestId);
    return id;
  });
}

/** What the admin forms choose from: units and policies. */
export async function settingsChoices(ctx: OperationContext) {
  authorizeDesk(ctx.actor, "desk.settings");
  return inScope(ctx.db, ctx.scope, async (tx) => ({ units: await repo.listUnits(tx), policies: await repo.listPolicies(tx) }));
}

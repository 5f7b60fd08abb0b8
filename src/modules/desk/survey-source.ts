/**
 * What the desk tells a satisfaction survey about its closed cases: who to ask and how long
 * the business waited, in business days of the municipality's calendar, so an answer can be
 * put beside the measured waiting of the same case.
 */
import type { ScopedTx } from "../../platform/db/database.js";
import { businessMinutesBetween, minutesPerBusinessDay } from "../../platform/sweden/business-calendar.js";
import { closedCasesBetween } from "./closed-case-repo.js";
import { deskCatalogues } from "./catalogues.js";
import { clockSettingsOf } from "./settings-service.js";
import { swedishDate } from "./clocks.js";

export interface ClosedCase {
  id: string;
  number: string;
  category_id: string;
  unit_id: string;
  company_id: string | null;
  org_number: string | null;
  company_name: string | null;
  correspondent_name: string;
  correspondent_email: string | null;
  correspondent_phone: string | null;
  language: "sv" | "en";
  closed_at: Date;
  /** The Swedish date the matter was decided (a statutory decision's date, else the day it closed). */
  decided_on: string;
  /** Business days from registration to decision (or resolution). */
  waiting_days: number;
  /** Whether the resolution target was met; null without one. */
  on_time: boolean | null;
}

export async function closedCasesForSurvey(tx: ScopedTx, categoryIds: readonly string[], after: Date, upTo: Date, limit = 500): Promise<ClosedCase[]> {
  if (categoryIds.length === 0) {
    return [];
  }
  const { calendar } = clockSettingsOf(await deskCatalogues.settings.get(tx));
  const perDay = Math.max(1, minutesPerBusinessDay(calendar));
  const rows = await closedCasesBetween(tx, categoryIds, after, upTo, limit);
  return rows.map((row) => {
    const minutes = row.resolution_minutes ?? businessMinutesBetween(calendar, row.created_at, row.resolved_at ?? row.closed_at!);
    return {
      id: row.id,
      number: row.number,
      category_id: row.category_id,
      unit_id: row.unit_id,
      company_id: row.company_id,
      org_number: row.org_number,
      company_name: row.company_name,
      correspondent_name: row.correspondent_name,
      correspondent_email: row.correspondent_email,
      correspondent_phone: row.correspondent_phone,
      language: row.language,
      closed_at: row.closed_at!,
      decided_on: row.decided_on ?? swedishDate(row.closed_at!),
      waiting_days: Math.round((minutes / perDay) * 10) / 10,
      on_time: row.resolution_on_time,
    };
  });
}

/** The desk's categories, for choosing what a survey asks about. */
export async function deskCategoryChoices(tx: ScopedTx): Promise<Array<{ id: string; name_sv: string; name_en: string; unit_name: string; active: boolean }>> {
  return (await deskCatalogues.categories.get(tx)).map((row) => ({
    id: row.id,
    name_sv: row.name_sv,
    name_en: row.name_en,
    unit_name: row.unit_name,
    active: row.active,
  }));
}

/** The municipality's units by id, for naming a result's rows. */
export async function deskUnitNames(tx: ScopedTx): Promise<Map<string, string>> {
  return new Map((await deskCatalogues.units.get(tx)).map((unit) => [unit.id, unit.name]));
}

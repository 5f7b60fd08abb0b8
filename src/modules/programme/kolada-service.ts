/**
 * Official statistics from Kolada: an indicator names a key figure and a gender, and the job
 * runner fetches its values for the municipality and its comparison group, on a schedule and
 * when asked. A value Kolada changed is updated and logged; a key figure whose title changed
 * is flagged, for it may no longer measure what the indicator meant.
 */
import type { OperationContext } from "../../platform/context.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { systemActor } from "../../platform/auth/roles.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { ValidationError, type FieldProblem } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { enqueue } from "../../platform/jobs/repo.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import { kommunByCode, kommuner } from "../../platform/tenancy/kommuner.js";
import { refreshDocument } from "./detail.js";
import * as followUpRepo from "./follow-up-repo.js";
import { KoladaClient, KoladaError, koladaDefaultUrl, type KoladaOptions } from "./kolada-client.js";
import * as koladaRepo from "./kolada-repo.js";
import { authorizeProgramme } from "./policy.js";
import type { KoladaSettingsInput } from "./schemas.js";

/** Business Region Örebro's twelve municipalities: the comparison group of its members. */
export const businessRegionOrebro = ["1814", "1860", "1861", "1862", "1863", "1864", "1880", "1881", "1882", "1883", "1884", "1885"];

export interface KoladaSetup {
  baseUrl: string;
  kommunkod: string;
  municipality: string;
  groupName: string;
  groupCodes: string[];
  /** Whether the settings were saved, or are the defaults. */
  saved: boolean;
}

/** A member of Business Region Örebro compares with the region; any other municipality with its county. */
export function defaultGroup(kommunkod: string): { name: string; codes: string[] } {
  if (businessRegionOrebro.includes(kommunkod)) {
    return { name: "Business Region Örebro", codes: businessRegionOrebro.filter((code) => code !== kommunkod) };
  }
  const county = kommunByCode(kommunkod)?.lanskod;
  const members = [...kommuner().values()].filter((kommun) => kommun.lanskod === county && kommun.kommunkod !== kommunkod);
  return { name: members[0]?.lan ?? "", codes: members.map((kommun) => kommun.kommunkod) };
}

async function setupOf(tx: Parameters<typeof koladaRepo.findSettings>[0]): Promise<KoladaSetup> {
  const [settings, municipality] = await Promise.all([koladaRepo.findSettings(tx), koladaRepo.findMunicipality(tx)]);
  const kommunkod = municipality?.kommunkod ?? "";
  const group = defaultGroup(kommunkod);
  return {
    baseUrl: settings?.base_url ?? koladaDefaultUrl,
    kommunkod,
    municipality: municipality?.name ?? "",
    groupName: settings?.group_name ?? group.name,
    groupCodes: settings?.group_codes ?? group.codes,
    saved: settings !== undefined,
  };
}

export interface KoladaOverview {
  setup: KoladaSetup;
  kpis: koladaRepo.KoladaKpi[];
  indicators: koladaRepo.KoladaIndicator[];
}

export async function koladaOverview(ctx: OperationContext): Promise<KoladaOverview> {
  authorizeProgramme(ctx.actor, "programme.read");
  return inScope(ctx.db, ctx.scope, async (tx) => ({
    setup: await setupOf(tx),
    kpis: await koladaRepo.listKpis(tx),
    indicators: await koladaRepo.listKoladaIndicators(tx),
  }));
}

export async function saveKoladaSettings(ctx: OperationContext, input: KoladaSettingsInput): Promise<void> {
  authorizeProgramme(ctx.actor, "programme.manage");
  const problems: FieldProblem[] = [];
  const unknown = input.group_codes.filter((code) => !kommunByCode(code));
  if (unknown.length > 0) {
    problems.push({ path: "group_codes", message: "programme.kolada_unknown_code" });
  }
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await setupOf(tx);
    const codes = [...new Set(input.group_codes)].filter((code) => code !== before.kommunkod);
    await koladaRepo.upsertSettings(tx, {
      municipality_id: ctx.scope.municipalityId,
      base_url: input.base_url,
      group_name: input.group_name,
      group_codes: codes,
    });
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "kolada_settings",
        recordType: "programme_kolada",
        recordId: ctx.scope.municipalityId,
        changes: {
          base_url: { from: before.baseUrl, to: input.base_url },
          group_name: { from: before.groupName, to: input.group_name },
          group_codes: { from: before.groupCodes.join(","), to: codes.join(",") },
        },
      },
      ctx.requestId,
    );
  });
}

/** Asks the job runner to fetch now (a button on the page; a Kolada indicator saved). */
export async function requestKoladaFetch(ctx: OperationContext): Promise<void> {
  authorizeProgramme(ctx.actor, "programme.manage");
  await inScope(ctx.db, ctx.scope, (tx) => enqueue(tx, { queue: "programme.kolada", municipalityId: ctx.scope.municipalityId, maxAttempts: 3 }));
}

export interface FetchSummary {
  kpis: number;
  values: number;
  /** Indicator values written because Kolada had a new or changed figure. */
  changed: number;
  failed: string[];
}

/**
 * Fetches every key figure the municipality's indicators name, for it and its comparison
 * group, and writes what changed. A key figure Kolada cannot give keeps its error on the
 * page; the job fails then, so that the runner tries again later.
 */
export async function fetchKolada(db: Db, scope: Scope, clientOptions: Omit<KoladaOptions, "baseUrl"> = {}, today = new Date()): Promise<FetchSummary> {
  const { setup, indicators, kpis } = await inScope(db, scope, async (tx) => ({
    setup: await setupOf(tx),
    indicators: await koladaRepo.listKoladaIndicators(tx),
    kpis: await koladaRepo.listKpis(tx),
  }));
  const summary: FetchSummary = { kpis: 0, values: 0, changed: 0, failed: [] };
  const wanted = [...new Set(indicators.map((indicator) => indicator.kolada_kpi))];
  if (wanted.length === 0 || setup.kommunkod === "") {
    return summary;
  }
  const client = new KoladaClient({ ...clientOptions, baseUrl: setup.baseUrl });
  const thisYear = Number(stockholmParts(today).date.slice(0, 4));
  const areas = [setup.kommunkod, ...setup.groupCodes];
  let titles: Map<string, string>;
  try {
    titles = await client.titles(wanted);
  } catch (error) {
    await recordFailure(db, scope, wanted, kpis, error);
    throw error;
  }
  let firstError: unknown;
  for (const kpi of wanted) {
    const using = indicators.filter((indicator) => indicator.kolada_kpi === kpi);
    const first = Math.min(...using.map((indicator) => Math.min(indicator.start_year, indicator.baseline_year ?? indicator.start_year)));
    const last = Math.min(thisYear, Math.max(...using.map((indicator) => indicator.end_year)));
    const years = Array.from({ length: Math.max(0, last - first + 1) }, (_, index) => first + index);
    const title = titles.get(kpi);
    let values;
    try {
      if (title === undefined) {
        throw new KoladaError("status", "404");
      }
      values = await client.values(kpi, areas, years);
    } catch (error) {
      summary.failed.push(kpi);
      firstError ??= error;
      await recordFailure(db, scope, [kpi], kpis, error);
      continue;
    }
    summary.kpis++;
    summary.values += values.length;
    summary.changed += await inScope(db, scope, async (tx) => {
      const known = kpis.find((row) => row.kpi === kpi);
      const retitled = known !== undefined && known.title !== title;
      await koladaRepo.upsertKpi(tx, {
        municipality_id: scope.municipalityId,
        kpi,
        title,
        previous_title: retitled ? known.title : (known?.previous_title ?? null),
        title_changed_at: retitled ? new Date() : (known?.title_changed_at ?? null),
        fetched_at: new Date(),
        last_error: null,
      });
      await koladaRepo.upsertValues(
        tx,
        values.map((value) => ({
          municipality_id: scope.municipalityId,
          kpi,
          area: value.area,
          gender: value.gender,
          year: value.year,
          value: value.value,
          fetched_at: new Date(),
        })),
      );
      let changed = 0;
      for (const indicator of using) {
        const actor = systemActor("Kolada");
        if (retitled) {
          await recordAudit(tx, actor, {
            action: "kolada_title",
            recordType: "programme_indicator",
            recordId: indicator.id,
            changes: { kolada_title: { from: known.title, to: title } },
          });
        }
        const recorded = await followUpRepo.listValues(tx, indicator.id);
        for (const value of values) {
          if (value.area !== setup.kommunkod || value.gender !== indicator.kolada_gender || value.value === null) {
            continue;
          }
          const before = recorded.find((row) => row.year === value.year && row.quarter === null);
          if (before?.value === value.value) {
            continue;
          }
          await followUpRepo.upsertValue(tx, {
            id: newId(),
            municipality_id: scope.municipalityId,
            indicator_id: indicator.id,
            year: value.year,
            quarter: null,
            value: value.value,
            comment: "Källa: Kolada",
            recorded_by_id: null,
            recorded_at: new Date(),
          });
          await recordAudit(tx, actor, {
            action: "kolada_value",
            recordType: "programme_indicator",
            recordId: indicator.id,
            changes: { period: { from: null, to: String(value.year) }, value: { from: before?.value ?? null, to: value.value } },
          });
          changed++;
        }
        await refreshDocument(tx, indicator.programme_id);
      }
      return changed;
    });
  }
  if (firstError) {
    throw firstError;
  }
  return summary;
}

async function recordFailure(db: Db, scope: Scope, failed: readonly string[], known: readonly koladaRepo.KoladaKpi[], error: unknown): Promise<void> {
  const reason = error instanceof KoladaError ? `${error.reason}:${error.detail}` : "unreachable:";
  await inScope(db, scope, async (tx) => {
    for (const kpi of failed) {
      const row = known.find((candidate) => candidate.kpi === kpi);
      await koladaRepo.upsertKpi(tx, {
        municipality_id: scope.municipalityId,
        kpi,
        title: row?.title ?? "",
        previous_title: row?.previous_title ?? null,
        title_changed_at: row?.title_changed_at ?? null,
        fetched_at: row?.fetched_at ?? null,
        last_error: reason,
      });
    }
  });
}

export interface Comparison {
  groupName: string;
  members: number;
  /** Per year: the municipality's value, the group's mean (unweighted, as Kolada's groups) and how many members report. */
  years: Array<{ year: number; own: number | null; group: number | null; reporting: number }>;
}

/** The municipality beside its comparison group, for a Kolada indicator's chart. */
export async function koladaComparison(
  ctx: OperationContext,
  indicator: { kolada_kpi: string | null; kolada_gender: string | null },
  years: readonly number[],
): Promise<Comparison | null> {
  if (!indicator.kolada_kpi) {
    return null;
  }
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const setup = await setupOf(tx);
    const values = await koladaRepo.listValues(tx, indicator.kolada_kpi!, indicator.kolada_gender ?? "T");
    return {
      groupName: setup.groupName,
      members: setup.groupCodes.length,
      years: years.map((year) => {
        const inYear = values.filter((value) => value.year === year && value.value !== null);
        const members = inYear.filter((value) => setup.groupCodes.includes(value.area)).map((value) => value.value!);
        return {
          year,
          own: inYear.find((value) => value.area === setup.kommunkod)?.value ?? null,
          group: members.length > 0 ? members.reduce((sum, value) => sum + value, 0) / members.length : null,
          reporting: members.length,
        };
      }),
    };
  });
}

/**
 * The region: each member municipality's figures by year, computed in its own scope by the
 * job runner from the modules' indicator sources and its programme's indicators, and read side
 * by side in a transaction bound to the region, which sees those figures and no record.
 */
import type { Insertable } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import { systemActor, type Actor } from "../../platform/auth/roles.js";
import { ForbiddenError } from "../../platform/errors.js";
import type { MessageKey } from "../../platform/ui/i18n.js";
import { inRegion, inScope, type Db, type Scope } from "../../platform/db/database.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import type { Municipality, Region } from "../../platform/tenancy/repo.js";
import { indicatorValuesByName, type IndicatorSource } from "../programme/index.js";
import { indicatorKey, regionRows, type RegionRow } from "./aggregate.js";
import { authorizeRegion } from "./policy.js";
import * as repo from "./repo.js";
import type { RegionFigureTable } from "./tables.js";

export type { RegionRow } from "./aggregate.js";

/** The job that computes the figures, as the audit log names it. */
const figuresActor = systemActor("Regionens siffror (beräkning)");

/** How many years back the figures are kept fresh: this year and the three before. */
const yearsKept = 4;

export const thisYear = (now = new Date()) => Number(stockholmParts(now).date.slice(0, 4));

/** Computes and stores a municipality's figures of the recent years, in its own scope. */
export async function refreshFigures(db: Db, scope: Scope, sources: readonly IndicatorSource[], now = new Date()): Promise<number> {
  const years = Array.from({ length: yearsKept }, (_, index) => thisYear(now) - index);
  const rows: Array<Insertable<RegionFigureTable>> = [];
  for (const year of years) {
    for (const source of sources) {
      // One source's failure (a module's figure that cannot be read) leaves that figure out, not the region's page.
      const value = await source.value(db, scope, year).catch(() => null);
      rows.push({ municipality_id: scope.municipalityId, year, key: source.key, label: null, unit: null, aggregate: source.aggregate, value });
    }
  }
  await inScope(db, scope, async (tx) => {
    const seen = new Set<string>();
    for (const indicator of await indicatorValuesByName(tx, years)) {
      const key = indicatorKey(indicator.name);
      // A name in two programmes counts once a year: the newest programme's value.
      if (!seen.has(`${indicator.year}:${key}`)) {
        seen.add(`${indicator.year}:${key}`);
        rows.push({
          municipality_id: scope.municipalityId,
          year: indicator.year,
          key,
          label: indicator.name,
          unit: indicator.unit,
          aggregate: "mean" as const,
          value: indicator.value,
        });
      }
    }
    await repo.replaceFigures(tx, scope.municipalityId, years, rows);
    // One event per municipality and night, with its counts: a computation, not a change anyone made.
    await recordAudit(tx, figuresActor, {
      action: "figures.computed",
      recordType: "region_figures",
      recordId: null,
      changes: { years: years.join(", "), figures: rows.length },
    });
  });
  // Once committed: a page that reads the version after this sees the new figures.
  computedHere += 1;
  return rows.length;
}

export interface RegionOverview {
  region: { name: string } | null;
  year: number;
  years: number[];
  members: Array<{ id: string; name: string }>;
  rows: RegionRow[];
  /** What each module's figure is called (its indicator source's label), by key. */
  sourceLabels: Record<string, MessageKey>;
  computedAt: Date | null;
}

/**
 * The same for a region given: an account whose home is the region (on the region's host), or a
 * member's staff (on the member's host). Either reads its own region only.
 */
export async function regionOverviewOf(
  db: Db,
  actor: Actor,
  region: Region,
  sources: readonly IndicatorSource[],
  year: number | undefined,
  known: readonly Municipality[],
): Promise<RegionOverview> {
  authorizeRegionOf(actor, region, known);
  return figuresOf(db, region, known, sources, year);
}

// The figures change when the job computes them, nightly. This process knows when it did
// (`computedHere`); another process's computation is seen within `versionMaxAgeMs`, so a page
// need not ask the database for the version on every request.
let computedHere = 0;
const versionMaxAgeMs = 5_000;
const versions = new Map<string, { at: number; computedHere: number; version: string }>();

/** The version of the region's figures: it changes whenever one of them does, so a rendering of them can be kept by it. */
export async function figuresVersion(db: Db, actor: Actor, region: Region, known: readonly Municipality[]): Promise<string> {
  authorizeRegionOf(actor, region, known);
  const kept = versions.get(region.id);
  if (kept && kept.computedHere === computedHere && Date.now() - kept.at < versionMaxAgeMs) {
    return kept.version;
  }
  const version = await inRegion(db, region.id, (tx) => repo.figuresStamp(tx));
  versions.set(region.id, { at: Date.now(), computedHere, version });
  return version;
}

function authorizeRegionOf(actor: Actor, region: Region, known: readonly Municipality[]): void {
  authorizeRegion(actor, "region.read");
  const home = actor.kind === "regional" ? actor.regionId : actor.kind === "user" ? known.find((one) => one.id === actor.municipalityId)?.region_id : region.id;
  if (home !== region.id) {
    throw new ForbiddenError();
  }
}

async function figuresOf(
  db: Db,
  region: Region | undefined,
  municipalities: readonly Municipality[],
  sources: readonly IndicatorSource[],
  year: number | undefined,
): Promise<RegionOverview> {
  const shown = year ?? thisYear();
  if (!region) {
    return { region: null, year: shown, years: [shown], members: [], rows: [], sourceLabels: {}, computedAt: null };
  }
  const members = municipalities
    .filter((municipality) => municipality.region_id === region.id)
    .map((municipality) => ({ id: municipality.id, name: municipality.name }));
  return inRegion(db, region.id, async (tx) => {
    const [figures, years, computedAt] = await Promise.all([repo.regionFigures(tx, shown), repo.regionYears(tx), repo.lastComputed(tx, shown)]);
    const rows = regionRows(
      members.map((member) => member.id),
      sources.map((source) => source.key),
      figures.map((figure) => ({ ...figure, value: figure.value === null ? null : Number(figure.value) })),
    );
    return {
      region: { name: region.name },
      year: shown,
      years: [...new Set([thisYear(), ...years])].sort((a, b) => b - a),
      members,
      rows,
      sourceLabels: Object.fromEntries(sources.map((source) => [source.key, source.label])),
      computedAt,
    };
  });
}

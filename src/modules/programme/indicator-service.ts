import { diff } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { indicatorSource, indicatorSourcesOf, type IndicatorSource } from "./indicator-sources.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { enqueue } from "../../platform/jobs/repo.js";
import { authorId } from "./action-service.js";
import { loadDetail, loadProgramme, refreshDocument, type IndicatorDetail } from "./detail.js";
import { authorizeProgramme, canProgramme } from "./policy.js";
import * as repo from "./repo.js";
import * as followUpRepo from "./follow-up-repo.js";
import { followUpOpen } from "./rules.js";
import type { IndicatorInput, IndicatorValueInput } from "./schemas.js";
import { assertStructureOpen, audit } from "./service.js";

export async function getIndicator(ctx: OperationContext, id: string): Promise<IndicatorDetail & { programme: repo.Programme }> {
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const indicator = await loadIndicatorDetail(tx, id);
    if (!canProgramme(ctx.actor, "programme.read") && !canProgramme(ctx.actor, "programme.report", indicator)) {
      throw new NotFoundError();
    }
    return indicator;
  });
}

export async function createIndicator(
  ctx: OperationContext,
  programmeId: string,
  input: IndicatorInput,
  options: { demo?: boolean } = {},
): Promise<IndicatorDetail> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return withComputedValues(
    ctx,
    inScope(ctx.db, ctx.scope, async (tx) => {
      const programme = await loadProgramme(tx, programmeId, { forUpdate: true });
      assertStructureOpen(programme);
      await checkReferences(tx, programme, input, indicatorSourcesOf(ctx));
      const id = newId();
      const { targets, ...fields } = input;
      await followUpRepo.insertIndicator(tx, {
        id,
        municipality_id: ctx.scope.municipalityId,
        programme_id: programme.id,
        ...fields,
        computed_from: computedFrom(input),
        ...koladaFields(input),
        position: input.position ?? (await followUpRepo.listIndicators(tx, programme.id)).length,
        demo: options.demo ?? false,
      });
      await followUpRepo.replaceTargets(tx, ctx.scope.municipalityId, id, targets);
      await audit(tx, ctx, { action: "create", recordType: "programme_indicator", recordId: id, changes: diff({}, input) });
      await refreshDocument(tx, programme.id);
      return loadIndicatorDetail(tx, id);
    }),
  );
}

/** Changes an indicator and its targets: structure, locked once the programme is adopted. */
export async function updateIndicator(ctx: OperationContext, id: string, input: IndicatorInput): Promise<IndicatorDetail> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return withComputedValues(
    ctx,
    inScope(ctx.db, ctx.scope, async (tx) => {
      const before = await loadIndicatorDetail(tx, id);
      const programme = await loadProgramme(tx, before.programme_id, { forUpdate: true });
      assertStructureOpen(programme);
      await checkReferences(tx, programme, input, indicatorSourcesOf(ctx));
      const { targets, ...fields } = input;
      await followUpRepo.updateIndicator(tx, id, {
        ...fields,
        computed_from: computedFrom(input),
        ...koladaFields(input),
        position: input.position ?? before.position,
      });
      await followUpRepo.replaceTargets(tx, ctx.scope.municipalityId, id, targets);
      await audit(tx, ctx, { action: "update", recordType: "programme_indicator", recordId: id, changes: diff(before, input) });
      await refreshDocument(tx, programme.id);
      return loadIndicatorDetail(tx, id);
    }),
  );
}

const computedFrom = (input: IndicatorInput) => (input.source === "computed" ? (input.computed_from ?? null) : null);
const koladaFields = (input: IndicatorInput) =>
  input.source === "kolada" ? { kolada_kpi: input.kolada_kpi ?? null, kolada_gender: input.kolada_gender ?? "T" } : { kolada_kpi: null, kolada_gender: null };

/** After the change has committed, a computed indicator takes its values from its source at once. */
async function withComputedValues(ctx: OperationContext, change: Promise<IndicatorDetail>): Promise<IndicatorDetail> {
  const indicator = await change;
  if (indicator.source === "kolada") {
    // Kolada is fetched by the job runner, never inside a request: it may be slow or away.
    await inScope(ctx.db, ctx.scope, (tx) => enqueue(tx, { queue: "programme.kolada", municipalityId: ctx.scope.municipalityId, maxAttempts: 3 }));
    return indicator;
  }
  if (indicator.source !== "computed" || !indicator.computed_from) {
    return indicator;
  }
  await refreshComputedValues(ctx.db, ctx.scope, indicatorSourcesOf(ctx), indicator.id);
  return inScope(ctx.db, ctx.scope, (tx) => loadIndicatorDetail(tx, indicator.id));
}

/**
 * Writes the yearly values of computed indicators from their sources: each year of the
 * programme's period up to this one. The figures are computed outside the programme's
 * transaction (a source reads its own module), then written together with the public
 * document. Runs after an indicator changes and every night.
 */
export async function refreshComputedValues(db: Db, scope: Scope, sources: readonly IndicatorSource[], onlyId?: string): Promise<number> {
  const indicators = await inScope(db, scope, (tx) => followUpRepo.listComputedIndicators(tx, onlyId));
  const thisYear = Number(stockholmParts(new Date()).date.slice(0, 4));
  let written = 0;
  for (const indicator of indicators) {
    const source = indicatorSource(sources, indicator.computed_from);
    if (!source) {
      continue;
    }
    const values: Array<{ year: number; value: number }> = [];
    for (let year = indicator.start_year; year <= Math.min(indicator.end_year, thisYear); year++) {
      const value = await source.value(db, scope, year);
      if (value !== null) {
        values.push({ year, value });
      }
    }
    await inScope(db, scope, async (tx) => {
      for (const { year, value } of values) {
        await followUpRepo.upsertValue(tx, {
          id: newId(),
          municipality_id: scope.municipalityId,
          indicator_id: indicator.id,
          year,
          quarter: null,
          value,
          comment: "",
          recorded_by_id: null,
          recorded_at: new Date(),
        });
      }
      await refreshDocument(tx, indicator.programme_id);
    });
    written += values.length;
  }
  return written;
}

export async function deleteIndicator(ctx: OperationContext, id: string): Promise<void> {
  authorizeProgramme(ctx.actor, "programme.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadIndicatorDetail(tx, id);
    assertStructureOpen(await loadProgramme(tx, before.programme_id, { forUpdate: true }));
    await followUpRepo.deleteIndicator(tx, id);
    await audit(tx, ctx, {
      action: "delete",
      recordType: "programme_indicator",
      recordId: id,
      changes: diff({ name: before.name, values: before.values.length }, {}),
    });
    await refreshDocument(tx, before.programme_id);
  });
}

/** Records the value of a period (a year, or a quarter of it), replacing an earlier one. Follow-up: open when adopted. */
export async function setValue(ctx: OperationContext, id: string, input: IndicatorValueInput): Promise<IndicatorDetail> {
  return changeValue(ctx, id, input.year, input.quarter, async (tx, before) => {
    await followUpRepo.upsertValue(tx, {
      id: newId(),
      municipality_id: ctx.scope.municipalityId,
      indicator_id: id,
      year: input.year,
      quarter: input.quarter,
      value: input.value,
      comment: input.comment,
      recorded_by_id: authorId(ctx),
      recorded_at: new Date(),
    });
    return diff(before ? { value: before.value, comment: before.comment } : {}, { value: input.value, comment: input.comment });
  });
}

export async function deleteValue(ctx: OperationContext, id: string, year: number, quarter: number | null): Promise<IndicatorDetail> {
  return changeValue(ctx, id, year, quarter, async (tx, before) => {
    if (!before) {
      throw new NotFoundError();
    }
    await followUpRepo.deleteValue(tx, id, year, quarter);
    return diff({ value: before.value, comment: before.comment }, {});
  });
}

async function changeValue(
  ctx: OperationContext,
  id: string,
  year: number,
  quarter: number | null,
  change: (tx: ScopedTx, before: repo.IndicatorValue | undefined) => Promise<Record<string, unknown>>,
): Promise<IndicatorDetail> {
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const indicator = await loadIndicatorDetail(tx, id, { forUpdate: true });
    if (!canProgramme(ctx.actor, "programme.read") && !canProgramme(ctx.actor, "programme.report", indicator)) {
      throw new NotFoundError();
    }
    authorizeProgramme(ctx.actor, "programme.report", indicator);
    if (!followUpOpen(indicator.programme)) {
      throw new ConflictError([{ path: "programme", message: "programme.programme_archived" }]);
    }
    if (indicator.source === "computed" || indicator.source === "kolada") {
      throw new ConflictError([{ path: "value", message: "programme.value_not_manual" }]);
    }
    if (year < indicator.programme.start_year - 10 || year > indicator.programme.end_year) {
      throw new ValidationError([{ path: "year", message: "programme.year_outside_period" }]);
    }
    const before = indicator.values.find((value) => value.year === year && value.quarter === quarter);
    const changes = await change(tx, before);
    await audit(tx, ctx, {
      action: "record_value",
      recordType: "programme_indicator",
      recordId: id,
      changes: { period: { from: null, to: quarter ? `${year} Q${quarter}` : String(year) }, ...changes },
    });
    await refreshDocument(tx, indicator.programme_id);
    return loadIndicatorDetail(tx, id);
  });
}

async function loadIndicatorDetail(tx: ScopedTx, id: string, options: { forUpdate?: boolean } = {}): Promise<IndicatorDetail & { programme: repo.Programme }> {
  const row = isId(id) ? await followUpRepo.findIndicator(tx, id) : undefined;
  if (!row) {
    throw new NotFoundError();
  }
  const programme = await loadProgramme(tx, row.programme_id, options);
  const indicator = (await loadDetail(tx, programme)).indicators.find((candidate) => candidate.id === id);
  if (!indicator) {
    throw new NotFoundError();
  }
  return { ...indicator, programme };
}

async function checkReferences(tx: ScopedTx, programme: repo.Programme, input: IndicatorInput, sources: readonly IndicatorSource[]): Promise<void> {
  const problems: FieldProblem[] = [];
  if (input.focus_area_id && !(await repo.listFocusAreas(tx, programme.id)).some((area) => area.id === input.focus_area_id)) {
    problems.push({ path: "focus_area_id", message: "invalid_choice" });
  }
  if (input.owner_id && !(await repo.staffExists(tx, input.owner_id))) {
    problems.push({ path: "owner_id", message: "invalid_choice" });
  }
  if (input.targets.some((target) => target.year < programme.start_year || target.year > programme.end_year)) {
    problems.push({ path: "targets", message: "programme.year_outside_period" });
  }
  if (new Set(input.targets.map((target) => target.year)).size !== input.targets.length) {
    problems.push({ path: "targets", message: "programme.duplicate_year" });
  }
  if (input.source === "kolada" && !input.kolada_kpi) {
    problems.push({ path: "kolada_kpi", message: "programme.kolada_kpi_required" });
  }
  if (input.source === "computed" && !indicatorSource(sources, input.computed_from ?? null)) {
    problems.push({ path: "computed_from", message: input.computed_from ? "invalid_choice" : "programme.computed_source_required" });
  }
  if ((input.baseline_value === null) !== (input.baseline_year === null)) {
    problems.push({ path: input.baseline_value === null ? "baseline_value" : "baseline_year", message: "programme.baseline_incomplete" });
  }
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
}

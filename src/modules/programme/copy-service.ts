/** A new programme period from an old one: its structure, owners and indicators copied, its follow-up left behind. */
import type { OperationContext } from "../../platform/context.js";
import { inScope } from "../../platform/db/database.js";
import { ConflictError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { loadDetail, loadProgramme, refreshDocument } from "./detail.js";
import { authorizeProgramme } from "./policy.js";
import * as repo from "./repo.js";
import * as followUpRepo from "./follow-up-repo.js";
import { copyPlan } from "./rules.js";
import type { CopyInput } from "./schemas.js";
import { audit } from "./service.js";

/**
 * Starts the next period from this one: a new draft with the same commitments, focus areas
 * and parties, the open actions (status reset, log empty) and the indicators with the
 * latest value as baseline and no targets. The old programme is not touched.
 */
export async function copyProgramme(ctx: OperationContext, id: string, input: CopyInput, options: { demo?: boolean } = {}): Promise<repo.Programme> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const source = await loadDetail(tx, await loadProgramme(tx, id));
    const statuses = await repo.listStatuses(tx);
    const initial = statuses.find((status) => !status.closed) ?? statuses[0];
    if (!initial) {
      throw new ConflictError([{ path: "status_id", message: "programme.no_statuses" }]);
    }
    const municipality_id = ctx.scope.municipalityId;
    const copyId = newId();
    const { programme } = source;
    await repo.insertProgramme(tx, {
      id: copyId,
      municipality_id,
      name: input.name,
      start_year: input.start_year,
      end_year: input.end_year,
      purpose: programme.purpose,
      vision: programme.vision,
      goal: programme.goal,
      adopted_by: null,
      adopted_on: null,
      previous_id: programme.id,
      unlock_reason: null,
      demo: options.demo ?? false,
    });
    await repo.replaceProgrammeParties(
      tx,
      municipality_id,
      copyId,
      source.parties.map((party) => party.id),
    );
    for (const commitment of source.commitments) {
      await repo.insertCommitment(tx, {
        id: newId(),
        municipality_id,
        programme_id: copyId,
        title: commitment.title,
        description: commitment.description,
        position: commitment.position,
      });
    }
    const areaIds = new Map<string, string>();
    for (const area of source.focusAreas) {
      areaIds.set(area.id, newId());
      await repo.insertFocusArea(tx, {
        id: areaIds.get(area.id) ?? "",
        municipality_id,
        programme_id: copyId,
        name: area.name,
        description: area.description,
        position: area.position,
      });
    }
    const plan = copyPlan(
      source.actions.map((action) => ({ ...action, closed: action.status_closed })),
      source.indicators.map((indicator) => ({ indicator, values: indicator.values })),
    );
    for (const action of plan.actions) {
      const actionId = newId();
      await repo.insertAction(tx, {
        id: actionId,
        municipality_id,
        programme_id: copyId,
        focus_area_id: areaIds.get(action.focus_area_id) ?? "",
        title: action.title,
        description: action.description,
        responsible_unit_id: action.responsible_unit_id,
        responsible_party_id: action.responsible_party_id,
        owner_id: action.owner_id,
        start_date: null,
        end_date: null,
        status_id: initial.id,
        progress: initial.default_progress,
        weight: action.weight,
        position: action.position,
        demo: options.demo ?? false,
      });
      await repo.replaceContributors(
        tx,
        action.contributors.map((c) => ({
          id: newId(),
          municipality_id,
          action_id: actionId,
          unit_id: c.kind === "unit" ? c.id : null,
          party_id: c.kind === "party" ? c.id : null,
        })),
        actionId,
      );
    }
    for (const indicator of plan.indicators) {
      await followUpRepo.insertIndicator(tx, {
        id: newId(),
        municipality_id,
        programme_id: copyId,
        focus_area_id: indicator.focus_area_id ? (areaIds.get(indicator.focus_area_id) ?? null) : null,
        name: indicator.name,
        description: indicator.description,
        unit: indicator.unit,
        direction: indicator.direction,
        baseline_value: indicator.baseline_value,
        baseline_year: indicator.baseline_year,
        source: indicator.source,
        owner_id: indicator.owner_id,
        position: indicator.position,
        demo: options.demo ?? false,
      });
    }
    await audit(tx, ctx, {
      action: "copy",
      recordType: "programme",
      recordId: copyId,
      changes: {
        previous_id: { from: null, to: programme.id },
        name: { from: null, to: input.name },
        actions: { from: null, to: plan.actions.length },
        indicators: { from: null, to: plan.indicators.length },
      },
    });
    await refreshDocument(tx, copyId);
    return loadProgramme(tx, copyId);
  });
}

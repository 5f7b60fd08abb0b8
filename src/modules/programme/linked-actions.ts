/**
 * Actions as other modules reach them: a council decision points to an action (and shows its
 * status) or creates one. Read and written in the caller's transaction, so the link and the
 * action exist together.
 */
import type { OperationContext } from "../../platform/context.js";
import type { ScopedTx } from "../../platform/db/database.js";
import { ValidationError } from "../../platform/errors.js";
import { insertActionIn } from "./action-service.js";
import { focusAreaProgramme, focusAreasWithState } from "./linked-action-repo.js";
import { authorizeProgramme } from "./policy.js";
import * as repo from "./repo.js";
import { structureLocked } from "./rules.js";

export { actionChoicesIn, actionSummaryIn, type ActionSummary } from "./linked-action-repo.js";

/** The focus areas a new action may go under: those of programmes whose structure is open (a draft, or unlocked). */
export async function openFocusAreasIn(tx: ScopedTx): Promise<Array<{ id: string; label: string }>> {
  const rows = await focusAreasWithState(tx);
  return rows.filter((row) => !structureLocked(row)).map((row) => ({ id: row.id, label: `${row.programme}: ${row.name}` }));
}

/** Creates an action under a focus area with the first status, titled as given; answers its id. */
export async function createActionIn(tx: ScopedTx, ctx: OperationContext, focusAreaId: string, title: string, description: string): Promise<string> {
  authorizeProgramme(ctx.actor, "programme.manage");
  const area = await focusAreaProgramme(tx, focusAreaId);
  const status = (await repo.listStatuses(tx))[0];
  if (!area || !status) {
    throw new ValidationError([{ path: "focus_area_id", message: "invalid_choice" }]);
  }
  const action = await insertActionIn(tx, ctx, area.programme_id, {
    focus_area_id: area.id,
    title,
    description,
    responsible: null,
    contributors: [],
    owner_id: null,
    start_date: null,
    end_date: null,
    status_id: status.id,
    progress: null,
    weight: 1,
    position: null,
  });
  return action.id;
}

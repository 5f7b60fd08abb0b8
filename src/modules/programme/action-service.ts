import { diff } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { actionReferencesIn, type ActionReferences } from "./action-references.js";

export type { ActionReferences } from "./action-references.js";
import { loadDetail, loadProgramme, refreshDocument, type ActionDetail } from "./detail.js";
import { authorizeProgramme, canProgramme } from "./policy.js";
import * as repo from "./repo.js";
import { followUpOpen, progressAfterUpdate } from "./rules.js";
import type { ActionInput, ActionUpdateInput } from "./schemas.js";
import { assertStructureOpen, audit } from "./service.js";

/** An action with its programme and the status list: what its owner needs to report on it. */
export async function getAction(
  ctx: OperationContext,
  id: string,
): Promise<ActionDetail & { programme: repo.Programme; statuses: repo.ActionStatus[]; references: ActionReferences[] }> {
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const action = await loadActionDetail(tx, id);
    if (!canProgramme(ctx.actor, "programme.read") && !canProgramme(ctx.actor, "programme.report", action)) {
      throw new NotFoundError();
    }
    return { ...action, statuses: await repo.listStatuses(tx), references: await actionReferencesIn(tx, ctx, id) };
  });
}

export async function createAction(ctx: OperationContext, programmeId: string, input: ActionInput, options: { demo?: boolean } = {}): Promise<ActionDetail> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, (tx) => insertActionIn(tx, ctx, programmeId, input, options));
}

/** Creates an action in the caller's transaction (a council decision creates its action in its own). */
export async function insertActionIn(
  tx: ScopedTx,
  ctx: OperationContext,
  programmeId: string,
  input: ActionInput,
  options: { demo?: boolean } = {},
): Promise<ActionDetail> {
  const programme = await loadProgramme(tx, programmeId, { forUpdate: true });
  assertStructureOpen(programme);
  const status = await checkReferences(tx, programme.id, input);
  const id = newId();
  const fields = await actionFields(tx, programme.id, input);
  const progress = input.progress ?? status.default_progress;
  await repo.insertAction(tx, {
    id,
    municipality_id: ctx.scope.municipalityId,
    programme_id: programme.id,
    ...fields,
    status_id: status.id,
    progress,
    demo: options.demo ?? false,
  });
  await repo.replaceContributors(tx, contributorRows(ctx, id, input.contributors), id);
  await audit(tx, ctx, { action: "create", recordType: "programme_action", recordId: id, changes: diff({}, { ...input, progress }) });
  await refreshDocument(tx, programme.id);
  return loadActionDetail(tx, id);
}

/** Changes an action's structure; a changed status or progress also goes into its log. */
export async function updateAction(ctx: OperationContext, id: string, input: ActionInput): Promise<ActionDetail> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadActionDetail(tx, id, { forUpdate: true });
    const { programme } = before;
    assertStructureOpen(programme);
    const status = await checkReferences(tx, programme.id, input);
    const fields = await actionFields(tx, programme.id, input, before.position);
    const progress = progressAfterUpdate(before, { status_id: status.id, progress: input.progress }, await repo.listStatuses(tx));
    await repo.updateAction(tx, id, { ...fields, status_id: status.id, progress });
    await repo.replaceContributors(tx, contributorRows(ctx, id, input.contributors), id);
    if (status.id !== before.status_id || progress !== before.progress) {
      await repo.insertUpdate(tx, {
        id: newId(),
        municipality_id: ctx.scope.municipalityId,
        action_id: id,
        author_id: authorId(ctx),
        year: null,
        text: "",
        status_id: status.id,
        status_name: status.name,
        progress,
      });
    }
    const beforeValues = { ...before, responsible: refOf(before.responsible), contributors: before.contributors.map(refOf) };
    await audit(tx, ctx, {
      action: "update",
      recordType: "programme_action",
      recordId: id,
      changes: diff(beforeValues, { ...input, position: fields.position, progress }),
    });
    await refreshDocument(tx, programme.id);
    return loadActionDetail(tx, id);
  });
}

export async function deleteAction(ctx: OperationContext, id: string): Promise<void> {
  authorizeProgramme(ctx.actor, "programme.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadActionDetail(tx, id, { forUpdate: true });
    assertStructureOpen(before.programme);
    await repo.deleteAction(tx, id);
    await audit(tx, ctx, {
      action: "delete",
      recordType: "programme_action",
      recordId: id,
      changes: diff({ title: before.title, status_name: before.status_name, progress: before.progress }, {}),
    });
    await refreshDocument(tx, before.programme_id);
  });
}

/**
 * Follow-up on an action, open on an adopted programme too: a new status (its default
 * progress unless progress is given by hand) and a dated note, optionally for a
 * follow-up year. The owner may do this for their own actions.
 */
export async function addActionUpdate(ctx: OperationContext, id: string, input: ActionUpdateInput): Promise<ActionDetail> {
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadActionDetail(tx, id, { forUpdate: true });
    if (!canProgramme(ctx.actor, "programme.read") && !canProgramme(ctx.actor, "programme.report", before)) {
      throw new NotFoundError();
    }
    authorizeProgramme(ctx.actor, "programme.report", before);
    const { programme } = before;
    if (!followUpOpen(programme)) {
      throw new ConflictError([{ path: "programme", message: "programme.programme_archived" }]);
    }
    if (input.year !== null && (input.year < programme.start_year || input.year > programme.end_year)) {
      throw new ValidationError([{ path: "year", message: "programme.year_outside_period" }]);
    }
    const statuses = await repo.listStatuses(tx);
    const status = statuses.find((candidate) => candidate.id === input.status_id);
    if (!status) {
      throw new ValidationError([{ path: "status_id", message: "invalid_choice" }]);
    }
    const progress = progressAfterUpdate(before, { status_id: status.id, progress: input.progress }, statuses);
    await repo.updateAction(tx, id, { status_id: status.id, progress });
    const updateId = newId();
    await repo.insertUpdate(tx, {
      id: updateId,
      municipality_id: ctx.scope.municipalityId,
      action_id: id,
      author_id: authorId(ctx),
      year: input.year,
      text: input.text,
      status_id: status.id,
      status_name: status.name,
      progress,
    });
    await audit(tx, ctx, {
      action: "follow_up",
      recordType: "programme_action",
      recordId: id,
      changes: {
        ...diff({ status_name: before.status_name, progress: before.progress }, { status_name: status.name, progress }),
        ...(input.text ? { note: { from: null, to: input.text } } : {}),
        ...(input.year ? { year: { from: null, to: input.year } } : {}),
      },
    });
    await refreshDocument(tx, programme.id);
    return loadActionDetail(tx, id);
  });
}

/** An action with its programme, read once (and locked with `forUpdate`). */
async function loadActionDetail(tx: ScopedTx, id: string, options: { forUpdate?: boolean } = {}): Promise<ActionDetail & { programme: repo.Programme }> {
  const row = isId(id) ? await repo.findAction(tx, id) : undefined;
  if (!row) {
    throw new NotFoundError();
  }
  const programme = await loadProgramme(tx, row.programme_id, options);
  const action = (await loadDetail(tx, programme)).actions.find((candidate) => candidate.id === id);
  if (!action) {
    throw new NotFoundError();
  }
  return { ...action, programme };
}

/** Checks every reference in the scope (foreign keys do not see row-level security); answers the status. */
async function checkReferences(tx: ScopedTx, programmeId: string, input: ActionInput): Promise<repo.ActionStatus> {
  const [areas, status, names] = await Promise.all([repo.listFocusAreas(tx, programmeId), repo.findStatus(tx, input.status_id), repo.partyNames(tx)]);
  const problems: FieldProblem[] = [];
  if (!areas.some((area) => area.id === input.focus_area_id)) {
    problems.push({ path: "focus_area_id", message: "invalid_choice" });
  }
  if (!status) {
    problems.push({ path: "status_id", message: "invalid_choice" });
  }
  const known = (ref: string) => {
    const [kind, refId = ""] = ref.split(":");
    return kind === "unit" ? names.units.has(refId) : names.parties.has(refId);
  };
  if (input.responsible && !known(input.responsible)) {
    problems.push({ path: "responsible", message: "invalid_choice" });
  }
  if (!input.contributors.every(known)) {
    problems.push({ path: "contributors", message: "invalid_choice" });
  }
  if (input.owner_id && !(await repo.staffExists(tx, input.owner_id))) {
    problems.push({ path: "owner_id", message: "invalid_choice" });
  }
  if (problems.length > 0 || !status) {
    throw new ValidationError(problems);
  }
  return status;
}

async function actionFields(tx: ScopedTx, programmeId: string, input: ActionInput, position?: number) {
  const [kind, refId = null] = input.responsible ? input.responsible.split(":") : [null];
  return {
    focus_area_id: input.focus_area_id,
    title: input.title,
    description: input.description,
    responsible_unit_id: kind === "unit" ? refId : null,
    responsible_party_id: kind === "party" ? refId : null,
    owner_id: input.owner_id,
    start_date: input.start_date,
    end_date: input.end_date,
    weight: input.weight,
    position: input.position ?? position ?? (await repo.listActions(tx, programmeId)).length,
  };
}

function contributorRows(ctx: OperationContext, actionId: string, contributors: readonly string[]) {
  return [...new Set(contributors)].map((ref) => {
    const [kind, refId = ""] = ref.split(":");
    return {
      id: newId(),
      municipality_id: ctx.scope.municipalityId,
      action_id: actionId,
      unit_id: kind === "unit" ? refId : null,
      party_id: kind === "party" ? refId : null,
    };
  });
}

const refOf = (ref: { kind: string; id: string } | null) => (ref ? `${ref.kind}:${ref.id}` : null);

export const authorId = (ctx: OperationContext) => (ctx.actor.kind === "user" ? ctx.actor.id : null);

import { swedish } from "../../platform/ui/format.js";
import { diff, recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError, type ErrorCode } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { loadDetail, loadProgramme, loadPublicDetail, refreshDocument, type ProgrammeDetail } from "./detail.js";
import { authorizeProgramme } from "./policy.js";
import { findPublicDocumentTime } from "./read-model/repo.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import * as repo from "./repo.js";
import { canMoveTo, structureLocked } from "./rules.js";
import type { AdoptInput, CommitmentInput, FocusAreaInput, ProgrammeInput } from "./schemas.js";

/** The records this service hands to routes and views, as the repo reads them. */
export type { Programme, ActionStatus } from "./repo.js";

export type { ProgrammeDetail } from "./detail.js";

type Audit = { action: string; recordType: string; recordId: string; changes: Record<string, unknown> };
export const audit = (tx: ScopedTx, ctx: OperationContext, event: Audit) => recordAudit(tx, ctx.actor, event, ctx.requestId);

/** Refuses a change to the structure of an adopted (or archived) programme. */
export function assertStructureOpen(programme: repo.Programme): void {
  if (structureLocked(programme)) {
    throw new ConflictError([{ path: "programme", message: "programme.programme_locked" }]);
  }
}

// --- Programmes -----------------------------------------------------------------------

/** Programmes for staff: drafts included. */
export async function listProgrammes(ctx: OperationContext): Promise<repo.Programme[]> {
  authorizeProgramme(ctx.actor, "programme.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listProgrammes(tx));
}

export async function getProgramme(ctx: OperationContext, id: string): Promise<ProgrammeDetail> {
  authorizeProgramme(ctx.actor, "programme.read");
  return inScope(ctx.db, ctx.scope, async (tx) => loadDetail(tx, await loadProgramme(tx, id)));
}

/** Programmes anyone may read: adopted and archived ones, never drafts. */
export async function listPublicProgrammes(db: Db, scope: Scope): Promise<repo.Programme[]> {
  return inScope(db, scope, async (tx) => (await repo.listProgrammes(tx)).filter((programme) => programme.status !== "draft"));
}

/**
 * The version of a programme's public page: when its document was stored, and the day
 * (its phase follows the date). Null when the public has no document to read.
 */
export async function publicProgrammeVersion(db: Db, scope: Scope, id: string, today = new Date()): Promise<string | null> {
  if (!isId(id)) {
    return null;
  }
  const stored = await inScope(db, scope, (tx) => findPublicDocumentTime(tx, id));
  return stored ? `${stored.toISOString()}|${stockholmParts(today).date}` : null;
}

/** One programme as the public sees it, from its stored document; a draft does not exist for the public. */
export async function getPublicProgramme(db: Db, scope: Scope, id: string): Promise<ProgrammeDetail> {
  return inScope(db, scope, (tx) => loadPublicDetail(tx, id));
}

export async function createProgramme(ctx: OperationContext, input: ProgrammeInput, options: { demo?: boolean } = {}): Promise<repo.Programme> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const id = newId();
    const { party_ids, ...fields } = input;
    await repo.insertProgramme(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      ...fields,
      adopted_by: null,
      adopted_on: null,
      previous_id: null,
      unlock_reason: null,
      demo: options.demo ?? false,
    });
    await checkParties(tx, party_ids);
    await repo.replaceProgrammeParties(tx, ctx.scope.municipalityId, id, party_ids);
    await audit(tx, ctx, { action: "create", recordType: "programme", recordId: id, changes: diff({}, input) });
    await refreshDocument(tx, id);
    return loadProgramme(tx, id);
  });
}

/** Changes the programme's own fields; its period and texts are structure, locked once adopted. */
export async function updateProgramme(ctx: OperationContext, id: string, input: ProgrammeInput): Promise<repo.Programme> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadProgramme(tx, id, { forUpdate: true });
    assertStructureOpen(before);
    const { party_ids, ...fields } = input;
    const partiesBefore = (await repo.listProgrammeParties(tx, id)).map((party) => party.id);
    await repo.updateProgramme(tx, id, fields);
    await checkParties(tx, party_ids);
    await repo.replaceProgrammeParties(tx, ctx.scope.municipalityId, id, party_ids);
    await audit(tx, ctx, { action: "update", recordType: "programme", recordId: id, changes: diff({ ...before, party_ids: partiesBefore }, input) });
    await refreshDocument(tx, id);
    return loadProgramme(tx, id);
  });
}

/** Only a draft can be deleted: an adopted programme is a record of a decision. */
export async function deleteProgramme(ctx: OperationContext, id: string): Promise<void> {
  authorizeProgramme(ctx.actor, "programme.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadProgramme(tx, id, { forUpdate: true });
    if (before.status !== "draft") {
      throw new ConflictError([{ path: "status", message: "programme.only_draft_deleted" }]);
    }
    await repo.deleteProgramme(tx, id);
    await audit(tx, ctx, { action: "delete", recordType: "programme", recordId: id, changes: diff(before, {}) });
  });
}

/** Records the decision: who adopted the programme and when. The structure locks. */
export async function adoptProgramme(ctx: OperationContext, id: string, input: AdoptInput): Promise<repo.Programme> {
  return changeStatus(ctx, id, "adopted", { adopted_by: input.adopted_by, adopted_on: input.adopted_on, unlocked_at: null, unlock_reason: null });
}

export async function archiveProgramme(ctx: OperationContext, id: string): Promise<repo.Programme> {
  return changeStatus(ctx, id, "archived", {});
}

/** Brings an archived programme back as adopted, with its adoption as it was recorded. */
export async function restoreProgramme(ctx: OperationContext, id: string): Promise<repo.Programme> {
  return changeStatus(ctx, id, "adopted", {});
}

async function changeStatus(ctx: OperationContext, id: string, to: "adopted" | "archived", extra: Partial<repo.Programme>): Promise<repo.Programme> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadProgramme(tx, id, { forUpdate: true });
    if (!canMoveTo(before.status, to)) {
      throw new ConflictError([{ path: "status", message: "programme.status_change_not_allowed" }]);
    }
    const values = { status: to, ...extra };
    await repo.updateProgramme(tx, id, values);
    await audit(tx, ctx, { action: to === "adopted" ? "adopt" : "archive", recordType: "programme", recordId: id, changes: diff(before, values) });
    await refreshDocument(tx, id);
    return loadProgramme(tx, id);
  });
}

/** Opens an adopted programme's structure for changes, with the reason on record. */
export async function unlockProgramme(ctx: OperationContext, id: string, reason: string): Promise<repo.Programme> {
  authorizeProgramme(ctx.actor, "programme.unlock");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadProgramme(tx, id, { forUpdate: true });
    if (before.status !== "adopted" || before.unlocked_at !== null) {
      throw new ConflictError([{ path: "status", message: "programme.not_locked" }]);
    }
    const values = { unlocked_at: new Date(), unlock_reason: reason };
    await repo.updateProgramme(tx, id, values);
    await audit(tx, ctx, { action: "unlock", recordType: "programme", recordId: id, changes: { reason: { from: null, to: reason } } });
    await refreshDocument(tx, id);
    return loadProgramme(tx, id);
  });
}

export async function relockProgramme(ctx: OperationContext, id: string): Promise<repo.Programme> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadProgramme(tx, id, { forUpdate: true });
    if (before.status !== "adopted" || before.unlocked_at === null) {
      throw new ConflictError([{ path: "status", message: "programme.not_unlocked" }]);
    }
    await repo.updateProgramme(tx, id, { unlocked_at: null, unlock_reason: null });
    await audit(tx, ctx, { action: "lock", recordType: "programme", recordId: id, changes: { unlock_reason: { from: before.unlock_reason, to: null } } });
    await refreshDocument(tx, id);
    return loadProgramme(tx, id);
  });
}

// --- Commitments and focus areas ------------------------------------------------------

type Part = "commitment" | "focus_area";

export async function getCommitment(ctx: OperationContext, id: string): Promise<repo.Commitment> {
  authorizeProgramme(ctx.actor, "programme.read");
  return inScope(ctx.db, ctx.scope, (tx) => loadPart(tx, "commitment", id) as Promise<repo.Commitment>);
}

export async function getFocusArea(ctx: OperationContext, id: string): Promise<repo.FocusArea> {
  authorizeProgramme(ctx.actor, "programme.read");
  return inScope(ctx.db, ctx.scope, (tx) => loadPart(tx, "focus_area", id) as Promise<repo.FocusArea>);
}

export async function saveCommitment(
  ctx: OperationContext,
  target: { programmeId: string } | { id: string },
  input: CommitmentInput,
): Promise<repo.Commitment> {
  const { title, description } = input;
  return (await savePart(ctx, "commitment", target, { title, description }, input.position)) as repo.Commitment;
}

export async function saveFocusArea(ctx: OperationContext, target: { programmeId: string } | { id: string }, input: FocusAreaInput): Promise<repo.FocusArea> {
  const { name, description } = input;
  return (await savePart(ctx, "focus_area", target, { name, description }, input.position)) as repo.FocusArea;
}

export async function deletePart(ctx: OperationContext, part: Part, id: string): Promise<void> {
  authorizeProgramme(ctx.actor, "programme.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadPart(tx, part, id);
    assertStructureOpen(await loadProgramme(tx, before.programme_id, { forUpdate: true }));
    await (part === "commitment" ? repo.deleteCommitment(tx, id) : repo.deleteFocusArea(tx, id));
    await audit(tx, ctx, { action: "delete", recordType: `programme_${part}`, recordId: id, changes: diff(before, {}) });
    await refreshDocument(tx, before.programme_id);
  });
}

async function savePart(
  ctx: OperationContext,
  part: Part,
  target: { programmeId: string } | { id: string },
  fields: Record<string, string>,
  position: number | null,
): Promise<repo.Commitment | repo.FocusArea> {
  authorizeProgramme(ctx.actor, "programme.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = "id" in target ? await loadPart(tx, part, target.id) : undefined;
    const programme = await loadProgramme(tx, before?.programme_id ?? ("programmeId" in target ? target.programmeId : ""), { forUpdate: true });
    assertStructureOpen(programme);
    const siblings = part === "commitment" ? await repo.listCommitments(tx, programme.id) : await repo.listFocusAreas(tx, programme.id);
    const values = { ...fields, position: position ?? before?.position ?? siblings.length };
    const id = before?.id ?? newId();
    if (before) {
      await (part === "commitment" ? repo.updateCommitment(tx, id, values) : repo.updateFocusArea(tx, id, values)).catch(taken("name"));
    } else {
      const row = { id, municipality_id: ctx.scope.municipalityId, programme_id: programme.id, ...values };
      await (
        part === "commitment"
          ? repo.insertCommitment(tx, row as Parameters<typeof repo.insertCommitment>[1])
          : repo.insertFocusArea(tx, row as Parameters<typeof repo.insertFocusArea>[1])
      ).catch(taken("name"));
    }
    await audit(tx, ctx, { action: before ? "update" : "create", recordType: `programme_${part}`, recordId: id, changes: diff(before ?? {}, values) });
    await refreshDocument(tx, programme.id);
    return loadPart(tx, part, id);
  });
}

async function loadPart(tx: ScopedTx, part: Part, id: string): Promise<repo.Commitment | repo.FocusArea> {
  const found = isId(id) ? await (part === "commitment" ? repo.findCommitment(tx, id) : repo.findFocusArea(tx, id)) : undefined;
  if (!found) {
    throw new NotFoundError();
  }
  return found;
}

/** Foreign keys do not see row-level security, so references are checked in the scope. */
async function checkParties(tx: ScopedTx, partyIds: readonly string[]): Promise<void> {
  const { parties } = await repo.partyNames(tx);
  if (partyIds.some((partyId) => !parties.has(partyId))) {
    throw new ValidationError([{ path: "party_ids", message: "invalid_choice" }]);
  }
}

// --- Database errors as field problems ------------------------------------------------

const pgCode = (error: unknown) => (typeof error === "object" && error !== null ? (error as { code?: string }).code : undefined);

export const taken =
  (path: string) =>
  (error: unknown): never => {
    if (pgCode(error) === "23505") {
      throw new ConflictError([{ path, message: "name_taken" }]);
    }
    throw error;
  };

export const inUse =
  (message: ErrorCode) =>
  (error: unknown): never => {
    if (pgCode(error) === "23503") {
      throw new ConflictError([{ path: "id", message }]);
    }
    throw error;
  };

export interface Choices {
  units: Array<{ id: string; name: string }>;
  parties: Array<{ id: string; name: string }>;
  staff: Array<{ id: string; name: string }>;
  statuses: repo.ActionStatus[];
}

/** What the forms offer: units and parties (responsible, contributing), staff (owners), statuses. */
export async function formChoices(ctx: OperationContext): Promise<Choices> {
  authorizeProgramme(ctx.actor, "programme.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const [names, staff, statuses] = await Promise.all([repo.partyNames(tx), repo.staffChoices(tx), repo.listStatuses(tx)]);
    const sorted = (map: Map<string, string>) => [...map].map(([id, name]) => ({ id, name })).sort((a, b) => swedish.compare(a.name, b.name));
    return { units: sorted(names.units), parties: sorted(names.parties), staff, statuses };
  });
}

/** Whether a programme's structure is locked (for pages deciding what to offer). */
export { structureLocked as isLocked } from "./rules.js";

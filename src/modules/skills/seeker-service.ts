import { diff, recordAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import * as introductions from "./introduction-repo.js";
import { heldKeys } from "./matching.js";
import { authorizeSkills } from "./policy.js";
import type { SeekerInput } from "./schemas.js";
import * as repo from "./seeker-repo.js";
import type { SeekerStatus } from "./tables.js";
import type { SeekerRead } from "./seeker-repo.js";

export type { Seeker, SeekerSummary } from "./seeker-repo.js";

/** Who an actor is, in the words a log keeps. */
export const actorName = (actor: Actor): string => (actor.kind === "system" ? actor.label : actor.name);

export async function listSeekers(
  ctx: OperationContext,
  filter: { status: SeekerStatus | null; mine: boolean },
  page: number,
): Promise<{ seekers: repo.SeekerSummary[]; hasNext: boolean; officers: Array<{ id: string; name: string }> }> {
  authorizeSkills(ctx.actor, "skills.seekers");
  const officerId = filter.mine && ctx.actor.kind === "user" ? ctx.actor.id : null;
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await repo.listSeekers(tx, { status: filter.status, officerId }, page);
    return { seekers: rows.slice(0, repo.seekerPageSize), hasNext: rows.length > repo.seekerPageSize, officers: await repo.officers(tx) };
  });
}

export async function officerChoices(ctx: OperationContext): Promise<Array<{ id: string; name: string }>> {
  authorizeSkills(ctx.actor, "skills.seekers");
  return inScope(ctx.db, ctx.scope, (tx) => repo.officers(tx));
}

export interface SeekerDetail {
  seeker: repo.Seeker;
  statuses: Awaited<ReturnType<typeof repo.statusHistory>>;
  introductions: introductions.IntroductionRow[];
  reads: Array<Pick<SeekerRead, "reader_name" | "what" | "read_at">>;
  officer: string | null;
}

/**
 * Loads a seeker in the caller's transaction and logs the read: who, when, which record
 * and what of it (the record, its form, its matches). The log is part of the person's
 * register extract; every way to a seeker's data goes through here.
 */
export async function readSeeker(tx: ScopedTx, ctx: OperationContext, id: string, what: SeekerRead["what"]): Promise<repo.Seeker> {
  authorizeSkills(ctx.actor, "skills.seekers");
  const seeker = isId(id) ? await repo.findSeeker(tx, id) : undefined;
  if (!seeker) {
    throw new NotFoundError();
  }
  await repo.logRead(tx, {
    id: newId(),
    municipality_id: ctx.scope.municipalityId,
    seeker_id: id,
    reader_id: ctx.actor.kind === "user" ? ctx.actor.id : null,
    reader_name: actorName(ctx.actor),
    what,
  });
  return seeker;
}

export async function getSeeker(ctx: OperationContext, id: string, what: "record" | "form" = "record"): Promise<SeekerDetail> {
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const seeker = await readSeeker(tx, ctx, id, what);
    const officer = seeker.officer_id ? ((await repo.officers(tx)).find((row) => row.id === seeker.officer_id)?.name ?? null) : null;
    return {
      seeker,
      statuses: await repo.statusHistory(tx, id),
      introductions: await introductions.introductionsOfSeeker(tx, id),
      reads: await repo.readLog(tx, id),
      officer,
    };
  });
}

async function checked(tx: ScopedTx, input: SeekerInput, exceptId: string | null): Promise<SeekerInput> {
  if (input.personal_number && (await repo.personalNumberTaken(tx, input.personal_number, exceptId))) {
    throw new ValidationError([{ path: "personal_number", message: "skills.personal_number_taken" }]);
  }
  if (input.officer_id && !(await repo.officers(tx)).some((officer) => officer.id === input.officer_id)) {
    throw new ValidationError([{ path: "officer_id", message: "skills.not_an_officer" }]);
  }
  return input;
}

/** What the audit log keeps of a change: the personal identity number only as "changed". */
function audited(values: Partial<SeekerInput>): Record<string, unknown> {
  const { personal_number, ...rest } = values;
  return personal_number === undefined ? rest : { ...rest, personal_number: personal_number === null ? null : "[hidden]" };
}

export async function createSeeker(ctx: OperationContext, input: SeekerInput): Promise<string> {
  authorizeSkills(ctx.actor, "skills.seekers");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const values = await checked(tx, input, null);
    const id = newId();
    await repo.insertSeeker(tx, { id, municipality_id: ctx.scope.municipalityId, ...values, requirement_keys: heldKeys(values) });
    await repo.insertStatus(tx, {
      id: newId(),
      municipality_id: ctx.scope.municipalityId,
      seeker_id: id,
      status: values.status,
      by_name: actorName(ctx.actor),
    });
    await recordAudit(tx, ctx.actor, { action: "create", recordType: "skills_seeker", recordId: id, changes: diff(undefined, audited(values)) }, ctx.requestId);
    return id;
  });
}

export async function updateSeeker(ctx: OperationContext, id: string, input: SeekerInput): Promise<void> {
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await readSeeker(tx, ctx, id, "form");
    // The number is never shown whole, so its field comes back empty: empty keeps the one stored.
    const values = await checked(tx, { ...input, personal_number: input.personal_number ?? before.personal_number }, id);
    await repo.updateSeeker(tx, id, { ...values, requirement_keys: heldKeys(values) });
    if (before.status !== values.status) {
      await repo.insertStatus(tx, {
        id: newId(),
        municipality_id: ctx.scope.municipalityId,
        seeker_id: id,
        status: values.status,
        by_name: actorName(ctx.actor),
      });
    }
    const changes = diff(audited(before as unknown as SeekerInput), audited(values));
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "skills_seeker", recordId: id, changes }, ctx.requestId);
  });
}

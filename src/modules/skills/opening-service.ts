import { diff, recordAudit } from "../../platform/audit/audit.js";
import { systemActor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { swedishToday } from "../../platform/sweden/time.js";
import { emitEvent } from "../../platform/webhooks/emit.js";
import * as introductions from "./introduction-repo.js";
import { findCompanyIdByNumber, linkCompany } from "../companies/index.js";
import * as repo from "./opening-repo.js";
import { authorizeSkills, canSkills } from "./policy.js";
import type { OpeningInput } from "./schemas.js";
import type { OpeningStatus } from "./tables.js";

export type { Opening } from "./opening-repo.js";
export type { IntroductionRow } from "./introduction-repo.js";

/** Today in Swedish time: an opening closes at the end of its last day to apply. */
export { swedishToday };

export async function listOpenings(ctx: OperationContext, status: OpeningStatus | null, page: number): Promise<{ openings: repo.Opening[]; hasNext: boolean }> {
  authorizeSkills(ctx.actor, "skills.openings.read");
  const rows = await inScope(ctx.db, ctx.scope, (tx) => repo.listOpenings(tx, status, page));
  return { openings: rows.slice(0, repo.openingPageSize), hasNext: rows.length > repo.openingPageSize };
}

/** The blank form is for those who may write openings. */
export function assertWrite(ctx: OperationContext): void {
  authorizeSkills(ctx.actor, "skills.openings.write");
}

export interface OpeningDetail {
  opening: repo.Opening;
  /** Its introductions, for those who may read job seekers; else none. */
  introductions: introductions.IntroductionRow[];
}

export async function getOpening(ctx: OperationContext, id: string): Promise<OpeningDetail> {
  authorizeSkills(ctx.actor, "skills.openings.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const opening = isId(id) ? await repo.findOpening(tx, id) : undefined;
    if (!opening) {
      throw new NotFoundError();
    }
    return { opening, introductions: canSkills(ctx.actor, "skills.seekers") ? await introductions.introductionsOfOpening(tx, id) : [] };
  });
}

/** What is stored of an opening as written: its skills as one list, must-haves first. */
export function valuesOf(input: OpeningInput) {
  if (input.starts_on && input.apply_by && input.apply_by > input.starts_on) {
    throw new ValidationError([{ path: "apply_by", message: "skills.apply_after_start" }]);
  }
  const { must_skills, wanted_skills, ...rest } = input;
  const skills = [...must_skills.map((name) => ({ name, must: true, weight: 1 })), ...wanted_skills];
  return { ...rest, skills: JSON.stringify(skills) };
}

export async function createOpening(ctx: OperationContext, input: OpeningInput): Promise<string> {
  authorizeSkills(ctx.actor, "skills.openings.write");
  const values = valuesOf(input);
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const id = newId();
    await repo.insertOpening(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      status: "draft",
      created_by: ctx.actor.kind === "user" ? ctx.actor.id : null,
      ...values,
    });
    await recordAudit(tx, ctx.actor, { action: "create", recordType: "skills_opening", recordId: id, changes: diff(undefined, values) }, ctx.requestId);
    return id;
  });
}

export async function updateOpening(ctx: OperationContext, id: string, input: OpeningInput): Promise<void> {
  authorizeSkills(ctx.actor, "skills.openings.write");
  const values = valuesOf(input);
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = isId(id) ? await repo.findOpeningForUpdate(tx, id) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    if (input.places < before.filled) {
      throw new ValidationError([{ path: "places", message: "skills.places_below_filled" }]);
    }
    await repo.updateOpening(tx, id, values);
    const changes = diff({ ...before, skills: JSON.stringify(before.skills) } as Record<string, unknown>, values);
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "skills_opening", recordId: id, changes }, ctx.requestId);
  });
}

export async function deleteOpening(ctx: OperationContext, id: string): Promise<void> {
  authorizeSkills(ctx.actor, "skills.openings.write");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = isId(id) ? await repo.findOpeningForUpdate(tx, id) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    // A placement is an outcome the programme counts: an opening that led to one is closed, not deleted.
    if (before.filled > 0) {
      throw new ConflictError([{ path: "places", message: "skills.opening_has_placements" }]);
    }
    await repo.deleteOpening(tx, id);
    await recordAudit(tx, ctx.actor, { action: "delete", recordType: "skills_opening", recordId: id, changes: { title: before.title } }, ctx.requestId);
  });
}

/** Publishes an opening staff wrote or reviewed, or closes one; each a step the audit log names. */
export async function setStatus(ctx: OperationContext, id: string, to: "published" | "closed"): Promise<void> {
  authorizeSkills(ctx.actor, "skills.openings.write");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = isId(id) ? await repo.findOpeningForUpdate(tx, id) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    if (to === "published") {
      if (before.status === "published") {
        return;
      }
      // A business's posting is published only once the business has confirmed it: an unconfirmed one may be anyone's.
      if (before.status === "unverified") {
        throw new ConflictError([{ path: "status", message: "skills.not_verified" }]);
      }
      if (before.apply_by !== null && before.apply_by < swedishToday()) {
        throw new ConflictError([{ path: "apply_by", message: "skills.deadline_passed" }]);
      }
      await repo.updateOpening(tx, id, { status: "published", published_at: before.published_at ?? new Date(), closed_at: null });
      // A company that advertises here is one of the municipality's own, on its list in the register.
      const companyId = before.org_number ? await findCompanyIdByNumber(tx, before.org_number) : undefined;
      if (companyId) {
        await linkCompany(tx, ctx.scope.municipalityId, companyId, "opening");
      }
      // Ids and codes only: a sole trader's organisation number is a personal identity number.
      await emitEvent(tx, "skills.opening.published", { opening_id: id, kind: before.kind, occupation: before.occupation });
    } else {
      if (before.status === "closed") {
        return;
      }
      await repo.updateOpening(tx, id, { status: "closed", closed_at: new Date() });
    }
    await recordAudit(
      tx,
      ctx.actor,
      { action: to === "published" ? "published" : "closed", recordType: "skills_opening", recordId: id, changes: { status: { from: before.status, to } } },
      ctx.requestId,
    );
  });
}

// The public side ------------------------------------------------------------------------

export const publicPageSize = 20;

export async function openOpenings(db: Db, scope: Scope, page: number): Promise<{ openings: repo.Opening[]; hasNext: boolean }> {
  const rows = await inScope(db, scope, (tx) => repo.listOpen(tx, swedishToday(), publicPageSize + 1, (page - 1) * publicPageSize));
  return { openings: rows.slice(0, publicPageSize), hasNext: rows.length > publicPageSize };
}

/** A published opening, or one that was published and has closed (its page says so); a draft is a 404. */
export async function publicOpening(db: Db, scope: Scope, id: string): Promise<{ opening: repo.Opening; open: boolean }> {
  const opening = isId(id) ? await inScope(db, scope, (tx) => repo.findOpening(tx, id)) : undefined;
  if (!opening || opening.published_at === null || (opening.status !== "published" && opening.status !== "closed")) {
    throw new NotFoundError();
  }
  const open = opening.status === "published" && (opening.apply_by === null || opening.apply_by >= swedishToday());
  return { opening, open };
}

const deadlineKeeper = systemActor("skills.deadlines");

/** The job runner's daily round: published openings whose last day to apply has passed are closed. */
export async function closePassedOpenings(db: Db, scope: Scope, now = new Date()): Promise<number> {
  return inScope(db, scope, async (tx) => {
    const ids = await repo.closePassed(tx, swedishToday(now));
    for (const id of ids) {
      await recordAudit(tx, deadlineKeeper, {
        action: "closed",
        recordType: "skills_opening",
        recordId: id,
        changes: { status: { from: "published", to: "closed" } },
      });
    }
    return ids.length;
  });
}

/**
 * What came of the matching: a placement's follow-up 90 days after it ends, reminded to the
 * responsible officer by the job runner, and the programme's indicators of the year.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import { systemActor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import { isId } from "../../platform/ids.js";
import { queueMail } from "../../platform/mail/repo.js";
import * as repo from "./introduction-repo.js";
import { swedishToday } from "./opening-service.js";
import { authorizeSkills } from "./policy.js";
import type { FollowUpInput } from "./schemas.js";

/** The follow-up of a placement: may be recorded once it is placed, and is recorded once. */
export async function recordFollowUp(ctx: OperationContext, id: string, input: FollowUpInput): Promise<{ seekerId: string }> {
  authorizeSkills(ctx.actor, "skills.seekers");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = isId(id) ? await repo.findIntroductionForUpdate(tx, id) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    if (before.status !== "placed" || before.follow_up !== null) {
      throw new ConflictError([{ path: "follow_up", message: "skills.no_follow_up" }]);
    }
    await repo.updateIntroduction(tx, id, { follow_up: input.follow_up, followed_up_at: new Date() });
    await recordAudit(
      tx,
      ctx.actor,
      { action: "introduction.followed_up", recordType: "skills_introduction", recordId: id, changes: { follow_up: { from: null, to: input.follow_up } } },
      ctx.requestId,
    );
    return { seekerId: before.seeker_id };
  });
}

const reminder = systemActor("skills.follow-ups");

/** The job runner's daily round: each officer hears of the follow-ups that fell due; each placement once. The mail names no one. */
export async function remindFollowUps(db: Db, scope: Scope, links: { base: string; municipality: string }, now = new Date()): Promise<number> {
  return inScope(db, scope, async (tx) => {
    const due = await repo.followUpsToRemind(tx, swedishToday(now));
    for (const row of due) {
      await queueMail(tx, {
        municipalityId: scope.municipalityId,
        purpose: "skills.follow_up_due",
        subjectRef: row.seeker_id,
        to: row.officer_email,
        subject: "Dags att följa upp en placering",
        text: `Hej!\n\nEn placering hos ${row.employer} skulle följas upp ${row.follow_up_due}: är personen i arbete, i studier eller något annat?\n\n${links.base}/kompetens/arbetssokande/${row.seeker_id}\n\n${links.municipality}`,
      });
    }
    await repo.markReminded(
      tx,
      due.map((row) => row.id),
    );
    if (due.length > 0) {
      await recordAudit(tx, reminder, {
        action: "follow_ups.reminded",
        recordType: "skills_introduction",
        recordId: null,
        changes: { placements: due.length },
      });
    }
    return due.length;
  });
}

/** The indicators the skills module offers the programme, each a figure of a municipality-year. */
export const outcomeFigures = {
  "skills.indicator_people_placed": (row: Awaited<ReturnType<typeof repo.yearOutcomes>>) => (row.people > 0 ? Number(row.people) : null),
  "skills.indicator_places_filled": (row: Awaited<ReturnType<typeof repo.yearOutcomes>>) => (row.places > 0 ? Number(row.places) : null),
  "skills.indicator_in_work_share": (row: Awaited<ReturnType<typeof repo.yearOutcomes>>) =>
    row.recorded > 0 ? Math.round((Number(row.in_work) / Number(row.recorded)) * 1000) / 10 : null,
  "skills.indicator_median_days_to_fill": (row: Awaited<ReturnType<typeof repo.yearOutcomes>>) =>
    row.median_days === null ? null : Math.round(Number(row.median_days) * 10) / 10,
} as const;

export type OutcomeKey = keyof typeof outcomeFigures;

export async function outcomeValue(db: Db, scope: Scope, key: OutcomeKey, year: number): Promise<number | null> {
  return outcomeFigures[key](await inScope(db, scope, (tx) => repo.yearOutcomes(tx, year)));
}

import { recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { Catalogue } from "../../platform/db/catalogues.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { GroupCommit } from "../../platform/db/group-commit.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { nextDate } from "../../platform/sweden/business-calendar.js";
import { emitEvent } from "../../platform/webhooks/emit.js";
import * as introductions from "./introduction-repo.js";
import { match, ranked, scoreTerms, type Match } from "./matching.js";
import * as openings from "./opening-repo.js";
import { swedishToday } from "./opening-service.js";
import { authorizeSkills } from "./policy.js";
import { nextSteps } from "./steps.js";
import type { ProposeInput, ShortlistFilter, StepInput } from "./schemas.js";
import * as seekers from "./seeker-repo.js";
import { actorName, readSeeker } from "./seeker-service.js";

/** How many of the best a shortlist shows. */
export const shortlistSize = 50;

export interface Shortlist {
  opening: openings.Opening;
  rows: Array<{ seeker: seekers.MatchableSeeker; match: Match; introduced: boolean }>;
  /** How many were ruled out by a missing requirement, when they were asked for (else they are not loaded: null). */
  ruledOut: number | null;
}

/** Whether a match passes a shortlist's filters: the place and the availability, when asked for. */
function passes(found: Match, filter: Pick<ShortlistFilter, "plats" | "i_tid">): boolean {
  return found.reasons.every(
    (reason) => !((filter.plats && reason.key === "place" && reason.fits === "no") || (filter.i_tid && reason.key === "available" && !reason.inTime)),
  );
}

/**
 * An opening's shortlist changes only when a seeker, an opening or an introduction does: it
 * is kept per municipality, opening and filters (`Catalogue`), dropped by any write to those
 * tables, and the same object is handed out until then (a page may keep its rendering by it).
 */
const keptShortlists = new Catalogue<Shortlist, string>(["skills_seekers", "skills_openings", "skills_introductions"], (tx, key) => {
  const { openingId, filter } = JSON.parse(key) as { openingId: string; filter: ShortlistFilter };
  return rankShortlist(tx, openingId, filter);
});

/** Each look at a shortlist is logged before the page is shown; looks that come together are stored together. */
const shortlistReads = new GroupCommit(seekers.logShortlistReads);

/** The best seekers for an opening; the look is logged as a read of each seeker shown, whether the list was kept or ranked anew. */
export async function shortlistForOpening(ctx: OperationContext, openingId: string, filter: ShortlistFilter): Promise<Shortlist> {
  authorizeSkills(ctx.actor, "skills.seekers");
  if (!isId(openingId)) {
    throw new NotFoundError();
  }
  const key = JSON.stringify({ openingId, filter: { alla: filter.alla, plats: filter.plats, i_tid: filter.i_tid } });
  const shortlist = await inScope(ctx.db, ctx.scope, (tx) => keptShortlists.get(tx, key));
  // The request's transaction has ended: the log's batch takes a connection of its own.
  if (shortlist.rows.length > 0) {
    await shortlistReads.append(ctx.db, ctx.scope, {
      id: newId(),
      municipality_id: ctx.scope.municipalityId,
      opening_id: shortlist.opening.id,
      seeker_ids: shortlist.rows.map(({ seeker }) => seeker.id),
      reader_id: ctx.actor.kind === "user" ? ctx.actor.id : null,
      reader_name: actorName(ctx.actor),
    });
  }
  return shortlist;
}

async function rankShortlist(tx: ScopedTx, openingId: string, filter: ShortlistFilter): Promise<Shortlist> {
  const opening = await openings.findOpening(tx, openingId);
  if (!opening) {
    throw new NotFoundError();
  }
  // The database scores and ranks; only the shown are loaded, and explained here by the same rules.
  const terms = scoreTerms(opening);
  const best = await seekers.shortlist(tx, { ...terms, includeRuledOut: filter.alla, place: filter.plats, inTime: filter.i_tid, limit: shortlistSize });
  const introduced = new Set((await introductions.introductionsOfOpening(tx, openingId)).map((row) => row.seeker_id));
  return {
    opening,
    rows: best.map(({ eligible: _eligible, score: _score, ...seeker }) => ({ seeker, match: match(seeker, opening), introduced: introduced.has(seeker.id) })),
    ruledOut: filter.alla ? await seekers.countRuledOut(tx, terms.required) : null,
  };
}

export interface SeekerMatches {
  seeker: seekers.Seeker;
  rows: Array<{ opening: openings.Opening; match: Match; introduced: boolean }>;
}

/** The best open openings for a seeker (a read of the seeker, logged). */
export async function matchesForSeeker(ctx: OperationContext, seekerId: string, filter: ShortlistFilter): Promise<SeekerMatches> {
  const includeRuledOut = filter.alla;
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const seeker = await readSeeker(tx, ctx, seekerId, "matches");
    const open = await openings.listOpen(tx, swedishToday(), 10_000);
    const introduced = new Set((await introductions.introductionsOfSeeker(tx, seekerId)).map((row) => row.opening_id));
    const rows = ranked(open, (opening) => match(seeker, opening))
      .filter((row) => (includeRuledOut || row.match.eligible) && passes(row.match, filter))
      .slice(0, shortlistSize);
    return { seeker, rows: rows.map(({ item, match }) => ({ opening: item, match, introduced: introduced.has(item.id) })) };
  });
}

/** The seeker an introduction is about (its page shows the introduction's steps). */
export async function seekerOfIntroduction(ctx: OperationContext, id: string): Promise<string> {
  authorizeSkills(ctx.actor, "skills.seekers");
  const found = isId(id) ? await inScope(ctx.db, ctx.scope, (tx) => introductions.findIntroduction(tx, id)) : undefined;
  if (!found) {
    throw new NotFoundError();
  }
  return found.seeker_id;
}

/** The officer proposes a seeker for an open opening: a match that a requirement rules out cannot be proposed. */
export async function propose(ctx: OperationContext, input: ProposeInput): Promise<string> {
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const seeker = await readSeeker(tx, ctx, input.seeker_id, "matches");
    const opening = await openings.findOpening(tx, input.opening_id);
    if (!opening) {
      throw new NotFoundError();
    }
    if (opening.status !== "published" || opening.filled >= opening.places) {
      throw new ConflictError([{ path: "opening_id", message: "skills.opening_not_open" }]);
    }
    const found = match(seeker, opening);
    if (!found.eligible) {
      throw new ConflictError([{ path: "opening_id", message: "skills.ruled_out" }]);
    }
    if (await introductions.introductionExists(tx, seeker.id, opening.id)) {
      throw new ConflictError([{ path: "opening_id", message: "skills.already_introduced" }]);
    }
    const id = newId();
    const at = new Date();
    await introductions.insertIntroduction(tx, {
      id,
      municipality_id: ctx.scope.municipalityId,
      seeker_id: seeker.id,
      opening_id: opening.id,
      status: "proposed",
      score: found.score,
      consent_at: input.consent ? at : null,
      steps: JSON.stringify([{ status: "proposed", at: at.toISOString(), by: actorName(ctx.actor) }]),
    });
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "introduction.proposed",
        recordType: "skills_introduction",
        recordId: id,
        changes: { seeker_id: seeker.id, opening_id: opening.id, score: found.score },
      },
      ctx.requestId,
    );
    return id;
  });
}

/**
 * The next step of an introduction, dated and by whom. Contacting the employer shares the
 * person's profile, so it needs the person's recorded consent; placing fills a place of
 * the opening and marks the seeker placed.
 */
export async function step(ctx: OperationContext, id: string, input: StepInput): Promise<{ seekerId: string }> {
  authorizeSkills(ctx.actor, "skills.seekers");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = isId(id) ? await introductions.findIntroductionForUpdate(tx, id) : undefined;
    if (!before) {
      throw new NotFoundError();
    }
    if (!nextSteps(before.status).includes(input.status)) {
      throw new ConflictError([{ path: "status", message: "skills.step_not_allowed" }]);
    }
    const consentAt = before.consent_at ?? (input.consent ? new Date() : null);
    if (input.status === "contacted" && consentAt === null) {
      throw new ValidationError([{ path: "consent", message: "skills.consent_needed" }]);
    }
    let placement = {};
    if (input.status === "placed") {
      const starts = input.starts_on ?? swedishToday();
      if (input.ends_on !== null && input.ends_on < starts) {
        throw new ValidationError([{ path: "ends_on", message: "end_before_start" }]);
      }
      placement = { placed_at: new Date(), starts_on: starts, ends_on: input.ends_on, follow_up_due: nextDate(input.ends_on ?? starts, 90) };
      if (!(await introductions.fillPlace(tx, before.opening_id))) {
        throw new ConflictError([{ path: "status", message: "skills.opening_full" }]);
      }
      await seekers.updateSeeker(tx, before.seeker_id, { status: "placed" });
      await seekers.insertStatus(tx, {
        id: newId(),
        municipality_id: ctx.scope.municipalityId,
        seeker_id: before.seeker_id,
        status: "placed",
        by_name: actorName(ctx.actor),
      });
      await emitEvent(tx, "skills.placement.made", { introduction_id: id, opening_id: before.opening_id });
    }
    const steps = [...before.steps, { status: input.status, at: new Date().toISOString(), by: actorName(ctx.actor) }];
    await introductions.updateIntroduction(tx, id, { status: input.status, consent_at: consentAt, steps: JSON.stringify(steps), ...placement });
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: `introduction.${input.status}`,
        recordType: "skills_introduction",
        recordId: id,
        changes: { status: { from: before.status, to: input.status } },
      },
      ctx.requestId,
    );
    return { seekerId: before.seeker_id };
  });
}

export interface EmployerProfile {
  introduction: introductions.HeldIntroduction;
  opening: openings.Opening;
  seeker: seekers.Seeker;
  /** Whether the person consented to this employer seeing who they are; without it the profile is anonymised. */
  named: boolean;
}

/** The profile the officer gives the employer of an introduction: the person named only with their consent for it (a read, logged). */
export async function employerProfile(ctx: OperationContext, id: string): Promise<EmployerProfile> {
  authorizeSkills(ctx.actor, "skills.seekers");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const introduction = isId(id) ? await introductions.findIntroduction(tx, id) : undefined;
    if (!introduction) {
      throw new NotFoundError();
    }
    const seeker = await readSeeker(tx, ctx, introduction.seeker_id, "profile");
    const opening = (await openings.findOpening(tx, introduction.opening_id))!;
    return { introduction, opening, seeker, named: introduction.consent_at !== null };
  });
}

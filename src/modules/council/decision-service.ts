/**
 * Decisions and what comes of them: a decision points to a programme action (or creates
 * one), and shows the action's status; the action's page lists the decisions behind it.
 * Each follow-up has an owner and a due date, and the owner is reminded by mail.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import { systemActor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { queueMail } from "../../platform/mail/repo.js";
import { nextDate } from "../../platform/sweden/business-calendar.js";
import {
  actionChoicesIn,
  actionSummaryIn,
  createActionIn,
  openFocusAreasIn,
  staffChoices,
  type ActionReferenceSource,
  type ActionSummary,
} from "../programme/index.js";
import * as minutes from "./minutes-repo.js";
import { authorizeCouncil, canCouncil, canFinishFollowUp } from "./policy.js";
import { swedishToday } from "./member-service.js";

export type { DecisionRow } from "./minutes-repo.js";

/** Who reminds owners of their follow-ups, as the audit log names it. */
const reminder = systemActor("Påminnelser om rådets uppföljningar");

/** A follow-up is reminded this many days before it falls due. */
const remindDaysBefore = 3;

export interface DecisionPage {
  decision: minutes.DecisionRow;
  action: ActionSummary | null;
  followUps: minutes.FollowUpRow[];
  /** For those who manage the council: what the forms offer. */
  choices: {
    actions: Array<{ id: string; label: string }>;
    focusAreas: Array<{ id: string; label: string }>;
    staff: Array<{ id: string; name: string }>;
  } | null;
}

async function loadDecision(tx: ScopedTx, id: string): Promise<minutes.DecisionRow> {
  const decision = isId(id) ? await minutes.findDecision(tx, id) : undefined;
  if (!decision) {
    throw new NotFoundError();
  }
  return decision;
}

/** A decision's page, for those who read the council's work and for the owners of its follow-ups. */
export async function decisionPage(ctx: OperationContext, id: string): Promise<DecisionPage> {
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const decision = await loadDecision(tx, id);
    const followUps = await minutes.listFollowUps(tx, [id]);
    const owner = ctx.actor.kind === "user" && followUps.some((row) => row.owner_id === (ctx.actor as { id: string }).id);
    if (!canCouncil(ctx.actor, "council.read") && !owner) {
      throw new ForbiddenError();
    }
    const manage = canCouncil(ctx.actor, "council.manage");
    return {
      decision,
      action: decision.action_id ? ((await actionSummaryIn(tx, decision.action_id)) ?? null) : null,
      followUps,
      choices: manage ? { actions: await actionChoicesIn(tx), focusAreas: await openFocusAreasIn(tx), staff: await staffChoices(tx) } : null,
    };
  });
}

/** Points the decision to an action, or to none. */
export async function linkAction(ctx: OperationContext, id: string, actionId: string | null): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const decision = await loadDecision(tx, id);
    if (actionId !== null && !(await actionSummaryIn(tx, actionId))) {
      throw new ValidationError([{ path: "action_id", message: "invalid_choice" }]);
    }
    await minutes.setDecisionAction(tx, id, actionId);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "action.linked", recordType: "council_decision", recordId: id, changes: { action: { from: decision.action_id, to: actionId } } },
      ctx.requestId,
    );
  });
}

/** Creates a programme action from the decision, in one transaction with the link to it. */
export async function createAction(ctx: OperationContext, id: string, focusAreaId: string, title: string): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const decision = await loadDecision(tx, id);
    const actionId = await createActionIn(tx, ctx, focusAreaId, title, decision.text);
    await minutes.setDecisionAction(tx, id, actionId);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "action.linked", recordType: "council_decision", recordId: id, changes: { action: { from: decision.action_id, to: actionId } } },
      ctx.requestId,
    );
  });
}

export async function addFollowUp(ctx: OperationContext, decisionId: string, input: { text: string; owner_id: string; due_on: string }): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await loadDecision(tx, decisionId);
    if (!(await staffChoices(tx)).some((person) => person.id === input.owner_id)) {
      throw new ValidationError([{ path: "owner_id", message: "invalid_choice" }]);
    }
    const id = newId();
    await minutes.insertFollowUp(tx, { id, municipality_id: ctx.scope.municipalityId, decision_id: decisionId, ...input });
    await recordAudit(tx, ctx.actor, { action: "follow_up.added", recordType: "council_decision", recordId: decisionId, changes: { ...input } }, ctx.requestId);
  });
}

/** Marks a follow-up done (or open again); answers its decision's id. */
export async function finishFollowUp(ctx: OperationContext, id: string, done: boolean, now = new Date()): Promise<string> {
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const followUp = isId(id) ? await minutes.findFollowUp(tx, id) : undefined;
    if (!followUp || (!canCouncil(ctx.actor, "council.read") && !(ctx.actor.kind === "user" && ctx.actor.id === followUp.owner_id))) {
      throw new NotFoundError();
    }
    if (!canFinishFollowUp(ctx.actor, followUp)) {
      throw new ForbiddenError();
    }
    await minutes.markFollowUpDone(tx, id, done ? now : null);
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: done ? "follow_up.done" : "follow_up.reopened",
        recordType: "council_decision",
        recordId: followUp.decision_id,
        changes: { text: followUp.text },
      },
      ctx.requestId,
    );
    return followUp.decision_id;
  });
}

/** Mails each owner of a follow-up falling due within three days, once; answers how many. */
export async function remindFollowUps(db: Db, scope: Scope, links: { base: string; municipality: string }, now = new Date()): Promise<number> {
  return inScope(db, scope, async (tx) => {
    const due = await minutes.followUpsToRemind(tx, nextDate(swedishToday(now), remindDaysBefore));
    for (const row of due) {
      await queueMail(tx, {
        municipalityId: scope.municipalityId,
        purpose: "council.follow_up_due",
        to: row.owner_email,
        subject: `Uppföljning av rådets beslut senast ${row.due_on}`,
        text: `Hej!\n\nDu ska följa upp ett beslut i näringslivsrådet senast ${row.due_on}:\n\n${row.text}\n\nBeslutet: ${row.decision_text}\n\n${links.base}/radet/beslut/${row.decision_id}\n\n${links.municipality}`,
      });
    }
    await minutes.markReminded(
      tx,
      due.map((row) => row.id),
      now,
    );
    if (due.length > 0) {
      await recordAudit(tx, reminder, { action: "follow_ups.reminded", recordType: "council_decision", recordId: null, changes: { follow_ups: due.length } });
    }
    return due.length;
  });
}

/** A staff member's open follow-ups, for their start page. */
export async function myFollowUps(ctx: OperationContext) {
  if (ctx.actor.kind !== "user") {
    return [];
  }
  const actor = ctx.actor;
  return inScope(ctx.db, ctx.scope, (tx) => minutes.openFollowUpsOf(tx, actor.id));
}

/** The council's decisions behind a programme action, on the action's page. */
export const decisionsOnActions: ActionReferenceSource = {
  heading: "council.decisions_behind",
  visible: (actor) => canCouncil(actor, "council.read"),
  list: async (tx, actionId) =>
    (await minutes.decisionsForAction(tx, actionId)).map((decision) => ({
      href: `/radet/beslut/${decision.id}`,
      text: `${decision.meeting_title}, ${decision.item_title}: ${decision.text}`,
      date: decision.starts_at,
    })),
};

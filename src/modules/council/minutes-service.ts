/**
 * The minutes (protokoll): after the meeting the secretary records attendance, a section
 * per item and its decisions, and chooses the adjuster. Sent for approval, the minutes are
 * frozen as a version; the chair and the adjuster each approve it behind their own link,
 * logged with time, and the version locks. A correction of approved minutes is a new
 * version with its reason, approved again; the earlier versions stay readable.
 */
import { createHash } from "node:crypto";
import { recordAudit } from "../../platform/audit/audit.js";
import { systemActor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { hashLinkToken, linkToken, looksLikeLinkToken, newLinkSalt } from "../../platform/links.js";
import { queueMails } from "../../platform/mail/repo.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import type { CouncilLinks } from "./invitation-service.js";
import * as members from "./member-repo.js";
import * as repo from "./meeting-repo.js";
import { loadItem, loadMeeting } from "./meeting-service.js";
import * as minutes from "./minutes-repo.js";
import { authorizeCouncil } from "./policy.js";
import type { AttendanceInput } from "./schemas.js";
import { canCorrect, canPublish, minutesOpen } from "./states.js";
import type { ApproverRole, MinutesContent } from "./tables.js";

export type { MinutesContent } from "./tables.js";

/** A member approving behind their link, as the audit log names it. */
export const approvalActor = systemActor("Justering av protokoll (länk)");

async function pendingVersion(tx: ScopedTx, meetingId: string): Promise<minutes.Minutes | undefined> {
  const newest = (await minutes.listVersions(tx, meetingId))[0];
  return newest && newest.approved_at === null ? newest : undefined;
}

/** Loads the meeting for writing its minutes, refusing when they are not open for writing. */
async function openMinutes(tx: ScopedTx, meetingId: string): Promise<repo.Meeting> {
  const meeting = await loadMeeting(tx, meetingId, { forUpdate: true });
  if (!minutesOpen(meeting, (await pendingVersion(tx, meetingId)) !== undefined)) {
    throw new ConflictError([{ path: "meeting", message: "council.minutes_closed" }]);
  }
  return meeting;
}

/** Marks the meeting held (on its day or after): everyone in office is on the attendance list, those who said they would come ticked. */
export async function markHeld(ctx: OperationContext, meetingId: string, now = new Date()): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const meeting = await loadMeeting(tx, meetingId, { forUpdate: true });
    const day = stockholmParts(meeting.starts_at).date;
    if (meeting.state !== "planned" && meeting.state !== "invited") {
      throw new ConflictError([{ path: "meeting", message: "council.meeting_held" }]);
    }
    if (day > stockholmParts(now).date) {
      throw new ConflictError([{ path: "meeting", message: "council.meeting_ahead" }]);
    }
    await repo.upsertParticipants(
      tx,
      (await members.membersInOffice(tx, day)).map((member) => ({
        meeting_id: meetingId,
        member_id: member.id,
        municipality_id: ctx.scope.municipalityId,
        role: member.role,
      })),
    );
    const participants = await repo.listParticipants(tx, meetingId);
    await repo.setPresence(tx, meetingId, new Set(participants.filter((row) => row.answer === "attending").map((row) => row.member_id)));
    await repo.updateMeeting(tx, meetingId, { state: "held", held_at: now });
    await recordAudit(
      tx,
      ctx.actor,
      { action: "held", recordType: "council_meeting", recordId: meetingId, changes: { participants: participants.length } },
      ctx.requestId,
    );
  });
}

export async function saveAttendance(ctx: OperationContext, meetingId: string, input: AttendanceInput): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await openMinutes(tx, meetingId);
    const participants = await repo.listParticipants(tx, meetingId);
    const ids = new Set(participants.map((row) => row.member_id));
    if (input.present.some((id) => !ids.has(id))) {
      throw new ValidationError([{ path: "present", message: "invalid_choice" }]);
    }
    const chair = participants.find((row) => row.role === "chair");
    if (input.adjuster_id !== null && (!ids.has(input.adjuster_id) || input.adjuster_id === chair?.member_id)) {
      throw new ValidationError([{ path: "adjuster_id", message: "council.adjuster_not_chair" }]);
    }
    await repo.setPresence(tx, meetingId, new Set(input.present));
    await repo.updateMeeting(tx, meetingId, { adjuster_id: input.adjuster_id });
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "attendance.saved",
        recordType: "council_meeting",
        recordId: meetingId,
        changes: { present: input.present.length, adjuster: input.adjuster_id },
      },
      ctx.requestId,
    );
  });
}

/** Writes an item's section of the minutes; answers the meeting's id. */
export async function saveSection(ctx: OperationContext, itemId: string, text: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const item = await loadItem(tx, itemId);
    await openMinutes(tx, item.meeting_id);
    await repo.updateItem(tx, itemId, { minutes: text });
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "section.saved",
        recordType: "council_meeting",
        recordId: item.meeting_id,
        changes: { item: item.title, minutes: { from: item.minutes, to: text } },
      },
      ctx.requestId,
    );
    return item.meeting_id;
  });
}

export async function addDecision(ctx: OperationContext, itemId: string, text: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const item = await loadItem(tx, itemId);
    await openMinutes(tx, item.meeting_id);
    const id = newId();
    await minutes.insertDecision(tx, { id, municipality_id: ctx.scope.municipalityId, meeting_id: item.meeting_id, item_id: itemId, text });
    await recordAudit(tx, ctx.actor, { action: "create", recordType: "council_decision", recordId: id, changes: { item: item.title, text } }, ctx.requestId);
    return item.meeting_id;
  });
}

/** Removes a decision written by mistake; one that already has an action or follow-ups stays. Answers the meeting's id. */
export async function removeDecision(ctx: OperationContext, id: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const decision = isId(id) ? await minutes.findDecision(tx, id) : undefined;
    if (!decision) {
      throw new NotFoundError();
    }
    await openMinutes(tx, decision.meeting_id);
    if (decision.action_id !== null || (await minutes.listFollowUps(tx, [id])).length > 0) {
      throw new ConflictError([{ path: "decision", message: "council.decision_in_use" }]);
    }
    await minutes.deleteDecision(tx, id);
    await recordAudit(tx, ctx.actor, { action: "delete", recordType: "council_decision", recordId: id, changes: { text: decision.text } }, ctx.requestId);
    return decision.meeting_id;
  });
}

/** The minutes as they stand now, frozen for a version. */
async function currentContent(tx: ScopedTx, meeting: repo.Meeting): Promise<MinutesContent> {
  const [participants, items, decisions] = await Promise.all([
    repo.listParticipants(tx, meeting.id),
    repo.listItems(tx, meeting.id),
    minutes.listDecisions(tx, meeting.id),
  ]);
  return {
    title: meeting.title,
    starts_at: meeting.starts_at.toISOString(),
    ends_at: meeting.ends_at.toISOString(),
    place: meeting.place,
    video_url: meeting.video_url,
    chair: participants.find((row) => row.role === "chair")?.name ?? null,
    adjuster: participants.find((row) => row.member_id === meeting.adjuster_id)?.name ?? null,
    attendance: participants.map((row) => ({ name: row.name, organisation: row.organisation, role: row.role, present: row.present === true })),
    items: items.map((item) => ({
      position: item.position,
      title: item.title,
      presenter: item.presenter,
      public: item.public,
      minutes: item.minutes,
      decisions: decisions.filter((decision) => decision.item_id === item.id).map((decision) => ({ id: decision.id, text: decision.text })),
    })),
  };
}

const approvalToken = (secret: string, meetingId: string, version: number, role: ApproverRole, salt: string) =>
  linkToken(secret, "council-approval", `${meetingId}:${version}:${role}`, salt);

/** Freezes the minutes as a new version and asks the chair and the adjuster to approve it; answers the version. */
export async function sendForApproval(ctx: OperationContext, meetingId: string, links: CouncilLinks): Promise<number> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const meeting = await openMinutes(tx, meetingId);
    const participants = await repo.listParticipants(tx, meetingId);
    const chair = participants.find((row) => row.role === "chair");
    const adjuster = participants.find((row) => row.member_id === meeting.adjuster_id);
    if (!chair) {
      throw new ConflictError([{ path: "meeting", message: "council.no_chair" }]);
    }
    if (!adjuster || adjuster.member_id === chair.member_id) {
      throw new ValidationError([{ path: "adjuster_id", message: "council.adjuster_required" }]);
    }
    if (!chair.email || !adjuster.email) {
      throw new ConflictError([{ path: "meeting", message: "council.approver_without_email" }]);
    }
    const content = await currentContent(tx, meeting);
    const version = ((await minutes.listVersions(tx, meetingId))[0]?.version ?? 0) + 1;
    await minutes.insertVersion(tx, {
      meeting_id: meetingId,
      version,
      municipality_id: ctx.scope.municipalityId,
      content,
      content_hash: createHash("sha256").update(JSON.stringify(content)).digest("hex"),
      reason: meeting.correction_reason,
      created_by: ctx.actor.kind === "system" ? ctx.actor.label : ctx.actor.name,
    });
    const approvers = [
      { role: "chair" as const, person: chair },
      { role: "adjuster" as const, person: adjuster },
    ].map((approver) => ({ ...approver, token: approvalToken(links.secret, meetingId, version, approver.role, newLinkSalt()) }));
    await minutes.insertApprovals(
      tx,
      approvers.map(({ role, person, token }) => ({
        meeting_id: meetingId,
        version,
        municipality_id: ctx.scope.municipalityId,
        role,
        member_id: person.member_id,
        token_hash: hashLinkToken(token),
      })),
    );
    await queueMails(
      tx,
      approvers.map(({ role, person, token }) => ({
        municipalityId: ctx.scope.municipalityId,
        purpose: "council.approval",
        subjectRef: person.member_id,
        to: person.email!,
        subject: `Protokoll att justera: ${meeting.title} ${stockholmParts(meeting.starts_at).date}`,
        text: `Hej!\n\nProtokollet från ${meeting.title} ${stockholmParts(meeting.starts_at).date}${version > 1 ? ` är rättat (${meeting.correction_reason ?? ""}) och` : ""} är klart att justera. Du justerar det som ${role === "chair" ? "ordförande" : "justerare"}.\n\nLäs protokollet och justera det här:\n${links.base}/radet/justera/${token}\n\n${links.municipality}`,
      })),
    );
    if (meeting.state === "held") {
      await repo.updateMeeting(tx, meetingId, { state: "drafted" });
    }
    await recordAudit(
      tx,
      ctx.actor,
      { action: "minutes.sent", recordType: "council_meeting", recordId: meetingId, changes: { version, chair: chair.name, adjuster: adjuster.name } },
      ctx.requestId,
    );
    return version;
  });
}

/** Takes a version awaiting approval back for more writing; an approval already given goes with it (the log keeps it). */
export async function takeBack(ctx: OperationContext, meetingId: string): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const meeting = await loadMeeting(tx, meetingId, { forUpdate: true });
    const pending = await pendingVersion(tx, meetingId);
    if (!pending) {
      throw new ConflictError([{ path: "meeting", message: "council.nothing_pending" }]);
    }
    await minutes.deletePendingVersion(tx, meetingId, pending.version);
    if (meeting.state === "drafted") {
      await repo.updateMeeting(tx, meetingId, { state: "held" });
    }
    await recordAudit(
      tx,
      ctx.actor,
      { action: "minutes.taken_back", recordType: "council_meeting", recordId: meetingId, changes: { version: pending.version } },
      ctx.requestId,
    );
  });
}

export interface ApprovalPage {
  meeting: repo.Meeting;
  version: minutes.Minutes;
  role: ApproverRole;
  name: string;
  approvedAt: Date | null;
  /** Whether this version may still be approved (not taken back, not superseded). */
  open: boolean;
  approvals: Awaited<ReturnType<typeof minutes.listApprovals>>;
}

async function approvalOf(tx: ScopedTx, token: string): Promise<minutes.Approval> {
  const approval = looksLikeLinkToken(token) ? await minutes.approvalByToken(tx, hashLinkToken(token)) : undefined;
  if (!approval) {
    throw new NotFoundError();
  }
  return approval;
}

export async function approvalByToken(db: Db, scope: Scope, token: string): Promise<ApprovalPage> {
  return inScope(db, scope, async (tx) => {
    const approval = await approvalOf(tx, token);
    const meeting = await loadMeeting(tx, approval.meeting_id);
    const version = await minutes.findVersion(tx, approval.meeting_id, approval.version);
    const member = await members.findMember(tx, approval.member_id);
    if (!version) {
      throw new NotFoundError();
    }
    return {
      meeting,
      version,
      role: approval.role,
      name: member?.name ?? "",
      approvedAt: approval.approved_at,
      open: version.approved_at === null && approval.approved_at === null,
      approvals: await minutes.listApprovals(tx, approval.meeting_id, approval.version),
    };
  });
}

/** The chair's or the adjuster's approval; the second one locks the version. */
export async function approve(db: Db, scope: Scope, token: string, requestId: string, now = new Date()): Promise<void> {
  await inScope(db, scope, async (tx) => {
    const approval = await approvalOf(tx, token);
    await recordApproval(tx, approval.meeting_id, approval.version, approval.role, now, requestId);
  });
}

/**
 * Records one approval of a version awaiting it, and locks the version when it was the last.
 * Behind a member's link; the newcomer's demo stands in for its made-up chair and adjuster.
 */
export async function recordApproval(tx: ScopedTx, meetingId: string, number: number, role: ApproverRole, now: Date, requestId?: string): Promise<void> {
  const meeting = await loadMeeting(tx, meetingId, { forUpdate: true });
  const version = await minutes.findVersion(tx, meetingId, number);
  const approval = (await minutes.listApprovals(tx, meetingId, number)).find((row) => row.role === role);
  if (!version || !approval || version.approved_at !== null || approval.approved_at !== null) {
    throw new ConflictError([{ path: "approval", message: "council.approval_closed" }]);
  }
  await minutes.markApproved(tx, meeting.id, version.version, role, now);
  await recordAudit(
    tx,
    approvalActor,
    {
      action: "minutes.approved",
      recordType: "council_meeting",
      recordId: meeting.id,
      changes: { version: version.version, role, member: approval.member_id },
    },
    requestId,
  );
  const approvals = await minutes.listApprovals(tx, meeting.id, version.version);
  if (approvals.every((row) => row.approved_at !== null)) {
    await minutes.markVersionApproved(tx, meeting.id, version.version, now);
    await repo.updateMeeting(tx, meeting.id, { state: meeting.state === "drafted" ? "approved" : meeting.state, correction_reason: null });
    await recordAudit(
      tx,
      approvalActor,
      { action: "minutes.locked", recordType: "council_meeting", recordId: meeting.id, changes: { version: version.version } },
      requestId,
    );
  }
}

/** Publishes approved minutes: their public items go on the public page and its feed, and the meeting is locked. */
export async function publish(ctx: OperationContext, meetingId: string, now = new Date()): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const meeting = await loadMeeting(tx, meetingId, { forUpdate: true });
    if (!canPublish(meeting)) {
      throw new ConflictError([{ path: "meeting", message: "council.not_approved" }]);
    }
    await repo.updateMeeting(tx, meetingId, { state: "locked", published_at: now });
    await recordAudit(tx, ctx.actor, { action: "published", recordType: "council_meeting", recordId: meetingId }, ctx.requestId);
  });
}

/** Opens approved minutes for a correction, with its reason; the correction becomes a new version once approved. */
export async function startCorrection(ctx: OperationContext, meetingId: string, reason: string): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const meeting = await loadMeeting(tx, meetingId, { forUpdate: true });
    if (!canCorrect(meeting) || (await pendingVersion(tx, meetingId))) {
      throw new ConflictError([{ path: "reason", message: "council.not_approved" }]);
    }
    await repo.updateMeeting(tx, meetingId, { correction_reason: reason });
    await recordAudit(tx, ctx.actor, { action: "correction.started", recordType: "council_meeting", recordId: meetingId, changes: { reason } }, ctx.requestId);
  });
}

export interface MinutesVersion {
  meeting: repo.Meeting;
  version: minutes.Minutes;
  approvals: Awaited<ReturnType<typeof minutes.listApprovals>>;
}

/** A version of the minutes for staff (the newest approved one unless a number is given), with who approved it and when. */
export async function minutesVersion(ctx: OperationContext, meetingId: string, number?: number): Promise<MinutesVersion> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const meeting = await loadMeeting(tx, meetingId);
    const version = number ? await minutes.findVersion(tx, meetingId, number) : (await minutes.latestApproved(tx, [meetingId])).get(meetingId);
    if (!version) {
      throw new NotFoundError();
    }
    return { meeting, version, approvals: await minutes.listApprovals(tx, meetingId, version.version) };
  });
}

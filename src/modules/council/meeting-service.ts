/**
 * Council meetings and their agendas: the meeting's facts, its items in order with presenter,
 * documents and whether the public may read them, and everything the meeting's page shows.
 */
import { diff, recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import type { CheckedFile } from "../../platform/files.js";
import { isId, newId } from "../../platform/ids.js";
import { stockholmInstant, stockholmParts } from "../../platform/sweden/time.js";
import * as members from "./member-repo.js";
import * as repo from "./meeting-repo.js";
import * as minutes from "./minutes-repo.js";
import { authorizeCouncil, canCouncil } from "./policy.js";
import type { ItemInput, MeetingInput } from "./schemas.js";
import { canDelete, minutesOpen, planOpen } from "./states.js";

export type { DocumentInfo, Item, Meeting, ParticipantRow } from "./meeting-repo.js";
export type { Decision, FollowUpRow, Minutes } from "./minutes-repo.js";

export async function loadMeeting(tx: ScopedTx, id: string, options: { forUpdate?: boolean } = {}): Promise<repo.Meeting> {
  const meeting = isId(id) ? await repo.findMeeting(tx, id, options) : undefined;
  if (!meeting) {
    throw new NotFoundError();
  }
  return meeting;
}

export async function loadItem(tx: ScopedTx, id: string): Promise<repo.Item> {
  const item = isId(id) ? await repo.findItem(tx, id) : undefined;
  if (!item) {
    throw new NotFoundError();
  }
  return item;
}

export async function listMeetings(ctx: OperationContext): Promise<repo.Meeting[]> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, (tx) => repo.listMeetings(tx));
}

export interface MeetingPage {
  meeting: repo.Meeting;
  items: Array<repo.Item & { documents: repo.DocumentInfo[]; decisions: minutes.Decision[] }>;
  participants: repo.ParticipantRow[];
  versions: minutes.Minutes[];
  /** The approvals of the newest version, with who and when. */
  approvals: Awaited<ReturnType<typeof minutes.listApprovals>>;
  /** Members in office on the meeting's day: whom an invitation reaches, and the adjuster's choices. */
  inOffice: members.MemberOnDay[];
  minutesOpen: boolean;
  manage: boolean;
}

export async function meetingPage(ctx: OperationContext, id: string): Promise<MeetingPage> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const meeting = await loadMeeting(tx, id);
    const [items, documents, decisions, participants, versions, inOffice] = await Promise.all([
      repo.listItems(tx, id),
      repo.listDocuments(tx, id),
      minutes.listDecisions(tx, id),
      repo.listParticipants(tx, id),
      minutes.listVersions(tx, id),
      members.membersInOffice(tx, stockholmParts(meeting.starts_at).date),
    ]);
    const newest = versions[0];
    return {
      meeting,
      items: items.map((item) => ({
        ...item,
        documents: documents.filter((document) => document.item_id === item.id),
        decisions: decisions.filter((decision) => decision.item_id === item.id),
      })),
      participants,
      versions,
      approvals: newest ? await minutes.listApprovals(tx, id, newest.version) : [],
      inOffice,
      minutesOpen: minutesOpen(meeting, newest !== undefined && newest.approved_at === null),
      manage: canCouncil(ctx.actor, "council.manage"),
    };
  });
}

const meetingFields = (input: MeetingInput) => ({
  title: input.title,
  starts_at: stockholmInstant(input.date, input.start_time),
  ends_at: stockholmInstant(input.date, input.end_time),
  place: input.place,
  video_url: input.video_url,
});

export async function createMeeting(ctx: OperationContext, input: MeetingInput): Promise<string> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const id = newId();
    await repo.insertMeeting(tx, { id, municipality_id: ctx.scope.municipalityId, ...meetingFields(input) });
    await recordAudit(tx, ctx.actor, { action: "create", recordType: "council_meeting", recordId: id, changes: diff({}, input) }, ctx.requestId);
    return id;
  });
}

function assertPlanOpen(meeting: repo.Meeting): void {
  if (!planOpen(meeting)) {
    throw new ConflictError([{ path: "meeting", message: "council.meeting_held" }]);
  }
}

export async function updateMeeting(ctx: OperationContext, id: string, input: MeetingInput): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadMeeting(tx, id, { forUpdate: true });
    assertPlanOpen(before);
    const after = meetingFields(input);
    await repo.updateMeeting(tx, id, after);
    await recordAudit(tx, ctx.actor, { action: "update", recordType: "council_meeting", recordId: id, changes: diff(before, after) }, ctx.requestId);
  });
}

export async function deleteMeeting(ctx: OperationContext, id: string): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const meeting = await loadMeeting(tx, id, { forUpdate: true });
    if (!canDelete(meeting)) {
      throw new ConflictError([{ path: "meeting", message: "council.meeting_invited" }]);
    }
    await repo.deleteMeeting(tx, id);
    await recordAudit(tx, ctx.actor, { action: "delete", recordType: "council_meeting", recordId: id, changes: { title: meeting.title } }, ctx.requestId);
  });
}

export async function meetingTitle(ctx: OperationContext, id: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, async (tx) => (await loadMeeting(tx, id)).title);
}

// Agenda items ---------------------------------------------------------------------------

export async function getItem(ctx: OperationContext, id: string): Promise<repo.Item & { meeting: repo.Meeting }> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const item = await loadItem(tx, id);
    return { ...item, meeting: await loadMeeting(tx, item.meeting_id) };
  });
}

export async function addItem(ctx: OperationContext, meetingId: string, input: ItemInput): Promise<repo.Item> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    assertPlanOpen(await loadMeeting(tx, meetingId, { forUpdate: true }));
    const id = newId();
    const row = { id, municipality_id: ctx.scope.municipalityId, meeting_id: meetingId, position: await repo.nextItemPosition(tx, meetingId), ...input };
    await repo.insertItem(tx, row);
    await recordAudit(tx, ctx.actor, { action: "item.added", recordType: "council_meeting", recordId: meetingId, changes: diff({}, input) }, ctx.requestId);
    return loadItem(tx, id);
  });
}

export async function updateItem(ctx: OperationContext, id: string, input: ItemInput): Promise<repo.Item> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const before = await loadItem(tx, id);
    assertPlanOpen(await loadMeeting(tx, before.meeting_id, { forUpdate: true }));
    await repo.updateItem(tx, id, input);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "item.changed", recordType: "council_meeting", recordId: before.meeting_id, changes: { item: before.title, ...diff(before, input) } },
      ctx.requestId,
    );
    return loadItem(tx, id);
  });
}

/** Removes an item from the agenda; answers its meeting's id. */
export async function removeItem(ctx: OperationContext, id: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const item = await loadItem(tx, id);
    assertPlanOpen(await loadMeeting(tx, item.meeting_id, { forUpdate: true }));
    await repo.deleteItem(tx, id);
    await repo.renumberItems(
      tx,
      (await repo.listItems(tx, item.meeting_id)).map((row) => row.id),
    );
    await recordAudit(
      tx,
      ctx.actor,
      { action: "item.removed", recordType: "council_meeting", recordId: item.meeting_id, changes: { item: item.title } },
      ctx.requestId,
    );
    return item.meeting_id;
  });
}

export async function itemTitle(ctx: OperationContext, id: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, async (tx) => (await loadItem(tx, id)).title);
}

/** Moves an item one place up or down the agenda; answers its meeting's id. */
export async function moveItem(ctx: OperationContext, id: string, direction: "up" | "down"): Promise<string> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const item = await loadItem(tx, id);
    assertPlanOpen(await loadMeeting(tx, item.meeting_id, { forUpdate: true }));
    const ids = (await repo.listItems(tx, item.meeting_id)).map((row) => row.id);
    const from = ids.indexOf(id);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to >= 0 && to < ids.length) {
      [ids[from], ids[to]] = [ids[to]!, ids[from]!];
      await repo.renumberItems(tx, ids);
      await recordAudit(
        tx,
        ctx.actor,
        { action: "item.moved", recordType: "council_meeting", recordId: item.meeting_id, changes: { item: item.title, position: to + 1 } },
        ctx.requestId,
      );
    }
    return item.meeting_id;
  });
}

// Documents ------------------------------------------------------------------------------

export async function addDocuments(ctx: OperationContext, itemId: string, files: readonly CheckedFile[]): Promise<string> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const item = await loadItem(tx, itemId);
    assertPlanOpen(await loadMeeting(tx, item.meeting_id, { forUpdate: true }));
    await repo.insertDocuments(
      tx,
      files.map((file) => ({
        id: newId(),
        municipality_id: ctx.scope.municipalityId,
        item_id: itemId,
        filename: file.filename,
        content_type: file.contentType,
        size: file.content.length,
        content: file.content,
      })),
    );
    await recordAudit(
      tx,
      ctx.actor,
      {
        action: "documents.added",
        recordType: "council_meeting",
        recordId: item.meeting_id,
        changes: { item: item.title, files: files.map((file) => file.filename) },
      },
      ctx.requestId,
    );
    return item.meeting_id;
  });
}

async function loadDocument(tx: ScopedTx, id: string) {
  const document = isId(id) ? await repo.findDocument(tx, id) : undefined;
  if (!document) {
    throw new NotFoundError();
  }
  return document;
}

export async function getDocument(ctx: OperationContext, id: string): Promise<{ filename: string; content_type: string; content: Buffer; meeting_id: string }> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, (tx) => loadDocument(tx, id));
}

export async function documentName(ctx: OperationContext, id: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.read");
  return inScope(ctx.db, ctx.scope, async (tx) => (await loadDocument(tx, id)).filename);
}

/** Removes a document; answers its meeting's id. */
export async function removeDocument(ctx: OperationContext, id: string): Promise<string> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const document = await loadDocument(tx, id);
    assertPlanOpen(await loadMeeting(tx, document.meeting_id, { forUpdate: true }));
    await repo.deleteDocument(tx, id);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "documents.removed", recordType: "council_meeting", recordId: document.meeting_id, changes: { file: document.filename } },
      ctx.requestId,
    );
    return document.meeting_id;
  });
}

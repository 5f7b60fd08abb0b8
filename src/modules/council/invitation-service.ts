/**
 * Inviting the council: each member in office on the meeting's day gets a mail with the
 * meeting as a calendar invitation and their own link to the agenda, its documents and the
 * answer (attending or not). A new sending is an update: the same links, the calendar's
 * sequence raised, members new in office added.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import { systemActor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import { isId } from "../../platform/ids.js";
import { hashLinkToken, linkToken, looksLikeLinkToken, newLinkSalt } from "../../platform/links.js";
import { queueMails } from "../../platform/mail/repo.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import { meetingInvitation } from "./ical.js";
import * as members from "./member-repo.js";
import * as repo from "./meeting-repo.js";
import { loadMeeting } from "./meeting-service.js";
import { authorizeCouncil } from "./policy.js";
import { canInvite } from "./states.js";
import type { Answer } from "./tables.js";

/** A member answering behind their link, as the audit log names it. */
export const invitationActor = systemActor("Kallelsen till näringslivsrådet (webbformulär)");

export interface CouncilLinks {
  base: string;
  municipality: string;
  secret: string;
}

const tokenOf = (secret: string, meetingId: string, memberId: string, salt: string) =>
  linkToken(secret, "council-invitation", `${meetingId}:${memberId}`, salt);

/** How many members a sending would reach by mail now (the confirmation says so first). */
export async function invitationCount(ctx: OperationContext, meetingId: string): Promise<number> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const meeting = await loadMeeting(tx, meetingId);
    return (await members.membersInOffice(tx, stockholmParts(meeting.starts_at).date)).filter((member) => member.email).length;
  });
}

function invitationText(meeting: repo.Meeting, items: repo.Item[], link: string, municipality: string, update: boolean): { subject: string; text: string } {
  const { date, time } = stockholmParts(meeting.starts_at);
  const ends = stockholmParts(meeting.ends_at).time;
  const agenda = items.map((item) => `${item.position}. ${item.title}`).join("\n");
  return {
    subject: `${update ? "Ändrad kallelse" : "Kallelse"}: ${meeting.title} ${date}`,
    text: [
      "Hej!",
      `${update ? "Kallelsen är ändrad. " : ""}Du kallas till ${meeting.title} ${date} kl. ${time}–${ends}.`,
      [meeting.place ? `Plats: ${meeting.place}` : "", meeting.video_url ? `Videolänk: ${meeting.video_url}` : ""].filter(Boolean).join("\n"),
      agenda ? `Dagordning:\n${agenda}` : "",
      `Läs dagordningen och underlagen, och svara om du kommer, här:\n${link}`,
      "Mötet finns också som kalenderinbjudan i det här brevet.",
      municipality,
    ]
      .filter(Boolean)
      .join("\n\n"),
  };
}

/** Sends (or sends again) the meeting's invitations; answers how many mails went out. */
export async function sendInvitations(ctx: OperationContext, meetingId: string, links: CouncilLinks, now = new Date()): Promise<number> {
  authorizeCouncil(ctx.actor, "council.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const meeting = await loadMeeting(tx, meetingId, { forUpdate: true });
    if (!canInvite(meeting)) {
      throw new ConflictError([{ path: "meeting", message: "council.meeting_held" }]);
    }
    if (meeting.ends_at.getTime() <= now.getTime()) {
      throw new ConflictError([{ path: "meeting", message: "council.meeting_past" }]);
    }
    const inOffice = await members.membersInOffice(tx, stockholmParts(meeting.starts_at).date);
    const salts = await repo.participantSalts(tx, meetingId);
    const rows = inOffice.map((member) => {
      const salt = salts.get(member.id) ?? newLinkSalt();
      return { member, token: tokenOf(links.secret, meetingId, member.id, salt), salt };
    });
    await repo.upsertParticipants(
      tx,
      rows.map(({ member, token, salt }) => ({
        meeting_id: meetingId,
        member_id: member.id,
        municipality_id: ctx.scope.municipalityId,
        role: member.role,
        token_salt: salt,
        token_hash: hashLinkToken(token),
      })),
    );
    const sequence = meeting.invitation_sequence + (meeting.invited_at ? 1 : 0);
    const items = await repo.listItems(tx, meetingId);
    const mails = rows
      .filter(({ member }) => member.email)
      .map(({ member, token }) => {
        const link = `${links.base}/radet/kallelse/${token}`;
        const mail = invitationText(meeting, items, link, links.municipality, meeting.invited_at !== null);
        const ics = meetingInvitation({
          meetingId,
          title: meeting.title,
          startsAt: meeting.starts_at,
          endsAt: meeting.ends_at,
          place: meeting.place,
          videoUrl: meeting.video_url,
          sequence,
          link,
          municipality: links.municipality,
          attendee: { name: member.name, email: member.email! },
        });
        return {
          municipalityId: ctx.scope.municipalityId,
          purpose: "council.invitation",
          subjectRef: member.id,
          to: member.email!,
          subject: mail.subject,
          text: mail.text,
          attachments: [
            { filename: "kallelse.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: Buffer.from(ics).toString("base64") },
          ],
        };
      });
    await queueMails(tx, mails);
    await repo.updateMeeting(tx, meetingId, { state: "invited", invited_at: now, invitation_sequence: sequence });
    await recordAudit(
      tx,
      ctx.actor,
      { action: "invitations.sent", recordType: "council_meeting", recordId: meetingId, changes: { members: rows.length, mails: mails.length, sequence } },
      ctx.requestId,
    );
    return mails.length;
  });
}

/** Staff record a member's answer given by phone or in passing. */
export async function recordAnswer(ctx: OperationContext, meetingId: string, memberId: string, answer: Answer, now = new Date()): Promise<void> {
  authorizeCouncil(ctx.actor, "council.manage");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    await loadMeeting(tx, meetingId);
    if (!(await repo.setAnswer(tx, meetingId, memberId, answer, now))) {
      throw new NotFoundError();
    }
    await recordAudit(
      tx,
      ctx.actor,
      { action: "answered", recordType: "council_member", recordId: memberId, changes: { meeting: meetingId, answer } },
      ctx.requestId,
    );
  });
}

export interface InvitationPage {
  meeting: repo.Meeting;
  member: { name: string; role: repo.Participant["role"] };
  answer: Answer | null;
  /** Answers are taken until the meeting begins. */
  open: boolean;
  items: Array<repo.Item & { documents: repo.DocumentInfo[] }>;
}

async function participantOf(tx: ScopedTx, token: string): Promise<repo.Participant> {
  const participant = looksLikeLinkToken(token) ? await repo.participantByToken(tx, hashLinkToken(token)) : undefined;
  if (!participant) {
    throw new NotFoundError();
  }
  return participant;
}

/** The member's page behind their link: the meeting, the whole agenda with its documents, and their answer. */
export async function invitationByToken(db: Db, scope: Scope, token: string, now = new Date()): Promise<InvitationPage> {
  return inScope(db, scope, async (tx) => {
    const participant = await participantOf(tx, token);
    const meeting = await loadMeeting(tx, participant.meeting_id);
    const [member, items, documents] = await Promise.all([
      members.findMember(tx, participant.member_id),
      repo.listItems(tx, meeting.id),
      repo.listDocuments(tx, meeting.id),
    ]);
    if (!member) {
      throw new NotFoundError();
    }
    return {
      meeting,
      member: { name: member.name, role: participant.role },
      answer: participant.answer,
      open: meeting.starts_at.getTime() > now.getTime() && meeting.state === "invited",
      items: items.map((item) => ({ ...item, documents: documents.filter((document) => document.item_id === item.id) })),
    };
  });
}

export async function answerByToken(db: Db, scope: Scope, token: string, answer: Answer, requestId: string, now = new Date()): Promise<void> {
  await inScope(db, scope, async (tx) => {
    const participant = await participantOf(tx, token);
    const meeting = await loadMeeting(tx, participant.meeting_id);
    if (meeting.starts_at.getTime() <= now.getTime() || meeting.state !== "invited") {
      throw new ConflictError([{ path: "answer", message: "council.answer_closed" }]);
    }
    await repo.setAnswer(tx, meeting.id, participant.member_id, answer, now);
    await recordAudit(
      tx,
      invitationActor,
      { action: "answered", recordType: "council_member", recordId: participant.member_id, changes: { meeting: meeting.id, answer } },
      requestId,
    );
  });
}

/** A document of the meeting behind a member's link. */
export async function documentByToken(db: Db, scope: Scope, token: string, documentId: string) {
  return inScope(db, scope, async (tx) => {
    const participant = await participantOf(tx, token);
    const document = isId(documentId) ? await repo.findDocument(tx, documentId) : undefined;
    if (!document || document.meeting_id !== participant.meeting_id) {
      throw new NotFoundError();
    }
    return document;
  });
}

import { inScope, type Db } from "../../src/platform/db/database.js";
import { nextDate } from "../../src/platform/sweden/business-calendar.js";
import * as decisions from "../../src/modules/council/decision-service.js";
import * as invitations from "../../src/modules/council/invitation-service.js";
import * as meetings from "../../src/modules/council/meeting-service.js";
import * as members from "../../src/modules/council/member-service.js";
import * as minutes from "../../src/modules/council/minutes-service.js";
import type { MemberInput, TermInput } from "../../src/modules/council/schemas.js";
import { testSecret } from "../global-setup.js";
import { systemContext, type TestMunicipality } from "./factories.js";

export interface CouncilRecords {
  councilMember: string;
  councilTerm: string;
  /** A meeting held ten days ago, its minutes approved and published. */
  councilMeeting: string;
  /** An item of the next meeting, with a document. */
  councilItem: string;
  councilDocument: string;
  councilDecision: string;
  councilFollowUp: string;
  /** A member's link to the next meeting, and the chair's link to approve the published minutes. */
  councilToken: string;
  approvalToken: string;
}

export const councilLinks = (municipality: TestMunicipality) => ({ base: `http://${municipality.host}`, municipality: "Testkommun", secret: testSecret });

export function memberValues(changes: Partial<MemberInput & TermInput> = {}): MemberInput & TermInput {
  return {
    name: "Kim Ledamot",
    email: null,
    phone: null,
    organisation: "Företagarna",
    org_number: null,
    lawful_basis: "public_task",
    basis_source: null,
    role: "member",
    starts_on: "2020-01-01",
    ends_on: null,
    ...changes,
  };
}

/** The private links the council's mail carried, by purpose and recipient, as the outbox holds them. */
export async function councilMailLinks(db: Db, municipality: TestMunicipality, purpose: "council.invitation" | "council.approval") {
  return inScope(db, municipality.scope, async (tx) => {
    const rows = await tx
      .selectFrom("mail_outbox")
      .select(["to_address", "text_body", "attachments"])
      .where("purpose", "=", purpose)
      .orderBy("created_at")
      .execute();
    const path = purpose === "council.invitation" ? "/radet/kallelse/" : "/radet/justera/";
    return rows.map((row) => ({
      to: row.to_address,
      token: new RegExp(`${path}([A-Za-z0-9_-]{43})`).exec(row.text_body)![1]!,
      attachments: row.attachments,
    }));
  });
}

/** A day relative to today, as a meeting's date. */
export const dayFromToday = (days: number) => nextDate(members.swedishToday(), days);

export async function buildCouncilRecords(db: Db, municipality: TestMunicipality, ownerId: string): Promise<CouncilRecords> {
  const ctx = systemContext(db, municipality);
  const links = councilLinks(municipality);
  const chair = await members.createMember(ctx, memberValues({ name: "Maria Ordförande", email: `ordforande@${municipality.host}`, role: "chair" }));
  const member = await members.createMember(ctx, memberValues({ name: "Johan Ledamot", email: `ledamot@${municipality.host}` }));
  await members.createMember(ctx, memberValues({ name: "Ulla Förr", role: "member", ends_on: "2020-12-31" }));
  const councilTerm = (await members.getMember(ctx, member)).terms[0]!.id;

  const held = await meetings.createMeeting(ctx, {
    title: "Rådsmöte",
    date: dayFromToday(-10),
    start_time: "15:00",
    end_time: "17:00",
    place: "Kommunhuset",
    video_url: null,
  });
  const item = await meetings.addItem(ctx, held, { title: "Kompetensförsörjning", presenter: "Näringslivsenheten", description: "", public: true });
  await minutes.markHeld(ctx, held);
  await minutes.saveAttendance(ctx, held, { present: [chair, member], adjuster_id: member });
  await minutes.saveSection(ctx, item.id, "Rådet diskuterade sommarjobben.");
  await minutes.addDecision(ctx, item.id, "En rekryteringsdag ordnas i vår.");
  const version = await minutes.sendForApproval(ctx, held, links);
  const approvalToken = (await councilMailLinks(db, municipality, "council.approval"))[0]!.token;
  await inScope(db, municipality.scope, async (tx) => {
    await minutes.recordApproval(tx, held, version, "chair", new Date());
    await minutes.recordApproval(tx, held, version, "adjuster", new Date());
  });
  await minutes.publish(ctx, held);
  const councilDecision = (await meetings.meetingPage(ctx, held)).items[0]!.decisions[0]!.id;
  await decisions.addFollowUp(ctx, councilDecision, { text: "Boka lokal", owner_id: ownerId, due_on: dayFromToday(20) });
  const councilFollowUp = (await decisions.decisionPage(ctx, councilDecision)).followUps[0]!.id;

  const next = await meetings.createMeeting(ctx, {
    title: "Nästa rådsmöte",
    date: dayFromToday(20),
    start_time: "15:00",
    end_time: "17:00",
    place: null,
    video_url: null,
  });
  const nextItem = await meetings.addItem(ctx, next, { title: "Rekryteringsdagen", presenter: null, description: "", public: true });
  await meetings.addDocuments(ctx, nextItem.id, [
    { filename: "underlag.txt", contentType: "text/plain; charset=utf-8", content: Buffer.from("Underlag till mötet\n") },
  ]);
  await invitations.sendInvitations(ctx, next, links);
  const councilToken = (await councilMailLinks(db, municipality, "council.invitation"))[0]!.token;
  const councilDocument = (await meetings.meetingPage(ctx, next)).items[0]!.documents[0]!.id;
  return {
    councilMember: member,
    councilTerm,
    councilMeeting: held,
    councilItem: nextItem.id,
    councilDocument,
    councilDecision,
    councilFollowUp,
    councilToken,
    approvalToken,
  };
}

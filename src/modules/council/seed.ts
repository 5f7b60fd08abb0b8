/**
 * The newcomer's demo: a council with a chair, members, an adjunct and a secretary; a meeting
 * held three weeks ago whose minutes are approved and published, with a decision behind a
 * programme action and a follow-up; and the next meeting planned with its agenda. Everyone
 * here is made up.
 */
import { demoPlace } from "../../platform/seed.js";
import { systemActor } from "../../platform/auth/roles.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { nextDate } from "../../platform/sweden/business-calendar.js";
import { actionChoicesIn, staffChoices } from "../programme/index.js";
import * as decisions from "./decision-service.js";
import * as meetings from "./meeting-service.js";
import { listMembers as membersIn } from "./member-repo.js";
import { createMember, swedishToday } from "./member-service.js";
import * as minutes from "./minutes-service.js";
import type { MemberRole } from "./tables.js";

type Log = (message: string) => void;

const people: Array<{ name: string; organisation: string; role: MemberRole }> = [
  { name: "Maria Lind (demo)", organisation: "Askersunds Företagarförening (demo)", role: "chair" },
  { name: "Johan Berg (demo)", organisation: "Hamnkrogen i Askersund (demo)", role: "member" },
  { name: "Sara Ek (demo)", organisation: "Vätterbygdens Snickeri (demo)", role: "member" },
  { name: "Ali Hassan (demo)", organisation: "Handelsföreningen i Askersund (demo)", role: "member" },
  { name: "Eva Norén (demo)", organisation: "Arbetsförmedlingen (demo)", role: "adjunct" },
  { name: "Lena Sekreterare (demo)", organisation: "Askersunds kommun (demo)", role: "secretary" },
];

export async function seedCouncilDemo(db: Db, scope: Scope, log: Log, secret: string): Promise<void> {
  const ctx = { db, actor: systemActor("demo"), scope };
  if ((await inScope(db, scope, (tx) => membersIn(tx, swedishToday()))).length > 0) {
    return;
  }
  const today = swedishToday();
  const termStart = `${Number(today.slice(0, 4)) - 1}-01-01`;
  for (const person of people) {
    await createMember(ctx, {
      name: person.name,
      email: `${person.name.split(" ")[0]!.toLowerCase()}@example.se`,
      phone: null,
      organisation: person.organisation,
      org_number: null,
      lawful_basis: "public_task",
      basis_source: "Kommunstyrelsens beslut om näringslivsrådet (demo)",
      role: person.role,
      starts_on: termStart,
      ends_on: null,
    });
  }
  const place = await demoPlace(db, scope);
  const links = { base: place.base, municipality: place.name, secret };

  // The meeting three weeks ago: held, minutes approved by the chair and the adjuster, published.
  const past = nextDate(today, -21);
  const held = await meetings.createMeeting(ctx, {
    title: "Näringslivsrådet",
    date: past,
    start_time: "15:00",
    end_time: "17:00",
    place: "Kommunhuset, sal Vättern",
    video_url: null,
  });
  const opening = await meetings.addItem(ctx, held, {
    title: "Mötets öppnande och val av justerare",
    presenter: "Maria Lind (demo)",
    description: "",
    public: true,
  });
  const skills = await meetings.addItem(ctx, held, {
    title: "Kompetensförsörjning i besöksnäringen",
    presenter: "Näringslivsenheten",
    description: "Företagen i besöksnäringen har svårt att rekrytera kockar och servitörer inför sommaren.",
    public: true,
  });
  await meetings.addItem(ctx, held, { title: "Upphandling: dialog med lokala leverantörer", presenter: "Upphandlingsenheten", description: "", public: false });
  await minutes.markHeld(ctx, held);
  const page = await meetings.meetingPage(ctx, held);
  const adjuster = page.participants.find((row) => row.role === "member")!;
  await minutes.saveAttendance(ctx, held, { present: page.participants.map((row) => row.member_id), adjuster_id: adjuster.member_id });
  await minutes.saveSection(ctx, opening.id, `Ordföranden öppnade mötet. ${adjuster.name} valdes att justera protokollet.`);
  await minutes.saveSection(
    ctx,
    skills.id,
    "Rådet diskuterade hur kommunen och företagen tillsammans kan locka sommarpersonal, och hur feriejobb kan bli en väg in.",
  );
  await minutes.addDecision(ctx, skills.id, "Kommunen och besöksnäringen ordnar tillsammans en rekryteringsdag inför sommaren.");
  const version = await minutes.sendForApproval(ctx, held, links);
  await inScope(db, scope, async (tx) => {
    await minutes.recordApproval(tx, held, version, "chair", new Date());
    await minutes.recordApproval(tx, held, version, "adjuster", new Date());
  });
  await minutes.publish(ctx, held);
  const decision = (await meetings.meetingPage(ctx, held)).items.find((item) => item.id === skills.id)!.decisions[0]!;
  const { action, owner } = await inScope(db, scope, async (tx) => ({ action: (await actionChoicesIn(tx))[0], owner: (await staffChoices(tx))[0] }));
  if (action) {
    await decisions.linkAction(ctx, decision.id, action.id);
  }
  if (owner) {
    await decisions.addFollowUp(ctx, decision.id, {
      text: "Boka lokal och bjud in företagen till rekryteringsdagen.",
      owner_id: owner.id,
      due_on: nextDate(today, 14),
    });
  }

  // The next meeting, planned with its agenda.
  const next = await meetings.createMeeting(ctx, {
    title: "Näringslivsrådet",
    date: nextDate(today, 35),
    start_time: "15:00",
    end_time: "17:00",
    place: "Kommunhuset, sal Vättern",
    video_url: null,
  });
  await meetings.addItem(ctx, next, { title: "Rekryteringsdagen: hur gick det?", presenter: "Näringslivsenheten", description: "", public: true });
  await meetings.addItem(ctx, next, { title: "Företagsklimatet: årets enkät", presenter: "Näringslivschefen", description: "", public: true });
  log("The business council: six members, a meeting with approved minutes and the next one planned (demo).");
}

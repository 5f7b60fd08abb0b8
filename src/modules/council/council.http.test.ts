import type { FastifyInstance } from "fastify";
import ICAL from "ical.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilLinks, councilMailLinks, dayFromToday, memberValues } from "../../../test/helpers/council.js";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import {
  buildMunicipality,
  buildTestApp,
  buildUser,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { buildProgramme, buildStatuses } from "../../../test/helpers/programme.js";
import { inScope } from "../../platform/db/database.js";
import * as actions from "../programme/action-service.js";
import * as programmes from "../programme/service.js";
import * as decisions from "./decision-service.js";
import * as invitations from "./invitation-service.js";
import * as meetings from "./meeting-service.js";
import * as members from "./member-service.js";
import * as minutes from "./minutes-service.js";
import { councilPersonalData } from "./privacy.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let developer: Session;
let viewer: Session;
let officer: Session;
let officerId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test" });
  await buildUser(db.app, askersund, { roles: ["viewer"], email: "lasare@askersund.test" });
  officerId = (await buildUser(db.app, askersund, { roles: ["case_officer"], email: "handlaggare@askersund.test", name: "Hanna Handläggare" })).id;
  app = await buildTestApp(db.app);
  developer = await login(app, askersund.host, "utvecklare@askersund.test");
  viewer = await login(app, askersund.host, "lasare@askersund.test");
  officer = await login(app, askersund.host, "handlaggare@askersund.test");
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const ctx = (municipality = askersund) => systemContext(db.app, municipality);
const get = (url: string, session?: Session, host = askersund.host) =>
  app.inject({ method: "GET", url, headers: { host, ...(session ? { cookie: session.cookie } : {}) } });
const post = (session: Session, url: string, values: Record<string, string | string[]>) =>
  app.inject({
    method: "POST",
    url,
    headers: { host: session.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...values, _csrf: session.csrf }),
  });
/** A member behind their private link, as a browser without a session posts it. */
const asVisitor = async (path: string, values: Record<string, string>) => {
  const page = await get(path);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
  const cookie = [page.headers["set-cookie"]]
    .flat()
    .filter(Boolean)
    .map((line) => String(line).split(";")[0])
    .join("; ");
  return app.inject({
    method: "POST",
    url: path,
    headers: { host: askersund.host, cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...values, _csrf: csrf }),
  });
};

/** A council of a chair, two members and a secretary, in office since 2020. */
async function council(municipality = askersund) {
  const tag = municipality.host.split(".")[0];
  const chair = await members.createMember(ctx(municipality), memberValues({ name: `Ordförande ${tag}`, email: `ordf@${municipality.host}`, role: "chair" }));
  const member = await members.createMember(ctx(municipality), memberValues({ name: `Ledamot ${tag}`, email: `ledamot@${municipality.host}` }));
  const quiet = await members.createMember(ctx(municipality), memberValues({ name: `Utan adress ${tag}` }));
  const secretary = await members.createMember(
    ctx(municipality),
    memberValues({ name: `Sekreterare ${tag}`, email: `sekr@${municipality.host}`, role: "secretary" }),
  );
  return { chair, member, quiet, secretary };
}

describe("members and their terms", () => {
  it("keeps a member's history: an ended term moves them to the former, an overlapping term is refused by field, an unknown organisation number is named", async () => {
    const created = await post(developer, "/radet/ledamoter/ny", {
      name: "Karin Kvist",
      email: "karin@example.se",
      organisation: "Kvists Bageri",
      lawful_basis: "public_task",
      role: "member",
      starts_on: "2024-01-01",
    });
    expect(created.statusCode, /class="error-summary"[\s\S]{0,600}/.exec(created.body)?.[0]).toBe(303);
    const id = String(created.headers.location).split("/").pop()!;
    const overlapping = await post(developer, `/radet/ledamoter/${id}/uppdrag`, { role: "chair", starts_on: "2025-01-01" });
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.body).toContain("Ledamoten har redan ett uppdrag under den tiden");
    expect(overlapping.body).toContain('href="#f-starts_on"');
    const term = (await members.getMember(ctx(), id)).terms[0]!;
    expect((await post(developer, `/radet/uppdrag/${term.id}/avsluta`, { ends_on: "2024-12-31" })).statusCode).toBe(303);
    expect((await post(developer, `/radet/ledamoter/${id}/uppdrag`, { role: "chair", starts_on: "2025-01-01", ends_on: "2025-06-30" })).statusCode).toBe(303);
    const history = await members.getMember(ctx(), id);
    expect(history.terms.map((row) => [row.role, row.starts_on, row.ends_on])).toEqual([
      ["chair", "2025-01-01", "2025-06-30"],
      ["member", "2024-01-01", "2024-12-31"],
    ]);
    const list = await get("/radet/ledamoter", developer);
    expect(list.body).toMatch(/Tidigare ledamöter[\s\S]*Karin Kvist/);
    // Without a number the organisation is required; with one it must be in the register.
    const unknown = await post(developer, "/radet/ledamoter/ny", { name: "Nils", org_number: "556677-8899", role: "member", starts_on: "2024-01-01" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("Organisationsnumret finns inte i företagsregistret");
    expect(unknown.body).toContain('value="Nils"');
  });

  it("lets a viewer read the council but not change it, and keeps a case officer out", async () => {
    expect((await get("/radet", viewer)).statusCode).toBe(200);
    expect((await post(viewer, "/radet/moten/ny", { title: "Möte", date: "2030-01-01", start_time: "15:00", end_time: "16:00" })).statusCode).toBe(403);
    expect((await get("/radet", officer)).statusCode).toBe(403);
  });
});

describe("a meeting from invitation to published minutes", () => {
  it("invites by mail with a calendar invitation and a link of one's own, takes answers until the meeting begins, and sends a change as an update on the same links", async () => {
    const { chair, quiet } = await council(laxa);
    await council();
    const meeting = await meetings.createMeeting(ctx(), {
      title: "Rådsmöte i mars",
      date: dayFromToday(14),
      start_time: "15:00",
      end_time: "17:00",
      place: "Kommunhuset",
      video_url: null,
    });
    await meetings.addItem(ctx(), meeting, { title: "Sommarjobben", presenter: "Näringslivsenheten", description: "", public: true });
    const sent = await invitations.sendInvitations(ctx(), meeting, councilLinks(askersund));
    // Everyone in office is called; the member without an address is on the list but gets no mail.
    const page = await meetings.meetingPage(ctx(), meeting);
    expect(page.participants).toHaveLength(4);
    expect(sent).toBe(page.participants.filter((row) => row.email).length);
    const mails = await councilMailLinks(db.app, askersund, "council.invitation");
    const chairMail = mails.find((mail) => mail.to === "ordf@askersund.test")!;
    const ics = Buffer.from((chairMail.attachments as Array<{ content: string; contentType: string }>)[0]!.content, "base64").toString("utf8");
    expect((chairMail.attachments as Array<{ contentType: string }>)[0]!.contentType).toContain("method=REQUEST");
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const event = calendar.getFirstSubcomponent("vevent")!;
    expect(String(event.getFirstPropertyValue("uid"))).toBe(`council-${meeting}@lotsen`);
    expect(event.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/Stockholm");
    expect(String(event.getFirstPropertyValue("dtstart"))).toContain("T15:00:00");
    expect(String(event.getFirstPropertyValue("attendee")).toLowerCase()).toBe("mailto:ordf@askersund.test");
    expect(Number(event.getFirstPropertyValue("sequence"))).toBe(0);

    // The member answers behind their link; the page shows the agenda.
    const link = `/radet/kallelse/${chairMail.token}`;
    const shown = await get(link);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers["cache-control"]).toContain("no-store");
    expect(shown.body).toContain("Sommarjobben");
    expect((await asVisitor(link, { answer: "kanske" })).statusCode).toBe(400);
    expect((await asVisitor(link, { answer: "attending" })).statusCode).toBe(303);
    expect((await meetings.meetingPage(ctx(), meeting)).participants.find((row) => row.name === "Ordförande askersund")!.answer).toBe("attending");
    // Another municipality's host does not know the link.
    expect((await get(link, undefined, laxa.host)).statusCode).toBe(404);
    expect(chair).not.toBe(quiet);

    // A changed meeting is sent again: the same links, the calendar's sequence raised.
    await invitations.sendInvitations(ctx(), meeting, councilLinks(askersund));
    const again = (await councilMailLinks(db.app, askersund, "council.invitation")).filter((mail) => mail.to === "ordf@askersund.test");
    expect(again).toHaveLength(2);
    expect(again[1]!.token).toBe(chairMail.token);
    const update = new ICAL.Component(ICAL.parse(Buffer.from((again[1]!.attachments as Array<{ content: string }>)[0]!.content, "base64").toString("utf8")));
    expect(Number(update.getFirstSubcomponent("vevent")!.getFirstPropertyValue("sequence"))).toBe(1);

    // Once the meeting has begun the answer stands.
    await inScope(db.app, askersund.scope, (tx) =>
      tx
        .updateTable("council_meetings")
        .set({ starts_at: new Date(Date.now() - 60_000) })
        .where("id", "=", meeting)
        .execute(),
    );
    const late = await asVisitor(link, { answer: "absent" });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain("Mötet har börjat");
    expect((await meetings.meetingPage(ctx(), meeting)).participants.find((row) => row.name === "Ordförande askersund")!.answer).toBe("attending");
  });

  it("holds the meeting, locks the minutes when the chair and the adjuster have both approved, publishes the public items only, corrects by a new approved version, and keeps a member who sat in it", async () => {
    const people = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("council_members").select(["id", "name"]).execute());
    const chair = people.find((row) => row.name === "Ordförande askersund")!.id;
    const member = people.find((row) => row.name === "Ledamot askersund")!.id;
    const meeting = await meetings.createMeeting(ctx(), {
      title: "Rådsmöte i april",
      date: dayFromToday(-2),
      start_time: "15:00",
      end_time: "17:00",
      place: null,
      video_url: null,
    });
    const open = await meetings.addItem(ctx(), meeting, { title: "Besöksnäringen", presenter: null, description: "", public: true });
    const closed = await meetings.addItem(ctx(), meeting, { title: "Upphandling pågår", presenter: null, description: "", public: false });
    const ahead = await meetings.createMeeting(ctx(), {
      title: "Framtida",
      date: dayFromToday(5),
      start_time: "15:00",
      end_time: "16:00",
      place: null,
      video_url: null,
    });
    expect((await post(developer, `/radet/moten/${ahead}/hallet`, {})).body).toContain("Mötet har inte hållits än");

    expect((await post(developer, `/radet/moten/${meeting}/hallet`, {})).statusCode).toBe(303);
    // The adjuster may not be the chair; without an adjuster nothing is sent.
    expect((await post(developer, `/radet/moten/${meeting}/protokoll`, { present: [chair, member], adjuster_id: chair })).statusCode).toBe(400);
    const unsent = await post(developer, `/radet/moten/${meeting}/justering`, { confirmed: "yes" });
    expect(unsent.body).toContain("Välj en justerare bland de kallade");
    expect((await post(developer, `/radet/moten/${meeting}/protokoll`, { present: [chair, member], adjuster_id: member })).statusCode).toBe(303);
    await minutes.saveSection(ctx(), open.id, "Rådet talade om sommarsäsongen.");
    await minutes.saveSection(ctx(), closed.id, "Hemligt anbud diskuterades.");
    await minutes.addDecision(ctx(), open.id, "En rekryteringsdag ordnas.");
    await minutes.addDecision(ctx(), closed.id, "Anbudet avvaktas.");
    expect((await post(developer, `/radet/moten/${meeting}/justering`, { confirmed: "yes" })).statusCode).toBe(303);
    // Frozen while it awaits approval.
    expect((await post(developer, `/radet/punkter/${open.id}/beslut`, { text: "Sent tillägg" })).statusCode).toBe(400);

    const approvals = (await councilMailLinks(db.app, askersund, "council.approval")).filter((mail) => mail.to.endsWith("askersund.test")).slice(-2);
    expect(approvals.map((mail) => mail.to).sort()).toEqual(["ledamot@askersund.test", "ordf@askersund.test"]);
    const chairLink = `/radet/justera/${approvals.find((mail) => mail.to === "ordf@askersund.test")!.token}`;
    const adjusterLink = `/radet/justera/${approvals.find((mail) => mail.to === "ledamot@askersund.test")!.token}`;
    expect((await get(chairLink)).body).toContain("Hemligt anbud diskuterades.");
    expect((await asVisitor(chairLink, {})).statusCode).toBe(303);
    expect((await meetings.meetingPage(ctx(), meeting)).meeting.state).toBe("drafted");
    expect((await asVisitor(adjusterLink, {})).statusCode).toBe(303);
    const approved = await meetings.meetingPage(ctx(), meeting);
    expect(approved.meeting.state).toBe("approved");
    expect(approved.versions[0]!.approved_at).not.toBeNull();
    expect(approved.approvals.every((row) => row.approved_at !== null)).toBe(true);
    // Locked: no change by the app, and none even by the owner role in the database.
    expect((await post(developer, `/radet/punkter/${open.id}/protokoll`, { minutes: "Ändrat i efterhand" })).statusCode).toBe(400);
    await expect(
      inScope(db.owner, askersund.scope, (tx) => sql`update council_minutes set content = '{}'::jsonb where meeting_id = ${meeting}`.execute(tx)),
    ).rejects.toThrow(/approved minutes cannot be changed/);
    expect((await get("/naringslivsradet")).body).not.toContain("Rådsmöte i april");

    expect((await post(developer, `/radet/moten/${meeting}/publicera`, { confirmed: "yes" })).statusCode).toBe(303);
    const published = await get(`/naringslivsradet/${meeting}`);
    expect(published.statusCode).toBe(200);
    expect(published.body).toContain("En rekryteringsdag ordnas.");
    expect(published.body).not.toContain("Anbudet avvaktas.");
    expect(published.body).not.toContain("Upphandling pågår");
    const feed = await get("/naringslivsradet/flode.xml");
    expect(feed.body).toContain("En rekryteringsdag ordnas.");
    expect(feed.body).not.toContain("Anbudet");
    expect((await get(`/naringslivsradet/${meeting}`, undefined, laxa.host)).statusCode).toBe(404);

    // A correction: a reason, the text, and a new version approved again; the first stays readable.
    expect((await post(developer, `/radet/moten/${meeting}/rattelse`, { reason: "Fel ordalydelse i § 1" })).statusCode).toBe(303);
    expect((await post(developer, `/radet/punkter/${open.id}/protokoll`, { minutes: "Rådet talade om sommar- och höstsäsongen." })).statusCode).toBe(303);
    expect((await post(developer, `/radet/moten/${meeting}/justering`, { confirmed: "yes" })).statusCode).toBe(303);
    expect((await get(`/naringslivsradet/${meeting}`)).body).toContain("Rådet talade om sommarsäsongen.");
    for (const mail of (await councilMailLinks(db.app, askersund, "council.approval")).slice(-2)) {
      expect((await asVisitor(`/radet/justera/${mail.token}`, {})).statusCode).toBe(303);
    }
    const corrected = await get(`/naringslivsradet/${meeting}`);
    expect(corrected.body).toContain("sommar- och höstsäsongen");
    expect(corrected.body).toContain("Rättat: Fel ordalydelse i § 1");
    expect((await get(`/radet/moten/${meeting}/justerat?version=1`, developer)).body).toContain("Rådet talade om sommarsäsongen.");
    // The chair sat in this meeting: kept in the record, never deleted.
    const kept = await post(developer, `/radet/ledamoter/${chair}/ta-bort`, { confirmed: "yes" });
    expect(kept.statusCode).toBe(409);
    expect(kept.body).toContain("Avsluta uppdraget i stället");
    const versions = (await meetings.meetingPage(ctx(), meeting)).versions;
    expect(versions.map((row) => [row.version, row.reason, row.approved_at !== null])).toEqual([
      [2, "Fel ordalydelse i § 1", true],
      [1, null, true],
    ]);
    // The archive's PDF: tagged, in Swedish, with the whole minutes and who approved them.
    const pdf = await get(`/radet/moten/${meeting}/protokoll.pdf`, developer);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.toString("latin1")).toContain("/Lang (sv-SE)");
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const document = await pdfjs.getDocument({ data: new Uint8Array(pdf.rawPayload), useSystemFonts: false }).promise;
    expect(await document.getMarkInfo()).toMatchObject({ Marked: true });
    const text = (await (await document.getPage(1)).getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join(" ");
    expect(text).toContain("Anbudet avvaktas.");
    expect(text).toContain("Ordförande askersund");
  });

  it("takes minutes back for more writing, an approval already given going with the version", async () => {
    const people = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("council_members").select(["id", "name"]).execute());
    const member = people.find((row) => row.name === "Ledamot askersund")!.id;
    const meeting = await meetings.createMeeting(ctx(), {
      title: "Rådsmöte i maj",
      date: dayFromToday(-1),
      start_time: "15:00",
      end_time: "17:00",
      place: null,
      video_url: null,
    });
    await minutes.markHeld(ctx(), meeting);
    await minutes.saveAttendance(ctx(), meeting, { present: [member], adjuster_id: member });
    const version = await minutes.sendForApproval(ctx(), meeting, councilLinks(askersund));
    await inScope(db.app, askersund.scope, (tx) => minutes.recordApproval(tx, meeting, version, "chair", new Date()));
    expect((await post(developer, `/radet/moten/${meeting}/ta-tillbaka`, {})).statusCode).toBe(303);
    const page = await meetings.meetingPage(ctx(), meeting);
    expect(page.meeting.state).toBe("held");
    expect(page.versions).toEqual([]);
    expect(page.minutesOpen).toBe(true);
  });
});

describe("decisions, actions and follow-ups", () => {
  it("points a decision to an action both ways, creates one in an open programme only, and reminds a follow-up's owner once", async () => {
    const statuses = await buildStatuses(db.app, askersund);
    const { programme, area } = await buildProgramme(db.app, askersund);
    const action = await actions.createAction(ctx(), programme.id, {
      focus_area_id: area.id,
      title: "Företagsbesök",
      description: "",
      responsible: null,
      contributors: [],
      owner_id: null,
      start_date: null,
      end_date: null,
      status_id: statuses.started,
      progress: null,
      weight: 1,
      position: null,
    });
    const decision = (
      await inScope(db.app, askersund.scope, (tx) =>
        tx.selectFrom("council_decisions").select("id").where("text", "=", "En rekryteringsdag ordnas.").executeTakeFirstOrThrow(),
      )
    ).id;
    expect((await post(developer, `/radet/beslut/${decision}/atgard`, { action_id: action.id })).statusCode).toBe(303);
    const decisionPage = await get(`/radet/beslut/${decision}`, developer);
    expect(decisionPage.body).toContain("Företagsbesök");
    expect(decisionPage.body).toContain("Påbörjad, 25 %");
    const actionPage = await get(`/admin/atgarder/${action.id}`, developer);
    expect(actionPage.body).toContain("Beslut i näringslivsrådet");
    expect(actionPage.body).toContain(`/radet/beslut/${decision}`);

    // A new action from the decision goes into the open (draft) programme, in the same transaction as the link.
    expect((await post(developer, `/radet/beslut/${decision}/ny-atgard`, { focus_area_id: area.id, title: "Rekryteringsdag" })).statusCode).toBe(303);
    const linked = await decisions.decisionPage(ctx(), decision);
    expect(linked.action?.title).toBe("Rekryteringsdag");
    await programmes.adoptProgramme(ctx(), programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2024-01-15" });
    expect((await decisions.decisionPage(ctx(), decision)).choices!.focusAreas).toEqual([]);
    const refused = await post(developer, `/radet/beslut/${decision}/ny-atgard`, { focus_area_id: area.id, title: "En till" });
    expect(refused.statusCode).toBe(400);

    // A follow-up for a case officer: on their start page, reminded once within three days of its date, finished by them.
    expect(
      (await post(developer, `/radet/beslut/${decision}/uppfoljningar`, { text: "Boka lokalen", owner_id: officerId, due_on: dayFromToday(2) })).statusCode,
    ).toBe(303);
    expect((await get("/", officer)).body).toContain("Boka lokalen");
    expect((await get(`/radet/beslut/${decision}`, officer)).statusCode).toBe(200);
    expect(await decisions.remindFollowUps(db.app, askersund.scope, { base: "http://askersund.test", municipality: "Askersunds kommun" })).toBe(1);
    expect(await decisions.remindFollowUps(db.app, askersund.scope, { base: "http://askersund.test", municipality: "Askersunds kommun" })).toBe(0);
    const reminder = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("mail_outbox").select(["to_address", "text_body"]).where("purpose", "=", "council.follow_up_due").executeTakeFirstOrThrow(),
    );
    expect(reminder.to_address).toBe("handlaggare@askersund.test");
    expect(reminder.text_body).toContain(`/radet/beslut/${decision}`);
    const followUp = (await decisions.decisionPage(ctx(), decision)).followUps[0]!;
    expect((await post(officer, `/radet/uppfoljningar/${followUp.id}/klar`, { done: "on" })).statusCode).toBe(303);
    expect((await decisions.decisionPage(ctx(), decision)).followUps[0]!.done_at).not.toBeNull();
  });
});

describe("a member's personal data", () => {
  it("extracts a member with their terms and meetings, and erases their name and details while approved minutes stay as archived", async () => {
    const extract = await inScope(db.app, askersund.scope, (tx) => councilPersonalData.extract(tx, { kind: "email", email: "ledamot@askersund.test" }));
    const records = (extract!.records as { council_members: Array<{ name: string; terms: unknown[]; meetings: unknown[] }> }).council_members;
    expect(records[0]!.name).toBe("Ledamot askersund");
    expect(records[0]!.terms).toHaveLength(1);
    expect(records[0]!.meetings.length).toBeGreaterThan(0);
    const erased = await inScope(db.app, askersund.scope, (tx) =>
      councilPersonalData.erase(tx, ctx().actor, { kind: "email", email: "ledamot@askersund.test" }, undefined),
    );
    expect(erased.erased).toEqual([{ what: "council.privacy_hit", count: 1 }]);
    expect(erased.kept[0]!.count).toBeGreaterThan(0);
    const left = await inScope(db.app, askersund.scope, (tx) =>
      sql<{ found: number }>`select count(*)::int as found from council_members where name = 'Ledamot askersund' or email = 'ledamot@askersund.test'`.execute(
        tx,
      ),
    );
    expect(left.rows[0]!.found).toBe(0);
    // Laxå's member of the same name is another municipality's, untouched.
    const laxaMembers = await inScope(db.app, laxa.scope, (tx) => tx.selectFrom("council_members").select("name").execute());
    expect(laxaMembers.map((row) => row.name)).toContain("Ledamot laxa");
  });
});

import type { FastifyInstance } from "fastify";
import ICAL from "ical.js";
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCompany } from "../../../test/helpers/companies.js";
import { communicationLinks, eventValues, swedishDay } from "../../../test/helpers/communication.js";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import {
  anonymous,
  buildMunicipality,
  buildTestApp,
  buildUser,
  csrfFrom,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { startSmtpSink, type SmtpSink } from "../../../test/helpers/smtp.js";
import { inScope } from "../../platform/db/database.js";
import { formStamp } from "../../platform/http/bot-guard.js";
import { testSecret } from "../../../test/global-setup.js";
import { MailSender } from "../../platform/mail/sender.js";
import { smtpTransport } from "../../platform/mail/transport.js";
import * as events from "./event-service.js";
import * as registrationService from "./registration-service.js";
import * as news from "./news-service.js";
import * as programmes from "../programme/service.js";
import { renderMarkdown } from "./markdown.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let staff: Session;
let viewer: Session;
let sink: SmtpSink;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test" });
  await buildUser(db.app, askersund, { roles: ["viewer"], email: "lasare@askersund.test" });
  app = await buildTestApp(db.app);
  staff = await login(app, askersund.host, "utvecklare@askersund.test");
  viewer = await login(app, askersund.host, "lasare@askersund.test");
  sink = await startSmtpSink();
});

afterAll(async () => {
  await sink.close();
  await app.close();
  await db.drop();
});

// A public form's post carries the bot guard's stamp of a form shown half a minute ago, as a person's would.
const shownEarlier = (url: string): Record<string, string> =>
  url === "/nyhetsbrev" || /^\/evenemang\/[0-9a-f-]{36}$/.test(url) ? { started: formStamp(testSecret, Date.now() - 30_000) } : {};
const post = (session: Session, url: string, values: Record<string, string | string[]>, host = askersund.host) =>
  app.inject({
    method: "POST",
    url,
    headers: { host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...shownEarlier(url), ...values, _csrf: session.csrf }),
  });
const get = (url: string, session?: Session, host = askersund.host) =>
  app.inject({ method: "GET", url, headers: { host, ...(session ? { cookie: session.cookie } : {}) } });
const deliver = async () => {
  const sender = new MailSender(db.app, smtpTransport(sink.url, 1));
  await sender.drain();
  await sender.stop();
};
const mailTo = (to: string) => sink.received.filter((mail) => mail.to.includes(to));

describe("news", () => {
  it("publishes at its time: a draft and a scheduled post are not public, a published one is, on its own host only", async () => {
    const ctx = systemContext(db.app, askersund);
    await news.createPost(ctx, {
      title: "Utkastet",
      summary: "Ej klart",
      body: "x",
      slug: null,
      language: "sv",
      focus_area_ids: [],
      publish_on: null,
      publish_time: null,
    });
    await news.createPost(ctx, {
      title: "Schemalagd nyhet",
      summary: "Kommer",
      body: "x",
      slug: null,
      language: "sv",
      focus_area_ids: [],
      publish_on: swedishDay(3),
      publish_time: "08:00",
    });
    const created = await post(staff, "/kommunikation/nyheter/ny", {
      title: "Bredband till företagsparken",
      summary: "Fiber hela vägen",
      body: "Det **blir** fiber.",
      language: "sv",
      publish_on: swedishDay(-1),
      publish_time: "09:00",
    });
    expect(created.statusCode).toBe(303);
    const list = await get("/nyheter");
    expect(list.body).toContain("Bredband till företagsparken");
    expect(list.body).not.toContain("Utkastet");
    expect(list.body).not.toContain("Schemalagd nyhet");
    const page = await get("/nyheter/bredband-till-foretagsparken");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<strong>blir</strong>");
    expect((await get("/nyheter/bredband-till-foretagsparken", undefined, laxa.host)).statusCode).toBe(404);
    expect((await get("/nyheter/utkastet")).statusCode).toBe(404);
    const again = await post(staff, "/kommunikation/nyheter/ny", { title: "Bredband till företagsparken", summary: "Igen", body: "x", language: "sv" });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("Adressen används redan");
    expect(again.body).toContain('value="Bredband till företagsparken"');
  });

  it("renders Markdown without letting HTML or script links through", () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)"> [klick](javascript:alert(1)) [ok](https://askersund.se) <script>alert(2)</script>');
    expect(html).not.toMatch(/<img|<script|href="javascript/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('href="https://askersund.se"');
  });

  it("serves RSS 2.0 and Atom that a feed parser reads, with the published posts only", async () => {
    const parser = new Parser();
    for (const [url, type] of [
      ["/nyheter/rss.xml", /application\/rss\+xml/],
      ["/nyheter/atom.xml", /application\/atom\+xml/],
    ] as const) {
      const response = await get(url);
      expect(response.headers["content-type"]).toMatch(type);
      const feed = await parser.parseString(response.body);
      expect(feed.title).toBe("Nyheter från Askersunds kommun");
      expect(feed.items.map((item) => item.title)).toEqual(["Bredband till företagsparken"]);
      expect(feed.items[0]!.link).toBe("https://askersund.test/nyheter/bredband-till-foretagsparken");
    }
    const laxaFeed = await parser.parseString((await get("/nyheter/rss.xml", undefined, laxa.host)).body);
    expect(laxaFeed.items).toHaveLength(0);
  });

  it("offers the focus areas of adopted programmes only, and only to those who may read communication", async () => {
    const ctx = systemContext(db.app, askersund);
    const adopted = await programmes.createProgramme(ctx, {
      name: "Antaget program",
      start_year: 2020,
      end_year: 2023,
      purpose: "",
      vision: "v",
      goal: "g",
      party_ids: [],
    });
    await programmes.saveFocusArea(ctx, { programmeId: adopted.id }, { name: "Antaget fokusområde", description: "", position: null });
    await programmes.adoptProgramme(ctx, adopted.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });
    const draft = await programmes.createProgramme(ctx, {
      name: "Hemligt utkast",
      start_year: 2027,
      end_year: 2030,
      purpose: "",
      vision: "v",
      goal: "g",
      party_ids: [],
    });
    await programmes.saveFocusArea(ctx, { programmeId: draft.id }, { name: "Utkastets fokusområde", description: "", position: null });
    const formPage = await get("/kommunikation/nyheter/ny", staff);
    expect(formPage.body).toContain("Antaget fokusområde");
    expect(formPage.body).not.toContain("Utkastets fokusområde");
    const officer = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["case_officer"] })).email);
    expect((await get("/kommunikation/nyheter/ny", officer)).statusCode).toBe(403);
  });

  it("lets a viewer read drafts but not write them", async () => {
    expect((await get("/kommunikation/nyheter", viewer)).body).toContain("Utkastet");
    const refused = await post(viewer, "/kommunikation/nyheter/ny", { title: "Får inte", summary: "x", body: "x", language: "sv" });
    expect(refused.statusCode).toBe(403);
  });
});

describe("events", () => {
  let eventId: string;

  it("turns away a bot with the platform's guard: a filled hidden field, or a post faster than a person types", async () => {
    const open = await events.createEvent(systemContext(db.app, askersund), eventValues({ title: "Öppet hus" }), `http://${askersund.host}`);
    const visitor = await anonymous(app, askersund.host);
    const values = { name: "Bo Bot", email: "bot@example.se", q1: "x", consent: "on" };
    const guards: Array<Record<string, string>> = [
      { started: formStamp(testSecret) },
      { started: "1700000000000.forged-signature" },
      { started: formStamp(testSecret, Date.now() - 30_000), website: "https://spam.example" },
    ];
    for (const guard of guards) {
      const response = await app.inject({
        method: "POST",
        url: `/evenemang/${open}`,
        headers: { host: askersund.host, cookie: visitor.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ ...values, ...guard, _csrf: visitor.csrf }),
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain("Formuläret skickades innan det hann fyllas i");
    }
    const fast = await app.inject({
      method: "POST",
      url: "/nyhetsbrev",
      headers: { host: askersund.host, cookie: visitor.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ email: "bot@example.se", consent: "on", started: formStamp(testSecret), _csrf: visitor.csrf }),
    });
    expect(fast.statusCode).toBe(400);
    const rows = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("event_registrations").select("id").where("email", "=", "bot@example.se").execute(),
    );
    expect(rows).toEqual([]);
  });

  it("answers 404 for an event not open to the public, to read and to register for", async () => {
    const hidden = await events.createEvent(
      systemContext(db.app, askersund),
      eventValues({ title: "Internt möte", public: false }),
      `http://${askersund.host}`,
    );
    const visitor = await anonymous(app, askersund.host);
    expect((await get(`/evenemang/${hidden}`, visitor)).statusCode).toBe(404);
    expect((await get(`/evenemang/${hidden}/kalender.ics`, visitor)).statusCode).toBe(404);
    const registered = await post(visitor, `/evenemang/${hidden}`, { name: "Ada Först", email: "ada.intern@example.se", q1: "x", consent: "on" });
    expect(registered.statusCode).toBe(404);
    const rows = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("event_registrations").select("id").where("event_id", "=", hidden).execute());
    expect(rows).toEqual([]);
  });

  it("fills its places, then takes a waiting list that moves up when someone cancels by the link in their mail", async () => {
    eventId = await events.createEvent(
      systemContext(db.app, askersund),
      eventValues({ title: "Frukost med banken", capacity: 1, questions: "Specialkost *" }),
      `http://${askersund.host}`,
    );
    const company = await buildCompany(db.app, { name: "Deltagarbolaget AB" });
    const visitor = await anonymous(app, askersund.host);
    const missing = await post(visitor, `/evenemang/${eventId}`, { name: "Ada Först", email: "ada@example.se", consent: "on" });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#f-q1"');
    expect(missing.body).toContain('value="ada@example.se"');
    const first = await post(visitor, `/evenemang/${eventId}`, {
      name: "Ada Först",
      email: "ada@example.se",
      org_number: company.org_number,
      q1: "Vegetariskt",
      consent: "on",
    });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/evenemang/${eventId}`);
    const flash = (response: { headers: Record<string, unknown> }) =>
      String([response.headers["set-cookie"]].flat().find((c) => String(c).startsWith("lotsen_flash=")));
    const thanks = await app.inject({
      method: "GET",
      url: `/evenemang/${eventId}`,
      headers: { host: askersund.host, cookie: `${visitor.cookie}; ${flash(first).split(";")[0]}` },
    });
    expect(thanks.body).toContain("Tack för din anmälan");
    const second = await post(visitor, `/evenemang/${eventId}`, { name: "Bo Sedan", email: "bo@example.se", q1: "Inget", consent: "on" });
    expect(flash(second)).toContain("communication.waiting_check_mail");
    // Registering an address again answers as a first registration does, and tells the address by mail.
    const twice = await post(visitor, `/evenemang/${eventId}`, { name: "Ada Igen", email: "ada@example.se", q1: "x", consent: "on" });
    expect(twice.statusCode).toBe(first.statusCode);
    expect(twice.headers.location).toBe(first.headers.location);
    expect(flash(twice)).toBe(flash(first));
    await deliver();
    expect(mailTo("ada@example.se").map((mail) => mail.subject)).toEqual(["Du är anmäld: Frukost med banken", "Du är redan anmäld: Frukost med banken"]);

    const confirmation = mailTo("ada@example.se")[0]!;
    expect(confirmation.subject).toBe("Du är anmäld: Frukost med banken");
    const ics = confirmation.attachments.find((file) => file.contentType.startsWith("text/calendar"))!;
    const calendar = new ICAL.Component(ICAL.parse(ics.content.toString("utf8")));
    expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Stockholm");
    const vevent = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(vevent.summary).toBe("Frukost med banken");
    expect(calendar.getFirstSubcomponent("vevent")!.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/Stockholm");
    expect(vevent.startDate.toString()).toBe(`${swedishDay(14)}T07:30:00`);
    // Read with the zone the file defines, the time is the instant the event starts.
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent("vtimezone")!);
    const zoned = ICAL.Time.fromDateTimeString(vevent.startDate.toString(), calendar.getFirstSubcomponent("vevent")!.getFirstProperty("dtstart")!);
    const stored = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("events").select("starts_at").where("id", "=", eventId).executeTakeFirstOrThrow(),
    );
    expect(zoned.toJSDate().getTime()).toBe(stored.starts_at.getTime());
    expect(mailTo("bo@example.se")[0]!.subject).toBe("Du står på väntelistan: Frukost med banken");

    const cancelPath = new URL(/https?:\/\/\S+\/evenemang\/anmalan\/\S+/.exec(confirmation.text)![0]).pathname;
    expect((await get(cancelPath, undefined, laxa.host)).statusCode).toBe(404);
    const cancelPage = await get(cancelPath, visitor);
    const cancelled = await post({ ...visitor, csrf: csrfFrom(cancelPage.body) }, `${cancelPath}/avboka`, {});
    expect(cancelled.statusCode).toBe(303);
    const rows = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("event_registrations").select(["email", "status", "promoted_at"]).where("event_id", "=", eventId).orderBy("created_at").execute(),
    );
    expect(rows.map((row) => [row.email, row.status])).toEqual([
      ["ada@example.se", "cancelled"],
      ["bo@example.se", "registered"],
    ]);
    expect(rows[1]!.promoted_at).toBeInstanceOf(Date);
    await deliver();
    const promoted = mailTo("bo@example.se").at(-1)!;
    expect(promoted.subject).toBe("Du har fått en plats: Frukost med banken");
    expect(promoted.attachments.some((file) => file.contentType.startsWith("text/calendar"))).toBe(true);
  });

  it("shows the registration on the company's timeline to staff", async () => {
    const company = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("event_registrations").select("company_id").where("email", "=", "ada@example.se").executeTakeFirstOrThrow(),
    );
    const page = await get(`/foretag/${company.company_id}`, staff);
    expect(page.body).toContain("Frukost med banken: Ada Först");
  });

  it("serves the event and all public events as iCalendar that a calendar parser reads", async () => {
    await events.createEvent(systemContext(db.app, askersund), eventValues({ title: "Dolt internt möte", public: false }), `http://${askersund.host}`);
    const feed = new ICAL.Component(ICAL.parse((await get("/evenemang/kalender.ics")).body));
    const summaries = feed.getAllSubcomponents("vevent").map((item) => new ICAL.Event(item).summary);
    expect(summaries).toContain("Frukost med banken");
    expect(summaries).not.toContain("Dolt internt möte");
    const one = new ICAL.Component(ICAL.parse((await get(`/evenemang/${eventId}/kalender.ics`)).body));
    expect(new ICAL.Event(one.getFirstSubcomponent("vevent")!).endDate.toString()).toBe(`${swedishDay(14)}T09:00:00`);
    expect((await get(`/evenemang/${eventId}/kalender.ics`, undefined, laxa.host)).statusCode).toBe(404);
  });

  it("ticks arrivals on the check-in list and exports the attendees as CSV with their answers", async () => {
    const { registrations } = await events.getEvent(systemContext(db.app, askersund), eventId);
    const bo = registrations.find((row) => row.email === "bo@example.se")!;
    const page = await get(`/kommunikation/evenemang/${eventId}/incheckning`, staff);
    expect(page.body).toContain("0 av 1 har kommit");
    const none = await post(staff, `/kommunikation/evenemang/${eventId}/incheckning`, { present: "on" });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Välj minst en deltagare");
    expect((await post(staff, `/kommunikation/evenemang/${eventId}/incheckning`, { registration_ids: bo.id, present: "on" })).statusCode).toBe(303);
    expect((await get(`/kommunikation/evenemang/${eventId}/incheckning`, staff)).body).toContain("1 av 1 har kommit");
    // A name typed on the public form that a spreadsheet would run as a formula.
    await registrationService.register(
      db.app,
      askersund.scope,
      eventId,
      { name: '=HYPERLINK("http://evil.example","Klicka")', email: "formel@example.se", company_name: null, org_number: null, consent: true, q1: "-" },
      "sv",
      communicationLinks(askersund),
    );
    const csv = await get(`/kommunikation/evenemang/${eventId}/deltagare.csv`, staff);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("Namn;E-postadress;Företag;Organisationsnummer;Läge;Anmäld;Incheckad;Specialkost");
    // Times in Swedish wall-clock time ("2026-12-05 14:03"), never UTC with a Z.
    expect(lines.find((line) => line.startsWith("Bo Sedan"))).toMatch(/;Anmäld;\d{4}-\d{2}-\d{2} \d{2}:\d{2};\d{4}-\d{2}-\d{2} \d{2}:\d{2};Inget$/);
    expect(csv.body).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    expect(lines.find((line) => line.startsWith("Ada Först"))).toContain(";Avbokad;");
    expect(lines.find((line) => line.includes("evil.example"))).toMatch(/^"'=HYPERLINK/);
  });

  it("reminds registered attendees once before the event, and not those on the waiting list", async () => {
    const soon = await events.createEvent(
      systemContext(db.app, askersund),
      eventValues({ title: "Seminarium i morgon", date: swedishDay(30), capacity: 1, reminder_hours: 24 }),
      `http://${askersund.host}`,
    );
    const scope = askersund.scope;
    await registrationService.register(
      db.app,
      scope,
      soon,
      { name: "Cia", email: "cia@example.se", company_name: null, org_number: null, consent: true, q1: "" },
      "sv",
      communicationLinks(askersund),
    );
    await registrationService.register(
      db.app,
      scope,
      soon,
      { name: "Dan", email: "dan@example.se", company_name: null, org_number: null, consent: true, q1: "" },
      "sv",
      communicationLinks(askersund),
    );
    const event = (await events.getEvent(systemContext(db.app, askersund), soon)).event;
    const dayBefore = new Date(event.starts_at.getTime() - 20 * 3_600_000);
    expect(await registrationService.sendReminders(db.app, scope, new Date(event.starts_at.getTime() - 30 * 3_600_000), "s", "Askersunds kommun")).toBe(0);
    expect(await registrationService.sendReminders(db.app, scope, dayBefore, "s", "Askersunds kommun")).toBe(1);
    expect(await registrationService.sendReminders(db.app, scope, dayBefore, "s", "Askersunds kommun")).toBe(0);
    await deliver();
    expect(mailTo("cia@example.se").map((mail) => mail.subject)).toContain("Påminnelse: Seminarium i morgon");
    expect(mailTo("dan@example.se").map((mail) => mail.subject)).not.toContain("Påminnelse: Seminarium i morgon");
  });

  it("starts a new event as a draft the public does not see until staff publish it", async () => {
    const form = await app.inject({ method: "GET", url: "/kommunikation/evenemang/ny", headers: { host: staff.host, cookie: staff.cookie } });
    expect(form.body).toMatch(/<input[^>]*name="status"[^>]*value="draft"[^>]*checked|<option[^>]*value="draft"[^>]*selected/);
    const response = await post(staff, "/kommunikation/evenemang/ny", {
      title: "Hemligt utkast",
      kind: "seminar",
      place: "Rådhuset",
      date: swedishDay(5),
      start_time: "09:00",
      end_time: "10:00",
      reminder_hours: "24",
    });
    expect(response.statusCode).toBe(303);
    const id = String(response.headers.location).split("/").pop()!;
    const event = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("events").select("status").where("id", "=", id).executeTakeFirstOrThrow());
    expect(event.status).toBe("draft");
    expect((await app.inject({ method: "GET", url: "/evenemang", headers: { host: askersund.host } })).body).not.toContain("Hemligt utkast");
    expect((await app.inject({ method: "GET", url: `/evenemang/${id}`, headers: { host: askersund.host } })).statusCode).toBe(404);
  });

  it("refuses an end before the start and a deadline after it, naming the fields and keeping the values", async () => {
    const response = await post(staff, "/kommunikation/evenemang/ny", {
      title: "Baklänges",
      kind: "seminar",
      place: "Rådhuset",
      date: swedishDay(5),
      start_time: "10:00",
      end_time: "09:00",
      reminder_hours: "24",
      status: "published",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("”Sluttid” måste vara efter starttiden");
    expect(response.body).toContain('value="Baklänges"');
    const late = await post(staff, "/kommunikation/evenemang/ny", {
      title: "Sen anmälan",
      kind: "seminar",
      place: "Rådhuset",
      date: swedishDay(5),
      start_time: "09:00",
      end_time: "10:00",
      deadline_on: swedishDay(6),
      reminder_hours: "24",
      status: "published",
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain("”Sista anmälningsdag” måste vara före evenemangets början");
  });
});

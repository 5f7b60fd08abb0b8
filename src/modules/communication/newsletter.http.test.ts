import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCompany } from "../../../test/helpers/companies.js";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import {
  anonymous,
  buildMunicipality,
  buildTestApp,
  buildToken,
  buildUser,
  csrfFrom,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { startSmtpSink, type SmtpSink } from "../../../test/helpers/smtp.js";
import { testSecret } from "../../../test/global-setup.js";
import { formStamp } from "../../platform/http/bot-guard.js";
import { asWorker, inScope } from "../../platform/db/database.js";
import { MailSender } from "../../platform/mail/sender.js";
import { smtpTransport } from "../../platform/mail/transport.js";
import * as campaigns from "./campaign-service.js";
import * as subscriptions from "./subscription-service.js";
import * as subscribers from "./subscriber-service.js";
import { rejectedAtSending } from "./subscriber-service.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let staff: Session;
let apiToken: string;
let listId: string;
let privateListId: string;
let laxaListId: string;
let sink: SmtpSink;
const rejected = "finns-inte@example.se";

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { kommunkod: "1860", host: "laxa.test" });
  const developer = await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test" });
  apiToken = (await buildToken(db.app, askersund, developer.id)).token;
  const ctx = systemContext(db.app, askersund);
  listId = await subscriptions.createList(ctx, {
    name_sv: "Nyhetsbrevet",
    name_en: "The newsletter",
    description_sv: null,
    description_en: null,
    public: true,
  });
  privateListId = await subscriptions.createList(ctx, { name_sv: "Rådet", name_en: "The council", description_sv: null, description_en: null, public: false });
  laxaListId = await subscriptions.createList(systemContext(db.app, laxa), {
    name_sv: "Laxås brev",
    name_en: "Laxå's letter",
    description_sv: null,
    description_en: null,
    public: true,
  });
  // A confirmed reader, so that every campaign of the tests has someone to go to.
  await subscribers.addSubscriber(ctx, {
    email: "alltid@example.se",
    name: "Alltid Läsare",
    org_number: null,
    language: "sv",
    list_ids: [listId],
    consent_source: "Mässa",
  });
  app = await buildTestApp(db.app);
  staff = await login(app, askersund.host, developer.email);
  sink = await startSmtpSink({ reply: (to) => (to === rejected ? { code: 550, text: "5.1.1 No such user" } : undefined) });
});

afterAll(async () => {
  await sink.close();
  await app.close();
  await db.drop();
});

const deliver = async () => {
  const sender = new MailSender(db.app, smtpTransport(sink.url, 2), { onRejected: (mail) => rejectedAtSending(db.app, mail) });
  await sender.drain();
  await sender.stop();
};
const mailTo = (to: string) => sink.received.filter((mail) => mail.to.includes(to));
const subscriber = (email: string) =>
  inScope(db.app, askersund.scope, (tx) => tx.selectFrom("subscribers").selectAll().where("email", "=", email).executeTakeFirst());
const subscriptionsOf = (subscriberId: string) =>
  inScope(db.app, askersund.scope, (tx) => tx.selectFrom("subscriptions").selectAll().where("subscriber_id", "=", subscriberId).execute());
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
const linkIn = (text: string, path: string) => {
  const match = new RegExp(`https?://[^\\s>"]+${path}[^\\s>"]*`).exec(text);
  if (!match) {
    throw new Error(`no ${path} link in: ${text}`);
  }
  return new URL(match[0]).pathname;
};
const segment = (overrides: Partial<{ list_ids: string[]; sections: string[]; size_classes: string[]; tags: string[]; in_area: boolean }> = {}) => ({
  list_ids: [listId],
  sections: [],
  size_classes: [],
  tags: [],
  in_area: false,
  ...overrides,
});

/** Sends a campaign all the way: the job queues its mail, the sender delivers, the job marks it sent. */
async function sendCampaign(subject: string, body: string, seg = segment()): Promise<string> {
  const ctx = systemContext(db.app, askersund);
  const id = await campaigns.createCampaign(ctx, { subject, body, language: "sv", archive: true, ...seg });
  await campaigns.sendNow(ctx, id, `http://${askersund.host}`);
  await campaigns.runCampaign(db.app, askersund.scope, id, testSecret);
  await deliver();
  await campaigns.runCampaign(db.app, askersund.scope, id, testSecret);
  return id;
}

describe("double opt-in", () => {
  it("sends nothing to a list until the confirmation link is followed, then the address receives the list's mail", async () => {
    const visitor = await anonymous(app, askersund.host);
    const page = await app.inject({ method: "GET", url: "/nyhetsbrev", headers: { host: askersund.host, cookie: visitor.cookie } });
    expect(page.body).toContain("Nyhetsbrevet");
    expect(page.body).not.toContain("Rådet");
    const signedUp = await post(visitor, "/nyhetsbrev", { email: "Ny.Prenumerant@Example.se", name: "Nils Ny", list_ids: listId, consent: "on" });
    expect(signedUp.statusCode).toBe(303);
    const row = (await subscriber("ny.prenumerant@example.se"))!;
    expect((await subscriptionsOf(row.id)).map((x) => [x.status, x.consent_method])).toEqual([["unconfirmed", "double_opt_in"]]);

    const before = await campaigns.preview(systemContext(db.app, askersund), segment());
    expect(before.sampleLeftOut.find((member) => member.email === row.email)?.left_out).toBe("unconfirmed");
    await sendCampaign("Före bekräftelsen", "Ska inte komma fram");
    await deliver();
    const mails = mailTo("ny.prenumerant@example.se");
    expect(mails.map((mail) => mail.subject)).toEqual(["Bekräfta din prenumeration hos Askersunds kommun"]);

    const confirmPath = linkIn(mails[0]!.text, "/nyhetsbrev/bekrafta/");
    const confirmPage = await app.inject({ method: "GET", url: confirmPath, headers: { host: askersund.host, cookie: visitor.cookie } });
    expect(confirmPage.statusCode).toBe(200);
    // Opening the link confirms nothing (a mail scanner follows links); the button does.
    expect((await subscriptionsOf(row.id))[0]!.status).toBe("unconfirmed");
    const confirmed = await post({ ...visitor, csrf: csrfFrom(confirmPage.body) }, confirmPath, {});
    expect(confirmed.statusCode).toBe(303);
    const after = (await subscriptionsOf(row.id))[0]!;
    expect(after.status).toBe("confirmed");
    expect(after.confirmed_at).toBeInstanceOf(Date);

    await sendCampaign("Efter bekräftelsen", "Välkommen");
    expect(mailTo("ny.prenumerant@example.se").map((mail) => mail.subject)).toContain("Efter bekräftelsen");
    expect(mailTo("ny.prenumerant@example.se").map((mail) => mail.subject)).not.toContain("Före bekräftelsen");
  });

  it("refuses a private list or another municipality's list on the public form, naming the field and keeping the address", async () => {
    const visitor = await anonymous(app, askersund.host);
    for (const list of [privateListId, laxaListId]) {
      const response = await post(visitor, "/nyhetsbrev", { email: "smygare@example.se", list_ids: list, consent: "on" });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('href="#f-list_ids"');
      expect(response.body).toContain('value="smygare@example.se"');
    }
    expect(await subscriber("smygare@example.se")).toBeUndefined();
  });

  it("answers 404 for a forged confirmation link and for a real one on another municipality's host", async () => {
    const row = (await subscriber("ny.prenumerant@example.se"))!;
    const real = linkIn(mailTo(row.email)[0]!.text, "/nyhetsbrev/bekrafta/");
    const forged = real.slice(0, -2) + (real.endsWith("AA") ? "BB" : "AA");
    expect((await app.inject({ method: "GET", url: forged, headers: { host: askersund.host } })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: real, headers: { host: laxa.host } })).statusCode).toBe(404);
  });
});

describe("a campaign's mail", () => {
  it("goes as HTML and text with RFC 8058 headers, and a one-click POST with no cookie and no CSRF token unsubscribes", async () => {
    const ctx = systemContext(db.app, askersund);
    await subscribers.addSubscriber(ctx, {
      email: "klick@example.se",
      name: null,
      org_number: null,
      language: "sv",
      list_ids: [listId],
      consent_source: "Mässa",
    });
    const id = await sendCampaign("Månadens nyheter", "Hej!\n\n**Viktigt** och [en länk](https://askersund.se)\n\n<script>alert(1)</script>");
    const mail = mailTo("klick@example.se").find((received) => received.subject === "Månadens nyheter")!;
    expect(mail.html).toContain("<strong>Viktigt</strong>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect(mail.html).not.toContain("<script>");
    expect(mail.text).toContain("**Viktigt**");
    const headers = mail.rawHeaders.replace(/\r?\n[ \t]+/g, " ");
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const unsubscribeUrl = /^List-Unsubscribe: <([^>]+)>$/m.exec(headers)![1]!;
    expect(unsubscribeUrl).toContain(`/nyhetsbrev/avsluta/`);
    expect(unsubscribeUrl).toContain(id);
    const { pathname } = new URL(unsubscribeUrl);

    // Another municipality's host, and a forged token, change nothing.
    expect(
      (
        await app.inject({
          method: "POST",
          url: pathname,
          headers: { host: laxa.host, "content-type": "application/x-www-form-urlencoded" },
          payload: "List-Unsubscribe=One-Click",
        })
      ).statusCode,
    ).toBe(404);
    const row = (await subscriber("klick@example.se"))!;
    expect((await subscriptionsOf(row.id))[0]!.status).toBe("confirmed");

    const oneClick = await app.inject({
      method: "POST",
      url: pathname,
      headers: { host: askersund.host, "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.statusCode).toBe(200);
    const after = (await subscriptionsOf(row.id))[0]!;
    expect([after.status, after.unsubscribe_method]).toEqual(["unsubscribed", "one_click"]);

    await sendCampaign("Nästa nummer", "Mer nyheter");
    expect(mailTo("klick@example.se").map((received) => received.subject)).not.toContain("Nästa nummer");
    const audit = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("audit_events").select("action").where("record_id", "=", row.id).execute());
    expect(audit.map((event) => event.action)).toContain("subscriber.unsubscribed");
  });

  it("lets the preference page change lists or leave everything, by the link in the mail", async () => {
    const ctx = systemContext(db.app, askersund);
    await subscribers.addSubscriber(ctx, {
      email: "val@example.se",
      name: null,
      org_number: null,
      language: "sv",
      list_ids: [listId, privateListId],
      consent_source: "Rådsmöte",
    });
    await sendCampaign("Brev med inställningar", "Text");
    const mail = mailTo("val@example.se").find((received) => received.subject === "Brev med inställningar")!;
    const preferences = linkIn(mail.text, "/nyhetsbrev/installningar/");
    const visitor = await anonymous(app, askersund.host);
    const page = await app.inject({ method: "GET", url: preferences, headers: { host: askersund.host, cookie: visitor.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.body).toContain("Rådet");
    const row = (await subscriber("val@example.se"))!;
    expect((await post({ ...visitor, csrf: csrfFrom(page.body) }, preferences, { list_ids: privateListId })).statusCode).toBe(303);
    expect(Object.fromEntries((await subscriptionsOf(row.id)).map((x) => [x.list_id, x.status]))).toEqual({
      [listId]: "unsubscribed",
      [privateListId]: "confirmed",
    });
    expect((await post({ ...visitor, csrf: csrfFrom(page.body) }, preferences, { leave_all: "on" })).statusCode).toBe(303);
    expect((await subscriptionsOf(row.id)).every((x) => x.status === "unsubscribed")).toBe(true);
    expect((await subscriber("val@example.se"))!.opted_out_at).toBeInstanceOf(Date);

    // Coming back gives a new link: the old one (and any copy that went astray) opens nothing.
    expect((await post(visitor, "/nyhetsbrev", { email: "val@example.se", list_ids: listId, consent: "on" })).statusCode).toBe(303);
    await deliver();
    const confirmation = mailTo("val@example.se").find((received) => received.subject.startsWith("Bekräfta"))!;
    const fresh = linkIn(confirmation.text, "/nyhetsbrev/bekrafta/");
    expect(fresh.split("/").pop()).not.toBe(preferences.split("/").pop());
    expect((await app.inject({ method: "GET", url: preferences, headers: { host: askersund.host, cookie: visitor.cookie } })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: fresh, headers: { host: askersund.host, cookie: visitor.cookie } })).statusCode).toBe(200);
  });

  it("blocks an address the SMTP server refuses (5xx) at once, and the next campaign leaves it out", async () => {
    const ctx = systemContext(db.app, askersund);
    await subscribers.addSubscriber(ctx, { email: rejected, name: null, org_number: null, language: "sv", list_ids: [listId], consent_source: "Mässa" });
    await sendCampaign("Till en adress som inte finns", "Text");
    const row = (await subscriber(rejected))!;
    expect(row.block_reason).toBe("hard_bounce");
    const bounces = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("mail_bounces").selectAll().where("subscriber_id", "=", row.id).execute());
    expect(bounces.map((bounce) => [bounce.kind, bounce.source])).toEqual([["hard", "smtp"]]);
    const preview = await campaigns.preview(ctx, segment());
    expect(preview.sampleLeftOut.find((member) => member.email === rejected)?.left_out).toBe("blocked");
  });

  it("blocks by delivery reports: a hard bounce or complaint at once, soft bounces on the third", async () => {
    const ctx = systemContext(db.app, askersund);
    for (const email of ["hard@example.se", "mjuk@example.se", "klagar@example.se"]) {
      await subscribers.addSubscriber(ctx, { email, name: null, org_number: null, language: "sv", list_ids: [listId], consent_source: "Mässa" });
    }
    const report = (reports: unknown[]) =>
      app.inject({
        method: "POST",
        url: "/api/v1/newsletter/bounces",
        headers: { host: askersund.host, authorization: `Bearer ${apiToken}` },
        payload: { reports },
      });
    const first = await report([
      { email: "hard@example.se", kind: "hard", detail: "550 5.1.1" },
      { email: "mjuk@example.se", kind: "soft" },
      { email: "klagar@example.se", kind: "complaint" },
      { email: "okand@example.se", kind: "hard" },
    ]);
    expect(first.statusCode).toBe(200);
    expect(first.json().results).toEqual([
      { email: "hard@example.se", known: true, blocked: true },
      { email: "mjuk@example.se", known: true, blocked: false },
      { email: "klagar@example.se", known: true, blocked: true },
      { email: "okand@example.se", known: false, blocked: false },
    ]);
    expect((await report([{ email: "mjuk@example.se", kind: "soft" }])).json().results[0].blocked).toBe(false);
    expect((await report([{ email: "mjuk@example.se", kind: "soft" }])).json().results[0].blocked).toBe(true);
    expect((await subscriber("mjuk@example.se"))!.block_reason).toBe("soft_bounces");
    expect((await subscriber("klagar@example.se"))!.block_reason).toBe("complaint");
    const bad = await report([{ email: "inte en adress", kind: "kanske" }]);
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(["reports.email", "reports.kind"]);
  });

  it("pauses by taking back the mail not yet begun, resumes with every recipient once, and a cancelled campaign sends nothing more", async () => {
    const ctx = systemContext(db.app, askersund);
    const pauseList = await subscriptions.createList(ctx, {
      name_sv: "Pauslistan",
      name_en: "Pause list",
      description_sv: null,
      description_en: null,
      public: false,
    });
    for (let index = 0; index < 30; index += 1) {
      await subscribers.addSubscriber(ctx, {
        email: `paus${index}@example.se`,
        name: null,
        org_number: null,
        language: "sv",
        list_ids: [pauseList],
        consent_source: "Import",
      });
    }
    const id = await campaigns.createCampaign(ctx, {
      subject: "Pausat brev",
      body: "Text",
      language: "sv",
      archive: false,
      ...segment({ list_ids: [pauseList] }),
    });
    expect(await campaigns.sendNow(ctx, id, `http://${askersund.host}`)).toBe(30);
    await campaigns.runCampaign(db.app, askersund.scope, id, testSecret);
    expect(await campaigns.pause(ctx, id)).toBe(30);
    await deliver();
    expect(sink.received.filter((mail) => mail.subject === "Pausat brev")).toHaveLength(0);
    await campaigns.resume(ctx, id);
    await campaigns.runCampaign(db.app, askersund.scope, id, testSecret);
    await deliver();
    await campaigns.runCampaign(db.app, askersund.scope, id, testSecret);
    const got = sink.received.filter((mail) => mail.subject === "Pausat brev").map((mail) => mail.to);
    expect(new Set(got).size).toBe(30);
    expect(got).toHaveLength(30);
    const view = await campaigns.getCampaign(ctx, id);
    expect(view.campaign.status).toBe("sent");
    expect(view.progress).toMatchObject({ recipients: 30, sent: 30, waiting: 0, queued: 0 });

    const cancelled = await campaigns.createCampaign(ctx, {
      subject: "Avbrutet brev",
      body: "Text",
      language: "sv",
      archive: false,
      ...segment({ list_ids: [pauseList] }),
    });
    await campaigns.sendNow(ctx, cancelled, `http://${askersund.host}`);
    await campaigns.runCampaign(db.app, askersund.scope, cancelled, testSecret);
    await campaigns.cancel(ctx, cancelled);
    await campaigns.runCampaign(db.app, askersund.scope, cancelled, testSecret);
    await deliver();
    expect(sink.received.filter((mail) => mail.subject === "Avbrutet brev")).toHaveLength(0);
    const response = await post(staff, `/kommunikation/utskick/${cancelled}/fortsatt`, {});
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain("Utskicket kan inte ändras så i sitt nuvarande läge");
  });

  it("starts a scheduled campaign when its time comes, and not before", async () => {
    const ctx = systemContext(db.app, askersund);
    const id = await campaigns.createCampaign(ctx, { subject: "Schemalagt", body: "Text", language: "sv", archive: true, ...segment() });
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(tomorrow);
    await campaigns.schedule(ctx, id, { send_on: day, send_time: "08:00" }, `http://${askersund.host}`);
    expect(await campaigns.startDue(db.app, askersund.scope, new Date())).toBe(0);
    expect(await campaigns.startDue(db.app, askersund.scope, new Date(Date.now() + 2 * 86_400_000))).toBe(1);
    expect((await campaigns.getCampaign(ctx, id)).campaign.status).toBe("sending");
    const past = await post(
      staff,
      `/kommunikation/utskick/${await campaigns.createCampaign(ctx, { subject: "Förr", body: "x", language: "sv", archive: true, ...segment() })}/schemalagg`,
      { send_on: "2020-01-01", send_time: "08:00" },
    );
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain("måste vara i framtiden");
  });

  it("shows a sent campaign marked for it in the public archive, and no draft", async () => {
    const visitor = await anonymous(app, askersund.host);
    const archive = await app.inject({ method: "GET", url: "/nyhetsbrev/arkiv", headers: { host: askersund.host, cookie: visitor.cookie } });
    expect(archive.body).toContain("Månadens nyheter");
    expect(archive.body).not.toContain("Pausat brev");
    const draft = await campaigns.createCampaign(systemContext(db.app, askersund), {
      subject: "Hemligt utkast",
      body: "x",
      language: "sv",
      archive: true,
      ...segment(),
    });
    expect((await app.inject({ method: "GET", url: `/nyhetsbrev/arkiv/${draft}`, headers: { host: askersund.host } })).statusCode).toBe(404);
  });
});

describe("segments and consent", () => {
  it("reaches a company by the register but a sole trader only with consent, respects the advertising opt-out, and says why each is left out", async () => {
    const ctx = systemContext(db.app, askersund);
    const company = await buildCompany(db.app, { name: "Aktiebolaget AB", industryKeys: ["2025:C", "2025:25"] });
    const soleTrader = await buildCompany(db.app, { name: "Fia Firma", isPerson: true, industryKeys: ["2025:C"] });
    const consenting = await buildCompany(db.app, { name: "Sara Samtycke", isPerson: true, industryKeys: ["2025:C"] });
    const optedOut = await buildCompany(db.app, { name: "Spärr AB", industryKeys: ["2025:C"] });
    const shop = await buildCompany(db.app, { name: "Butiken AB", industryKeys: ["2025:G"] });
    await db.owner.updateTable("companies").set({ advertising_opt_out: true }).where("id", "=", optedOut.id).execute();
    const add = (email: string, org: string, lists: string[] = []) =>
      subscribers.addSubscriber(ctx, { email, name: null, org_number: org, language: "sv", list_ids: lists, consent_source: "Företagsbesök" });
    await add("vd@aktiebolaget.se", company.org_number);
    await add("fia@firma.se", soleTrader.org_number);
    await add("sara@samtycke.se", consenting.org_number, [privateListId]);
    await add("info@sparr.se", optedOut.org_number);
    await add("kassa@butiken.se", shop.org_number);
    const preview = await campaigns.preview(ctx, segment({ list_ids: [], sections: ["C"] }));
    const included = preview.sampleIncluded.map((member) => member.email).sort();
    expect(included).toEqual(["sara@samtycke.se", "vd@aktiebolaget.se"]);
    const reasons = Object.fromEntries(preview.sampleLeftOut.map((member) => [member.email, member.left_out]));
    expect(reasons).toEqual({ "fia@firma.se": "sole_trader_without_consent", "info@sparr.se": "advertising_opt_out" });
    expect(preview.included).toBe(2);
    expect(preview.leftOut).toEqual({ sole_trader_without_consent: 1, advertising_opt_out: 1 });

    const page = await app.inject({
      method: "GET",
      url: `/kommunikation/utskick/${await campaigns.createCampaign(ctx, { subject: "Till industrin", body: "x", language: "sv", archive: false, ...segment({ list_ids: [], sections: ["C"] }) })}`,
      headers: { host: askersund.host, cookie: staff.cookie },
    });
    expect(page.body).toContain("2 mottagare");
    expect(page.body).toContain("enskild firma utan samtycke: 1");
    expect(page.body).toContain("företaget har reklamspärr: 1");
  });

  it("asks before sending, on a page of its own that says to how many it goes, and sends nothing until confirmed", async () => {
    const ctx = systemContext(db.app, askersund);
    const id = await campaigns.createCampaign(ctx, {
      subject: "Fråga först",
      body: "x",
      language: "sv",
      archive: false,
      ...segment({ list_ids: [], sections: ["C"] }),
    });
    const asked = await post(staff, `/kommunikation/utskick/${id}/skicka`, {});
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("Skicka ”Fråga först” nu?");
    expect(asked.body).toContain("Utskicket går nu till 2 mottagare.");
    expect(asked.body).toContain(`action="/kommunikation/utskick/${id}/skicka"`);
    expect((await campaigns.getCampaign(ctx, id)).campaign.status).toBe("draft");
    expect((await post(staff, `/kommunikation/utskick/${id}/skicka`, { confirmed: "yes" })).statusCode).toBe(303);
    expect((await campaigns.getCampaign(ctx, id)).campaign.status).not.toBe("draft");
  });
});

describe("a subscriber entered by staff", () => {
  it("records where the consent was given, links the company, and refuses an unknown organisation number with the values kept", async () => {
    const company = await buildCompany(db.app, { name: "Länkade AB" });
    const created = await post(staff, "/kommunikation/prenumeranter/ny", {
      email: "lank@example.se",
      org_number: company.org_number,
      list_ids: listId,
      consent_source: "Frukostmöte 3 december",
      language: "sv",
    });
    expect(created.statusCode).toBe(303);
    const row = (await subscriber("lank@example.se"))!;
    expect(row.company_id).toBe(company.id);
    expect((await subscriptionsOf(row.id)).map((x) => [x.status, x.consent_method, x.consent_source])).toEqual([
      ["confirmed", "staff", "Frukostmöte 3 december"],
    ]);
    const unknown = await post(staff, "/kommunikation/prenumeranter/ny", {
      email: "okant@example.se",
      org_number: "556036-0793",
      consent_source: "Mässa",
      language: "sv",
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("Det finns inget företag med det organisationsnumret i registret");
    expect(unknown.body).toContain('value="okant@example.se"');
  });

  it("is another municipality's 404", async () => {
    const row = (await subscriber("lank@example.se"))!;
    const laxaAdmin = await buildUser(db.app, laxa, { roles: ["admin"], email: "admin@laxa.test" });
    const session = await login(app, laxa.host, laxaAdmin.email);
    expect(
      (await app.inject({ method: "GET", url: `/kommunikation/prenumeranter/${row.id}`, headers: { host: laxa.host, cookie: session.cookie } })).statusCode,
    ).toBe(404);
  });
});

describe("personal data", () => {
  it("gives a register extract and erases a subscriber everywhere: no table keeps the address", async () => {
    const email = "radera.mig@example.se";
    await subscribers.addSubscriber(systemContext(db.app, askersund), {
      email,
      name: "Rut Radera",
      org_number: null,
      language: "sv",
      list_ids: [listId],
      consent_source: "Mässa",
    });
    await sendCampaign("Brev före raderingen", "Text");
    const extract = await app.inject({
      method: "GET",
      url: `/kommunikation/personuppgifter?email=${encodeURIComponent(email)}`,
      headers: { host: askersund.host, cookie: staff.cookie },
    });
    expect(extract.body).toContain("Rut Radera");
    expect(extract.body).toContain("&quot;campaigns_received&quot;: ");
    const asked = await post(staff, "/kommunikation/personuppgifter/radera", { email });
    expect(asked.body).toContain(`Radera allt om ${email}?`);
    const erased = await post(staff, "/kommunikation/personuppgifter/radera", { email, confirmed: "yes" });
    expect(erased.statusCode).toBe(303);
    const found = await asWorker(db.app, async (tx) => {
      const tables = (
        await sql<{
          table_name: string;
          column_name: string;
        }>`select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('text', 'jsonb')`.execute(tx)
      ).rows;
      const hits: string[] = [];
      for (const { table_name, column_name } of tables) {
        const result = await sql<{
          n: number;
        }>`select count(*)::int as n from ${sql.table(table_name)} where ${sql.ref(column_name)}::text ilike ${`%${email}%`}`.execute(tx);
        if (result.rows[0]!.n > 0) {
          hits.push(`${table_name}.${column_name}`);
        }
      }
      return hits;
    });
    expect(found).toEqual([]);
  });
});

import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCompany } from "../../../test/helpers/companies.js";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildDeskRecords, multipart, pdf } from "../../../test/helpers/desk.js";
import {
  anonymous,
  buildMunicipality,
  buildTestApp,
  buildToken,
  buildUnit,
  buildUser,
  csrfFrom,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { startSmtpSink } from "../../../test/helpers/smtp.js";
import { testSecret } from "../../../test/global-setup.js";
import { asWorker, inScope } from "../../platform/db/database.js";
import { MailSender } from "../../platform/mail/sender.js";
import { smtpTransport } from "../../platform/mail/transport.js";
import * as tenancy from "../../platform/tenancy/service.js";
import { formStamp } from "../../platform/http/bot-guard.js";
import { createServer } from "../../server.js";
import { stockholmParts } from "../../platform/sweden/time.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let officer: Session;
let outsider: Session;
let laxaAdmin: Session;
let unitId: string;
let otherUnitId: string;
let officerId: string;
let managerEmail: string;
let categoryId: string;
let buildingCategoryId: string;
const registerCompany = { id: "", org: "5560360793" };

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { kommunkod: "1860", host: "laxa.test" });
  const unit = await buildUnit(db.app, askersund, { name: "Bygg och miljö" });
  const other = await buildUnit(db.app, askersund, { name: "Kommunala bostadsbolaget", kind: "company" });
  unitId = unit.id;
  otherUnitId = other.id;
  const manager = await buildUser(db.app, askersund, { roles: ["case_officer"], unitIds: [unit.id], email: "chef@askersund.test", name: "Cecilia Chef" });
  managerEmail = manager.email;
  await tenancy.updateUnit(systemContext(db.app, askersund), unit.id, { name: unit.name, kind: unit.kind, parent_id: null, manager_id: manager.id });
  const user = await buildUser(db.app, askersund, {
    roles: ["case_officer"],
    unitIds: [unit.id],
    email: "handlaggare@askersund.test",
    name: "Hugo Handläggare",
  });
  officerId = user.id;
  await buildUser(db.app, askersund, { roles: ["case_officer"], unitIds: [other.id], email: "annan@askersund.test", name: "Anna Annan" });
  await buildUser(db.app, laxa, { roles: ["admin"], email: "admin@laxa.test" });
  const records = await buildDeskRecords(db.app, askersund, { unitId: unit.id });
  categoryId = records.deskCategory;
  buildingCategoryId = (
    await buildDeskRecords(db.app, askersund, {
      unitId: unit.id,
      statutory: "pbl_decision",
      policy: { target_unit: "days", first_response: 2, resolution: 45 },
    })
  ).deskCategory;
  await buildDeskRecords(db.app, laxa, { unitId: (await buildUnit(db.app, laxa)).id });
  registerCompany.id = (await buildCompany(db.app, { name: "Volvo Personvagnar AB", orgNumber: registerCompany.org, town: "GÖTEBORG", postcode: "40531" })).id;
  app = await buildTestApp(db.app);
  officer = await login(app, askersund.host, "handlaggare@askersund.test");
  outsider = await login(app, askersund.host, "annan@askersund.test");
  laxaAdmin = await login(app, laxa.host, "admin@laxa.test");
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const caseRow = (number: string) =>
  inScope(db.app, askersund.scope, async (tx) => tx.selectFrom("desk_cases").selectAll().where("number", "=", number).executeTakeFirstOrThrow());
const outbox = (purpose: string) =>
  asWorker(
    db.app,
    async (tx) =>
      (
        await sql<{
          to_address: string;
          subject: string;
          text_body: string;
          message_id: string;
        }>`select to_address, subject, text_body, message_id from mail_outbox where purpose = ${purpose} order by created_at`.execute(tx)
      ).rows,
  );

async function submit(
  session: Session,
  fields: Record<string, string>,
  files: Parameters<typeof multipart>[1] = [],
  stamp = formStamp(testSecret, Date.now() - 30_000),
) {
  const body = multipart({ _csrf: session.csrf, started: stamp, website: "", ...fields }, files);
  return app.inject({
    method: "POST",
    url: "/foretagslots",
    remoteAddress: "10.9.9.9",
    headers: { host: session.host, cookie: session.cookie, "content-type": body.contentType },
    payload: body.payload,
  });
}

const question = {
  org_number: "556036-0793",
  company_name: "",
  name: "Ada Företagare",
  email: "ada@example.se",
  phone: "070-123 45 67",
  subject: "Bygglov för skylt",
  description: "Får vi sätta upp en skylt på fasaden?",
  consent: "on",
};

describe("the public form", () => {
  it("works without JavaScript: shows the categories and the consent text, and takes the question with a file checked by its content", async () => {
    const visitor = await anonymous(app, askersund.host);
    const page = await app.inject({ method: "GET", url: "/foretagslots", headers: { host: askersund.host, cookie: visitor.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain("Område ");
    expect(page.body).toContain("allmän handling");
    const response = await submit({ ...visitor, csrf: csrfFrom(page.body) }, { ...question, category_id: categoryId }, [
      { filename: "skylt.pdf", content: pdf, type: "application/pdf" },
    ]);
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/foretagslots\/status\/[A-Za-z0-9_-]{43}\?ny=1$/);
    const token = location.split("/").pop()!.split("?")[0]!;
    const status = await app.inject({ method: "GET", url: location, headers: { host: askersund.host, cookie: visitor.cookie } });
    expect(status.statusCode).toBe(200);
    expect(status.headers["referrer-policy"]).toBe("no-referrer");
    expect(status.headers["cache-control"]).toBe("no-store");
    const number = /Ärende (\d{4}-\d{4})/.exec(status.body)![1]!;
    expect(status.body).toContain("Tack, vi har tagit emot din fråga");
    expect(status.body).toContain("skylt.pdf");
    const row = await caseRow(number);
    expect(row).toMatchObject({
      channel: "web",
      org_number: "5560360793",
      company_id: registerCompany.id,
      unit_id: unitId,
      status: "new",
      correspondent_email: "ada@example.se",
    });
    expect(row.consent_at).not.toBeNull();
    expect(row.first_response_due_at).not.toBeNull();
    // The token itself is stored nowhere; only its hash.
    const dump = await sql<{
      found: number;
    }>`select count(*)::int as found from desk_cases where status_token_hash = ${token} or status_token_salt = ${token}`.execute(db.owner);
    expect(dump.rows[0]!.found).toBe(0);
    const [receipt] = await outbox("desk.receipt").then((mails) => mails.filter((mail) => mail.to_address === "ada@example.se"));
    expect(receipt!.subject).toContain(number);
    // The link is built from the municipality's configured host, not from the plain-HTTP request's.
    expect(receipt!.text_body).toContain(`https://askersund.test/foretagslots/status/${token}`);
  });

  it("never builds a mail's link from a Host or X-Forwarded-Host the sender chose", async () => {
    const visitor = await anonymous(app, askersund.host);
    const body = multipart({
      _csrf: visitor.csrf,
      started: formStamp(testSecret, Date.now() - 30_000),
      website: "",
      ...question,
      category_id: categoryId,
      email: "eve@example.se",
    });
    const foreign = await app.inject({
      method: "POST",
      url: "/foretagslots",
      remoteAddress: "10.9.9.8",
      headers: { host: "evil.example", cookie: visitor.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(foreign.statusCode).toBe(404);
    const forwarded = await app.inject({
      method: "POST",
      url: "/foretagslots",
      remoteAddress: "10.9.9.8",
      headers: { host: askersund.host, "x-forwarded-host": "evil.example", cookie: visitor.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(forwarded.statusCode).toBe(303);
    const mails = (await outbox("desk.receipt")).filter((mail) => mail.to_address === "eve@example.se");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).not.toContain("evil.example");
    expect(mails[0]!.text_body).toContain("https://askersund.test/foretagslots/status/");
  });

  it("re-shows the form with the values kept and the field named when the organisation number's check digit is wrong", async () => {
    const visitor = await anonymous(app, askersund.host);
    const page = await app.inject({ method: "GET", url: "/foretagslots", headers: { host: askersund.host, cookie: visitor.cookie } });
    const response = await submit({ ...visitor, csrf: csrfFrom(page.body) }, { ...question, org_number: "556036-0794", category_id: categoryId });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toMatch(/Organisationsnummer[^<]*kontrollsiffra/i);
    expect(response.body).toContain('value="556036-0794"');
    expect(response.body).toContain("Får vi sätta upp en skylt på fasaden?");
  });

  it("asks for the company's number or name, and for consent", async () => {
    const visitor = await anonymous(app, askersund.host);
    const page = await app.inject({ method: "GET", url: "/foretagslots", headers: { host: askersund.host, cookie: visitor.cookie } });
    const response = await submit({ ...visitor, csrf: csrfFrom(page.body) }, { ...question, org_number: "", consent: "", category_id: categoryId });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Ange företagets organisationsnummer eller namn");
    expect(response.body).toContain("Kryssa i att du har läst");
  });

  it("refuses a file whose content is not what it claims, and more than five files", async () => {
    const visitor = await anonymous(app, askersund.host);
    const csrf = csrfFrom((await app.inject({ method: "GET", url: "/foretagslots", headers: { host: askersund.host, cookie: visitor.cookie } })).body);
    const program = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)]);
    const disguised = await submit({ ...visitor, csrf }, { ...question, category_id: categoryId }, [
      { filename: "faktura.pdf", content: program, type: "application/pdf" },
    ]);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.body).toContain("filtyp som inte tas emot");
    expect(disguised.body).toContain('value="Bygglov för skylt"');
    const many = await submit(
      { ...visitor, csrf },
      { ...question, category_id: categoryId },
      Array.from({ length: 6 }, (_, i) => ({ filename: `${i}.pdf`, content: pdf })),
    );
    expect(many.statusCode).toBe(400);
  });

  it("turns away a bot: a filled hidden field, or a post faster than a person types, without a third-party CAPTCHA", async () => {
    const visitor = await anonymous(app, askersund.host);
    const csrf = csrfFrom((await app.inject({ method: "GET", url: "/foretagslots", headers: { host: askersund.host, cookie: visitor.cookie } })).body);
    const before = (await outbox("desk.receipt")).length;
    const honeypot = await submit({ ...visitor, csrf }, { ...question, category_id: categoryId, website: "http://spam.example" });
    const fast = await submit({ ...visitor, csrf }, { ...question, category_id: categoryId }, [], formStamp(testSecret));
    const forged = await submit({ ...visitor, csrf }, { ...question, category_id: categoryId }, [], `${Date.now() - 60_000}.forgedsignature1`);
    for (const response of [honeypot, fast, forged]) {
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain("skickades innan det hann fyllas i");
    }
    expect((await outbox("desk.receipt")).length).toBe(before);
  });
});

const caseOf = (email: string) =>
  inScope(db.app, askersund.scope, async (tx) => tx.selectFrom("desk_cases").selectAll().where("correspondent_email", "=", email).executeTakeFirstOrThrow());
const page = (session: Session, url: string) => app.inject({ method: "GET", url, headers: { host: session.host, cookie: session.cookie } });
const post = (session: Session, url: string, values: Record<string, string | string[]>) =>
  app.inject({
    method: "POST",
    url,
    headers: { host: session.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...values, _csrf: session.csrf }),
  });
const uploadPost = (session: Session, url: string, values: Record<string, string>, files: Parameters<typeof multipart>[1] = []) => {
  const body = multipart({ _csrf: session.csrf, ...values }, files);
  return app.inject({ method: "POST", url, headers: { host: session.host, cookie: session.cookie, "content-type": body.contentType }, payload: body.payload });
};
let asked = 0;

/**
 * A business's question through the public form, with a file: each test asks its own, under
 * its own address, so no test reads what another left behind.
 */
async function askQuestion(email: string, fields: Record<string, string> = {}) {
  const visitor = await anonymous(app, askersund.host);
  asked += 1;
  const body = multipart(
    { _csrf: visitor.csrf, started: formStamp(testSecret, Date.now() - 30_000), website: "", ...question, category_id: categoryId, email, ...fields },
    [{ filename: "skylt.pdf", content: pdf, type: "application/pdf" }],
  );
  const response = await app.inject({
    method: "POST",
    url: "/foretagslots",
    remoteAddress: `10.8.0.${asked}`,
    headers: { host: askersund.host, cookie: visitor.cookie, "content-type": body.contentType },
    payload: body.payload,
  });
  expect(response.statusCode).toBe(303);
  const token = String(response.headers.location).split("/").pop()!.split("?")[0]!;
  return { token, row: await caseOf(email) };
}

/** The business answers on its status page, as a visitor with the link does. */
async function answer(token: string, text: string, files: Parameters<typeof multipart>[1] = []) {
  const visitor = await anonymous(app, askersund.host);
  const status = await page(visitor, `/foretagslots/status/${token}`);
  return uploadPost({ ...visitor, csrf: csrfFrom(status.body) }, `/foretagslots/status/${token}/svar`, { body: text }, files);
}

/** A note on the case, marked secret with a reason; returns the note's id. */
async function secretNote(caseId: string, text: string, reason: string) {
  expect((await post(officer, `/arenden/${caseId}/anteckning`, { body: text })).statusCode).toBe(303);
  const note = await inScope(db.app, askersund.scope, (tx) =>
    tx.selectFrom("desk_messages").select("id").where("case_id", "=", caseId).where("body", "=", text).executeTakeFirstOrThrow(),
  );
  expect((await post(officer, `/arenden/${caseId}/meddelanden/${note.id}/sekretess`, { secret: "on", reason })).statusCode).toBe(303);
  return note.id;
}

describe("the status link", () => {
  it("opens only in its own municipality, and a wrong or expired token reveals nothing", async () => {
    const { token, row } = await askQuestion("lank@example.se");
    // The business's own page is never stored by a browser or a proxy, though a visitor's public pages may be.
    const own = await app.inject({ method: "GET", url: `/foretagslots/status/${token}`, headers: { host: askersund.host } });
    expect(own.statusCode).toBe(200);
    expect(own.headers["cache-control"]).toBe("no-store");
    expect(own.headers.etag).toBeUndefined();
    const visitor = await anonymous(app, laxa.host);
    const other = await app.inject({ method: "GET", url: `/foretagslots/status/${token}`, headers: { host: laxa.host, cookie: visitor.cookie } });
    expect(other.statusCode).toBe(404);
    const wrong = await app.inject({
      method: "GET",
      url: `/foretagslots/status/${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`,
      headers: { host: askersund.host },
    });
    expect(wrong.statusCode).toBe(404);
    const junk = await app.inject({ method: "GET", url: "/foretagslots/status/inte-en-nyckel", headers: { host: askersund.host } });
    expect(junk.statusCode).toBe(404);
    expect(wrong.body).not.toContain("Bygglov för skylt");
    const fileId = (
      await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("desk_attachments").select("id").where("case_id", "=", row.id).executeTakeFirstOrThrow())
    ).id;
    expect((await app.inject({ method: "GET", url: `/foretagslots/status/${token}/filer/${fileId}`, headers: { host: askersund.host } })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: `/foretagslots/status/${token}/filer/${fileId}`, headers: { host: laxa.host } })).statusCode).toBe(404);
    const reply = multipart({ _csrf: visitor.csrf, body: "Hej" });
    const posted = await app.inject({
      method: "POST",
      url: `/foretagslots/status/${token}/svar`,
      headers: { host: laxa.host, cookie: visitor.cookie, "content-type": reply.contentType },
      payload: reply.payload,
    });
    expect(posted.statusCode).toBe(404);
  });
});

describe("handling a case", () => {
  it("shows the case in the unit's inbox by its next deadline, filtered by unit, status and SLA state", async () => {
    const { row } = await askQuestion("inkorg@example.se");
    const inbox = await page(officer, `/arenden?unit=${unitId}&sla=on_time`);
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain(row.number);
    expect(inbox.body).toContain("I tid");
    const breached = await page(officer, `/arenden?unit=${unitId}&sla=breached`);
    expect(breached.body).not.toContain(row.number);
    const otherUnit = await page(officer, `/arenden?unit=${otherUnitId}`);
    expect(otherUnit.body).not.toContain(row.number);
  });

  it("shows a unit's cases that nobody has taken on its officers' start pages, and not on another unit's", async () => {
    const { row } = await askQuestion("ingen-tar@example.se", { subject: "Ingen har tagit den här" });
    const start = await page(officer, "/");
    const unassigned = /<section[^>]*aria-labelledby="unassigned-cases-title"[\s\S]*?<\/section>/.exec(start.body)?.[0] ?? "";
    expect(unassigned).toContain("Ärenden i dina enheter som ingen har tagit");
    expect(unassigned).toContain(row.number);
    expect((await page(outsider, "/")).body).not.toContain(row.number);
    expect((await post(officer, `/arenden/${row.id}/tilldela`, { assignee_id: officerId })).statusCode).toBe(303);
    const taken = (await page(officer, "/")).body;
    expect(/<section[^>]*aria-labelledby="unassigned-cases-title"[\s\S]*?<\/section>/.exec(taken)?.[0] ?? "").not.toContain(row.number);
    expect(/<section[^>]*aria-labelledby="my-cases-title"[\s\S]*?<\/section>/.exec(taken)?.[0] ?? "").toContain(row.number);
  });

  it("a reply goes to the business by mail with the status link, measures the first response, and waiting stops the clock", async () => {
    const { token, row } = await askQuestion("svar@example.se");
    const response = await uploadPost(officer, `/arenden/${row.id}/svar`, { body: "Hej Ada! Skicka en skiss över fasaden.", then: "waiting" }, [
      { filename: "blankett.pdf", content: pdf },
    ]);
    expect(response.statusCode).toBe(303);
    const after = await caseOf("svar@example.se");
    expect(after).toMatchObject({ status: "waiting", first_response_on_time: true });
    expect(after.first_responded_at).not.toBeNull();
    expect(after.paused_at).not.toBeNull();
    expect(after.next_due_at).toBeNull();
    const sink = await startSmtpSink();
    const sender = new MailSender(db.app, smtpTransport(sink.url, 1));
    await sender.drain();
    await sender.stop();
    await sink.close();
    const mail = sink.received.find((received) => received.subject.startsWith(`Svar i ärende ${row.number}`))!;
    expect(mail.to).toContain("svar@example.se");
    expect(mail.text).toContain("Skicka en skiss över fasaden.");
    expect(mail.text).toContain(`/foretagslots/status/${token}`);
    expect(mail.attachments.map((file) => file.filename)).toEqual(["blankett.pdf"]);
    const inbox = await page(officer, "/arenden?sla=paused");
    expect(inbox.body).toContain(row.number);
  });

  it("the business's answer on its status page resumes the case, with its file", async () => {
    const { token, row } = await askQuestion("skiss@example.se");
    expect((await uploadPost(officer, `/arenden/${row.id}/svar`, { body: "Skicka en skiss över fasaden.", then: "waiting" })).statusCode).toBe(303);
    const status = await page(await anonymous(app, askersund.host), `/foretagslots/status/${token}`);
    expect(status.body).toContain("Skicka en skiss över fasaden.");
    expect(status.body).toContain("Väntar på svar från dig");
    const response = await answer(token, "Här är skissen.", [
      { filename: "skiss.png", content: Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108020000009077", "hex"), type: "image/png" },
    ]);
    expect(response.statusCode).toBe(303);
    const resumed = await caseOf("skiss@example.se");
    expect(resumed.status).toBe("open");
    expect(resumed.paused_at).toBeNull();
    expect(resumed.next_due_at).not.toBeNull();
    const casePage = await page(officer, `/arenden/${row.id}`);
    expect(casePage.body).toContain("Här är skissen.");
    expect(casePage.body).toContain("skiss.png");
    expect(casePage.body).toContain("Företaget svarade; klockan går igen");
  });

  it("internal notes and secret marks never reach the business, the API or the export", async () => {
    const { token, row } = await askQuestion("sekretess@example.se");
    expect((await post(officer, `/arenden/${row.id}/anteckning`, { body: "Kalkylen visar marginal 12 %" })).statusCode).toBe(303);
    const detail = await app.inject({
      method: "GET",
      url: `/api/v1/cases/${row.id}`,
      headers: { host: askersund.host, authorization: `Bearer ${(await buildToken(db.app, askersund, officerId)).token}` },
    });
    const note = (detail.json() as { messages: Array<{ id: string; kind: string }> }).messages.find((message) => message.kind === "note")!;
    const noSecretReason = await post(officer, `/arenden/${row.id}/meddelanden/${note.id}/sekretess`, { secret: "on", reason: "" });
    expect(noSecretReason.statusCode).toBe(400);
    expect(noSecretReason.body).toContain("Ange varför uppgiften omfattas av sekretess");
    expect((await post(officer, `/arenden/${row.id}/meddelanden/${note.id}/sekretess`, { secret: "on", reason: "Företagets marginaler" })).statusCode).toBe(
      303,
    );
    const status = await page(await anonymous(app, askersund.host), `/foretagslots/status/${token}`);
    expect(status.body).not.toContain("Kalkylen visar marginal");
    const api = await app.inject({
      method: "GET",
      url: `/api/v1/cases/${row.id}`,
      headers: { host: askersund.host, authorization: `Bearer ${(await buildToken(db.app, askersund, officerId)).token}` },
    });
    const marked = (api.json() as { messages: Array<{ id: string; body: string | null; secret: boolean; secret_reason: string }> }).messages.find(
      (message) => message.id === note.id,
    )!;
    expect(marked).toMatchObject({ body: null, secret: true, secret_reason: "Företagets marginaler" });
    const csv = await page(officer, "/arenden.csv?status=new");
    expect(csv.body).toContain(row.number);
    expect(csv.body).not.toContain("Kalkylen");
    const audit = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("audit_events").select(["action", "changes"]).where("record_id", "=", row.id).where("action", "=", "mark_secret").execute(),
    );
    expect(audit).toHaveLength(1);
  });

  it("writes nothing to disk for a refused upload: the CSRF token is checked before the first file part, and multipart elsewhere is 415", async () => {
    const { mkdtemp, readdir } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const uploadDir = await mkdtemp(`${tmpdir()}/lotsen-uploads-`);
    const guarded = await createServer({ db: db.app, secret: testSecret, logLevel: "silent", uploadDir });
    const visitor = await anonymous(guarded, askersund.host);
    const forged = multipart({ _csrf: "forged", started: formStamp(testSecret, Date.now() - 30_000), website: "", ...question, category_id: categoryId }, [
      { filename: "stor.pdf", content: Buffer.alloc(2 * 1024 * 1024, 1), type: "application/pdf" },
    ]);
    const refused = await guarded.inject({
      method: "POST",
      url: "/foretagslots",
      remoteAddress: "10.9.9.6",
      headers: { host: askersund.host, cookie: visitor.cookie, "content-type": forged.contentType },
      payload: forged.payload,
    });
    expect(refused.statusCode).toBe(403);
    for (const url of ["/sprak", "/logga-ut"]) {
      const other = multipart({ _csrf: visitor.csrf, lang: "en" }, [{ filename: "stor.pdf", content: Buffer.alloc(1024 * 1024, 1), type: "application/pdf" }]);
      expect(
        (
          await guarded.inject({
            method: "POST",
            url,
            headers: { host: askersund.host, cookie: visitor.cookie, "content-type": other.contentType },
            payload: other.payload,
          })
        ).statusCode,
      ).toBe(415);
    }
    expect(await readdir(uploadDir)).toEqual([]);
    const accepted = multipart(
      { _csrf: visitor.csrf, started: formStamp(testSecret, Date.now() - 30_000), website: "", ...question, category_id: categoryId, email: "disk@example.se" },
      [{ filename: "skylt.pdf", content: pdf, type: "application/pdf" }],
    );
    expect(
      (
        await guarded.inject({
          method: "POST",
          url: "/foretagslots",
          remoteAddress: "10.9.9.6",
          headers: { host: askersund.host, cookie: visitor.cookie, "content-type": accepted.contentType },
          payload: accepted.payload,
        })
      ).statusCode,
    ).toBe(303);
    // The request's folder goes once its response has been sent (an onResponse hook, after inject resolves).
    for (let waited = 0; (await readdir(uploadDir)).length > 0 && waited < 100; waited += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await readdir(uploadDir)).toEqual([]);
    await guarded.close();
  });

  it("a file added with an internal note is neither listed nor served on the business's status page", async () => {
    const { token, row } = await askQuestion("internfil@example.se");
    const noted = await uploadPost(officer, `/arenden/${row.id}/anteckning`, { body: "Intern kalkyl bifogad" }, [
      { filename: "intern-kalkyl.pdf", content: pdf, type: "application/pdf" },
    ]);
    expect(noted.statusCode).toBe(303);
    const file = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("desk_attachments").select("id").where("case_id", "=", row.id).where("filename", "=", "intern-kalkyl.pdf").executeTakeFirstOrThrow(),
    );
    const status = await page(await anonymous(app, askersund.host), `/foretagslots/status/${token}`);
    expect(status.body).toContain("skylt.pdf");
    expect(status.body).not.toContain("intern-kalkyl.pdf");
    expect((await page(await anonymous(app, askersund.host), `/foretagslots/status/${token}/filer/${file.id}`)).statusCode).toBe(404);
    expect((await page(officer, `/arenden/${row.id}/filer/${file.id}`)).statusCode).toBe(200);
  });

  it("never reads a file of the server named in a body: JSON is refused, and a multipart field shaped like a file is only text", async () => {
    const visitor = await anonymous(app, askersund.host);
    const forged = { path: "/etc/passwd", filename: "a.txt", mimetype: "text/plain", size: 1, tooLarge: false };
    const values = {
      _csrf: visitor.csrf,
      started: formStamp(testSecret, Date.now() - 30_000),
      website: "",
      ...question,
      category_id: categoryId,
      email: "json@example.se",
    };
    const json = await app.inject({
      method: "POST",
      url: "/foretagslots",
      remoteAddress: "10.9.9.7",
      headers: { host: askersund.host, cookie: visitor.cookie },
      payload: { ...values, files: forged },
    });
    expect(json.statusCode).toBe(415);
    const boundary = "----lotsen-forged";
    const fields = Object.entries(values).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    const fileShaped = `--${boundary}\r\nContent-Disposition: form-data; name="files"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(forged)}\r\n`;
    const payload = `${fields.join("")}${fileShaped}--${boundary}--\r\n`;
    const multi = await app.inject({
      method: "POST",
      url: "/foretagslots",
      remoteAddress: "10.9.9.7",
      headers: { host: askersund.host, cookie: visitor.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(multi.statusCode).toBe(303);
    const stored = await sql<{ n: number }>`select count(*)::int as n from desk_attachments where position('root:x:0:0'::bytea in content) > 0`.execute(
      db.owner,
    );
    expect(stored.rows[0]!.n).toBe(0);
    const caseOf = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("desk_cases").select("id").where("correspondent_email", "=", "json@example.se").execute(),
    );
    expect(caseOf).toHaveLength(1);
    const files = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("desk_attachments").select("id").where("case_id", "=", caseOf[0]!.id).execute());
    expect(files).toEqual([]);
  });

  it("only the case's unit, its collaborators or its assignee may handle it; adding a unit lets it in", async () => {
    const { row } = await askQuestion("behorighet@example.se");
    const denied = await post(outsider, `/arenden/${row.id}/anteckning`, { body: "Jag tar den" });
    expect(denied.statusCode).toBe(403);
    expect((await page(outsider, `/arenden/${row.id}`)).body).not.toContain('action="/arenden/' + row.id + '/svar"');
    expect((await post(officer, `/arenden/${row.id}/enheter`, { unit_id: otherUnitId })).statusCode).toBe(303);
    expect((await post(outsider, `/arenden/${row.id}/anteckning`, { body: "Bolaget har en lokal" })).statusCode).toBe(303);
    // Transferring is for those who route cases across units, not for a case officer.
    expect((await post(officer, `/arenden/${row.id}/overfor`, { unit_id: otherUnitId })).statusCode).toBe(403);
  });

  it("another municipality's staff get 404 for the case, its files and its API", async () => {
    const { row } = await askQuestion("laxa-ser-inte@example.se");
    expect((await page(laxaAdmin, `/arenden/${row.id}`)).statusCode).toBe(404);
    const files = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("desk_attachments").select("id").where("case_id", "=", row.id).execute());
    expect((await page(laxaAdmin, `/arenden/${row.id}/filer/${files[0]!.id}`)).statusCode).toBe(404);
    expect((await page(laxaAdmin, "/arenden")).body).not.toContain(row.number);
    expect((await app.inject({ method: "GET", url: `/api/v1/cases/${row.id}`, headers: { host: laxa.host, cookie: laxaAdmin.cookie } })).statusCode).toBe(404);
  });

  it("resolving measures the resolution time; closing keeps the status link for a year, and an answer reopens", async () => {
    const { token, row } = await askQuestion("avslut@example.se");
    expect((await post(officer, `/arenden/${row.id}/status`, { status: "resolved" })).statusCode).toBe(303);
    const resolved = await caseOf("avslut@example.se");
    expect(resolved.resolution_minutes).not.toBeNull();
    expect(resolved.resolution_on_time).toBe(true);
    expect((await post(officer, `/arenden/${row.id}/status`, { status: "closed" })).statusCode).toBe(303);
    const closed = await caseOf("avslut@example.se");
    expect(closed.status_token_expires_at!.getTime()).toBeGreaterThan(Date.now() + 360 * 86_400_000);
    expect((await page(await anonymous(app, askersund.host), `/foretagslots/status/${token}`)).body).toContain("Ditt svar öppnar ärendet igen");
    await answer(token, "En fråga till om skylten.");
    const reopened = await caseOf("avslut@example.se");
    expect(reopened).toMatchObject({ status: "open", resolved_at: null, status_token_expires_at: null });
    await inScope(db.app, askersund.scope, (tx) =>
      tx
        .updateTable("desk_cases")
        .set({ status_token_expires_at: new Date(Date.now() - 1000) })
        .where("id", "=", row.id)
        .execute(),
    );
    expect((await page(await anonymous(app, askersund.host), `/foretagslots/status/${token}`)).statusCode).toBe(404);
  });
});

/** A question a case officer registers from a phone call, under the building category's statutory clock. */
async function registerPhoneCase(email: string) {
  const response = await uploadPost(officer, "/arenden/ny", {
    channel: "phone",
    org_number: "",
    company_name: "Bageriet i Åmmeberg",
    name: "Bo Bagare",
    email,
    language: "en",
    category_id: buildingCategoryId,
    priority: "normal",
    subject: "Tillbyggnad",
    description: "Ringde om bygglov för tillbyggnad.",
  });
  expect(response.statusCode).toBe(303);
  return String(response.headers.location).split("/").pop()!;
}
const caseById = (id: string) =>
  inScope(db.app, askersund.scope, (tx) => tx.selectFrom("desk_cases").selectAll().where("id", "=", id).executeTakeFirstOrThrow());

describe("cases registered by staff and the statutory clocks", () => {
  it("registers a phoned-in question: the channel is kept and the business gets the same receipt and link", async () => {
    const id = await registerPhoneCase("bo@example.se");
    const row = await caseById(id);
    expect(row).toMatchObject({ channel: "phone", created_by: officerId, statutory: "pbl_decision", authority: true, language: "en" });
    const receipts = (await outbox("desk.receipt")).filter((mail) => mail.to_address === "bo@example.se");
    expect(receipts.map((mail) => mail.subject)).toEqual([`We have received your case ${row.number}`]);
  });

  it("registers a question from the counter without an e-mail address: no receipt, the answer recorded rather than sent, and the first response measured", async () => {
    const fields = {
      channel: "counter",
      org_number: "",
      company_name: "Kiosken vid torget",
      name: "Kim Kiosk",
      email: "",
      language: "sv",
      category_id: categoryId,
      priority: "normal",
      subject: "Uteservering",
      description: "Frågade vid disken om uteservering.",
    };
    const unreachable = await uploadPost(officer, "/arenden/ny", { ...fields, phone: "" });
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.body).toContain("Ange telefon eller e-post så att kommunen kan svara");
    expect(unreachable.body).toContain('value="Kim Kiosk"');
    const response = await uploadPost(officer, "/arenden/ny", { ...fields, phone: "0583-810 00" });
    expect(response.statusCode).toBe(303);
    const id = String(response.headers.location).split("/").pop()!;
    const row = await caseById(id);
    expect(row).toMatchObject({ channel: "counter", correspondent_email: null, correspondent_phone: "0583-810 00" });
    const mails = await asWorker(
      db.app,
      async (tx) =>
        (await sql<{ n: number }>`select count(*)::int as n from mail_outbox where subject_ref = ${id} and purpose <> 'desk.new_case'`.execute(tx)).rows[0]!.n,
    );
    expect(mails).toBe(0);
    const casePage = await page(officer, `/arenden/${id}`);
    expect(casePage.body).toContain("svara per telefon (0583-810 00) eller brev");
    expect((await uploadPost(officer, `/arenden/${id}/svar`, { body: "Ringde och förklarade reglerna för uteservering.", then: "resolved" })).statusCode).toBe(
      303,
    );
    const answered = await caseById(id);
    expect(answered).toMatchObject({ status: "resolved", first_response_on_time: true });
    expect(
      await asWorker(
        db.app,
        async (tx) =>
          (await sql<{ n: number }>`select count(*)::int as n from mail_outbox where subject_ref = ${id} and purpose <> 'desk.new_case'`.execute(tx)).rows[0]!
            .n,
      ),
    ).toBe(0);
    expect((await page(officer, `/arenden/${id}`)).body).toContain("Ringde och förklarade reglerna för uteservering.");
  });

  it("counts ten weeks from the complete application, extends once with a reason, and shows the fee exposure", async () => {
    const buildingCase = await registerPhoneCase("tio-veckor@example.se");
    const today = stockholmParts(new Date()).date;
    const noReason = await post(officer, `/arenden/${buildingCase}/lagstadgat`, { complete_on: today, extension_weeks: "10", extension_reason: "" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("Ange skälet till förlängningen");
    expect(
      (await post(officer, `/arenden/${buildingCase}/lagstadgat`, { complete_on: today, extension_weeks: "10", extension_reason: "Remiss till länsstyrelsen" }))
        .statusCode,
    ).toBe(303);
    const again = await post(officer, `/arenden/${buildingCase}/lagstadgat`, { complete_on: today, extension_weeks: "5", extension_reason: "Mer tid" });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("Tiden kan bara förlängas en gång");
    const tooLong = await post(officer, `/arenden/${buildingCase}/lagstadgat`, { complete_on: today, extension_weeks: "11", extension_reason: "x" });
    expect(tooLong.statusCode).toBe(400);
    const row = await caseById(buildingCase);
    expect(row.extension_weeks).toBe(10);
    expect(row.statutory_due_on! > today).toBe(true);
    const casePage = await page(officer, `/arenden/${buildingCase}`);
    expect(casePage.body).toContain("Bygglov eller förhandsbesked");
    expect(casePage.body).toContain("Remiss till länsstyrelsen");
    expect(casePage.body).toContain("Från ");
    // Decided three weeks and a day late: four started weeks, four fifths of the fee.
    const decided = new Date(Date.parse(`${row.statutory_due_on}T12:00:00Z`) + 22 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await post(officer, `/arenden/${buildingCase}/lagstadgat`, {
          complete_on: today,
          extension_weeks: "10",
          extension_reason: "Remiss till länsstyrelsen",
          decided_on: decided,
        })
      ).statusCode,
    ).toBe(303);
    expect((await page(officer, `/arenden/${buildingCase}`)).body).toContain("avgiften sätts ned med 4/5");
  });

  it("Förvaltningslagen 11 §: a notice of significant delay goes to the business and is recorded", async () => {
    const buildingCase = await registerPhoneCase("drojer@example.se");
    expect((await post(officer, `/arenden/${buildingCase}/forseningsbesked`, { reason: "Remissvaret dröjer" })).statusCode).toBe(303);
    const notices = (await outbox("desk.delay_notice")).filter((mail) => mail.to_address === "drojer@example.se");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text_body).toContain("Remissvaret dröjer");
    expect((await page(officer, `/arenden/${buildingCase}`)).body).toContain("Lämnad");
  });

  it("bulk actions assign and change the status of the chosen cases; the CSV carries them", async () => {
    const { row } = await askQuestion("mass@example.se", { subject: "Massändring" });
    const buildingCase = await registerPhoneCase("mass-telefon@example.se");
    const response = await post(officer, "/arenden/massandring", { case_ids: [row.id, buildingCase], action: "assign", assignee_id: officerId });
    expect(response.statusCode).toBe(303);
    const assigned = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("desk_cases").select("assignee_id").where("id", "in", [row.id, buildingCase]).execute(),
    );
    expect(assigned.every((item) => item.assignee_id === officerId)).toBe(true);
    const none = await post(officer, "/arenden/massandring", { action: "assign" });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Välj minst ett ärende");
    const mine = await page(officer, "/arenden?assignee=me");
    expect(mine.body).toContain(row.number);
    const csv = await page(officer, "/arenden.csv?assignee=me");
    expect(csv.headers["content-type"]).toContain("text/csv");
    const numbers = [row.number, (await caseById(buildingCase)).number];
    expect(
      csv.body
        .split("\n")
        .filter((line) => numbers.some((number) => line.includes(number)))
        .every((line) => line.includes("Hugo Handläggare")),
    ).toBe(true);
    expect(csv.body.split("\n").filter((line) => numbers.some((number) => line.includes(number)))).toHaveLength(2);
    // Statuses, priorities and channels as words, not codes.
    const phoned = csv.body.split("\n").find((line) => line.includes(numbers[1]!))!;
    expect(phoned).toContain(";Ny;Normal;telefon;");
    expect(phoned).not.toMatch(/;new;|;phone;/);
  });
});

describe("measured waiting", () => {
  it("the dashboard, its CSV and the API give the same figures per month, unit and category", async () => {
    const year = Number(stockholmParts(new Date()).date.slice(0, 4));
    const html = await page(officer, `/arenden/statistik?year=${year}`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain("<svg");
    expect(html.body).toContain("Bygg och miljö");
    const token = (await buildToken(db.app, askersund, officerId)).token;
    const api = (
      await app.inject({ method: "GET", url: `/api/v1/desk/figures?year=${year}`, headers: { host: askersund.host, authorization: `Bearer ${token}` } })
    ).json() as { total: { cases: number; first_response_measured: number; first_response_on_time: number }; units: Array<{ name: string; cases: number }> };
    const cases = await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("desk_cases").select(["first_response_on_time"]).execute());
    expect(api.total.cases).toBe(cases.length);
    expect(api.total.first_response_measured).toBe(cases.filter((row) => row.first_response_on_time !== null).length);
    expect(api.total.first_response_on_time).toBe(cases.filter((row) => row.first_response_on_time === true).length);
    expect(api.units.find((unit) => unit.name === "Bygg och miljö")!.cases).toBe(cases.length);
    const csv = await page(officer, `/arenden/statistik.csv?year=${year}`);
    expect(csv.body).toContain(`${year};år;${year};${cases.length};`);
    const laxaFigures = (
      await app.inject({ method: "GET", url: `/api/v1/desk/figures?year=${year}`, headers: { host: laxa.host, cookie: laxaAdmin.cookie } })
    ).json() as { total: { cases: number } };
    expect(laxaFigures.total.cases).toBe(1);
  });
});

describe("warnings, escalation and the digest", () => {
  it("warns the assignee at the share of the target and tells the unit's manager at the breach, once per deadline", async () => {
    const { watchClocks, sendDigests } = await import("./escalation-service.js");
    const { row } = await askQuestion("klockan@example.se");
    expect((await post(officer, `/arenden/${row.id}/tilldela`, { assignee_id: officerId })).statusCode).toBe(303);
    const dueAt = row.next_due_at!;
    const warnAt = row.next_warn_at!;
    let result = await watchClocks(db.app, new Date(warnAt.getTime() + 1000));
    expect(result.warned).toBeGreaterThanOrEqual(1);
    const warnings = (await outbox("desk.warning")).filter((mail) => mail.subject.includes(row.number));
    expect(warnings.map((mail) => mail.to_address)).toEqual(["handlaggare@askersund.test"]);
    result = await watchClocks(db.app, new Date(warnAt.getTime() + 2000));
    expect((await outbox("desk.warning")).filter((mail) => mail.subject.includes(row.number))).toHaveLength(1);
    await watchClocks(db.app, new Date(dueAt.getTime() + 1000));
    const escalations = (await outbox("desk.escalation")).filter((mail) => mail.subject.includes(row.number));
    expect(escalations.map((mail) => mail.to_address)).toEqual([managerEmail]);
    await watchClocks(db.app, new Date(dueAt.getTime() + 60_000));
    expect((await outbox("desk.escalation")).filter((mail) => mail.subject.includes(row.number))).toHaveLength(1);
    const casePage = await page(officer, `/arenden/${row.id}`);
    expect(casePage.body).toContain("chefen underrättades");
    // The digest goes out on working days only: a Sunday sends nothing, a Monday does.
    expect(await sendDigests(db.app, new Date("2026-11-29T06:00:00Z"))).toBe(0);
    expect(await sendDigests(db.app, new Date("2026-11-30T06:00:00Z"))).toBeGreaterThan(0);
    const digest = (await outbox("desk.digest")).find((mail) => mail.to_address === managerEmail)!;
    expect(digest.text_body).toContain("Pågående ärenden");
  });
});

describe("the company register", () => {
  it("shows the business's case on the company's timeline", async () => {
    await askQuestion("tidslinje@example.se", { subject: "Skylt på tidslinjen" });
    const developer = await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test" });
    const session = await login(app, askersund.host, developer.email);
    const companyPage = await page(session, `/foretag/${registerCompany.id}`);
    expect(companyPage.body).toContain("Skylt på tidslinjen");
    expect(companyPage.body).toContain("Ärende i företagslotsen");
    // Those who may read the register but not the desk do not see the desk's cases there.
    await buildUser(db.app, askersund, { roles: ["labour_market_officer"], email: "arbetsmarknad@askersund.test" });
    const other = await login(app, askersund.host, "arbetsmarknad@askersund.test");
    const theirPage = await page(other, `/foretag/${registerCompany.id}`);
    expect(theirPage.statusCode).toBe(200);
    expect(theirPage.body).not.toContain("Skylt på tidslinjen");
  });
});

describe("computed programme indicators", () => {
  it("an indicator computed from the desk takes the share of first responses on time as its yearly value, and refuses an unknown source", async () => {
    const { buildProgramme } = await import("../../../test/helpers/programme.js");
    const indicators = await import("../programme/indicator-service.js");
    const year = Number(stockholmParts(new Date()).date.slice(0, 4));
    const { programme } = await buildProgramme(db.app, askersund, { start: year - 1, end: year + 2 });
    const ctx = systemContext(db.app, askersund);
    const base = {
      description: "",
      unit: "%",
      focus_area_id: null,
      direction: "higher" as const,
      baseline_value: null,
      baseline_year: null,
      owner_id: null,
      position: null,
      targets: [],
    };
    await expect(
      indicators.createIndicator(ctx, programme.id, { ...base, name: "Fel", source: "computed", computed_from: "desk.finns_inte" }),
    ).rejects.toMatchObject({ fields: [{ path: "computed_from", message: "invalid_choice" }] });
    const { reply } = await import("./handling-service.js");
    const { deskLinks } = await import("../../../test/helpers/desk.js");
    const answered = await buildDeskRecords(db.app, askersund, { unitId });
    await reply(ctx, answered.case, { body: "Svar", then: "open" }, [], deskLinks(askersund));
    const indicator = await indicators.createIndicator(ctx, programme.id, {
      ...base,
      name: "Andel frågor besvarade i tid",
      source: "computed",
      computed_from: "desk.first_response_on_time_share",
    });
    const cases = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("desk_cases").select("first_response_on_time").where("first_response_on_time", "is not", null).execute(),
    );
    const expected = Math.round((1000 * cases.filter((row) => row.first_response_on_time).length) / cases.length) / 10;
    expect(indicator.values.map(({ year: y, value }) => ({ year: y, value }))).toEqual([{ year, value: expected }]);
    // A hand-entered value is refused: the desk is the source.
    await expect(indicators.setValue(ctx, indicator.id, { year, quarter: null, value: 1, comment: "" })).rejects.toMatchObject({ status: 409 });
  });
});

describe("personal data in the desk", () => {
  it("gives a correspondent's register extract with secret-marked words withheld", async () => {
    const { token, row } = await askQuestion("utdrag@example.se", { name: "Ulla Utdrag" });
    expect((await answer(token, "Här är skissen.")).statusCode).toBe(303);
    await secretNote(row.id, "Kalkylen visar marginal 12 %", "Företagets marginaler");
    const admin = await buildUser(db.app, askersund, { roles: ["admin"], email: "admin-utdrag@askersund.test" });
    const session = await login(app, askersund.host, admin.email);
    const response = await page(session, "/arenden/registerutdrag.json?epost=UTDRAG@example.se");
    expect(response.statusCode).toBe(200);
    const extract = response.json() as {
      email: string;
      cases: Array<{ number: string; correspondent_name: string; messages: Array<{ kind: string; body: string | null; withheld: string | null }> }>;
    };
    expect(extract.email).toBe("utdrag@example.se");
    expect(extract.cases.map((item) => item.number)).toEqual([row.number]);
    expect(extract.cases[0]!.correspondent_name).toBe("Ulla Utdrag");
    const messages = extract.cases.flatMap((item) => item.messages);
    expect(messages.some((message) => message.body === "Här är skissen.")).toBe(true);
    expect(messages.find((message) => message.withheld === "Företagets marginaler")?.body).toBeNull();
    expect(JSON.stringify(extract)).not.toContain("Kalkylen visar marginal");
    expect((await page(officer, "/arenden/registerutdrag.json?epost=utdrag@example.se")).statusCode).toBe(403);
  });

  it("disposes of closed cases past the retention time: the case goes, the log keeps its events without values, the outbox forgets the person", async () => {
    const { token, row } = await askQuestion("gallras@example.se", { subject: "Skylt som gallras" });
    expect((await uploadPost(officer, `/arenden/${row.id}/svar`, { body: "Vi återkommer.", then: "open" })).statusCode).toBe(303);
    expect((await answer(token, "Tack!")).statusCode).toBe(303);
    expect((await post(officer, `/arenden/${row.id}/status`, { status: "resolved" })).statusCode).toBe(303);
    const adminUser = await buildUser(db.app, askersund, { roles: ["admin"], email: "admin-gallring@askersund.test" });
    const admin = await login(app, askersund.host, adminUser.email);
    await inScope(db.app, askersund.scope, (tx) =>
      tx
        .updateTable("desk_cases")
        .set({ status: "closed", closed_at: new Date(Date.now() - 30 * 31 * 86_400_000) })
        .where("id", "=", row.id)
        .execute(),
    );
    const listing = await page(admin, "/arenden/personuppgifter");
    expect(listing.body).toContain(row.number);
    const asked = await post(admin, "/arenden/gallring", {});
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toMatch(/Gallra \d+ ärenden?\?/);
    expect(await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("desk_cases").select("id").where("id", "=", row.id).executeTakeFirst())).toBeDefined();
    expect((await post(admin, "/arenden/gallring", { confirmed: "yes" })).statusCode).toBe(303);
    expect(
      await inScope(db.app, askersund.scope, (tx) => tx.selectFrom("desk_cases").select("id").where("id", "=", row.id).executeTakeFirst()),
    ).toBeUndefined();
    const mails = await asWorker(
      db.app,
      async (tx) =>
        (await sql<{ to_address: string; text_body: string }>`select to_address, text_body from mail_outbox where subject_ref = ${row.id}`.execute(tx)).rows,
    );
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((mail) => mail.to_address === "[raderad]" && mail.text_body === "")).toBe(true);
    const events = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("audit_events").select(["action", "changes"]).where("record_id", "=", row.id).execute(),
    );
    expect(events.length).toBeGreaterThan(3);
    expect(JSON.stringify(events)).not.toContain("Skylt som gallras");
    const everywhere = await sql<{
      n: number;
    }>`select count(*)::int as n from (select to_jsonb(t) as j from desk_messages t union all select to_jsonb(t) from desk_events t union all select to_jsonb(t) from audit_events t union all select to_jsonb(t) from mail_outbox t) rows where j::text like '%gallras@example.se%'`.execute(
      db.owner,
    );
    expect(everywhere.rows[0]!.n).toBe(0);
    const jobs = await asWorker(
      db.app,
      async (tx) => (await sql<{ queue: string }>`select queue from jobs where queue = 'mail.remove-files'`.execute(tx)).rows,
    );
    expect(jobs.length).toBeGreaterThanOrEqual(1);
  });
});

describe("what happened, in words", () => {
  it("tells a case's history and the audit log as sentences: the channel, the status and the record named, not codes", async () => {
    const id = await registerPhoneCase("ord@example.se");
    expect((await post(officer, `/arenden/${id}/status`, { status: "waiting" })).statusCode).toBe(303);
    const history = (await page(officer, `/arenden/${id}`)).body;
    expect(history).toContain("Ärendet registrerades efter ett telefonsamtal och gick till Bygg och miljö");
    expect(history).toMatch(/Status ändrades från (Ny|Pågår) till Väntar på företaget/);
    expect(history).not.toMatch(/registrerades \(phone\)|från open till waiting/);

    await buildUser(db.app, askersund, { roles: ["admin"], email: "logg@askersund.test", name: "Lena Logg" });
    const admin = await login(app, askersund.host, "logg@askersund.test");
    const log = (await page(admin, `/admin/logg?record_type=desk_case&record_id=${id}`)).body;
    expect(log).toContain("Ändrade status för ärendet");
    expect(log).toContain("Skapade ärendet");
    expect(log).toMatch(/<option value="desk_case"[^>]*>Ärendet<\/option>/);
    const english = (await page({ ...admin, cookie: `${admin.cookie}; lotsen_lang=en` }, `/admin/logg?record_type=desk_case&record_id=${id}`)).body;
    expect(english).toContain("Changed the status of the case");
  });
});

describe("staff hear of new work", () => {
  const mailsAbout = async (purpose: string, number: string) =>
    (await outbox(purpose)).filter((mail) => mail.subject.includes(number)).map((mail) => mail.to_address);

  it("tells the unit's officers of a new case by mail, not another unit's, and not one who turned it off", async () => {
    const { row } = await askQuestion("aviserad@example.se");
    expect((await mailsAbout("desk.new_case", row.number)).sort()).toEqual(["chef@askersund.test", "handlaggare@askersund.test"]);
    const mail = (await outbox("desk.new_case")).find((one) => one.subject.includes(row.number))!;
    expect(mail.text_body).toContain(`https://askersund.test/arenden/${row.id}`);
    expect(mail.text_body).toContain("https://askersund.test/arenden/aviseringar");

    const settings = await page(officer, "/arenden/aviseringar");
    expect(settings.body).toMatch(/name="new_cases" value="on" checked/);
    expect((await post(officer, "/arenden/aviseringar", { replies: "on" })).statusCode).toBe(303);
    expect((await page(officer, "/arenden/aviseringar")).body).not.toMatch(/name="new_cases" value="on" checked/);
    const { row: quiet } = await askQuestion("tyst@example.se");
    expect(await mailsAbout("desk.new_case", quiet.number)).toEqual(["chef@askersund.test"]);
    expect((await post(officer, "/arenden/aviseringar", { new_cases: "on", replies: "on" })).statusCode).toBe(303);
  });

  it("does not mail the officer who registered a case themselves", async () => {
    const id = await registerPhoneCase("egen@example.se");
    const row = await caseById(id);
    expect(await mailsAbout("desk.new_case", row.number)).toEqual(["chef@askersund.test"]);
  });

  it("tells the case's officer when the business replies, and only them", async () => {
    const { token, row } = await askQuestion("svarar@example.se");
    expect((await post(officer, `/arenden/${row.id}/tilldela`, { assignee_id: officerId })).statusCode).toBe(303);
    expect((await answer(token, "Här kommer ritningen.")).statusCode).toBe(303);
    expect(await mailsAbout("desk.business_reply", row.number)).toEqual(["handlaggare@askersund.test"]);

    expect((await post(officer, "/arenden/aviseringar", { new_cases: "on" })).statusCode).toBe(303);
    expect((await answer(token, "Och en sak till.")).statusCode).toBe(303);
    expect(await mailsAbout("desk.business_reply", row.number)).toEqual(["handlaggare@askersund.test"]);
    expect((await post(officer, "/arenden/aviseringar", { new_cases: "on", replies: "on" })).statusCode).toBe(303);
  });
});

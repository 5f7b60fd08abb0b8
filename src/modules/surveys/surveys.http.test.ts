import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDeskRecords, multipart } from "../../../test/helpers/desk.js";
import { readSheet } from "../../platform/spreadsheet.js";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import {
  anonymous,
  buildMunicipality,
  buildTestApp,
  buildUnit,
  buildUser,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { closeCase, surveyLinks, surveyValues, tokenOfCase } from "../../../test/helpers/surveys.js";
import { inScope } from "../../platform/db/database.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import { JobRunner } from "../../platform/jobs/runner.js";
import { seedDesk } from "../desk/seed.js";
import { fieldOf } from "./answer-fields.js";
import * as answers from "./answer-service.js";
import * as climate from "./climate-service.js";
import { answerToken, forget, sweep } from "./invitation-service.js";
import * as contacts from "../companies/contact-service.js";
import { linkCompany } from "../companies/index.js";
import { buildCompany } from "../../../test/helpers/companies.js";
import { surveyJobHandlers } from "./jobs.js";
import { columnMapping } from "./list-service.js";
import * as records from "./records-service.js";
import { indicatorValue } from "./results-service.js";
import * as surveys from "./survey-service.js";
import { testSecret } from "../../../test/global-setup.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let staff: Session;
let viewer: Session;
let bygglov: string;
let livsmedel: string;
let unrelated: string;

const day = 86_400_000;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await seedDesk(db.app, askersund.scope, () => {});
  const unit = await buildUnit(db.app, askersund, { name: "Samhällsbyggnad" });
  bygglov = (await buildDeskRecords(db.app, askersund, { unitId: unit.id })).deskCategory;
  livsmedel = (await buildDeskRecords(db.app, askersund, { unitId: unit.id })).deskCategory;
  unrelated = (await buildDeskRecords(db.app, askersund, { unitId: unit.id })).deskCategory;
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test" });
  await buildUser(db.app, askersund, { roles: ["viewer"], email: "lasare@askersund.test" });
  app = await buildTestApp(db.app);
  staff = await login(app, askersund.host, "utvecklare@askersund.test");
  viewer = await login(app, askersund.host, "lasare@askersund.test");
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const ctx = () => systemContext(db.app, askersund);
const links = () => surveyLinks(askersund);

/** A running survey over two categories; the surveys of earlier tests are paused, so each test sees only its own invitations. */
async function newSurvey(changes: Parameters<typeof surveyValues>[1] = {}): Promise<string> {
  await inScope(db.app, askersund.scope, (tx) => tx.updateTable("survey_surveys").set({ active: false }).execute());
  return surveys.createSurvey(ctx(), surveyValues([`${bygglov}:bygglov`, `${livsmedel}:livsmedel`], changes));
}

function invitations(surveyId: string) {
  return inScope(db.app, askersund.scope, (tx) =>
    tx.selectFrom("survey_invitations").selectAll().where("survey_id", "=", surveyId).orderBy("sent_at").execute(),
  );
}

function mailsTo(email: string) {
  return inScope(
    db.app,
    askersund.scope,
    async (tx) =>
      (
        await sql<{ purpose: string; subject: string; text_body: string; to_address: string }>`
    select purpose, subject, text_body, to_address from mail_outbox where to_address = ${email} and purpose like 'surveys.%' order by created_at`.execute(tx)
      ).rows,
  );
}

/** Every scale question answered with `value`; the free text with `text`. */
async function fullAnswer(surveyId: string, value: string, text?: string): Promise<Record<string, string>> {
  const { questions } = await surveys.getSurvey(ctx(), surveyId);
  return Object.fromEntries(questions.map((question) => [fieldOf(question.id), question.kind === "text" ? (text ?? "") : value]));
}

describe("who is asked", () => {
  it("invites the business of a case closed in a category the survey asks about, once, with its private link", async () => {
    const survey = await newSurvey();
    const asked = await closeCase(db.app, askersund, bygglov, "Forsta@Example.se");
    await closeCase(db.app, askersund, unrelated, "annan@example.se");
    expect(await sweep(db.app, askersund, links())).toBe(1);
    expect(await sweep(db.app, askersund, links())).toBe(0);
    const [invitation] = await invitations(survey);
    expect(invitation).toMatchObject({ case_id: asked, area: "bygglov", email: "forsta@example.se", reminders_sent: 0 });
    expect(Number(invitation!.waiting_days)).toBeGreaterThanOrEqual(0);
    const [mail] = await mailsTo("forsta@example.se");
    expect(mail!.purpose).toBe("surveys.invitation");
    expect(mail!.text_body).toContain(`http://askersund.test/enkat/${await tokenOfCase(db.app, askersund, asked, survey)}`);
    expect(await mailsTo("annan@example.se")).toEqual([]);
  });

  it("asks a business once per period however many of its cases close, and never about a case closed before the survey ran", async () => {
    const before = await closeCase(db.app, askersund, bygglov, "tidig@example.se");
    const survey = await newSurvey();
    await closeCase(db.app, askersund, bygglov, "bolaget@example.se", { org_number: "5566778899" });
    await closeCase(db.app, askersund, livsmedel, "kollegan@example.se", { org_number: "5566778899" });
    await sweep(db.app, askersund, links());
    const rows = await invitations(survey);
    expect(rows.map((row) => row.email)).toEqual(["bolaget@example.se"]);
    expect(rows.some((row) => row.case_id === before)).toBe(false);
  });

  it("never asks about one case twice, even when two running surveys cover its category", async () => {
    const first = await newSurvey();
    const second = await surveys.createSurvey(ctx(), surveyValues([`${bygglov}:bygglov`]));
    const caseId = await closeCase(db.app, askersund, bygglov, "en.gang@example.se");
    await sweep(db.app, askersund, links());
    const asked = [...(await invitations(first)), ...(await invitations(second))].filter((row) => row.case_id === caseId);
    expect(asked).toHaveLength(1);
    expect(await mailsTo("en.gang@example.se")).toHaveLength(1);
  });

  it("waits for the month to end with a monthly survey, then asks about that month's cases", async () => {
    const survey = await newSurvey({ timing: "monthly" });
    const asked = await closeCase(db.app, askersund, bygglov, "manad@example.se");
    await sweep(db.app, askersund, links());
    expect(await invitations(survey)).toEqual([]);
    await sweep(db.app, askersund, links(), new Date(Date.now() + 32 * day));
    expect((await invitations(survey)).map((row) => row.case_id)).toEqual([asked]);
    expect((await invitations(survey))[0]!.period).toMatch(/^\d{4}-\d{2}$/);
  });
});

describe("the reminders, run by the job runner", () => {
  it("reminds every seven days up to three times, and stops at an answer or a no", async () => {
    const survey = await newSurvey();
    const quiet = await closeCase(db.app, askersund, bygglov, "tyst@example.se");
    const answering = await closeCase(db.app, askersund, bygglov, "svarar.sen@example.se");
    const declining = await closeCase(db.app, askersund, bygglov, "nej@example.se");
    const start = new Date();
    await sweep(db.app, askersund, links(), start);
    const count = async (email: string) => (await mailsTo(email)).filter((mail) => mail.purpose === "surveys.reminder").length;
    const schedules = [{ queue: "surveys.remind", everyMinutes: 1 }];
    // The runner's clock and the handlers' are the same simulated one.
    const runAt = (days: number) => {
      const now = new Date(start.getTime() + days * day + 60_000);
      return new JobRunner(db.app, { handlers: surveyJobHandlers(db.app, testSecret, undefined, () => now), schedules }).runDue(now);
    };
    await runAt(6);
    expect(await count("tyst@example.se")).toBe(0);
    await runAt(7);
    expect(await count("tyst@example.se")).toBe(1);
    await answers.saveAnswer(db.app, askersund.scope, await tokenOfCase(db.app, askersund, answering, survey), await fullAnswer(survey, "7"), true);
    await answers.decline(db.app, askersund.scope, await tokenOfCase(db.app, askersund, declining, survey));
    await runAt(14);
    await runAt(21);
    await runAt(28);
    await runAt(35);
    expect(await count("tyst@example.se")).toBe(3);
    expect(await count("svarar.sen@example.se")).toBe(1);
    expect(await count("nej@example.se")).toBe(1);
    const [reminder] = (await mailsTo("tyst@example.se")).filter((mail) => mail.purpose === "surveys.reminder");
    expect(reminder!.subject).toMatch(/^Påminnelse 1/);
    expect(reminder!.text_body).toContain(`/enkat/${await tokenOfCase(db.app, askersund, quiet, survey)}`);
  });
});

describe("the answer page", () => {
  const page = (token: string, cookie = "") => app.inject({ method: "GET", url: `/enkat/${token}`, headers: { host: askersund.host, cookie } });
  const post = async (token: string, values: Record<string, string>) => {
    const visitor = await anonymous(app, askersund.host);
    return app.inject({
      method: "POST",
      url: `/enkat/${token}`,
      headers: { host: askersund.host, cookie: visitor.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ ...values, _csrf: visitor.csrf }),
    });
  };

  it("keeps a half-filled answer, names the overall question missing, and takes the answer once", async () => {
    const survey = await newSurvey();
    const caseId = await closeCase(db.app, askersund, bygglov, "halv@example.se");
    await sweep(db.app, askersund, links());
    const token = await tokenOfCase(db.app, askersund, caseId, survey);
    const { questions } = await surveys.getSurvey(ctx(), survey);
    const information = questions.find((question) => question.code === "information")!;
    const satisfaction = questions.find((question) => question.code === "satisfaction")!;

    const first = await page(token);
    expect(first.statusCode).toBe(200);
    expect(first.headers["cache-control"]).toBe("no-store");
    expect(first.body).toContain(information.text_sv);

    expect((await post(token, { intent: "save", [fieldOf(information.id)]: "9" })).statusCode).toBe(303);
    expect((await page(token)).body).toMatch(new RegExp(`name="${fieldOf(information.id)}" value="9" checked`));

    const missing = await post(token, { intent: "send", [fieldOf(information.id)]: "9" });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('class="error-summary"');
    expect(missing.body).toContain(`href="#f-${fieldOf(satisfaction.id)}"`);
    expect(missing.body).toMatch(new RegExp(`name="${fieldOf(information.id)}" value="9" checked`));

    const outOfScale = await post(token, { ...(await fullAnswer(survey, "8")), [fieldOf(satisfaction.id)]: "11" });
    expect(outOfScale.statusCode).toBe(400);
    expect(outOfScale.body).toContain("Välj ett av stegen");

    expect((await post(token, { intent: "send", ...(await fullAnswer(survey, "10", "Snabbt")) })).statusCode).toBe(303);
    const [row] = await invitations(survey);
    expect(row!.answered_at).not.toBeNull();
    expect(Number(row!.nki)).toBe(100);
    expect(Number(row!.information)).toBe(100);
    const after = await page(token);
    expect(after.body).toContain("Länken kan bara användas en gång");
    expect(after.body).not.toContain(information.text_sv);
    const again = await post(token, { intent: "send", ...(await fullAnswer(survey, "1")) });
    expect(again.statusCode).toBe(400);
    expect(Number((await invitations(survey))[0]!.nki)).toBe(100);
  });

  it("speaks the invitation's language, and ends with a no or when the link has expired", async () => {
    const survey = await newSurvey({ reminders: 0, answer_days: 1 });
    const english = await closeCase(db.app, askersund, bygglov, "english@example.se", { language: "en" });
    const late = await closeCase(db.app, askersund, bygglov, "sen@example.se");
    await sweep(db.app, askersund, links());
    const token = await tokenOfCase(db.app, askersund, english, survey);
    const shown = await page(token);
    expect(shown.body).toContain('<html lang="en"');
    expect(shown.body).toContain("Send the answer");
    const visitor = await anonymous(app, askersund.host);
    const declined = await app.inject({
      method: "POST",
      url: `/enkat/${token}/avsta`,
      headers: { host: askersund.host, cookie: visitor.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: visitor.csrf }),
    });
    expect(declined.statusCode).toBe(303);
    expect((await page(token)).body).toContain("You have declined this survey");
    const lateToken = await tokenOfCase(db.app, askersund, late, survey);
    const expired = await answers.answerPage(db.app, askersund.scope, lateToken, new Date(Date.now() + 2 * day));
    expect(expired.state).toBe("expired");
    await expect(
      answers.saveAnswer(db.app, askersund.scope, lateToken, await fullAnswer(survey, "5"), true, undefined, new Date(Date.now() + 2 * day)),
    ).rejects.toThrow();
    void survey;
  });

  it("answers 404 for a link that is not one, or another municipality's", async () => {
    expect((await page("x".repeat(43))).statusCode).toBe(404);
    expect((await page("kort")).statusCode).toBe(404);
    const laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
    const survey = await newSurvey();
    const caseId = await closeCase(db.app, askersund, bygglov, "granne@example.se");
    await sweep(db.app, askersund, links());
    const token = await tokenOfCase(db.app, askersund, caseId, survey);
    const elsewhere = await app.inject({ method: "GET", url: `/enkat/${token}`, headers: { host: laxa.host } });
    expect(elsewhere.statusCode).toBe(404);
    void survey;
  });
});

describe("the results", () => {
  /** `count` businesses of a category answer every scale question with `value`; `asked` more are asked and do not answer. */
  async function answered(survey: string, category: string, count: number, value: string, asked = 0): Promise<void> {
    const cases: string[] = [];
    for (let index = 0; index < count + asked; index += 1) {
      cases.push(await closeCase(db.app, askersund, category, `svar${index}.${Math.random().toString(36).slice(2, 7)}@example.se`));
    }
    await sweep(db.app, askersund, links());
    for (const caseId of cases.slice(0, count)) {
      await answers.saveAnswer(db.app, askersund.scope, await tokenOfCase(db.app, askersund, caseId, survey), await fullAnswer(survey, value, "Bra"), true);
    }
  }
  const resultsPage = (survey: string, session: Session) =>
    app.inject({ method: "GET", url: `/enkater/resultat?enkat=${survey}`, headers: { host: askersund.host, cookie: session.cookie } });
  const nkiCell = (html: string, row: string) => new RegExp(`${row}</th><td class="numeric">([^<]+)</td>`).exec(html)?.[1];

  it("shows no figure from six answers, and the figure with its grade, count and response rate from seven", async () => {
    const survey = await newSurvey();
    await answered(survey, bygglov, 6, "8", 4);
    const six = await resultsPage(survey, staff);
    expect(six.statusCode).toBe(200);
    expect(nkiCell(six.body, "Bygglov")).toBe("–");
    await answered(survey, bygglov, 1, "8");
    const seven = (await resultsPage(survey, staff)).body;
    // 8 on 1–10 is (8 − 1) / 9 × 100 = 77.8, shown as 78: "high".
    expect(nkiCell(seven, "Bygglov")).toBe("78");
    expect(seven).toContain("Högt");
    expect(seven).toMatch(/64 %/);
    const csv = await app.inject({ method: "GET", url: `/enkater/resultat.csv?enkat=${survey}`, headers: { host: askersund.host, cookie: staff.cookie } });
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.body).toMatch(/;Område;Bygglov;11;7;63,6;78;Högt;/);
  });

  it("puts each answer beside its case's measured waiting, and shows free text to staff but not to a viewer", async () => {
    const survey = await newSurvey();
    await answered(survey, livsmedel, 7, "6");
    const body = (await resultsPage(survey, staff)).body;
    expect(body).toContain("NKI efter arbetsdagar till beslut");
    expect(body).toMatch(/<circle /);
    expect(body).toContain("Bra");
    const forViewer = await resultsPage(survey, viewer);
    expect(forViewer.statusCode).toBe(200);
    expect(forViewer.body).not.toContain("Företagens egna ord");
    expect(forViewer.body).not.toContain("<blockquote>Bra</blockquote>");
  });

  it("makes a kept results page's content once, and for each reader who may hide free texts with their own token in its forms", async () => {
    const survey = await newSurvey();
    await answered(survey, livsmedel, 7, "6");
    // Two business developers: the same rights, so only their tokens tell their pages apart.
    const other = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["business_developer"] })).email);
    const tokens = async (session: Session) => {
      const body = (await resultsPage(survey, session)).body;
      expect(body).toContain(`action="/enkater/svar/`);
      return new Set([...body.matchAll(/name="_csrf" value="([^"]+)"/g)].map((match) => match[1]));
    };
    expect(await tokens(staff)).toEqual(new Set([staff.csrf]));
    expect(await tokens(other)).toEqual(new Set([other.csrf]));
    expect(await tokens(staff)).toEqual(new Set([staff.csrf]));
    // A viewer's page of the same kept results has no forms to post and no texts.
    expect((await resultsPage(survey, viewer)).body).not.toContain(`action="/enkater/svar/`);
  });

  it("gives a programme indicator NKI only where Insikt would show it", async () => {
    const year = new Date().getUTCFullYear();
    await newSurvey();
    const value = await indicatorValue(db.app, askersund.scope, "surveys.nki_livsmedel", year);
    expect(value).toBe(56);
    expect(await indicatorValue(db.app, askersund.scope, "surveys.nki_servering", year)).toBeNull();
    expect(await indicatorValue(db.app, askersund.scope, "surveys.response_rate", year)).toBeGreaterThan(0);
  });

  it("works each respondent's index out again when the transform changes", async () => {
    const survey = await newSurvey();
    await answered(survey, bygglov, 1, "7");
    const before = (await invitations(survey)).find((row) => row.answered_at)!;
    expect(Number(before.nki)).toBe(66.67);
    await surveys.updateSurvey(
      ctx(),
      survey,
      surveyValues([`${bygglov}:bygglov`], { name_sv: (await surveys.getSurvey(ctx(), survey)).survey.name_sv, transform: "share" }),
    );
    const after = (await invitations(survey)).find((row) => row.id === before.id)!;
    expect(Number(after.nki)).toBe(70);
  });
});

describe("staff's pages", () => {
  it("creates a survey with the standard questions, adds a question of its own, and keeps the form on bad input", async () => {
    const bad = await app.inject({
      method: "POST",
      url: "/enkater/ny",
      headers: { host: askersund.host, cookie: staff.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({
        _csrf: staff.csrf,
        name_sv: "Min enkät",
        name_en: "",
        timing: "closing",
        scale_max: "3",
        transform: "linear",
        reminders: "3",
        reminder_days: "7",
        answer_days: "30",
      }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Min enkät"');
    expect(bad.body).toContain('href="#f-scale_max"');
    const created = await app.inject({
      method: "POST",
      url: "/enkater/ny",
      headers: { host: askersund.host, cookie: staff.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({
        _csrf: staff.csrf,
        name_sv: "Min enkät",
        name_en: "My survey",
        timing: "quarterly",
        scale_max: "10",
        transform: "linear",
        reminders: "2",
        reminder_days: "7",
        answer_days: "30",
        areas: [`${bygglov}:bygglov`, ""],
      }),
    });
    expect(created.statusCode).toBe(303);
    const id = String(created.headers.location).split("/").pop()!;
    const detail = await surveys.getSurvey(ctx(), id);
    expect(detail.questions.filter((question) => question.code !== null)).toHaveLength(9);
    expect(detail.categories).toEqual([{ category_id: bygglov, area: "bygglov" }]);
    const own = await app.inject({
      method: "POST",
      url: `/enkater/${id}/fragor`,
      headers: { host: askersund.host, cookie: staff.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: staff.csrf, kind: "scale", text_sv: "Hur nöjd är du med e-tjänsten?", text_en: "How satisfied are you with the e-service?" }),
    });
    expect(own.statusCode).toBe(303);
    expect((await surveys.getSurvey(ctx(), id)).questions.at(-1)!.text_sv).toBe("Hur nöjd är du med e-tjänsten?");
    const standard = detail.questions.find((question) => question.code === "satisfaction")!;
    await expect(surveys.deleteQuestion(ctx(), id, standard.id)).rejects.toThrow();
  });

  it("lets a viewer read the results but not change a survey or see people", async () => {
    const survey = await newSurvey();
    const edit = await app.inject({
      method: "POST",
      url: `/enkater/${survey}/fragor`,
      headers: { host: askersund.host, cookie: viewer.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: viewer.csrf, kind: "scale", text_sv: "Fråga", text_en: "Question" }),
    });
    expect(edit.statusCode).toBe(403);
    const people = await app.inject({ method: "GET", url: "/enkater/personuppgifter", headers: { host: askersund.host, cookie: viewer.cookie } });
    expect(people.statusCode).toBe(403);
  });
});

describe("personal data", () => {
  it("unlinks an answered invitation from its person and the outbox forgets the mail, keeping the answer's figures", async () => {
    const survey = await newSurvey();
    const caseId = await closeCase(db.app, askersund, bygglov, "glomd@example.se");
    await sweep(db.app, askersund, links());
    await answers.saveAnswer(db.app, askersund.scope, await tokenOfCase(db.app, askersund, caseId, survey), await fullAnswer(survey, "9"), true);
    expect(await forget(db.app, askersund)).toBeGreaterThanOrEqual(1);
    const [row] = await invitations(survey);
    expect(row).toMatchObject({ email: null, contact_name: null, case_id: null, case_number: null, org_number: null, company_name: null, token_salt: null });
    expect(Number(row!.nki)).toBe(88.89);
    expect(await mailsTo("glomd@example.se")).toEqual([]);
  });

  it("gives a register extract and erases a person from every survey table", async () => {
    const survey = await newSurvey();
    const caseId = await closeCase(db.app, askersund, bygglov, "radera.mig@example.se");
    await sweep(db.app, askersund, links());
    await answers.saveAnswer(
      db.app,
      askersund.scope,
      await tokenOfCase(db.app, askersund, caseId, survey),
      await fullAnswer(survey, "4", "Handläggaren Siv Svarare var otrevlig"),
      false,
    );
    const extract = await records.personExtract(ctx(), "Radera.Mig@example.se");
    expect(extract.invitations).toHaveLength(1);
    expect(extract.invitations[0]!.answers.map((answer) => answer.text)).toContain("Handläggaren Siv Svarare var otrevlig");
    expect(await records.erasePerson(ctx(), "radera.mig@example.se")).toBe(1);
    const found = await inScope(
      db.app,
      askersund.scope,
      async (tx) =>
        (
          await sql<{ n: number }>`
          select (select count(*) from survey_invitations i where i::text ilike '%radera.mig%' or i.case_id = ${caseId})
               + (select count(*) from survey_answers a where a::text ilike '%Siv Svarare%')
               + (select count(*) from survey_surveys s where s::text ilike '%radera.mig%')
               + (select count(*) from survey_questions q where q::text ilike '%radera.mig%')
               + (select count(*) from mail_outbox m where m.purpose like 'surveys.%' and m::text ilike '%radera.mig%') as n`.execute(tx)
        ).rows[0]!.n,
    );
    expect(Number(found)).toBe(0);
    expect((await records.personExtract(ctx(), "radera.mig@example.se")).invitations).toEqual([]);
  });
});

describe("case lists from other systems, and the contractor's list", () => {
  const upload = (survey: string, file: { filename: string; content: Buffer }, fields: Record<string, string> = {}) => {
    const body = multipart({ _csrf: staff.csrf, ...fields }, [{ name: "file", filename: file.filename, content: file.content, type: "text/csv" }]);
    return app.inject({
      method: "POST",
      url: `/enkater/${survey}/lista`,
      headers: { host: askersund.host, cookie: staff.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
  };

  it("invites the businesses of a list as Excel saves it, with the municipality's own headings kept, and returns each reject with its line and reason", async () => {
    const survey = await newSurvey();
    const csv = Buffer.from(
      [
        "Dnr;Verksamhet;Beslutad;Företag;Orgnr;Kontakt;Mejl;Telefon;Språk",
        "MHN 2026-101;Miljö- och hälsoskydd;2026-03-02;Åkes Åkeri AB;556036-0793;Åke Ås;ake@example.se;070-123 45 67;svenska",
        "MHN 2026-102;Parkering;2026-03-02;Fel AB;;;fel@example.se;;",
        "MHN 2026-103;Livsmedelskontroll;2099-01-01;Sen AB;;;sen.lista@example.se;;",
        "MHN 2026-104;Livsmedelskontroll;2026-03-04;Annan AB;;;;070-1;",
        "MHN 2026-101;Miljö- och hälsoskydd;2026-03-02;Åkes Åkeri AB;556036-0793;Åke Ås;ake@example.se;;",
      ].join("\r\n"),
      "latin1",
    );
    const headings = {
      case_number: "Dnr",
      area: "Verksamhet",
      decided_on: "Beslutad",
      company_name: "Företag",
      org_number: "Orgnr",
      contact_name: "Kontakt",
      email: "Mejl",
    };
    const response = await upload(survey, { filename: "insikt.csv", content: csv }, headings);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("1 företag av 5 rader fick enkäten");
    for (const [line, reason] of [
      [3, "Okänt område"],
      [4, "Beslutsdatum ligger i framtiden"],
      [5, "E-postadress saknas"],
      [6, "Ärendet finns redan på en tidigare rad"],
    ] as const) {
      expect(response.body).toMatch(new RegExp(`<td class="numeric">${line}</td><td>MHN 2026-10\\d</td><td>${reason}</td>`));
    }
    const [row] = await invitations(survey);
    expect(row).toMatchObject({
      source: "upload",
      area: "miljo",
      closed_on: "2026-03-02",
      org_number: "5560360793",
      contact_name: "Åke Ås",
      phone: "070-123 45 67",
      case_id: null,
    });
    expect((await mailsTo("ake@example.se")).map((mail) => mail.purpose)).toEqual(["surveys.invitation"]);
    // The headings are kept for the next list; the same list again asks nobody twice.
    expect((await app.inject({ method: "GET", url: `/enkater/${survey}/lista`, headers: { host: askersund.host, cookie: staff.cookie } })).body).toContain(
      'value="Verksamhet"',
    );
    const again = await upload(survey, { filename: "insikt.csv", content: csv }, headings);
    expect(again.body).toContain("0 företag av 5 rader fick enkäten");
    expect(again.body).toContain("redan fått enkäten");
  });

  it("names a heading the file lacks, and refuses a file that is not a spreadsheet, writing nothing", async () => {
    const survey = await newSurvey();
    const missing = await upload(survey, { filename: "lista.csv", content: Buffer.from("Ärendenummer;Företag\n1;AB\n") });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("Listan har ingen kolumn med rubriken i ”Område”");
    const broken = await upload(survey, { filename: "lista.xlsx", content: Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64)]) });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain("Filen går inte att läsa");
    expect(await invitations(survey)).toEqual([]);
  });

  it("gives a contractor the period's closed cases under the municipality's headings, as CSV and as XLSX", async () => {
    const survey = await newSurvey();
    await closeCase(db.app, askersund, bygglov, "kontraktor@example.se", { org_number: "5560360793" });
    // The period is in Swedish time: between midnight in Stockholm and in UTC the two dates differ.
    const today = stockholmParts(new Date()).date;
    const csv = await app.inject({
      method: "GET",
      url: `/enkater/${survey}/lista.csv?fran=${today.slice(0, 8)}01&till=${today}`,
      headers: { host: askersund.host, cookie: staff.cookie },
    });
    expect(csv.statusCode).toBe(200);
    // The municipality's own headings (saved with its last list), the usual ones before it has any.
    const headings = await columnMapping(ctx());
    expect(csv.body).toContain(`${headings.case_number};${headings.area};${headings.decided_on}`);
    expect(csv.body).toMatch(/;Bygglov;\d{4}-\d{2}-\d{2};Enkätbolaget \d+ AB;5560360793;Siv Svarare;kontraktor@example\.se;;svenska/);
    const xlsx = await app.inject({
      method: "GET",
      url: `/enkater/${survey}/lista.xlsx?fran=${today.slice(0, 8)}01&till=${today}`,
      headers: { host: askersund.host, cookie: staff.cookie },
    });
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const folder = await mkdtemp(join(tmpdir(), "lotsen-list-"));
    const path = join(folder, "lista.xlsx");
    await writeFile(path, xlsx.rawPayload);
    const sheet = await readSheet(path);
    await rm(folder, { recursive: true, force: true });
    expect(sheet.headers[0]).toBe(headings.case_number);
    expect(sheet.rows.some((row) => row.values.includes("kontraktor@example.se"))).toBe(true);
    const forViewer = await app.inject({ method: "GET", url: `/enkater/${survey}/lista.csv`, headers: { host: askersund.host, cookie: viewer.cookie } });
    expect(forViewer.statusCode).toBe(403);
  });
});

describe("the yearly business climate", () => {
  it("goes once a year to the own list's companies that have an address, by the company's address or its latest contact's, and shows its figures apart from NKI", async () => {
    await newSurvey();
    const id = await surveys.createSurvey(ctx(), surveyValues([], { kind: "climate", name_sv: "Företagsklimatet 2026", timing: "closing" }));
    expect((await surveys.getSurvey(ctx(), id)).survey.timing).toBe("yearly");
    const byMail = await buildCompany(db.owner, { name: "Klimatbolaget AB" });
    await db.owner.updateTable("companies").set({ email: "info@klimatbolaget.se" }).where("id", "=", byMail.id).execute();
    const byContact = await buildCompany(db.owner, { name: "Kontaktbolaget AB" });
    await contacts.createContact(ctx(), byContact.id, {
      name: "Kim Kontakt",
      title: null,
      email: "kim@kontaktbolaget.se",
      phone: null,
      role: null,
      lawful_basis: "public_task",
      source: "Besök",
    });
    const unlisted = await buildCompany(db.owner, { name: "Utanför AB" });
    await db.owner.updateTable("companies").set({ email: "info@utanfor.se" }).where("id", "=", unlisted.id).execute();
    await inScope(db.app, askersund.scope, (tx) => linkCompany(tx, askersund.id, byMail.id, "manual"));

    expect(await climate.recipientCount(ctx(), id, testSecret)).toBe(2);
    expect(await climate.sendClimateSurvey(ctx(), id, links())).toBe(2);
    expect(await climate.sendClimateSurvey(ctx(), id, links())).toBe(0);
    expect((await invitations(id)).map((row) => row.email).sort()).toEqual(["info@klimatbolaget.se", "kim@kontaktbolaget.se"]);
    expect(await mailsTo("info@utanfor.se")).toEqual([]);

    const { questions } = await surveys.getSurvey(ctx(), id);
    const summary = questions.find((question) => question.kind === "climate")!;
    const [first] = await invitations(id);
    const token = answerToken(testSecret, { id: first!.id, token_salt: first!.token_salt! });
    await expect(answers.saveAnswer(db.app, askersund.scope, token, {}, true)).rejects.toThrow();
    await answers.saveAnswer(db.app, askersund.scope, token, { [fieldOf(summary.id)]: "6" }, true);
    expect(Number((await invitations(id)).find((row) => row.id === first!.id)!.climate)).toBe(55.56);

    const page = await app.inject({ method: "GET", url: `/enkater/resultat?enkat=${id}`, headers: { host: askersund.host, cookie: staff.cookie } });
    expect(page.body).toContain("Vilket sammanfattande omdöme ger du företagsklimatet i kommunen?");
    expect(page.body).toContain("50 %");
    // One answer is fewer than seven: no index is shown, in the page or to an indicator.
    expect(page.body).toMatch(/företagsklimatet i kommunen\?<\/th><td class="numeric">–<\/td>/);
    expect(await indicatorValue(db.app, askersund.scope, "surveys.climate_index", new Date().getUTCFullYear())).toBeNull();
    expect(await indicatorValue(db.app, askersund.scope, "surveys.climate_rate", new Date().getUTCFullYear())).toBe(50);
    // The climate survey's invitations are not counted in NKI's response rate.
    const nki = await app.inject({ method: "GET", url: "/enkater/resultat", headers: { host: askersund.host, cookie: staff.cookie } });
    expect(nki.body).not.toContain("Klimatbolaget");
  });

  it("asks before sending to many, naming how many", async () => {
    const id = await surveys.createSurvey(ctx(), surveyValues([], { kind: "climate", name_sv: "Klimat att fråga om" }));
    const asked = await app.inject({
      method: "POST",
      url: `/enkater/${id}/skicka`,
      headers: { host: askersund.host, cookie: staff.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: staff.csrf }),
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toMatch(/Skicka enkäten till \d+ företag\?/);
    expect(await invitations(id)).toEqual([]);
  });
});

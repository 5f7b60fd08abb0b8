import type { Page } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeskRecords } from "../helpers/desk.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { buildMunicipality, buildTestApp, buildUnit, buildUser, systemContext, testPassword, type TestMunicipality } from "../helpers/factories.js";
import { launchBrowser } from "../helpers/browser.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp.js";
import { closeCase, surveyValues, tokenOfCase } from "../helpers/surveys.js";
import { testSecret } from "../global-setup.js";
import { JobRunner } from "../../src/platform/jobs/runner.js";
import { MailSender } from "../../src/platform/mail/sender.js";
import { smtpTransport } from "../../src/platform/mail/transport.js";
import { seedDesk } from "../../src/modules/desk/seed.js";
import { fieldOf } from "../../src/modules/surveys/answer-fields.js";
import * as answers from "../../src/modules/surveys/answer-service.js";
import { sweep } from "../../src/modules/surveys/invitation-service.js";
import { surveyJobHandlers, surveySchedules } from "../../src/modules/surveys/jobs.js";
import * as surveys from "../../src/modules/surveys/survey-service.js";

let db: TestDatabase;
let app: FastifyInstance;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let base: string;
let sink: SmtpSink;
let askersund: TestMunicipality;
let category: string;
let survey: string;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await seedDesk(db.app, askersund.scope, () => {});
  const unit = await buildUnit(db.app, askersund, { name: "Samhällsbyggnad" });
  category = (await buildDeskRecords(db.app, askersund, { unitId: unit.id })).deskCategory;
  await buildUser(db.app, askersund, { roles: ["business_developer"], email: "utvecklare@askersund.test" });
  survey = await surveys.createSurvey(systemContext(db.app, askersund), surveyValues([`${category}:bygglov`], { name_sv: "Nöjdhet efter bygglov" }));
  app = await buildTestApp(db.app);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://askersund.test:${new URL(address).port}`;
  sink = await startSmtpSink();
  browser = await launchBrowser({ javaScriptEnabled: false });
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sink?.close();
  await app?.close();
  await db?.drop();
});

describe("a satisfaction survey, with JavaScript off, by keyboard", () => {
  it("a case closes, the invitation arrives by mail, the business answers, and the figure shows once seven have answered", async () => {
    // Six businesses have answered already; one more is needed before a figure may be shown.
    const { questions } = await surveys.getSurvey(systemContext(db.app, askersund), survey);
    for (let index = 0; index < 6; index += 1) {
      const caseId = await closeCase(db.app, askersund, category, `tidigare${index}@example.se`);
      await sweep(db.app, askersund, { base, municipality: "Askersunds kommun", secret: testSecret });
      const form = Object.fromEntries(questions.filter((question) => question.kind !== "text").map((question) => [fieldOf(question.id), "9"]));
      await answers.saveAnswer(db.app, askersund.scope, await tokenOfCase(db.app, askersund, caseId, survey), form, true);
    }
    await closeCase(db.app, askersund, category, "bygget@foretaget.se");
    // The job runner's sweep invites the business; the sender delivers to a real SMTP server.
    await new JobRunner(db.app, { handlers: surveyJobHandlers(db.app, testSecret, base), schedules: surveySchedules }).runDue(
      new Date(Date.now() + 15 * 60_000),
    );
    const sender = new MailSender(db.app, smtpTransport(sink.url, 1));
    await sender.drain();
    await sender.stop();
    const mail = sink.received.find((received) => received.to.includes("bygget@foretaget.se") && received.subject.startsWith("Hur nöjd"));
    expect(mail?.subject).toContain("Hur nöjd är du med");
    const link = /http:\/\/askersund\.test:\d+\/enkat\/[A-Za-z0-9_-]{43}/.exec(mail!.text)?.[0];
    expect(link).toBeDefined();

    await page.goto(`${base}/logga-in`);
    await page.fill("#f-email", "utvecklare@askersund.test");
    await page.fill("#f-password", testPassword);
    await page.press("#f-password", "Enter");
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/enkater/resultat?enkat=${survey}`);
    expect(await page.textContent("tr:has(th:has-text('Bygglov')) td")).toBe("–");

    const business = await browser.context.browser()!.newContext({ javaScriptEnabled: false });
    const answerPage = await business.newPage();
    await answerPage.goto(link!);
    expect(await answerPage.textContent("h1")).toBe("Nöjdhet efter bygglov");
    // Each question by keyboard: the step's radio is reached and chosen with the space bar.
    for (const question of questions.filter((candidate) => candidate.kind !== "text")) {
      await answerPage.focus(`#f-${fieldOf(question.id)}-8`);
      await answerPage.keyboard.press("Space");
    }
    const text = questions.find((question) => question.kind === "text")!;
    await answerPage.focus(`#f-${fieldOf(text.id)}`);
    await answerPage.keyboard.type("Tydliga besked och snabbt beslut.");
    await answerPage.focus("button[value=send]");
    await answerPage.keyboard.press("Enter");
    await answerPage.waitForSelector("text=Tack för ditt svar!");
    expect(await answerPage.textContent("main")).toContain("Länken kan bara användas en gång");
    await business.close();

    await page.goto(`${base}/enkater/resultat?enkat=${survey}`);
    // Six nines and one eight on 1–10: (6 × 88.9 + 77.8) / 7 = 87.3, shown as 87, "very high".
    expect(await page.textContent("tr:has(th:has-text('Bygglov')) td")).toBe("87");
    expect(await page.textContent("main")).toContain("Tydliga besked och snabbt beslut.");
  }, 90_000);
});

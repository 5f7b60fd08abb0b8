import type { FastifyInstance } from "fastify";
import mammoth from "mammoth";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { multipart } from "../../../test/helpers/desk.js";
import { onePixelPng } from "../../../test/helpers/report.js";
import * as actions from "../programme/action-service.js";
import * as indicators from "../programme/indicator-service.js";
import * as programmes from "../programme/service.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let developer: Session;
let writer: Session;
let writerId: string;
let viewer: Session;
let statuses: Awaited<ReturnType<typeof buildStatuses>>;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  app = await buildTestApp(db.app);
  developer = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["business_developer"], name: "Dana Developer" })).email);
  const officer = await buildUser(db.app, askersund, { roles: ["case_officer"], name: "Wilma Writer" });
  writerId = officer.id;
  writer = await login(app, askersund.host, officer.email);
  viewer = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["viewer"] })).email);
  statuses = await buildStatuses(db.app, askersund);
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const get = (session: Session, url: string) => app.inject({ method: "GET", url, headers: { host: askersund.host, cookie: session.cookie } });
const post = (session: Session, url: string, fields: Record<string, string> = {}) =>
  app.inject({
    method: "POST",
    url,
    headers: { host: askersund.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...fields, _csrf: session.csrf }),
  });

let programmesMade = 0;

/** An adopted programme 2022–2025 with an action noted for 2023 and an indicator with values and targets. */
async function adoptedProgramme() {
  const ctx = systemContext(db.app, askersund);
  const { programme, area } = await buildProgramme(db.app, askersund, { name: `Näringslivsprogram 2022–2025 (${++programmesMade})`, start: 2022, end: 2025 });
  const action = await actions.createAction(ctx, programme.id, {
    focus_area_id: area.id,
    title: "Företagsbesök",
    description: "",
    responsible: null,
    contributors: [],
    owner_id: writerId,
    start_date: null,
    end_date: null,
    status_id: statuses.open,
    progress: null,
    weight: 1,
    position: null,
  });
  await actions.addActionUpdate(ctx, action.id, { status_id: statuses.started, progress: null, text: "Fyrtio besök under året", year: 2023 });
  const indicator = await indicators.createIndicator(ctx, programme.id, {
    name: "Nöjda företag",
    description: "",
    unit: "%",
    focus_area_id: area.id,
    direction: "higher",
    baseline_value: 60,
    baseline_year: 2021,
    source: "manual",
    owner_id: null,
    position: null,
    targets: [{ year: 2023, value: 70 }],
  });
  await indicators.setValue(ctx, indicator.id, { year: 2022, quarter: null, value: 64, comment: "" });
  await indicators.setValue(ctx, indicator.id, { year: 2023, quarter: null, value: 71, comment: "" });
  await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2022-02-01" });
  return { programme, area };
}

const sectionIds = (html: string) =>
  [...html.matchAll(/href="\/admin\/rapportavsnitt\/([0-9a-f-]{36})">([^<]+)</g)].map((match) => ({ id: match[1]!, title: match[2]! }));

async function publishedReport() {
  const { programme } = await adoptedProgramme();
  const started = await post(developer, `/admin/program/${programme.id}/rapporter`, { year: "2023" });
  const reportUrl = String(started.headers.location);
  const sections = sectionIds((await get(developer, reportUrl)).body);
  for (const section of sections) {
    await post(developer, `/admin/rapportavsnitt/${section.id}`, { text: `${section.title}: året i korthet.\n\nEtt andra stycke.` });
    await post(developer, `/admin/rapportavsnitt/${section.id}/klar`);
  }
  await post(developer, `${reportUrl}/granska`);
  await post(developer, `${reportUrl}/godkann`);
  await post(developer, `${reportUrl}/publicera`, { year: "2023", confirmed: "yes" });
  const followUpId = /\/uppfoljning\/([0-9a-f-]{36})\/rapport\.docx/.exec((await get(developer, reportUrl)).body)?.[1];
  return { programme, reportUrl, followUpId: followUpId! };
}

describe("the yearly report's workflow", () => {
  it("starts from the template, is written by its writers, reviewed, approved and published as the follow-up, each step in the audit log", async () => {
    const { programme } = await adoptedProgramme();
    const started = await post(developer, `/admin/program/${programme.id}/rapporter`, { year: "2023" });
    expect(started.statusCode).toBe(303);
    const reportUrl = String(started.headers.location);
    const sections = sectionIds((await get(developer, reportUrl)).body);
    // A section per focus area; figures from the modules that offer them (the desk, the surveys, the skills module's outcomes).
    expect(sections.map((section) => section.title)).toEqual([
      "Inledning",
      "Företagsklimat",
      "Officiell statistik",
      "Väntetider i företagslotsen",
      "Nöjd kund-index",
      "Kompetensförsörjning",
      "Avslutning",
    ]);
    expect((await post(developer, `/admin/program/${programme.id}/rapporter`, { year: "2023" })).body).toContain("Året har redan en rapport");

    const intro = sections[0]!.id;
    expect((await post(developer, `/admin/rapportavsnitt/${intro}/skribent`, { writer_id: writerId })).statusCode).toBe(303);
    // The writer finds the section on the start page, writes it and marks it ready; a viewer cannot.
    expect((await get(writer, "/")).body).toContain(`/admin/rapportavsnitt/${intro}`);
    expect((await post(viewer, `/admin/rapportavsnitt/${intro}`, { text: "Inte min text" })).statusCode).toBe(403);
    expect((await post(writer, `/admin/rapportavsnitt/${intro}/klar`)).body).toContain("Skriv avsnittets text innan det markeras som klart");
    expect((await post(writer, `/admin/rapportavsnitt/${intro}`, { text: "Ett år med fler företagsbesök än någonsin." })).statusCode).toBe(303);
    expect((await post(writer, `/admin/rapportavsnitt/${intro}/klar`)).statusCode).toBe(303);
    expect((await post(writer, `/admin/rapportavsnitt/${intro}`, { text: "Ändrad efter klar" })).body).toContain("Avsnittet är markerat som klart");
    expect((await post(writer, `/admin/rapportavsnitt/${sections[1]!.id}`, { text: "Inte hennes avsnitt" })).statusCode).toBe(403);
    expect((await get(writer, "/")).body).not.toContain(`/admin/rapportavsnitt/${intro}`);

    // Review waits for every section; the writer cannot approve.
    expect((await post(developer, `${reportUrl}/granska`)).body).toContain("Alla avsnitt måste vara klara innan rapporten granskas");
    for (const section of sections.slice(1)) {
      if (!["Officiell statistik", "Väntetider i företagslotsen", "Nöjd kund-index"].includes(section.title)) {
        await post(developer, `/admin/rapportavsnitt/${section.id}`, { text: `${section.title} under året.` });
      }
      expect((await post(developer, `/admin/rapportavsnitt/${section.id}/klar`)).statusCode).toBe(303);
    }
    expect((await post(developer, `${reportUrl}/granska`)).statusCode).toBe(303);
    expect((await post(writer, `${reportUrl}/godkann`)).statusCode).toBe(403);
    // In review nothing is written, but anyone who reads may comment.
    expect((await post(developer, `/admin/rapportavsnitt/${intro}/oppna`)).body).toContain("Rapporten granskas eller är publicerad");
    expect((await post(viewer, `/admin/rapportavsnitt/${intro}/kommentar`, { comment: "Nämn gärna mässan." })).statusCode).toBe(303);
    expect((await get(developer, `/admin/rapportavsnitt/${intro}`)).body).toContain("Nämn gärna mässan.");
    expect((await post(developer, `${reportUrl}/godkann`)).statusCode).toBe(303);

    // Publishing asks first, then freezes the report into the year's follow-up.
    const asked = await post(developer, `${reportUrl}/publicera`, { year: "2023" });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("Publicera uppföljningen 2023?");
    expect((await post(developer, `${reportUrl}/publicera`, { year: "2023", confirmed: "yes" })).statusCode).toBe(303);
    const page = (await get(developer, reportUrl)).body;
    expect(page).toContain("Publicerad");
    const followUpId = /\/uppfoljning\/([0-9a-f-]{36})\/rapport\.docx/.exec(page)?.[1];
    const publicPage = await app.inject({ method: "GET", url: `/uppfoljning/${followUpId}`, headers: { host: askersund.host } });
    expect(publicPage.body).toContain("Ett år med fler företagsbesök än någonsin.");
    expect((await post(developer, `/admin/rapportavsnitt/${intro}/kommentar`, { comment: "Sent" })).body).toContain("Rapporten är publicerad");
    expect((await post(developer, `${reportUrl}/arkivera`)).statusCode).toBe(303);

    const reportId = reportUrl.split("/").pop()!;
    const events = await inScope(db.app, askersund.scope, (tx) =>
      tx.selectFrom("audit_events").select(["action", "actor_label"]).where("record_id", "in", [reportId, intro]).orderBy("at").execute(),
    );
    expect(events.map((event) => event.action)).toEqual(["start", "section", "section", "section", "submit", "comment", "approve", "publish", "archive"]);
    expect(events.find((event) => event.action === "section")?.actor_label).toContain("Dana Developer");
  });
});

function zipEntry(content: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(content, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) {
        return reject(error ?? new Error("no zip"));
      }
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== name) {
          return zip.readEntry();
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            return reject(streamError ?? new Error("no stream"));
          }
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        });
      });
      zip.on("end", () => reject(new Error(`${name} is not in the file`)));
      zip.readEntry();
    }),
  );
}

describe("the published report as DOCX and PDF", () => {
  it("writes an editable DOCX with the municipality's logo, real headings, tables, charts with alt text, and its language", async () => {
    const { followUpId } = await publishedReport();
    const body = multipart({ _csrf: developer.csrf }, [{ name: "logo", filename: "logo.png", content: onePixelPng, type: "image/png" }]);
    const uploaded = await app.inject({
      method: "POST",
      url: "/admin/rapportmall/logotyp",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(303);
    // A file that only says it is a PNG is refused by its bytes.
    const fake = multipart({ _csrf: developer.csrf }, [
      { name: "logo", filename: "logo.png", content: Buffer.from("<svg onload=alert(1)>"), type: "image/png" },
    ]);
    const refused = await app.inject({
      method: "POST",
      url: "/admin/rapportmall/logotyp",
      headers: { host: askersund.host, cookie: developer.cookie, "content-type": fake.contentType },
      payload: fake.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Välj en PNG- eller JPEG-bild på högst 1 MB");
    const response = await app.inject({ method: "GET", url: `/uppfoljning/${followUpId}/rapport.docx`, headers: { host: askersund.host } });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const html = (await mammoth.convertToHtml({ buffer: response.rawPayload })).value;
    expect(html).toContain('<img alt="Askersunds kommun"');
    expect(html).toContain("<h1>Inledning</h1>");
    expect(html).toContain("<h1>Företagsklimat</h1>");
    expect(html).toContain("<h2>Åtgärder</h2>");
    expect(html).toMatch(/<table>.*Företagsbesök.*Fyrtio besök under året.*<\/table>/s);
    expect(html).toMatch(/<img alt="Linjediagram: Nöjda företag per år\. Värdena finns i tabellen efter diagrammet\."/);
    expect(html).toContain("<td><p>2023</p></td><td><p>71</p></td><td><p>70</p></td>");
    expect(await zipEntry(response.rawPayload, "word/styles.xml")).toContain('w:lang w:val="sv-SE"');
    expect(await zipEntry(response.rawPayload, "docProps/core.xml")).toContain("Uppföljning 2023: Näringslivsprogram 2022–2025 (");
  });

  it("writes a tagged PDF: language, title, headings, tables with header cells, figures with alt text, and the text itself", async () => {
    const { followUpId } = await publishedReport();
    const response = await app.inject({ method: "GET", url: `/uppfoljning/${followUpId}/rapport.pdf`, headers: { host: askersund.host } });
    expect(response.statusCode).toBe(200);
    const pdf = response.rawPayload;
    expect(pdf.toString("latin1")).toContain("/Lang (sv-SE)");
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
    expect(await document.getMarkInfo()).toMatchObject({ Marked: true });
    expect((await document.getMetadata()).info).toMatchObject({ Title: expect.stringContaining("Uppföljning 2023: Näringslivsprogram 2022–2025 (") });
    let text = "";
    const roles = new Map<string, number>();
    const alts: string[] = [];
    const walk = (node: { role?: string; alt?: string; children?: unknown[] }) => {
      if (node.role) {
        roles.set(node.role, (roles.get(node.role) ?? 0) + 1);
      }
      if (node.alt) {
        alts.push(node.alt);
      }
      (node.children ?? []).forEach((child) => walk(child as typeof node));
    };
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      text += (await page.getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join(" ");
      walk((await page.getStructTree()) as unknown as { children: unknown[] });
    }
    text = text.replace(/\s+/g, " ");
    expect(text).toContain("Inledning");
    expect(text).toContain("Fyrtio besök under året");
    expect(text).toContain("Företagsklimat");
    for (const role of ["H1", "H2", "P", "Table", "TR", "TH", "TD", "Figure"]) {
      expect(roles.get(role), role).toBeGreaterThan(0);
    }
    expect(alts.some((alt) => alt.includes("Linjediagram: Nöjda företag per år"))).toBe(true);
  });

  it("answers another municipality's follow-up as not found", async () => {
    const { followUpId } = await publishedReport();
    const laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
    expect((await app.inject({ method: "GET", url: `/uppfoljning/${followUpId}/rapport.pdf`, headers: { host: laxa.host } })).statusCode).toBe(404);
  });
});

import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { multipart } from "../../../test/helpers/desk.js";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, buildTestApp, buildUser, login, systemContext, type Session, type TestMunicipality } from "../../../test/helpers/factories.js";
import { actionInput, buildProgramme, buildStatuses } from "../../../test/helpers/programme.js";
import { inScope } from "../../platform/db/database.js";
import { JobRunner } from "../../platform/jobs/runner.js";
import * as actions from "./action-service.js";
import { programmeModule } from "./index.js";
import * as indicators from "./indicator-service.js";
import * as programmes from "./service.js";
import { backgroundRows } from "./sheet-service.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let staff: Session;
let statuses: Awaited<ReturnType<typeof buildStatuses>>;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { kommunkod: "1882", host: "askersund.test" });
  statuses = await buildStatuses(db.app, askersund);
  app = await buildTestApp(db.app);
  const developer = await buildUser(db.app, askersund, { roles: ["business_developer"] });
  staff = await login(app, askersund.host, developer.email);
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const get = (url: string) => app.inject({ method: "GET", url, headers: { host: askersund.host, cookie: staff.cookie } });
const upload = async (programmeId: string, filename: string, content: Buffer | string, type = "text/csv") => {
  const body = multipart({ _csrf: staff.csrf }, [{ name: "file", filename, content: Buffer.from(content), type }]);
  return app.inject({
    method: "POST",
    url: `/admin/program/${programmeId}/kalkylblad`,
    headers: { host: askersund.host, cookie: staff.cookie, "content-type": body.contentType },
    payload: body.payload,
  });
};
const apply = (importUrl: string) =>
  app.inject({
    method: "POST",
    url: `${importUrl}/infor`,
    headers: { host: askersund.host, cookie: staff.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: `_csrf=${encodeURIComponent(staff.csrf)}`,
  });

async function programmeWithActions() {
  const ctx = systemContext(db.app, askersund);
  const { programme, area } = await buildProgramme(db.app, askersund, { name: `Program ${Math.random()}` });
  const visits = await actions.createAction(ctx, programme.id, { ...actionInput(area.id, statuses.open, "Företagsbesök"), start_date: "2024-01-01" });
  const breakfast = await actions.createAction(ctx, programme.id, actionInput(area.id, statuses.started, "Frukostmöten"));
  const indicator = await indicators.createIndicator(ctx, programme.id, {
    name: "Nystartade företag",
    description: "",
    unit: "st",
    focus_area_id: area.id,
    direction: "higher",
    baseline_value: null,
    baseline_year: null,
    source: "manual",
    owner_id: null,
    position: null,
    targets: [],
  });
  await indicators.setValue(ctx, indicator.id, { year: 2024, quarter: null, value: 40, comment: "SCB" });
  return { programme, area, visits, breakfast, indicator, ctx };
}

describe("a programme's spreadsheets, both ways", () => {
  it("exports the actions as XLSX; a file with one cell edited previews that change alone and applies only it", async () => {
    const { programme, visits, breakfast, ctx } = await programmeWithActions();
    const exported = await get(`/admin/program/${programme.id}/atgarder.xlsx`);
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
      "Id",
      "Fokusområde",
      "Åtgärd",
      "Ansvarig",
      "Rapporterar (e-post)",
      "Status",
      "Framsteg (%)",
      "Vikt",
      "Startdatum",
      "Slutdatum",
    ]);
    const rowOf = (id: string) => [2, 3].map((number) => sheet.getRow(number)).find((row) => row.getCell(1).value === id)!;
    expect(rowOf(visits.id).getCell(3).value).toBe("Företagsbesök");
    // The edit a person makes: Frukostmöten is now ongoing, and a column of their own is added.
    rowOf(breakfast.id).getCell(6).value = "Pågår";
    sheet.getRow(1).getCell(11).value = "Mina anteckningar";
    rowOf(breakfast.id).getCell(11).value = "ring Anna";
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());

    const response = await upload(programme.id, "atgarder.xlsx", edited, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.statusCode).toBe(303);
    const importUrl = String(response.headers.location);
    const preview = await get(importUrl);
    expect(preview.body).toContain("0 nya, 1 ändrade, 1 oförändrade, 0 avvisade.");
    expect(preview.body).toContain("Mina anteckningar");
    expect(preview.body).toContain("Status: Påbörjad → Pågår");
    // Nothing is written by a preview.
    expect((await actions.getAction(ctx, breakfast.id)).status_name).toBe("Påbörjad");

    expect((await apply(importUrl)).statusCode).toBe(303);
    const after = await actions.getAction(ctx, breakfast.id);
    expect(after.status_name).toBe("Pågår");
    expect(after.progress).toBe(50);
    const untouched = await actions.getAction(ctx, visits.id);
    expect([untouched.title, untouched.status_name, untouched.start_date]).toEqual(["Företagsbesök", "Ej påbörjad", "2024-01-01"]);
    expect((await get(importUrl)).body).toContain("Införd");
    // Applied once: a second press changes nothing and says so.
    expect((await apply(importUrl)).statusCode).toBe(409);
    const audit = await inScope(db.app, { municipalityId: askersund.id }, (tx) =>
      tx.selectFrom("audit_events").select(["action", "record_id"]).where("record_id", "in", [breakfast.id, visits.id, programme.id]).execute(),
    );
    expect(audit.filter((event) => event.action === "update").map((event) => event.record_id)).toEqual([breakfast.id]);
    expect(audit.some((event) => event.action === "sheet_import" && event.record_id === programme.id)).toBe(true);
  });

  it("refuses rows with their line and reason, and writes none of a file when the programme changed after the preview", async () => {
    const { programme, breakfast, ctx } = await programmeWithActions();
    const csv = [
      "Id;Fokusområde;Åtgärd;Status;Framsteg (%);Startdatum",
      `${breakfast.id};Företagsklimat;Frukostmöten;Genomförd;100;`,
      ";Företagsklimat;Ny mässa;Ej påbörjad;;2025-02-30",
      ";Okänt område;Ännu en;Ej påbörjad;;",
      `${breakfast.id};Företagsklimat;Frukostmöten;Pågår;;`,
      "00000000-0000-4000-8000-000000000000;Företagsklimat;X;Pågår;;",
      ";Företagsklimat;Seminarium;Ej påbörjad;120;",
    ].join("\n");
    const importUrl = String((await upload(programme.id, "atgarder.csv", csv)).headers.location);
    const preview = (await get(importUrl)).body;
    expect(preview).toContain("1 ändrade, 0 oförändrade, 5 avvisade.");
    expect(preview).toContain("Ange ett datum i formatet ÅÅÅÅ-MM-DD");
    expect(preview).toContain("Det finns inget fokusområde med det namnet i programmet");
    expect(preview).toContain("Raden finns redan tidigare i filen");
    expect(preview).toContain("Det finns ingen åtgärd med det id:t i programmet");
    expect(preview).toContain("som ett heltal från 0 till 100");
    // Someone changes the action between the preview and the apply: nothing of the file is written.
    await actions.addActionUpdate(ctx, breakfast.id, { status_id: statuses.open, progress: null, text: "", year: null });
    const refused = await apply(importUrl);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("Programmet har ändrats sedan förhandsvisningen");
    expect((await actions.getAction(ctx, breakfast.id)).status_name).toBe("Ej påbörjad");
  });

  it("names a broken file and a file without the needed columns as field errors, keeping nothing", async () => {
    const { programme } = await programmeWithActions();
    const broken = await upload(programme.id, "atgarder.xlsx", Buffer.from("PK\u0003\u0004 not really a workbook"), "application/octet-stream");
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain("Filen går inte att läsa");
    const headless = await upload(programme.id, "lista.csv", "Namn;Telefon\nAnna;070\n");
    expect(headless.statusCode).toBe(400);
    expect(headless.body).toContain("Filen saknar kolumner som behövs");
    expect((await get(`/admin/program/${programme.id}/kalkylblad`)).body).toContain("Inga filer har lästs in.");
  });

  it("on an adopted programme takes status and progress only, and indicator values by id, year and quarter", async () => {
    const { programme, breakfast, indicator, ctx } = await programmeWithActions();
    await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2024-03-01" });
    const csv = ["Id;Åtgärd;Status", `${breakfast.id};Frukostträffar;Pågår`, ";Ny;Pågår"].join("\n");
    const preview = (await get(String((await upload(programme.id, "a.csv", csv)).headers.location))).body;
    expect(preview).toContain("Programmet är antaget: bara status och framsteg kan ändras");
    expect(preview).toContain("Programmet är antaget: nya åtgärder läggs till i Lotsen efter upplåsning");

    const values = parse((await get(`/admin/program/${programme.id}/indikatorvarden.csv`)).body.replace(/^\uFEFF/, ""), { delimiter: ";" }) as string[][];
    expect(values[0]).toEqual(["Indikator-id", "Indikator", "Enhet", "År", "Kvartal", "Värde", "Kommentar"]);
    expect(values.slice(1).map((row) => [row[3], row[5]])).toEqual([
      ["2024", "40"],
      ["2025", ""],
      ["2026", ""],
      ["2027", ""],
    ]);
    values[2]![5] = "44,5";
    const importUrl = String((await upload(programme.id, "v.csv", values.map((row) => row.join(";")).join("\n"))).headers.location);
    expect((await get(importUrl)).body).toContain("1 ny, 0 ändrade, 3 oförändrade, 0 avvisade.");
    await apply(importUrl);
    const recorded = (await indicators.getIndicator(ctx, indicator.id)).values.map((value) => [value.year, value.value]);
    expect(recorded).toEqual(
      expect.arrayContaining([
        [2024, 40],
        [2025, 44.5],
      ]),
    );
    expect(recorded).toHaveLength(2);
  });

  it("applies a large file in the background in one transaction, its progress on the page", async () => {
    const { programme, area } = await programmeWithActions();
    const count = backgroundRows + 350;
    const rows = Array.from({ length: count }, (_, index) => `;${area.name};Åtgärd ${index + 1};Ej påbörjad`);
    const importUrl = String((await upload(programme.id, "stor.csv", ["Id;Fokusområde;Åtgärd;Status", ...rows].join("\n"))).headers.location);
    const queued = await apply(importUrl);
    expect(queued.statusCode).toBe(303);
    const waiting = (await get(importUrl)).body;
    expect(waiting).toContain("Förs in i bakgrunden");
    expect(waiting).toContain(`0 av ${count} rader införda`);
    // The preview lists 500 rows of a long file and says how many more there are.
    expect(waiting).toContain(`Ytterligare ${count - 500} rader i filen visas inte`);
    expect(waiting).toContain('hx-trigger="every 2s"');
    const handlers = programmeModule.jobs!({ db: db.app, secret: "x", publicUrl: undefined, contributions: {} });
    await new JobRunner(db.app, { handlers: { "programme.sheet_apply": handlers["programme.sheet_apply"]! } }).runDue();
    expect((await get(importUrl)).body).toContain("Införd");
    const { actions: all } = await programmes.getProgramme(systemContext(db.app, askersund), programme.id);
    expect(all).toHaveLength(2 + count);
  });
});

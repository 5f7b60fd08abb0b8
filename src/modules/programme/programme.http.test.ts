import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, buildTestApp, buildToken, buildUser, form, login, type TestMunicipality } from "../../../test/helpers/factories.js";
import { actionInput, buildProgramme, buildStatuses } from "../../../test/helpers/programme.js";
import type { FastifyInstance } from "fastify";
import * as actions from "./action-service.js";
import * as followUps from "./follow-up-service.js";
import * as indicators from "./indicator-service.js";
import * as programmes from "./service.js";
import { systemContext } from "../../../test/helpers/factories.js";
import { statementsDuring } from "../../../test/helpers/statements.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let token: string;
let statuses: Awaited<ReturnType<typeof buildStatuses>>;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { kommunkod: "1882", host: "askersund.test" });
  statuses = await buildStatuses(db.app, askersund);
  app = await buildTestApp(db.app);
  const developer = await buildUser(db.app, askersund, { roles: ["business_developer"] });
  token = (await buildToken(db.app, askersund, developer.id)).token;
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const api = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown, lang = "sv") =>
  app.inject({
    method,
    url,
    headers: { host: askersund.host, authorization: `Bearer ${token}`, "accept-language": lang },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

describe("the programme's public pages", () => {
  it("shows an adopted programme to anyone, and a draft to staff only", async () => {
    const { programme } = await buildProgramme(db.app, askersund, { name: "Utkast till program" });
    expect((await app.inject({ method: "GET", url: `/program/${programme.id}`, headers: { host: askersund.host } })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/program", headers: { host: askersund.host } })).body).not.toContain("Utkast till program");
    const staff = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["viewer"] })).email);
    const preview = await app.inject({ method: "GET", url: `/program/${programme.id}`, headers: { host: askersund.host, cookie: staff.cookie } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Utkast: bara personal ser det här programmet.");
    await programmes.adoptProgramme(systemContext(db.app, askersund), programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2024-03-01" });
    const page = await app.inject({ method: "GET", url: `/program/${programme.id}`, headers: { host: askersund.host } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Antaget av Kommunfullmäktige den 1 mars 2024");
    expect(page.body).toContain("Attraktivt att driva företag");
  });

  it("renders a public programme page once per stored version, each visitor with their own token, and shows a change at once", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund, { name: "Program som sparas" });
    const ctx = systemContext(db.app, askersund);
    const action = await actions.createAction(ctx, programme.id, actionInput(area.id, statuses.open, "Lokala leverantörsdagar"));
    await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2024-02-01" });
    const visit = async () => {
      const visitor = String((await app.inject({ method: "GET", url: "/", headers: { host: askersund.host } })).headers["set-cookie"]).split(";")[0]!;
      const page = await app.inject({ method: "GET", url: `/program/${programme.id}`, headers: { host: askersund.host, cookie: visitor } });
      return { visitor, page, token: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "" };
    };
    const first = await visit();
    expect(first.page.statusCode).toBe(200);
    expect(first.page.body).toContain("Ej påbörjad");
    // A second visitor: the stored page, with no read of the programme's document, and their own token in it.
    let second: Awaited<ReturnType<typeof visit>> | undefined;
    const statements = await statementsDuring(async () => (second = await visit()));
    expect(statements.some((statement) => /select "document" from "programme_documents"/.test(statement))).toBe(false);
    expect(second!.page.body.replace(second!.token, first.token)).toBe(first.page.body);
    expect(second!.token).not.toBe(first.token);
    expect(second!.page.body).not.toMatch(/csrf-[0-9a-f]{32}/);
    const switched = await app.inject({
      method: "POST",
      url: "/sprak",
      headers: { host: askersund.host, cookie: second!.visitor, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: second!.token, lang: "en", next: `/program/${programme.id}` }),
    });
    expect(switched.statusCode).toBe(303);
    // Staff report progress: the next visitor sees it, without waiting for anything to expire.
    await actions.addActionUpdate(ctx, action.id, { status_id: statuses.started, progress: 30, text: "", year: null });
    const after = await visit();
    expect(after.page.body).toContain("Påbörjad");
    expect(after.page.body).not.toContain("Ej påbörjad");
  });

  it("lists each action with when it runs, on the public page and the staff page", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund, { start: 2024, end: 2027, name: "Program med datum" });
    const ctx = systemContext(db.app, askersund);
    await actions.createAction(ctx, programme.id, { ...actionInput(area.id, statuses.open, "Frukostmöten"), start_date: "2024-03-01", end_date: "2024-06-30" });
    await actions.createAction(ctx, programme.id, { ...actionInput(area.id, statuses.open, "Lokalbank"), start_date: "2025-01-15" });
    await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2024-02-01" });
    const page = (await app.inject({ method: "GET", url: `/program/${programme.id}`, headers: { host: askersund.host } })).body;
    expect(page).toContain('<th scope="col">Tid</th>');
    expect(page).toContain("1 mars 2024 – 30 juni 2024");
    expect(page).toContain("från 15 januari 2025");
    const staff = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["business_developer"] })).email);
    const admin = (
      await app.inject({
        method: "GET",
        url: `/admin/program/${programme.id}`,
        headers: { host: askersund.host, cookie: staff.cookie, "accept-language": "en" },
      })
    ).body;
    expect(admin).toContain("1 March 2024 – 30 June 2024");
  });

  it("suggests copying to a period no programme has yet, and names the one that already follows", async () => {
    const { programme } = await buildProgramme(db.app, askersund, { start: 2010, end: 2013, name: "Näringslivsprogram 2010–2013" });
    const { programme: next } = await buildProgramme(db.app, askersund, { start: 2014, end: 2017, name: "Näringslivsprogram 2014–2017" });
    const staff = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["business_developer"] })).email);
    const page = (await app.inject({ method: "GET", url: `/admin/program/${programme.id}`, headers: { host: askersund.host, cookie: staff.cookie } })).body;
    const copyForm = /<form[^>]*action="[^"]*\/kopiera"[\s\S]*?<\/form>/.exec(page)?.[0] ?? "";
    expect(copyForm).toMatch(/name="start_year"[^>]*value="2018"|value="2018"[^>]*name="start_year"/);
    expect(copyForm).toContain("Näringslivsprogram 2018–2021");
    expect(page).toContain("Åren efter det här programmet har redan ett program");
    expect(page).toContain(`<a href="/admin/program/${next.id}">Näringslivsprogram 2014–2017</a>`);
    // The last of them suggests the years right after it, with no notice.
    const last = (await app.inject({ method: "GET", url: `/admin/program/${next.id}`, headers: { host: askersund.host, cookie: staff.cookie } })).body;
    expect(last).not.toContain("Åren efter det här programmet har redan ett program");
  });

  it("serves a published follow-up as a page and as CSV that a CSV parser reads", async () => {
    const ctx = systemContext(db.app, askersund);
    const { programme, area } = await buildProgramme(db.app, askersund, { start: 2020, end: 2023 });
    const action = await actions.createAction(ctx, programme.id, {
      focus_area_id: area.id,
      title: "Frukostmöten; fyra per år",
      description: "",
      responsible: null,
      contributors: [],
      owner_id: null,
      start_date: null,
      end_date: null,
      status_id: statuses.open,
      progress: null,
      weight: 1,
      position: null,
    });
    await actions.addActionUpdate(ctx, action.id, { status_id: statuses.started, progress: 30, text: 'Tre möten, "fullsatt"', year: 2022 });
    const formula = await actions.createAction(ctx, programme.id, {
      focus_area_id: area.id,
      title: '=HYPERLINK("http://evil.example","Mässa")',
      description: "",
      responsible: null,
      contributors: [],
      owner_id: null,
      start_date: null,
      end_date: null,
      status_id: statuses.open,
      progress: null,
      weight: 1,
      position: null,
    });
    await actions.addActionUpdate(ctx, formula.id, { status_id: statuses.started, progress: 10, text: "-2+3", year: 2022 });
    await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });
    const published = await followUps.publishFollowUp(ctx, programme.id, { year: 2022, correction_note: "" });

    const page = await app.inject({ method: "GET", url: `/uppfoljning/${published.id}`, headers: { host: askersund.host } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Uppföljning 2022");
    expect(page.body).toContain("Tre möten, &quot;fullsatt&quot;");
    const csv = await app.inject({ method: "GET", url: `/uppfoljning/${published.id}/csv`, headers: { host: askersund.host } });
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toContain("uppfoljning-2022-v1.csv");
    const rows = parse(csv.body, { delimiter: ";", bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      expect.objectContaining({
        typ: "action",
        namn: "Frukostmöten; fyra per år",
        status: "Påbörjad",
        framsteg_procent: "30",
        anteckning: 'Tre möten, "fullsatt"',
      }),
      // What a spreadsheet would run as a formula opens as text.
      expect.objectContaining({ typ: "action", namn: `'=HYPERLINK("http://evil.example","Mässa")`, framsteg_procent: "10", anteckning: "'-2+3" }),
    ]);
    const listed = await app.inject({ method: "GET", url: `/program/${programme.id}`, headers: { host: askersund.host } });
    expect(listed.body).toContain(`href="/uppfoljning/${published.id}"`);
  });
});

describe("the programme API", () => {
  it("builds, adopts, locks, unlocks and follows up a programme by token, with errors in the conventions' shape", async () => {
    const created = await api("POST", "/api/v1/programmes", { name: "Program via API", start_year: 2024, end_year: 2027, vision: "Vision" });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const area = (await api("POST", `/api/v1/programmes/${id}/focus-areas`, { name: "Kompetensförsörjning" })).json();
    const action = await api("POST", `/api/v1/programmes/${id}/actions`, {
      focus_area_id: area.id,
      title: "Praktikplatser",
      status_id: statuses.open,
      weight: 2,
    });
    expect(action.statusCode).toBe(201);
    expect(action.json()).toMatchObject({ title: "Praktikplatser", progress: 0, weight: 2, status: { name: "Ej påbörjad" } });
    const indicator = await api("POST", `/api/v1/programmes/${id}/indicators`, {
      name: "Praktikplatser",
      direction: "higher",
      baseline_value: 40,
      baseline_year: 2023,
      targets: [{ year: 2025, value: 60 }],
    });
    expect(indicator.json()).toMatchObject({ baseline: { value: 40, year: 2023 }, targets: [{ year: 2025, value: 60 }] });

    expect((await api("POST", `/api/v1/programmes/${id}/adopt`, { adopted_by: "Kommunfullmäktige", adopted_on: "2024-02-12" })).json()).toMatchObject({
      status: "adopted",
      structure_locked: true,
    });
    const locked = await api("PUT", `/api/v1/actions/${action.json().id}`, { focus_area_id: area.id, title: "Ändrad", status_id: statuses.open }, "en");
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error).toEqual({
      code: "conflict",
      message: "The data clashes with something that already exists",
      fields: [{ path: "programme", message: "The programme is adopted and its structure is locked. An administrator can unlock it with a reason." }],
    });

    const update = await api("POST", `/api/v1/actions/${action.json().id}/updates`, { status_id: statuses.started, text: "Tio platser", year: 2025 });
    expect(update.json()).toMatchObject({ progress: 25, status: { name: "Påbörjad" } });
    const valued = await api("PUT", `/api/v1/indicators/${indicator.json().id}/values`, { year: 2025, value: "61,5" });
    expect(valued.json().values).toEqual([{ year: 2025, quarter: null, value: 61.5, comment: "" }]);
    expect((await api("POST", `/api/v1/programmes/${id}/unlock`, { reason: "Nytt beslut" })).statusCode).toBe(403);

    const published = await api("POST", `/api/v1/programmes/${id}/follow-ups`, { year: 2025 });
    expect(published.statusCode).toBe(201);
    const followUp = (await api("GET", `/api/v1/follow-ups/${published.json().id}`)).json();
    expect(followUp.snapshot.indicators[0]).toMatchObject({ value: 61.5, target: 60, status: "green" });
    const full = (await api("GET", `/api/v1/programmes/${id}`)).json();
    expect(full).toMatchObject({ progress: 25, focus_areas: [{ name: "Kompetensförsörjning", progress: 25 }], follow_ups: [{ year: 2025, revision: 1 }] });
  });

  it("takes by hand the values of an indicator that comes from another source, by the API and on its page; only a computed one refuses", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund, { start: 2024, end: 2027, name: "Program med SCB-indikator" });
    const ctx = systemContext(db.app, askersund);
    const base = {
      description: "",
      unit: "%",
      focus_area_id: area.id,
      direction: "higher" as const,
      baseline_value: null,
      baseline_year: null,
      owner_id: null,
      position: null,
      targets: [],
    };
    const imported = await indicators.createIndicator(ctx, programme.id, { ...base, name: "Sysselsättningsgrad (SCB)", source: "imported" });
    const response = await api("PUT", `/api/v1/indicators/${imported.id}/values`, { year: 2024, value: 81.5, comment: "SCB:s registerbaserade statistik" });
    expect(response.statusCode).toBe(200);
    expect(response.json().values.map((value: { year: number; value: number }) => [value.year, value.value])).toEqual([[2024, 81.5]]);
    const staff = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["business_developer"] })).email);
    const page = (await app.inject({ method: "GET", url: `/admin/indikatorer/${imported.id}`, headers: { host: askersund.host, cookie: staff.cookie } })).body;
    expect(page).toContain(`action="/admin/indikatorer/${imported.id}/varden"`);
    const computed = await indicators.createIndicator(ctx, programme.id, {
      ...base,
      name: "Beräknad",
      source: "computed",
      computed_from: "desk.first_response_on_time_share",
    });
    const refused = await api("PUT", `/api/v1/indicators/${computed.id}/values`, { year: 2024, value: 50 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields).toEqual([{ path: "value", message: "Indikatorns värden beräknas av Lotsen och matas inte in för hand" }]);
  });

  it("names the field and what is wrong, in the request's language", async () => {
    const response = await api("POST", "/api/v1/programmes", { name: "Fel", start_year: 2027, end_year: 2024 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ path: "end_year", message: "end_year kan inte vara före början av perioden" }]);
    const english = await api("POST", "/api/v1/programmes", { name: "Fel", start_year: "tjugo", end_year: 2024 }, "en");
    expect(english.json().error.fields).toEqual([{ path: "start_year", message: "Enter start_year as a four-digit year, for example 2024" }]);
  });
});

describe("the owner's start page", () => {
  it("lists what the owner still has to report, and a form post of a note removes it", async () => {
    const ctx = systemContext(db.app, askersund);
    const owner = await buildUser(db.app, askersund, { roles: ["case_officer"], name: "Olle Ägare" });
    const { programme, area } = await buildProgramme(db.app, askersund, { start: 2020, end: 2023, name: "Program med ägare" });
    const action = await actions.createAction(ctx, programme.id, {
      focus_area_id: area.id,
      title: "Snabbare bygglov",
      description: "",
      responsible: null,
      contributors: [],
      owner_id: owner.id,
      start_date: null,
      end_date: null,
      status_id: statuses.open,
      progress: null,
      weight: 1,
      position: null,
    });
    await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });
    const session = await login(app, askersund.host, owner.email);
    const start = await app.inject({ method: "GET", url: "/", headers: { host: askersund.host, cookie: session.cookie } });
    expect(start.body).toContain("Att rapportera för 2023 i Program med ägare");
    expect(start.body).toContain(`href="/admin/atgarder/${action.id}?year=2023"`);
    const posted = await app.inject({
      method: "POST",
      url: `/admin/atgarder/${action.id}`,
      headers: { host: askersund.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: session.csrf, status_id: statuses.started, progress: "", year: "2023", text: "Handläggningstiden är nu 22 dagar" }),
    });
    expect(posted.statusCode).toBe(303);
    const after = await app.inject({ method: "GET", url: "/", headers: { host: askersund.host, cookie: session.cookie } });
    expect(after.body).not.toContain("Att rapportera för 2023");
    const overview = await app.inject({ method: "GET", url: "/rapportering", headers: { host: askersund.host, cookie: session.cookie } });
    expect(overview.body).toContain("Program med ägare: Uppföljning 2023");
    expect(overview.body).toMatch(/Snabbare bygglov<\/a><\/td><td>Påbörjad, 25 %<\/td><td>Rapporterad<\/td>/);
  });
});

describe("nothing irreversible by one click", () => {
  it("asks before publishing a follow-up, naming each action without a note and indicator without a value, and publishes nothing until confirmed", async () => {
    const ctx = systemContext(db.app, askersund);
    const { programme, area } = await buildProgramme(db.app, askersund, { start: 2020, end: 2023, name: "Program att publicera" });
    await actions.createAction(ctx, programme.id, {
      focus_area_id: area.id,
      title: "Företagsfrukostar",
      description: "",
      responsible: null,
      contributors: [],
      owner_id: null,
      start_date: null,
      end_date: null,
      status_id: statuses.open,
      progress: null,
      weight: 1,
      position: null,
    });
    await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });
    const session = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["business_developer"] })).email);
    const publish = (fields: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: `/admin/program/${programme.id}/uppfoljning/publicera`,
        headers: { host: askersund.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ _csrf: session.csrf, year: "2022", correction_note: "", ...fields }),
      });
    const asked = await publish({});
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("Publicera uppföljningen av 2022?");
    expect(asked.body).toContain("Saknas: 1 anteckning");
    expect(asked.body).toContain("Anteckning för åtgärden ”Företagsfrukostar”");
    expect(asked.body).toContain('<input type="hidden" name="year" value="2022"/>');
    expect((await followUps.followUpWorkspace(ctx, programme.id, 2022)).detail.programme.id).toBe(programme.id);
    const before = await app.inject({ method: "GET", url: `/program/${programme.id}`, headers: { host: askersund.host } });
    expect(before.body).not.toContain("Uppföljning 2022");
    const published = await publish({ confirmed: "yes" });
    expect(published.statusCode).toBe(303);
    expect(String(published.headers.location)).toMatch(/^\/uppfoljning\/[0-9a-f-]{36}$/);
  });

  it("asks before deleting a record, by its name, and deletes nothing until confirmed", async () => {
    const { programme } = await buildProgramme(db.app, askersund, { name: "Program att ta bort" });
    const session = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["business_developer"] })).email);
    const remove = (fields: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: `/admin/program/${programme.id}/ta-bort`,
        headers: { host: askersund.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ _csrf: session.csrf, ...fields }),
      });
    const asked = await remove({});
    expect(asked.body).toContain("Ta bort ”Program att ta bort”?");
    expect(asked.body).toContain(`href="/admin/program/${programme.id}"`);
    expect((await programmes.getProgramme(systemContext(db.app, askersund), programme.id)).programme.name).toBe("Program att ta bort");
    expect((await remove({ confirmed: "yes" })).statusCode).toBe(303);
    await expect(programmes.getProgramme(systemContext(db.app, askersund), programme.id)).rejects.toThrow();
  });
});

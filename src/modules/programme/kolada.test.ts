import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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
import { buildProgramme } from "../../../test/helpers/programme.js";
import { inScope } from "../../platform/db/database.js";
import * as indicators from "./indicator-service.js";
import { fetchKolada, koladaComparison, saveKoladaSettings } from "./kolada-service.js";
import { KoladaError } from "./kolada-client.js";

/**
 * A local Kolada answering in the documented v3 shapes: the `values` envelope, pages linked
 * by `next_page`, `null` values, genders T, K and M; and, when told, a 5xx or no answer.
 */
interface Upstream {
  title: string;
  /** kommunkod → year → gender → value */
  data: Record<string, Record<number, Partial<Record<"T" | "K" | "M", number | null>>>>;
  failures: number;
  failWith: "503" | "hang" | null;
  requests: string[];
}
const upstream: Upstream = { title: "", data: {}, failures: 0, failWith: null, requests: [] };
let server: Server;
let baseUrl: string;

function answer(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  upstream.requests.push(url.pathname + url.search);
  if (upstream.failWith && upstream.failures > 0) {
    upstream.failures--;
    if (upstream.failWith === "hang") {
      return; // never answers: the client's timeout must give up
    }
    response.writeHead(503).end("Service Unavailable");
    return;
  }
  const json = (body: unknown): void => {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const kpi = /^\/v3\/kpi\/([^/]+)$/.exec(url.pathname);
  if (kpi) {
    const ids = kpi[1]!.split(",");
    return json({ values: ids.filter((id) => id === "N00999").map((id) => ({ id, title: upstream.title, is_divided_by_gender: true })), count: 1 });
  }
  const data = /^\/v3\/data\/kpi\/([^/]+)\/municipality\/([^/]+)\/year\/([^/]+)$/.exec(url.pathname);
  if (data) {
    const areas = data[2]!.split(",");
    const years = data[3]!.split(",").map(Number);
    const all = areas.flatMap((area) =>
      years
        .filter((year) => upstream.data[area]?.[year])
        .map((year) => ({
          kpi: data[1],
          municipality: area,
          period: year,
          values: Object.entries(upstream.data[area]![year]!).map(([gender, value]) => ({ gender, count: 1, status: "", value })),
        })),
    );
    // Two to a page, as Kolada pages at 5,000: every page must be read.
    const page = Number(url.searchParams.get("page") ?? "1");
    const next = page * 2 < all.length ? `${baseUrl}${url.pathname}?page=${page + 1}` : undefined;
    return json({ values: all.slice((page - 1) * 2, page * 2), count: all.length, ...(next ? { next_page: next } : {}) });
  }
  response.writeHead(404, { "content-type": "application/json" }).end("{}");
}

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let staff: Session;
const quick = { attempts: 3, retryDelayMs: 5, timeoutMs: 300 };

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { kommunkod: "1882", host: "askersund.test" });
  app = await buildTestApp(db.app);
  staff = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["business_developer"] })).email);
  await saveKoladaSettings(systemContext(db.app, askersund), {
    base_url: `${baseUrl}/v3`,
    group_name: "Business Region Örebro",
    group_codes: ["1880", "1881", "1883"],
  });
});

afterAll(async () => {
  await app.close();
  await db.drop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  upstream.title = "Nystartade företag, antal/1000 inv, 16-64 år";
  upstream.data = {
    "1882": { 2022: { T: 5.1, K: 3.9, M: 6.2 }, 2023: { T: 5.6, K: null, M: 6.8 }, 2024: { T: null } },
    "1880": { 2022: { T: 7 }, 2023: { T: 8 } },
    "1881": { 2022: { T: 4 }, 2023: { T: null } },
  };
  upstream.failWith = null;
  upstream.failures = 0;
  upstream.requests = [];
});

async function koladaIndicator(gender: "T" | "K" = "T") {
  const ctx = systemContext(db.app, askersund);
  const { programme } = await buildProgramme(db.app, askersund, { name: `Program ${Math.random()}`, start: 2022, end: 2025 });
  const indicator = await indicators.createIndicator(ctx, programme.id, {
    name: "Nystartade företag",
    description: "",
    unit: "per 1 000 inv.",
    focus_area_id: null,
    direction: "higher",
    baseline_value: null,
    baseline_year: null,
    source: "kolada",
    kolada_kpi: "N00999",
    kolada_gender: gender,
    owner_id: null,
    position: null,
    targets: [],
  });
  return { ctx, programme, indicator };
}

const valuesOf = async (ctx: ReturnType<typeof systemContext>, id: string) =>
  Object.fromEntries((await indicators.getIndicator(ctx, id)).values.map((value) => [value.year, value.value]));

describe("official statistics from Kolada", () => {
  it("reads every page, takes the municipality's own published values by gender, and puts the group's mean beside them", async () => {
    const { ctx, indicator } = await koladaIndicator();
    const women = (await koladaIndicator("K")).indicator;
    const summary = await fetchKolada(db.app, { municipalityId: askersund.id }, quick, new Date("2025-06-01"));
    expect(upstream.requests.some((request) => request.includes("page=2"))).toBe(true);
    expect(upstream.requests.find((request) => request.startsWith("/v3/data/"))).toContain("/municipality/1882,1880,1881,1883/year/2022,2023,2024,2025");
    expect(summary.failed).toEqual([]);
    // Null is "not published": no value for 2024, and none invented.
    expect(await valuesOf(ctx, indicator.id)).toEqual({ 2022: 5.1, 2023: 5.6 });
    expect(await valuesOf(ctx, women.id)).toEqual({ 2022: 3.9 });
    const comparison = await koladaComparison(ctx, indicator, [2022, 2023]);
    expect(comparison?.years).toEqual([
      { year: 2022, own: 5.1, group: 5.5, reporting: 2 },
      { year: 2023, own: 5.6, group: 8, reporting: 1 },
    ]);
    expect(comparison?.members).toBe(3);
    // A Kolada indicator's values are Kolada's: none typed in by hand.
    await expect(indicators.setValue(ctx, indicator.id, { year: 2025, quarter: null, value: 1, comment: "" })).rejects.toThrow();
  });

  it("updates and logs a value Kolada changed, and flags a key figure whose title changed", async () => {
    const { ctx, indicator } = await koladaIndicator();
    await fetchKolada(db.app, { municipalityId: askersund.id }, quick, new Date("2025-06-01"));
    upstream.data["1882"]![2023] = { T: 5.9 };
    upstream.title = "Nystartade företag, antal/1000 invånare 16-64 år";
    const summary = await fetchKolada(db.app, { municipalityId: askersund.id }, quick, new Date("2025-06-01"));
    expect(summary.changed).toBeGreaterThanOrEqual(1);
    expect((await valuesOf(ctx, indicator.id))[2023]).toBe(5.9);
    const events = await inScope(db.app, { municipalityId: askersund.id }, (tx) =>
      tx.selectFrom("audit_events").select(["action", "changes"]).where("record_id", "=", indicator.id).execute(),
    );
    expect(events.filter((event) => event.action === "kolada_value").map((event) => event.changes)).toContainEqual({
      period: { from: null, to: "2023" },
      value: { from: 5.6, to: 5.9 },
    });
    expect(events.some((event) => event.action === "kolada_title")).toBe(true);
    const page = await app.inject({ method: "GET", url: "/admin/kolada", headers: { host: askersund.host, cookie: staff.cookie } });
    expect(page.body).toContain("Kolada har bytt titel på nyckeltalet från ”Nystartade företag, antal/1000 inv, 16-64 år”");
    const indicatorPage = await app.inject({
      method: "GET",
      url: `/admin/indikatorer/${indicator.id}`,
      headers: { host: askersund.host, cookie: staff.cookie },
    });
    expect(indicatorPage.body).toContain("Business Region Örebro (medelvärde, 2 av 3 kommuner)");
    expect(indicatorPage.body).toContain("Källa: Kolada");
  });

  it("tries a failing Kolada again, and says in words on the page when it stays away or too slow", async () => {
    await koladaIndicator();
    upstream.failWith = "503";
    upstream.failures = 2;
    expect((await fetchKolada(db.app, { municipalityId: askersund.id }, quick, new Date("2025-06-01"))).failed).toEqual([]);

    upstream.failures = 100;
    await expect(fetchKolada(db.app, { municipalityId: askersund.id }, quick, new Date("2025-06-01"))).rejects.toBeInstanceOf(KoladaError);
    const unavailable = await app.inject({ method: "GET", url: "/admin/kolada", headers: { host: askersund.host, cookie: staff.cookie } });
    expect(unavailable.body).toContain("Kolada svarade med ett fel");

    upstream.failWith = "hang";
    upstream.failures = 100;
    await expect(fetchKolada(db.app, { municipalityId: askersund.id }, { ...quick, timeoutMs: 100 }, new Date("2025-06-01"))).rejects.toMatchObject({
      reason: "timeout",
    });
    const slow = await app.inject({ method: "GET", url: "/admin/kolada", headers: { host: askersund.host, cookie: staff.cookie } });
    expect(slow.body).toContain("Kolada svarade inte i tid");
  });

  it("never follows a page link away from the configured service", async () => {
    await koladaIndicator();
    const original = baseUrl;
    baseUrl = "http://127.0.0.2:9";
    try {
      await expect(fetchKolada(db.app, { municipalityId: askersund.id }, quick, new Date("2025-06-01"))).rejects.toMatchObject({ reason: "shape" });
    } finally {
      baseUrl = original;
    }
  });

  it("keeps the settings as typed and names a municipality code that does not exist", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/admin/kolada",
      headers: { host: askersund.host, cookie: staff.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: staff.csrf, base_url: `${baseUrl}/v3`, group_name: "Grannar", group_codes: "1880, 9999" }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Ange kommunkoder med fyra siffror");
    expect(response.body).toContain('value="Grannar"');
  });
});

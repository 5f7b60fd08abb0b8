import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/db.js";
import { buildMunicipality, login, buildUser } from "./helpers/factories.js";
import { createServer } from "../src/server.js";
import { testSecret } from "./global-setup.js";
import { noInput } from "../src/platform/http/forms.js";
import { sql } from "kysely";

let db: TestDatabase;
let app: FastifyInstance;
const logLines: string[] = [];
const metricsToken = "metrics-token-metrics-token-metrics-token";

beforeAll(async () => {
  db = await createTestDatabase();
  const askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  await buildUser(db.app, askersund, { roles: ["viewer"], email: "viewer@askersund.test" });
  // A route that fails, to see what a failure shows.
  const failing = async (instance: FastifyInstance) => {
    instance.get("/trasig", { config: { access: "public" }, schema: noInput }, async () => {
      throw new Error("secret internals: password=hunter2 at /srv/lotsen");
    });
    // A database error whose text holds a row's value.
    instance.get("/trasig-i-databasen", { config: { access: "public" }, schema: noInput }, async () => {
      await sql`select ${"personnummer-19121212-1212"}::uuid`.execute(db.app);
    });
  };
  app = await createServer(
    { db: db.app, secret: testSecret, logLevel: "info", logStream: { write: (line) => void logLines.push(line) }, metricsToken },
    undefined,
    [failing],
  );
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

describe("HTTP basics", () => {
  it("finds the municipality from the host", async () => {
    expect((await app.inject({ url: "/api/v1/municipality", headers: { host: "laxa.test" } })).json().name).toBe("Laxå kommun");
    expect((await app.inject({ url: "/api/v1/municipality", headers: { host: "askersund.test:3000" } })).json().name).toBe("Askersunds kommun");
  });

  it("answers an unknown host of a multi-municipality installation with 404", async () => {
    const response = await app.inject({ url: "/", headers: { host: "okand.test" } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain("Ingen kommun använder den här adressen");
  });

  it("shows a friendly 404 page in the visitor's language", async () => {
    const response = await app.inject({ url: "/finns-inte", headers: { host: "askersund.test", "accept-language": "en" } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain("Page not found");
    expect(response.body).toContain('<html lang="en">');
  });

  it("shows a 500 page that leaks nothing but a reference of its own making, and logs the error", async () => {
    const response = await app.inject({ url: "/trasig", headers: { host: "askersund.test", "x-request-id": "ref-12345678" } });
    expect(response.statusCode).toBe(500);
    expect(response.headers["x-request-id"]).not.toBe("ref-12345678");
    expect(response.body).toContain(String(response.headers["x-request-id"]));
    expect(response.body).not.toContain("ref-12345678");
    expect(logLines.join("\n")).toContain("secret internals");
    expect(response.body).not.toContain("hunter2");
    expect(response.body).not.toContain("/srv/lotsen");
    const json = await app.inject({ url: "/trasig", headers: { host: "askersund.test", accept: "application/json" } });
    expect(json.json()).toEqual({ error: { code: "internal", message: "Något gick fel hos oss. Försök igen om en stund.", fields: [] } });
  });

  it("sends a request id and security headers on every answer", async () => {
    const response = await app.inject({ url: "/logga-in", headers: { host: "askersund.test" } });
    expect(response.headers["x-request-id"]).toBeTruthy();
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("logs a database error by its code, without the values its text holds", async () => {
    const response = await app.inject({ url: "/trasig-i-databasen", headers: { host: "askersund.test" } });
    expect(response.statusCode).toBe(500);
    const failure = logLines.filter((line) => line.includes(String(response.headers["x-request-id"]))).join("\n");
    expect(failure).toContain("database error 22P02");
    expect(logLines.join("\n")).not.toContain("19121212");
  });

  it("keeps private links' tokens out of the request log", async () => {
    const token = "A".repeat(20) + "hemligtoken" + "B".repeat(12);
    for (const url of [
      `/foretagslots/status/${token}`,
      `/nyhetsbrev/installningar/${token}`,
      `/foretagslots/status/${token}/filer/0190c3a1-0000-7000-8000-000000000001`,
    ]) {
      await app.inject({ url, headers: { host: "askersund.test" } });
    }
    const logged = logLines.join("\n");
    expect(logged).toContain("/foretagslots/status/[redacted]");
    expect(logged).not.toContain("hemligtoken");
  });

  it("keeps the searches that name a person out of the request log", async () => {
    for (const url of ["/admin/dataskydd?q=191212121212", "/kommunikation/personuppgifter?email=anna%40exempel.se&sida=2", "/foretag?q=Anna+Svensson"]) {
      await app.inject({ url, headers: { host: "askersund.test" } });
    }
    const logged = logLines.join("\n");
    expect(logged).toContain("/admin/dataskydd?q=[redacted]");
    expect(logged).toContain("/kommunikation/personuppgifter?email=[redacted]&sida=2");
    for (const secret of ["191212121212", "anna%40exempel", "Svensson"]) {
      expect(logged).not.toContain(secret);
    }
  });

  it("reports health and readiness to anyone, and Prometheus metrics only to the scraper with the token", async () => {
    expect((await app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await app.inject({ url: "/readyz" })).json()).toEqual({ status: "ready" });
    expect((await app.inject({ url: "/metrics" })).statusCode).toBe(404);
    expect((await app.inject({ url: "/metrics", headers: { authorization: "Bearer fel" } })).statusCode).toBe(404);
    const metrics = await app.inject({ url: "/metrics", headers: { authorization: `Bearer ${metricsToken}` } });
    expect(metrics.body).toContain("lotsen_http_request_duration_seconds_bucket");
    expect(metrics.body).toContain("process_cpu_user_seconds_total");
  });

  it("serves an OpenAPI 3 document of the JSON API and a browsable page of it", async () => {
    const document = (await app.inject({ url: "/api/openapi.json" })).json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain("/api/v1/units/{id}");
    expect(Object.keys(document.paths).every((path: string) => path.startsWith("/api/v1/"))).toBe(true);
    const page = await app.inject({ url: "/api", headers: { host: "askersund.test" } });
    expect(page.body).toContain("/api/v1/units/{id}");
    // The reference speaks the reader's language; the OpenAPI document speaks English.
    expect(page.body).toContain("Organisationens enheter (förvaltningar, avdelningar, grupper, bolag) i trädordning");
    expect(page.body).not.toContain("Organisation units (departments");
    expect(document.paths["/api/v1/units"].get.summary).toBe("Organisation units (departments, sections, teams, companies) in tree order");
    const english = await app.inject({ url: "/api", headers: { host: "askersund.test", cookie: "lotsen_lang=en" } });
    expect(english.body).toContain("Organisation units (departments, sections, teams, companies) in tree order");
  });

  it("asks for a login on a staff page and returns there afterwards", async () => {
    const response = await app.inject({ url: "/admin/enheter", headers: { host: "askersund.test" } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/logga-in?next=%2Fadmin%2Fenheter");
    expect((await app.inject({ url: "/api/v1/units", headers: { host: "askersund.test" } })).statusCode).toBe(401);
  });

  it("answers 403 when the role does not allow, and shows navigation by role", async () => {
    const session = await login(app, "askersund.test", "viewer@askersund.test");
    const page = await app.inject({ url: "/admin/konton", headers: { host: "askersund.test", cookie: session.cookie } });
    expect(page.statusCode).toBe(403);
    const home = await app.inject({ url: "/", headers: { host: "askersund.test", cookie: session.cookie } });
    expect(home.body).toContain('href="/admin/enheter"');
    expect(home.body).not.toContain('href="/admin/konton"');
    expect(home.body).not.toContain('href="/admin/logg"');
  });

  it("opens the public start page as the municipality's front door for businesses: ask a question, the programme, news, events, the newsletter", async () => {
    const visitor = await app.inject({ url: "/", headers: { host: "askersund.test" } });
    const entrances = /<ul class="entrances">([\s\S]*?)<\/ul>/.exec(visitor.body)?.[1] ?? "";
    for (const [href, words] of [
      ["/foretagslots", "Fråga kommunen"],
      ["/program", "näringslivsprogram"],
      ["/nyheter", "Nyheter för företag"],
      ["/evenemang", "Evenemang"],
      ["/nyhetsbrev", "Prenumerera på nyhetsbrevet"],
    ]) {
      expect(entrances, href).toMatch(new RegExp(`<a href="${href}">[^<]*${words}`));
    }
    // The menu leads there too, in the same words; staff find their way in below.
    const menu = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec(visitor.body)?.[1] ?? "";
    expect(menu).toMatch(/href="\/foretagslots"[^>]*>Fråga kommunen</);
    expect(menu).toMatch(/href="\/nyhetsbrev"[^>]*>Nyhetsbrev</);
    expect(visitor.body).toContain('href="/logga-in"');
    const english = await app.inject({ url: "/", headers: { host: "askersund.test", "accept-language": "en" } });
    expect(english.body).toContain(">Ask the municipality</a>");
  });

  it("switches language with a form post and never redirects off the site", async () => {
    const visitor = await app.inject({ url: "/", headers: { host: "askersund.test" } });
    const cookie = [visitor.headers["set-cookie"]]
      .flat()
      .map((c) => String(c).split(";")[0])
      .join("; ");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(visitor.body)?.[1] ?? "";
    const response = await app.inject({
      method: "POST",
      url: "/sprak",
      headers: { host: "askersund.test", cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: `lang=en&next=//evil.example&_csrf=${csrf}`,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/");
    expect(String(response.headers["set-cookie"])).toContain("lotsen_lang=en");
  });
});

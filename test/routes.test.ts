import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { inScope } from "../src/platform/db/database.js";
import { isMessageKey } from "../src/platform/ui/i18n.js";
import { createTestDatabase, type TestDatabase } from "./helpers/db.js";
import { form, login } from "./helpers/factories.js";
import { coverageByModule, junkForm, junkJson, routeCoverage } from "./helpers/route-coverage.js";
import { buildWorld, concretePath, type World } from "./helpers/world.js";

let db: TestDatabase;
let world: World;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await buildWorld(db);
});

afterAll(async () => {
  await world.app.close();
  await db.drop();
});

const key = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
/** The registered route behind a coverage table's key. */
const registered = (routeKey: string) => {
  const route = world.app.registeredRoutes.find((candidate) => key(candidate) === routeKey);
  if (!route) {
    throw new Error(`${routeKey} is not registered`);
  }
  return route;
};

/**
 * Rows that a write would leave behind in a municipality: a count of every tenant table
 * (every table with row-level security, read from PostgreSQL's catalogue, so a new
 * module's tables are in it without a list to keep), revoked tokens and inactive accounts.
 */
/** Logs that every read writes (who read a job seeker's record): a re-shown form is a read, so they grow by design. */
const readLogs = new Set(["skills_seeker_reads", "skills_shortlist_reads"]);

async function footprint(municipalityId: string): Promise<string> {
  const tables = await sql<{ relname: string }>`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity order by c.relname`.execute(db.owner);
  return inScope(db.owner, { municipalityId }, async (tx) => {
    const counts: string[] = [];
    for (const { relname } of tables.rows.filter((table) => !readLogs.has(table.relname))) {
      const row = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(relname)}`.execute(tx);
      counts.push(`${relname}=${row.rows[0]?.n ?? 0}`);
    }
    const revoked = await tx
      .selectFrom("api_tokens")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("revoked_at", "is not", null)
      .executeTakeFirstOrThrow();
    const inactive = await tx
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("active", "=", false)
      .executeTakeFirstOrThrow();
    return `${counts.join(" ")} revoked=${revoked.n} inactive=${inactive.n}`;
  });
}

describe("every registered route", () => {
  it("is listed in its own module's coverage file, and each file lists only its module's routes", () => {
    const misplaced = world.app.registeredRoutes
      .filter((route) => !(key(route) in (coverageByModule[route.module] ?? {})))
      .map((route) => `${key(route)} (${route.module})`);
    expect(misplaced).toEqual([]);
    const stale = Object.entries(coverageByModule).flatMap(([module, coverage]) =>
      Object.keys(coverage)
        .filter((route) => !world.app.registeredRoutes.some((registered) => key(registered) === route && registered.module === module))
        .map((route) => `${route} (${module})`),
    );
    expect(stale).toEqual([]);
  });

  it("names the record its :id stands for in its config", () => {
    const unnamed = world.app.registeredRoutes.filter((route) => route.url.includes(":id") && !route.record).map(key);
    expect(unnamed).toEqual([]);
  });

  it("asks on a page of its own before anything irreversible: a delete, an erasure, a disposal, a publication, a send, a revocation", () => {
    // Taking a collaborating unit off a case is undone by adding it again.
    const reversible = new Set(["POST /arenden/:id/enheter/ta-bort"]);
    const irreversible = world.app.registeredRoutes.filter(
      (route) =>
        route.method === "POST" &&
        route.kind === "page" &&
        /\/(ta-bort|radera|gallring|publicera|skicka|aterkalla)$/.test(route.url) &&
        !reversible.has(key(route)),
    );
    expect(irreversible.length).toBeGreaterThan(15);
    expect(irreversible.filter((route) => !route.confirms).map(key)).toEqual([]);
  });

  it("has a zod schema for its input", () => {
    const withoutSchema = world.app.registeredRoutes.filter((route) => !route.hasSchema).map(key);
    expect(withoutSchema).toEqual([]);
  });

  it("is described under /api/v1/ by a message, so the API's reference reads in Swedish and English", () => {
    const undescribed = world.app.registeredRoutes
      .filter((route) => route.url.startsWith("/api/v1/") && !(route.summary && isMessageKey(route.summary)))
      .map(key);
    expect(undescribed).toEqual([]);
  });

  it("is described in OpenAPI when it is under /api/v1/", async () => {
    const document = (await world.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as { paths: Record<string, Record<string, unknown>> };
    const apiRoutes = world.app.registeredRoutes.filter((route) => route.url.startsWith("/api/v1/"));
    for (const route of apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, "{$1}");
      expect(document.paths[path]?.[route.method.toLowerCase()], key(route)).toBeDefined();
    }
  });
});

describe("bad input on every form and API route", () => {
  const forms = Object.entries(routeCoverage).filter(([, coverage]) => coverage.form);
  it.each(forms)("%s re-shows the form with an error summary, keeps the values and writes nothing", async (route, coverage) => {
    const method = route.split(" ")[0]!;
    const before = await footprint(world.a.scope.municipalityId);
    for (const payload of [{}, junkForm]) {
      const response = await world.app.inject({
        method: method as "POST",
        url: concretePath(registered(route), world.records.a),
        headers: { host: world.a.host, cookie: world.adminA.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ ...payload, _csrf: world.adminA.csrf }),
      });
      expect(response.statusCode, `${route} ${JSON.stringify(Object.keys(payload))}`).toBe(400);
      expect(response.headers["content-type"]).toMatch(/text\/html/);
      expect(response.body).toContain('class="error-summary"');
      expect(response.body).toMatch(/href="#f-[\w-]+"/);
      const kept = coverage.form?.keeps;
      if (kept && payload === junkForm) {
        expect(response.body, `${route} keeps ${kept}`).toContain(`value="${String(junkForm[kept])}"`);
      }
    }
    expect(await footprint(world.a.scope.municipalityId)).toBe(before);
  });

  const apis = Object.entries(routeCoverage).filter(([route, coverage]) => coverage.api && !route.startsWith("GET") && coverage.api.valid);
  it.each(apis)("%s answers 400 naming the fields and writes nothing", async (route) => {
    const method = route.split(" ")[0]!;
    const before = await footprint(world.a.scope.municipalityId);
    for (const payload of [{}, junkJson]) {
      const response = await world.app.inject({
        method: method as "POST",
        url: concretePath(registered(route), world.records.a),
        headers: { host: world.a.host, authorization: `Bearer ${world.tokenA}` },
        payload,
      });
      expect(response.statusCode, route).toBe(400);
      const body = response.json() as { error: { code: string; message: string; fields: Array<{ path: string; message: string }> } };
      expect(body.error.code).toBe("validation");
      expect(body.error.fields.length).toBeGreaterThan(0);
      for (const field of body.error.fields) {
        expect(field.path).toMatch(/^[a-z_.]+$/);
        expect(field.message.length).toBeGreaterThan(3);
      }
    }
    expect(await footprint(world.a.scope.municipalityId)).toBe(before);
  });

  it("answers a malformed JSON body with 400 in the error shape, never 500", async () => {
    const response = await world.app.inject({
      method: "POST",
      url: "/api/v1/units",
      headers: { host: world.a.host, authorization: `Bearer ${world.tokenA}`, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBeDefined();
  });

  it("answers a query that is not an id or a date with 400 naming the field", async () => {
    const response = await world.app.inject({
      method: "GET",
      url: "/api/v1/audit-events?record_id=nej&from=igår",
      headers: { host: world.a.host, authorization: `Bearer ${world.tokenA}` },
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .error.fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(["from", "record_id"]);
  });

  it("names the field in English when the request asks for English", async () => {
    const response = await world.app.inject({
      method: "POST",
      url: "/api/v1/units",
      headers: { host: world.a.host, authorization: `Bearer ${world.tokenA}`, "accept-language": "en" },
      payload: { kind: "department" },
    });
    expect(response.json().error).toEqual({ code: "validation", message: "The data has errors", fields: [{ path: "name", message: "Enter name" }] });
  });

  it("rejects every unsafe form post that has no valid CSRF token, and writes nothing", async () => {
    const before = await footprint(world.a.scope.municipalityId);
    // The one-click unsubscribe is posted by mail clients without a form of ours; its signed link is the proof (tested in the module).
    const unsafe = world.app.registeredRoutes.filter((route) => route.method !== "GET" && !route.url.startsWith("/api/") && route.tenant && route.csrf);
    for (const route of unsafe) {
      const coverage = routeCoverage[key(route)];
      const response = await world.app.inject({
        method: route.method as "POST",
        url: concretePath(route, world.records.a),
        headers: { host: world.a.host, cookie: world.adminA.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ ...(coverage?.form?.valid ?? {}), _csrf: "forged" }),
      });
      expect(response.statusCode, key(route)).toBe(403);
    }
    expect(await footprint(world.a.scope.municipalityId)).toBe(before);
  });
});

describe("tenant isolation", () => {
  const withId = Object.entries(routeCoverage).filter(([route, coverage]) => route.includes(":id") && !coverage.exempt && !coverage.national);
  it.each(withId)("%s answers 404 for another municipality's record and changes nothing there", async (route, coverage) => {
    const [method, pattern] = route.split(" ") as [string, string];
    const before = await footprint(world.b.scope.municipalityId);
    const isApi = pattern.startsWith("/api/");
    // A route that asks first is tried both ways: its confirmation page and the confirmed post.
    for (const confirmed of (registered(route).confirms ? [{}, { confirmed: "yes" }] : [{}]) as Record<string, string>[]) {
      const response = await world.app.inject({
        method: method as "GET",
        url: `${concretePath(registered(route), world.records.b)}${coverage.api?.query ?? ""}`,
        headers: isApi
          ? { host: world.a.host, authorization: `Bearer ${world.tokenA}` }
          : { host: world.a.host, cookie: world.adminA.cookie, ...(method === "GET" ? {} : { "content-type": "application/x-www-form-urlencoded" }) },
        ...(method === "GET" || method === "DELETE"
          ? {}
          : { payload: isApi ? (coverage.api?.valid ?? {}) : form({ ...(coverage.form?.valid ?? {}), ...confirmed, _csrf: world.adminA.csrf }) }),
      });
      expect(response.statusCode, `${route} ${JSON.stringify(confirmed)}`).toBe(404);
    }
    expect(await footprint(world.b.scope.municipalityId)).toBe(before);
  });

  it("shows none of another municipality's records in lists", async () => {
    for (const url of ["/api/v1/users", "/api/v1/units", "/api/v1/parties", "/api/v1/audit-events", "/api/v1/tokens"]) {
      const body = (await world.app.inject({ method: "GET", url, headers: { host: world.a.host, authorization: `Bearer ${world.tokenA}` } })).body;
      for (const id of Object.values(world.records.b)) {
        expect(body, url).not.toContain(id);
      }
    }
  });

  it("answers 404 for a path that cannot be an id, never 500", async () => {
    const response = await world.app.inject({
      method: "GET",
      url: "/api/v1/units/inte-ett-id",
      headers: { host: world.a.host, authorization: `Bearer ${world.tokenA}` },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("not_found");
  });
});

// Last: junk may be a valid request for some routes (a DELETE ignores its body), so it runs after the rest.
describe("junk on every route", () => {
  const junkQuery = "?page=-1&page=2&sort[]=x&dir=%00&from=9999-99-99&record_id=%27%3B--&next=%2F%2Fevil.example&record_type=" + "x".repeat(300);
  const bodies: Array<{ contentType: string; payload: string }> = [
    { contentType: "application/json", payload: "[1,2,3]" },
    { contentType: "application/json", payload: '{"name":{"$gt":""},"roles":[[["admin"]]],"days":1e309}' },
    { contentType: "text/plain", payload: "hej" },
    { contentType: "application/x-www-form-urlencoded", payload: "name[]=a&name[]=b&kind=%E0%A4%A&_csrf[]=1" },
  ];

  it("never answers 500, signed in or not, with a cookie or a token", async () => {
    const failures: string[] = [];
    for (const route of world.app.registeredRoutes) {
      const url = `${concretePath(route, world.records.a)}${junkQuery}`;
      const identities = [{}, { cookie: world.adminA.cookie }, { authorization: `Bearer ${world.tokenA}` }];
      for (const identity of identities) {
        const requests = route.method === "GET" ? [undefined] : bodies;
        for (const body of requests) {
          const response = await world.app.inject({
            method: route.method as "GET",
            url,
            headers: { host: world.a.host, ...identity, ...(body ? { "content-type": body.contentType } : {}) },
            ...(body ? { payload: body.payload } : {}),
          });
          if (response.statusCode >= 500) {
            failures.push(`${route.method} ${route.url} ${JSON.stringify(identity).slice(0, 12)} ${body?.contentType ?? ""}: ${response.statusCode}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Thousands of requests, one after another: on a busy machine that takes more than the default half minute.
  }, 240_000);
});

// What an outsider posts that no form of ours sends: last, as it may write through the API.
describe("an outsider's bodies on every route that takes one", () => {
  const canary = `lotsen-canary-${Date.now()}`;
  let canaryFile = "";
  const fileShaped = () => ({ path: canaryFile, filename: "a.txt", mimetype: "text/plain", size: 1, tooLarge: false });

  beforeAll(async () => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    canaryFile = `${await mkdtemp(`${tmpdir()}/lotsen-canary-`)}/secret.txt`;
    await writeFile(canaryFile, canary);
  });

  const posts = () => world.app.registeredRoutes.filter((route) => route.method !== "GET" && route.method !== "DELETE");

  it("refuses JSON shaped like a form with files, and any type but the form encodings, on every page route: 415, nothing written", async () => {
    const before = await footprint(world.a.scope.municipalityId);
    const failures: string[] = [];
    for (const route of posts().filter((candidate) => !candidate.url.startsWith("/api/"))) {
      const valid = routeCoverage[key(route)]?.form?.valid ?? {};
      const bodies = [
        { type: "application/json", payload: JSON.stringify({ ...valid, _csrf: world.adminA.csrf, files: fileShaped(), file: fileShaped() }) },
        { type: "text/plain", payload: "name=x" },
        { type: "application/xml", payload: "<a/>" },
        { type: "multipart/mixed; boundary=x", payload: "--x--" },
      ];
      for (const body of bodies) {
        const response = await world.app.inject({
          method: route.method as "POST",
          url: concretePath(route, world.records.a),
          headers: { host: world.a.host, cookie: world.adminA.cookie, "content-type": body.type },
          payload: body.payload,
        });
        if (response.statusCode !== 415) {
          failures.push(`${key(route)} ${body.type}: ${response.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await footprint(world.a.scope.municipalityId)).toBe(before);
  });

  it("answers multipart on a route that takes no files with 415, and oversized or forged parts on one that does with 4xx, writing nothing", async () => {
    const before = await footprint(world.a.scope.municipalityId);
    const boundary = "----lotsen-outsider";
    const part = (name: string, value: string, extra = "") => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n${value}\r\n`;
    const failures: string[] = [];
    for (const route of posts().filter((candidate) => !candidate.url.startsWith("/api/"))) {
      const takesFiles = [
        "POST /foretagslots",
        "POST /foretagslots/status/:token/svar",
        "POST /arenden/ny",
        "POST /arenden/:id/svar",
        "POST /arenden/:id/anteckning",
        "POST /admin/foretag/import",
        "POST /nyhetsbrev/avsluta/:token/:campaignId",
        "POST /enkater/:id/lista",
        "POST /admin/program/:id/kalkylblad",
        "POST /admin/rapportmall/logotyp",
        "POST /radet/punkter/:id/dokument",
        "POST /admin/installningar/logotyp",
      ].includes(key(route));
      const bodies = [
        // A file before the CSRF token: refused before a byte is written.
        `${part("files", "x".repeat(1000), '; filename="a.pdf"')}${part("_csrf", world.adminA.csrf)}--${boundary}--\r\n`,
        // A field past the field size, and more parts than any form has.
        `${part("_csrf", world.adminA.csrf)}${part("body", "y".repeat(1024 * 1024 + 10))}--${boundary}--\r\n`,
        `${part("_csrf", world.adminA.csrf)}${Array.from({ length: 80 }, (_, n) => part(`f${n}`, "z")).join("")}--${boundary}--\r\n`,
        `${part("__proto__", "x")}${part("_csrf", world.adminA.csrf)}--${boundary}--\r\n`,
      ];
      for (const payload of bodies) {
        const response = await world.app.inject({
          method: route.method as "POST",
          url: concretePath(route, world.records.a),
          headers: { host: world.a.host, cookie: world.adminA.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
          payload,
        });
        const ok = takesFiles ? response.statusCode >= 400 && response.statusCode < 500 : response.statusCode === 415;
        if (!ok) {
          failures.push(`${key(route)} body ${bodies.indexOf(payload)}: ${response.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await footprint(world.a.scope.municipalityId)).toBe(before);
  });

  it("takes JSON only on the API, and a file-shaped value there is data, not a file: no 500, the file's content stored nowhere", async () => {
    const failures: string[] = [];
    for (const route of posts().filter((candidate) => candidate.url.startsWith("/api/"))) {
      const valid = routeCoverage[key(route)]?.api?.valid ?? {};
      const url = concretePath(route, world.records.a);
      const headers = { host: world.a.host, authorization: `Bearer ${world.tokenA}` };
      const form415 = await world.app.inject({
        method: route.method as "POST",
        url,
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        payload: "name=x",
      });
      if (form415.statusCode !== 415) {
        failures.push(`${key(route)} form: ${form415.statusCode}`);
      }
      const json = await world.app.inject({
        method: route.method as "POST",
        url,
        headers: { ...headers, "content-type": "application/json" },
        payload: JSON.stringify({
          ...valid,
          files: fileShaped(),
          file: fileShaped(),
          ["__proto__"]: { admin: true },
          constructor: { prototype: { admin: true } },
        }),
      });
      if (json.statusCode >= 500) {
        failures.push(`${key(route)} json: ${json.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    const tables = await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db.owner);
    for (const { table_name } of tables.rows) {
      for (const municipality of [world.a, world.b]) {
        const hits = await inScope(db.owner, municipality.scope, (tx) =>
          sql<{ n: number }>`select count(*)::int as n from ${sql.id(table_name)} t where t::text like ${`%${canary}%`}`.execute(tx),
        );
        expect(hits.rows[0]?.n, table_name).toBe(0);
      }
    }
    // Files are bytes, which a row's text shows as hex: searched as bytes.
    for (const municipality of [world.a, world.b]) {
      const stored = await inScope(db.owner, municipality.scope, (tx) =>
        sql<{ n: number }>`select count(*)::int as n from desk_attachments where position(convert_to(${canary}, 'UTF8') in content) > 0`.execute(tx),
      );
      expect(stored.rows[0]?.n).toBe(0);
    }
  });

  it("takes prototype keys in a form as plain data, never as the object's shape, and answers no 500", async () => {
    // A session of its own, with a valid token, so the keys reach the handlers (logging out among them).
    const session = await login(world.app, world.a.host, "admin@askersund.test");
    const failures: string[] = [];
    for (const route of posts().filter((candidate) => !candidate.url.startsWith("/api/"))) {
      const payload = `__proto__[admin]=1&constructor[prototype][admin]=1&__proto__=x&_csrf=${encodeURIComponent(session.csrf)}`;
      const response = await world.app.inject({
        method: route.method as "POST",
        url: concretePath(route, world.records.a),
        headers: { host: world.a.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload,
      });
      if (response.statusCode >= 500) {
        failures.push(`${key(route)}: ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

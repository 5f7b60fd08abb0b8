import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lotsenModules } from "../src/modules/index.js";
import type { LotsenModule } from "../src/platform/module.js";
import { DuplicateMessageKeyError, installCatalogues } from "../src/platform/ui/i18n.js";
import { createServer } from "../src/server.js";
import { helloModule } from "./fixtures/hello-module/index.js";
import { coverage as helloCoverage } from "./fixtures/hello-module/route-coverage.js";
import { testSecret } from "./global-setup.js";
import { createTestDatabase, type TestDatabase } from "./helpers/db.js";
import { buildMunicipality } from "./helpers/factories.js";

let db: TestDatabase;
let withHello: FastifyInstance;
let without: FastifyInstance;

beforeAll(async () => {
  db = await createTestDatabase();
  await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  withHello = await createServer({ db: db.app, secret: testSecret, logLevel: "silent" }, [...lotsenModules, helloModule]);
  without = await createServer({ db: db.app, secret: testSecret, logLevel: "silent" });
});

afterAll(async () => {
  await withHello.close();
  await without.close();
  await db.drop();
});

const get = (app: FastifyInstance, url: string, lang = "sv") =>
  app.inject({ method: "GET", url, headers: { host: "askersund.test", "accept-language": lang } });

describe("a module added by its folder and one line of the list", () => {
  it("serves its page in both languages, with its menu entry, and the modules' contributions gathered by the app", async () => {
    const page = await get(withHello, "/hej");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Hej från en modul");
    expect(page.body).toMatch(/href="\/hej"[^>]*>Hej</);
    // The desk's three figures and the example's own: the built app's registry, not a module-level one.
    expect(page.body).toContain(`Källor för indikatorer: ${lotsenModules.flatMap((module) => module.contributes?.indicatorSources ?? []).length + 1}`);
    expect((await get(withHello, "/hej", "en")).body).toContain("Hello from a module");
  });

  it("covers its routes in its own coverage file, and the app knows them as its", () => {
    const own = withHello.registeredRoutes.filter((route) => route.module === "hello").map((route) => `${route.method} ${route.url}`);
    expect(own).toEqual(Object.keys(helloCoverage));
  });

  it("leaves an app built without it untouched: no route, no menu entry", async () => {
    expect((await get(without, "/hej")).statusCode).toBe(404);
    expect((await get(without, "/")).body).not.toContain('href="/hej"');
    expect(without.registeredRoutes.some((route) => route.url === "/hej")).toBe(false);
  });

  it("does not start when a module builds on one the list lacks", async () => {
    const orphan: LotsenModule = { name: "orphan", dependencies: ["finns-inte"], routes: async () => {} };
    await expect(createServer({ db: db.app, secret: testSecret, logLevel: "silent" }, [...lotsenModules, orphan])).rejects.toThrow(
      /orphan builds on finns-inte, which is not in the module list/,
    );
  });

  it("refuses a catalogue that defines a key another catalogue has: the last would otherwise win silently", () => {
    expect(() => installCatalogues([{ sv: { "desk.nav": "Annat" }, en: { "desk.nav": "Other" } }])).toThrow(DuplicateMessageKeyError);
  });

  it("keeps each module's strings in its own namespace: every key starts with the module's name", () => {
    for (const module of [...lotsenModules, helloModule]) {
      const outside = Object.keys(module.messages?.sv ?? {}).filter((key) => !key.startsWith(`${module.name}.`));
      expect(outside, module.name).toEqual([]);
    }
  });

  it("gives every module's catalogue English for each Swedish key, and no key twice across catalogues", () => {
    const seen = new Map<string, string>();
    for (const module of [...lotsenModules, helloModule]) {
      const catalogue = module.messages;
      if (!catalogue) {
        continue;
      }
      expect(Object.keys(catalogue.en).sort(), module.name).toEqual(Object.keys(catalogue.sv).sort());
      for (const key of Object.keys(catalogue.sv)) {
        expect(seen.get(key), `${key} in ${module.name}`).toBeUndefined();
        seen.set(key, module.name);
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import { statementsDuring, transactionsIn as transactions } from "./helpers/statements.js";
import { concretePath, worldForFile } from "./helpers/world.js";

const file = worldForFile();

describe("one transaction per request", () => {
  it("reads an API list with its token check in one transaction", async () => {
    const statements = await statementsDuring(async () => {
      const response = await file.world.app.inject({
        method: "GET",
        url: "/api/v1/units",
        headers: { host: file.world.a.host, authorization: `Bearer ${file.world.tokenA}` },
      });
      expect(response.statusCode).toBe(200);
    });
    expect(transactions(statements), statements.join("\n")).toBe(1);
  });

  it("shows a signed-in page with its session check in one transaction", async () => {
    for (const url of ["/arenden", "/foretag?q=bygg", "/arenden/statistik"]) {
      const statements = await statementsDuring(async () => {
        const response = await file.world.app.inject({ method: "GET", url, headers: { host: file.world.a.host, cookie: file.world.adminA.cookie } });
        expect(response.statusCode, url).toBe(200);
      });
      expect(transactions(statements), `${url}\n${statements.join("\n")}`).toBe(1);
    }
  });

  it("still refuses an unknown token, and answers another municipality's record 404, in that one transaction", async () => {
    const refused = await file.world.app.inject({
      method: "GET",
      url: "/api/v1/units",
      headers: { host: file.world.a.host, authorization: "Bearer not-a-token" },
    });
    expect(refused.statusCode).toBe(401);
    const statements = await statementsDuring(async () => {
      const response = await file.world.app.inject({
        method: "GET",
        url: `/admin/program/${file.world.records.b.programme}`,
        headers: { host: file.world.a.host, cookie: file.world.adminA.cookie },
      });
      expect(response.statusCode).toBe(404);
    });
    expect(transactions(statements)).toBe(1);
  });

  it("leaves no connection behind when a page fails after its check, so the pool keeps serving", async () => {
    for (let i = 0; i < 30; i += 1) {
      const response = await file.world.app.inject({
        method: "GET",
        url: `/admin/program/${file.world.records.b.programme}`,
        headers: { host: file.world.a.host, cookie: file.world.adminA.cookie },
      });
      expect(response.statusCode).toBe(404);
    }
    const response = await file.world.app.inject({
      method: "GET",
      url: "/api/v1/units",
      headers: { host: file.world.a.host, authorization: `Bearer ${file.world.tokenA}` },
    });
    expect(response.statusCode).toBe(200);
  });

  it("never holds one connection while waiting for another: every page, signed in, more at once than the pool has", async () => {
    // The test app's pool has five connections: a page whose operation could not take over
    // its request's transaction, and asked for a second connection, would wait for ever here.
    const pages = file.world.app.registeredRoutes.filter((route) => route.method === "GET" && route.tenant);
    const failures: string[] = [];
    for (const route of pages) {
      const url = concretePath(route, file.world.records.a);
      const all = Promise.all(
        Array.from({ length: 8 }, () => file.world.app.inject({ method: "GET", url, headers: { host: file.world.a.host, cookie: file.world.adminA.cookie } })),
      );
      const responses = await Promise.race([all, new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
      if (!responses) {
        failures.push(`${url}: no answer in 10 s`);
        break;
      }
      failures.push(...responses.filter((response) => response.statusCode >= 500).map((response) => `${url}: ${response.statusCode}`));
    }
    expect(pages.length).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  }, 240_000);
});

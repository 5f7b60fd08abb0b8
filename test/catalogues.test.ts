import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { Catalogue } from "../src/platform/db/catalogues.js";
import { inScope } from "../src/platform/db/database.js";
import * as tenancy from "../src/platform/tenancy/service.js";
import { deskCatalogues } from "../src/modules/desk/catalogues.js";
import { systemContext } from "./helpers/factories.js";
import { statementsDuring } from "./helpers/statements.js";
import { worldForFile } from "./helpers/world.js";

const file = worldForFile();

const inbox = () => file.world.app.inject({ method: "GET", url: "/arenden", headers: { host: file.world.a.host, cookie: file.world.adminA.cookie } });
const readsUnits = (statements: string[]) => statements.some((statement) => /from "org_units" order by "name"/.test(statement));

describe("catalogues kept in the process", () => {
  it("reads an inbox page's filter choices once, not on every page", async () => {
    await inbox();
    const statements = await statementsDuring(async () => expect((await inbox()).statusCode).toBe(200));
    expect(readsUnits(statements)).toBe(false);
    expect(statements.some((statement) => /from "desk_categories"/.test(statement))).toBe(false);
    expect(statements.some((statement) => /from "desk_settings"/.test(statement))).toBe(false);
  });

  it("answers the API's list of units from what it kept, and lists a unit the API adds at once", async () => {
    const authorization = `Bearer ${file.world.tokenA}`;
    const units = (method: "GET" | "POST", payload?: object) =>
      file.world.app.inject({ method, url: "/api/v1/units", headers: { host: file.world.a.host, authorization }, ...(payload ? { payload } : {}) });
    await units("GET");
    const statements = await statementsDuring(async () => expect((await units("GET")).statusCode).toBe(200));
    expect(statements.some((statement) => /from "org_units"/.test(statement))).toBe(false);
    expect((await units("POST", { name: "Enheten från API:t", kind: "section" })).statusCode).toBe(201);
    const listed = await units("GET");
    expect(listed.headers["content-type"]).toBe("application/json; charset=utf-8");
    const added = listed.json().data.find((unit: { name: string }) => unit.name === "Enheten från API:t");
    expect(Object.keys(added).sort()).toEqual(["demo", "depth", "id", "kind", "manager_id", "name", "parent_id"]);
  });

  it("lets go of what it kept once a watched table changes, so no one's erased data stays in the process", async () => {
    await inbox();
    expect(deskCatalogues.handlers.size).toBeGreaterThan(0);
    await tenancy.createUnit(systemContext(file.db.app, file.world.a), { name: "Enheten som tömmer", kind: "section", parent_id: null, manager_id: null });
    expect(deskCatalogues.handlers.size).toBe(0);
    expect(deskCatalogues.units.size).toBe(0);
  });

  it("shows a change at once: by a service, and by a statement written by hand", async () => {
    await inbox();
    await tenancy.createUnit(systemContext(file.db.app, file.world.a), { name: "Tillväxtenheten", kind: "section", parent_id: null, manager_id: null });
    expect((await inbox()).body).toContain("Tillväxtenheten");
    // A statement written by hand, as a command or a migration runs it.
    await inScope(file.db.app, file.world.a.scope, (tx) => sql`update org_units set name = 'Tillväxt och jobb' where name = 'Tillväxtenheten'`.execute(tx));
    const after = (await inbox()).body;
    expect(after).toContain("Tillväxt och jobb");
    expect(after).not.toContain("Tillväxtenheten");
    // Another municipality's list was never this one's.
    const other = await file.world.app.inject({ method: "GET", url: "/arenden", headers: { host: file.world.b.host, cookie: file.world.adminA.cookie } });
    expect(other.body).not.toContain("Tillväxt och jobb");
  });

  it("keeps nothing a transaction read of its own writes, so a rolled-back change never shows", async () => {
    await inbox();
    await expect(
      inScope(file.db.app, file.world.a.scope, async (tx) => {
        await sql`insert into org_units (id, municipality_id, kind, name, updated_at) values (gen_random_uuid(), ${file.world.a.id}, 'section', 'Enhet som aldrig fanns', now())`.execute(
          tx,
        );
        expect((await deskCatalogues.units.get(tx)).map((unit) => unit.name)).toContain("Enhet som aldrig fanns");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await inbox()).body).not.toContain("Enhet som aldrig fanns");
  });

  it("hands out lists no caller can change in place", async () => {
    const units = await inScope(file.db.app, file.world.a.scope, (tx) => deskCatalogues.units.get(tx));
    expect(() => (units as unknown as unknown[]).sort()).toThrow(TypeError);
  });
});

describe("keyed catalogues", () => {
  it("keep a value per municipality and key, read once by requests that arrive together", async () => {
    let loads = 0;
    const figures = new Catalogue<{ year: string; municipality: string }, string>(["org_units"], async (tx, key) => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { year: key, municipality: (await sql<{ id: string }>`select current_setting('app.municipality') as id`.execute(tx)).rows[0]!.id };
    });
    const read = (scope: typeof file.world.a.scope, key: string) => inScope(file.db.app, scope, (tx) => figures.get(tx, key));
    const together = await Promise.all([read(file.world.a.scope, "2025"), read(file.world.a.scope, "2025"), read(file.world.a.scope, "2025")]);
    expect(loads).toBe(1);
    expect(together.every((value) => value.year === "2025" && value.municipality === file.world.a.id)).toBe(true);
    expect((await read(file.world.a.scope, "2024")).year).toBe("2024");
    expect((await read(file.world.b.scope, "2025")).municipality).toBe(file.world.b.id);
    expect(loads).toBe(3);
    await read(file.world.a.scope, "2025");
    expect(loads).toBe(3);
    // A change to a table it reads drops it.
    await tenancy.createUnit(systemContext(file.db.app, file.world.a), { name: "Ny enhet för nycklar", kind: "section", parent_id: null, manager_id: null });
    await read(file.world.a.scope, "2025");
    expect(loads).toBe(4);
  });
});

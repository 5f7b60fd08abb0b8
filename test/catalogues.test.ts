import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { Catalogue } from "../src/platform/db/catalogues.js";
import { inScope } from "../src/platform/db/database.js";
import * as tenancy from "../src/platform/tenancy/service.js";
import { deskCatalogues } from "../src/modules/desk/catalogues.js";
import { buildUser, login, systemContext } from "./helpers/factories.js";
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

  it("answers an inbox page again from what it kept, and shows a case changed since at once", async () => {
    await inbox();
    const statements = await statementsDuring(async () => expect((await inbox()).statusCode).toBe(200));
    expect(statements.some((statement) => /desk_cases/.test(statement))).toBe(false);
    const shown = /<a href="\/arenden\/([0-9a-f-]{36})">/.exec((await inbox()).body)?.[1];
    expect(shown).toBeDefined();
    // A statement written by hand, as a command runs it.
    await inScope(file.db.app, file.world.a.scope, (tx) => sql`update desk_cases set subject = 'Ändrat av ett kommando' where id = ${shown!}`.execute(tx));
    expect((await inbox()).body).toContain("Ändrat av ett kommando");
  });

  it("makes a kept inbox page's content for each reader, with their own token in its form", async () => {
    // Two officers with the same rights: only their tokens tell their pages apart.
    const [first, second] = await Promise.all([1, 2].map(() => buildUser(file.db.app, file.world.a, { roles: ["case_officer"] })));
    const one = await login(file.world.app, file.world.a.host, first!.email);
    const other = await login(file.world.app, file.world.a.host, second!.email);
    // Every token on the page: the menu's forms and the bulk form's.
    const tokens = async (cookie: string) => {
      const body = (await file.world.app.inject({ method: "GET", url: "/arenden", headers: { host: file.world.a.host, cookie } })).body;
      expect(body).toContain('action="/arenden/massandring"');
      return new Set([...body.matchAll(/name="_csrf" value="([^"]+)"/g)].map((match) => match[1]));
    };
    expect(await tokens(one.cookie)).toEqual(new Set([one.csrf]));
    expect(await tokens(other.cookie)).toEqual(new Set([other.csrf]));
    expect(await tokens(one.cookie)).toEqual(new Set([one.csrf]));
  });

  it("answers the desk's dashboard again from what it kept, and reads the cases again once one changes", async () => {
    const dashboard = () =>
      file.world.app.inject({ method: "GET", url: "/arenden/statistik", headers: { host: file.world.a.host, cookie: file.world.adminA.cookie } });
    expect((await dashboard()).statusCode).toBe(200);
    const kept = await statementsDuring(async () => expect((await dashboard()).statusCode).toBe(200));
    expect(kept.some((statement) => /desk_cases/.test(statement))).toBe(false);
    await inScope(file.db.app, file.world.a.scope, (tx) => sql`update desk_cases set subject = subject where false`.execute(tx));
    const again = await statementsDuring(async () => expect((await dashboard()).statusCode).toBe(200));
    expect(again.some((statement) => /desk_cases/.test(statement))).toBe(true);
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
    expect(deskCatalogues.units.size).toBeGreaterThan(0);
    await tenancy.createUnit(systemContext(file.db.app, file.world.a), { name: "Enheten som tömmer", kind: "section", parent_id: null, manager_id: null });
    expect(deskCatalogues.units.size).toBe(0);
    // The staff are read from users: an erasure, written there, empties what named them.
    await inScope(file.db.app, file.world.a.scope, (tx) => sql`update users set name = name where false`.execute(tx));
    expect(deskCatalogues.handlers.size).toBe(0);
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

describe("what a write drops", () => {
  it("drops the catalogues that read the table written, and keeps the others", async () => {
    const loads = { units: 0, categories: 0 };
    const units = new Catalogue<number>(["org_units"], async () => (loads.units += 1));
    const categories = new Catalogue<number>(["desk_categories"], async () => (loads.categories += 1));
    const read = () => inScope(file.db.app, file.world.a.scope, async (tx) => [await units.get(tx), await categories.get(tx)]);
    await read();
    await read();
    expect(loads).toEqual({ units: 1, categories: 1 });
    await tenancy.createUnit(systemContext(file.db.app, file.world.a), {
      name: "Enheten som bara tömmer enheterna",
      kind: "section",
      parent_id: null,
      manager_id: null,
    });
    expect(await read()).toEqual([2, 1]);
  });

  it("keeps what was read while another table was written, and not what was read while its own was", async () => {
    let loads = 0;
    const units = new Catalogue<number>(["org_units"], async () => (loads += 1));
    const readWhile = (write: string) =>
      inScope(file.db.app, file.world.a.scope, async (tx) => {
        await sql`select 1`.execute(tx);
        // Another request's write, committed after this transaction began and before it reads.
        await inScope(file.db.app, file.world.b.scope, (other) => sql.raw(write).execute(other));
        return units.get(tx);
      });
    await readWhile(`update desk_categories set name_sv = name_sv where false`);
    await inScope(file.db.app, file.world.a.scope, (tx) => units.get(tx));
    expect(loads).toBe(1);
    await readWhile(`update org_units set name = name where false`);
    await inScope(file.db.app, file.world.a.scope, (tx) => units.get(tx));
    expect(loads).toBe(3);
  });
});

describe("a value true until a time", () => {
  it("is read again once its time has passed, though nothing changed", async () => {
    let loads = 0;
    const minute = new Catalogue<{ until: number }>(
      ["org_units"],
      async () => ((loads += 1), { until: Date.now() + 60_000 }),
      (kept) => kept.until,
    );
    const read = () => inScope(file.db.app, file.world.a.scope, (tx) => minute.get(tx));
    await read();
    await read();
    expect(loads).toBe(1);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      await read();
    } finally {
      vi.useRealTimers();
    }
    expect(loads).toBe(2);
  });

  it("lets go of values past their time that no one asks for again", async () => {
    const minute = new Catalogue<{ until: number }, string>(
      ["org_units"],
      async () => ({ until: Date.now() + 60_000 }),
      (kept) => kept.until,
    );
    const read = (key: string) => inScope(file.db.app, file.world.a.scope, (tx) => minute.get(tx, key));
    await read("2024");
    await read("2025");
    expect(minute.size).toBe(2);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      await read("2026");
    } finally {
      vi.useRealTimers();
    }
    expect(minute.size).toBe(1);
  });
});

describe("a drop after a transaction", () => {
  it("is not a write: a transaction ending after it does not drop again", async () => {
    let loads = 0;
    const units = new Catalogue<number>(["org_units"], async () => (loads += 1));
    // A transaction held open until told to end, once it has begun.
    const held = async () => {
      let release = () => {};
      let begun = () => {};
      const open = new Promise<void>((resolve) => (begun = resolve));
      const ended = inScope(file.db.app, file.world.a.scope, async (tx) => {
        await sql`select 1`.execute(tx);
        await new Promise<void>((resolve) => ((release = resolve), begun()));
      });
      await open;
      return { end: async () => (release(), await ended) };
    };
    const read = () => inScope(file.db.app, file.world.a.scope, (tx) => units.get(tx));
    const before = await held();
    await inScope(file.db.app, file.world.a.scope, (tx) => sql`update org_units set name = name where false`.execute(tx));
    const after = await held();
    await before.end();
    await read();
    expect(loads).toBe(1);
    // It began after the write and wrote nothing: its end changes nothing kept.
    await after.end();
    await read();
    expect(loads).toBe(1);
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

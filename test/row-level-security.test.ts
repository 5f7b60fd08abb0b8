import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/db.js";
import { buildWorld, type World } from "./helpers/world.js";

/** Tables that are shared by every municipality on purpose: reference data, and the tenants themselves. */
const referenceTables = new Set([
  "regions",
  "municipalities",
  "municipality_hosts",
  "schema_migrations",
  "schema_migrations_lock",
  // The national company register, its vocabulary and its import bookkeeping.
  "companies",
  "company_lexemes",
  "company_import_runs",
  "company_import_seen",
]);

/** Tables whose rows belong to a region: seen only in a transaction bound to it (`inRegion`). */
const regionTables = new Set(["region_accounts", "region_sessions", "region_audit_events", "region_login_throttle"]);

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

describe("row-level security", () => {
  it("is enabled and forced on every table that is not on the reference allow-list", async () => {
    const tables = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')
       order by c.relname`.execute(db.owner);
    expect(tables.rows.length).toBeGreaterThan(5);
    const unprotected = tables.rows.filter((table) => !referenceTables.has(table.relname) && !(table.relrowsecurity && table.relforcerowsecurity));
    expect(unprotected.map((table) => table.relname)).toEqual([]);
  });

  it("shows the app role 0 rows of every tenant table without a scope, though every one holds rows", async () => {
    const tables = await sql<{ relname: string }>`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' order by c.relname`.execute(db.owner);
    const tenantTables = tables.rows.map((row) => row.relname).filter((name) => !referenceTables.has(name) && !regionTables.has(name));
    for (const table of tenantTables) {
      const unscoped = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(db.app);
      expect(unscoped.rows[0]?.n, table).toBe(0);
      const scoped = await db.app.transaction().execute(async (tx) => {
        await sql`select set_config('app.municipality', ${world.a.id}, true)`.execute(tx);
        return sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(tx);
      });
      expect(scoped.rows[0]?.n, `${table} has rows in scope`).toBeGreaterThan(0);
    }
  });

  it("shows a region's own tables to a transaction bound to that region only, never to a municipality's", async () => {
    for (const table of regionTables) {
      const count = (settings: { municipality?: string; region?: string }) =>
        db.app.transaction().execute(async (tx) => {
          await sql`select set_config('app.municipality', ${settings.municipality ?? ""}, true), set_config('app.region', ${settings.region ?? ""}, true)`.execute(
            tx,
          );
          return (await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(tx)).rows[0]?.n;
        });
      expect(await count({}), `${table} unscoped`).toBe(0);
      expect(await count({ municipality: world.a.id }), `${table} in a municipality's scope`).toBe(0);
      expect(await count({ region: world.region.id }), `${table} in its region`).toBeGreaterThan(0);
      expect(await count({ region: "00000000-0000-4000-8000-000000000000" }), `${table} in another region`).toBe(0);
    }
  });

  it("refuses to write a row into another municipality than the scope", async () => {
    await expect(
      db.app.transaction().execute(async (tx) => {
        await sql`select set_config('app.municipality', ${world.a.id}, true)`.execute(tx);
        await sql`insert into external_parties (id, municipality_id, kind, name, updated_at) values (gen_random_uuid(), ${world.b.id}, 'other', 'Smuggel', now())`.execute(
          tx,
        );
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it("serves requests as a role that is neither superuser nor owner of the tables", async () => {
    const role = await sql<{ rolsuper: boolean; owns: number }>`
      select r.rolsuper, (select count(*)::int from pg_tables where schemaname = 'public' and tableowner = current_user) as owns
        from pg_roles r where r.rolname = current_user`.execute(db.app);
    expect(role.rows[0]).toEqual({ rolsuper: false, owns: 0 });
  });
});

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildWorld, type World } from "../../../test/helpers/world.js";
import { testSecret } from "../../../test/global-setup.js";
import { backupInstallation, tableShapes } from "./backup.js";
import { createDb, inRegion, inScope, type Db } from "./database.js";
import { appliedMigrations, knownMigrations } from "./migrator.js";
import { RestoreRefused, restoreInstallation } from "./restore.js";
import { withCredentials } from "./roles.js";
import { recordAudit } from "../audit/audit.js";
import { systemActor } from "../auth/roles.js";

const run = promisify(execFile);
let db: TestDatabase;
let world: World;
let folder: string;
let dataDir: string;
const fresh: Array<{ name: string; owner: Db; app: Db; ownerUrl: string }> = [];

/** A new, empty database on the test server: what a new installation starts from. */
async function emptyDatabase() {
  const base = inject("ownerUrl");
  const name = `lotsen_restore_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const ownerUrl = withCredentials(base, decodeURIComponent(new URL(base).username), decodeURIComponent(new URL(base).password), name);
  const target = { name, ownerUrl, owner: createDb(ownerUrl, 2), app: createDb(withCredentials(base, inject("appRole"), inject("appPassword"), name), 2) };
  fresh.push(target);
  return target;
}

/**
 * Every table's rows as a count and a digest, read as the app role in each municipality's
 * scope (and as the worker for installation-wide rows), or as the owner where nothing is
 * secured: an account of the data made without the backup's code.
 */
async function tableDigests(owner: Db, app: Db): Promise<Record<string, string>> {
  const shapes = await sql<{ name: string; secured: boolean; regional: boolean }>`
    select c.relname as name, c.relrowsecurity as secured,
      not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'municipality_id') as regional
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname not in ('schema_migrations_lock') order by 1`.execute(owner);
  const municipalities = (await sql<{ id: string }>`select id from municipalities order by id`.execute(owner)).rows.map((row) => row.id);
  const regions = (await sql<{ id: string }>`select id from regions order by id`.execute(owner)).rows.map((row) => row.id);
  const digest = (table: string, where = sql``) =>
    sql<{ n: string; d: string | null }>`select count(*) as n, md5(string_agg(t::text, '|' order by t::text)) as d from ${sql.table(table)} t ${where}`;
  const result: Record<string, string> = {};
  for (const { name, secured, regional } of shapes.rows) {
    if (name === "schema_migrations") {
      // When each migration ran differs by nature; which ran must not.
      result[name] = (await sql<{ name: string }>`select name from schema_migrations order by name`.execute(owner)).rows.map((row) => row.name).join(",");
      continue;
    }
    if (!secured) {
      const row = (await digest(name).execute(owner)).rows[0]!;
      result[name] = `${row.n}:${row.d}`;
      continue;
    }
    const parts: string[] = [];
    // A region's own tables (its accounts and their log): read in a transaction bound to each region.
    for (const id of regional ? regions : []) {
      const row = await inRegion(app, id, async (tx) => (await digest(name, sql`where region_id = ${id}`).execute(tx)).rows[0]!);
      parts.push(`${row.n}:${row.d}`);
    }
    for (const id of regional ? [] : municipalities) {
      const row = await inScope(app, { municipalityId: id }, async (tx) => (await digest(name, sql`where municipality_id = ${id}`).execute(tx)).rows[0]!);
      parts.push(`${row.n}:${row.d}`);
    }
    result[name] = parts.join(",");
  }
  return result;
}

beforeAll(async () => {
  db = await createTestDatabase();
  world = await buildWorld(db);
  folder = mkdtempSync(path.join(os.tmpdir(), "lotsen-backup-"));
  dataDir = path.join(folder, "data");
  mkdirSync(path.join(dataDir, "mail", "2026-12"), { recursive: true });
  writeFileSync(path.join(dataDir, "secret"), `${testSecret}\n`);
  writeFileSync(path.join(dataDir, "mail", "2026-12", "kvitto.eml"), "Subject: Tack för din fråga\r\n\r\nHej!\r\n");
}, 120_000);

afterAll(async () => {
  for (const target of fresh) {
    await target.owner.destroy();
    await target.app.destroy();
    const admin = new pg.Client({ connectionString: inject("ownerUrl") });
    await admin.connect();
    await admin.query(`drop database if exists ${target.name} with (force)`).catch(() => undefined);
    await admin.end();
  }
  await db?.drop();
});

describe("backup and restore", { timeout: 120_000 }, () => {
  it("restores into an empty installation identically: every table, the stored files, row-level security forced again", async () => {
    const file = path.join(folder, "lotsen.backup");
    const result = await backupInstallation(db.ownerUrl, dataDir, file, {
      // Written while the backup runs, after its snapshot: a consistent backup leaves it out.
      afterSnapshot: () =>
        inScope(db.app, world.a.scope, async (tx) => {
          await recordAudit(tx, systemActor("kom för sent"), { action: "update", recordType: "municipality", recordId: null });
        }),
    });
    expect(result.files).toBe(2);
    expect(result.rows).toBeGreaterThan(200);
    const before = await tableDigests(db.owner, db.app);
    await inScope(db.app, world.a.scope, (tx) => tx.deleteFrom("audit_events").where("actor_label", "=", "kom för sent").execute());
    const withoutLate = await tableDigests(db.owner, db.app);
    expect(withoutLate.audit_events).not.toBe(before.audit_events);

    const target = await emptyDatabase();
    const targetData = path.join(folder, "restored");
    const restoreEnv = { ...process.env, LOTSEN_SOURCE: "1", DATABASE_URL: target.ownerUrl, LOTSEN_SECRET: testSecret, LOTSEN_DATA_DIR: targetData };
    const restored = await run(process.execPath, ["bin/lotsen.js", "restore", file], { env: restoreEnv, timeout: 120_000 });
    expect(restored.stderr).toContain("Restored");
    const after = await tableDigests(target.owner, target.app);
    expect(Object.keys(after).sort()).toEqual(Object.keys(withoutLate).sort());
    for (const table of Object.keys(withoutLate)) {
      expect(after[table], table).toBe(withoutLate[table]);
    }
    expect(readFileSync(path.join(targetData, "mail", "2026-12", "kvitto.eml"), "utf8")).toContain("Tack för din fråga");
    expect(readFileSync(path.join(targetData, "secret"), "utf8").trim()).toBe(testSecret);
    const unforced = await sql<{ relname: string }>`
      select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relrowsecurity and not c.relforcerowsecurity`.execute(
      target.owner,
    );
    expect(unforced.rows).toEqual([]);
    // The app role sees nothing without a municipality, as before.
    expect((await sql<{ n: number }>`select count(*)::int as n from desk_cases`.execute(target.app)).rows[0]!.n).toBe(0);
  });

  it("makes a backup with the command, and keeps the newest N in a folder", async () => {
    const file = path.join(folder, "command.backup");
    const env = { ...process.env, LOTSEN_SOURCE: "1", DATABASE_URL: db.ownerUrl, LOTSEN_SECRET: testSecret, LOTSEN_DATA_DIR: dataDir };
    const made = await run(process.execPath, ["bin/lotsen.js", "backup", file], { env, timeout: 120_000 });
    expect(made.stderr).toMatch(/Backup written to .*: \d+ tables, \d+ rows, 2 files/);
    expect(gunzipSync(readFileSync(file)).toString("utf8")).toContain(world.records.a.case);
    const rotation = path.join(folder, "rotation");
    mkdirSync(rotation);
    for (const older of ["lotsen-2026-12-01T0300.backup", "lotsen-2026-12-02T0300.backup", "lotsen-2026-12-03T0300.backup", "annat.txt"]) {
      writeFileSync(path.join(rotation, older), "x");
    }
    const nightly = await run(process.execPath, ["bin/lotsen.js", "backup", rotation, "--keep", "2"], { env, timeout: 120_000 });
    expect(nightly.stderr).toContain("Removed 2 older backup(s)");
    const left = readdirSync(rotation).sort();
    expect(left).toHaveLength(3);
    expect(left).toContain("lotsen-2026-12-03T0300.backup");
    expect(left).toContain("annat.txt");
  });

  it("refuses a database that already has a municipality, a backup at other migrations, and a file cut short, restoring nothing", async () => {
    const file = path.join(folder, "refusals.backup");
    await backupInstallation(db.ownerUrl, dataDir, file);
    const applied = await appliedMigrations(db.owner);
    await expect(restoreInstallation(db.ownerUrl, path.join(folder, "x"), file, applied)).rejects.toThrow(RestoreRefused);
    await expect(restoreInstallation(db.ownerUrl, path.join(folder, "x"), file, applied.slice(0, -1))).rejects.toThrow(/restore into a new database/);
    const target = await emptyDatabase();
    const { migrateTo } = await import("./migrator.js");
    await migrateTo(target.owner, inject("appRole"), applied.at(-1)!);
    const whole = gunzipSync(readFileSync(file));
    const cut = path.join(folder, "cut.backup");
    writeFileSync(cut, gzipSync(whole.subarray(0, Math.floor(whole.length * 0.6))));
    await expect(restoreInstallation(target.ownerUrl, path.join(folder, "y"), cut, applied)).rejects.toThrow(/ends too early/);
    expect((await sql<{ n: string }>`select count(*)::text as n from municipalities`.execute(target.owner)).rows[0]!.n).toBe("0");
    expect(await knownMigrations()).toEqual(expect.arrayContaining(applied));
  });

  it("orders the tables so that a referenced table comes before the tables that reference it", async () => {
    const client = new pg.Client({ connectionString: db.ownerUrl });
    await client.connect();
    const order = (await tableShapes(client)).map((shape) => shape.name);
    await client.end();
    expect(order.indexOf("municipalities")).toBeLessThan(order.indexOf("users"));
    expect(order.indexOf("desk_cases")).toBeLessThan(order.indexOf("desk_messages"));
    expect(order.indexOf("webhook_endpoints")).toBeLessThan(order.indexOf("webhook_deliveries"));
  });
});

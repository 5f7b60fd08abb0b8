import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Migrator, sql, type Migration, type MigrationProvider, type MigrationResultSet } from "kysely";
import type { Db } from "./database.js";

const srcRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Finds every `migrations/` folder of the platform and the modules and orders all their
 * files by name (an ISO-8601 prefix), so one migrator runs them in one global order.
 */
export class ModuleMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const folder of migrationFolders()) {
      for (const file of readdirSync(folder).sort()) {
        if (!/\.(ts|js)$/.test(file) || file.endsWith(".d.ts") || file.includes(".test.")) {
          continue;
        }
        const name = file.replace(/\.(ts|js)$/, "");
        if (migrations[name]) {
          throw new Error(`Two migrations are named ${name}; give one a later timestamp`);
        }
        migrations[name] = (await import(pathToFileURL(path.join(folder, file)).href)) as Migration;
      }
    }
    return migrations;
  }
}

function migrationFolders(): string[] {
  const folders: string[] = [];
  for (const group of ["platform", "modules"]) {
    const groupDir = path.join(srcRoot, group);
    if (!existsSync(groupDir)) {
      continue;
    }
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      const folder = path.join(groupDir, entry.name, "migrations");
      if (entry.isDirectory() && existsSync(folder)) {
        folders.push(folder);
      }
    }
  }
  return folders;
}

/** Brings the schema up to date and gives the app role what it may touch. */
export async function migrateToLatest(ownerDb: Db, appRole: string): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: ownerDb,
    provider: new ModuleMigrationProvider(),
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    throw result.error;
  }
  await grantAppRole(ownerDb, appRole);
  return result;
}

async function grantAppRole(ownerDb: Db, appRole: string): Promise<void> {
  const role = sql.id(appRole);
  await sql`grant usage on schema public to ${role}`.execute(ownerDb);
  await sql`grant select, insert, update, delete on all tables in schema public to ${role}`.execute(ownerDb);
  await sql`revoke all on schema_migrations, schema_migrations_lock from ${role}`.execute(ownerDb);
}

/** The migrations this version of Lotsen has, in their order. */
export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await new ModuleMigrationProvider().getMigrations()).sort();
}

/** The migrations a database has had, in order (none on a new database). */
export async function appliedMigrations(ownerDb: Db): Promise<string[]> {
  const exists = await sql<{ found: boolean }>`select to_regclass('public.schema_migrations') is not null as found`.execute(ownerDb);
  if (!exists.rows[0]?.found) {
    return [];
  }
  const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(ownerDb);
  return rows.rows.map((row) => row.name);
}

/** Brings a new database up to one migration exactly (a restore's first step), and no further. */
export async function migrateTo(ownerDb: Db, appRole: string, name: string): Promise<void> {
  const migrator = new Migrator({
    db: ownerDb,
    provider: new ModuleMigrationProvider(),
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
  });
  const result = await migrator.migrateTo(name);
  if (result.error) {
    throw result.error;
  }
  await grantAppRole(ownerDb, appRole);
}

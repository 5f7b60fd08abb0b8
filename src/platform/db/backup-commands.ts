import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { Config } from "../../config.js";
import { backupInstallation } from "./backup.js";
import { readBackup } from "./backup-format.js";
import { resolveDatabaseUrls } from "./connect.js";
import { createDb } from "./database.js";
import { appliedMigrations, knownMigrations, migrateTo, migrateToLatest } from "./migrator.js";
import { RestoreRefused, restoreInstallation } from "./restore.js";
import { derivedPassword, ensureAppRole } from "./roles.js";

type Log = (message: string) => void;

/**
 * `lotsen backup FILE`: the whole installation into one file, while Lotsen runs. Given a
 * folder, the file is named by the time (`lotsen-2026-12-06T0310.backup`), and `--keep N`
 * then removes all but the newest N there: a nightly timer makes a rotation of it.
 */
export async function backupCommand(config: Config, target: string, keep: number | undefined, log: Log): Promise<number> {
  const folder = existsSync(target) && statSync(target).isDirectory() ? target : undefined;
  if (keep !== undefined && (!folder || !Number.isInteger(keep) || keep < 1)) {
    log("--keep takes a whole number of backups to keep, and a folder to write into.");
    return 1;
  }
  const file = folder ? path.join(folder, `lotsen-${new Date().toISOString().slice(0, 16).replace(":", "")}.backup`) : target;
  const { urls, embedded } = await resolveDatabaseUrls(config, log);
  try {
    const started = Date.now();
    const result = await backupInstallation(urls.ownerUrl, config.dataDir, `${file}.partial`);
    // Written under another name first: a backup cut short never looks like a whole one.
    renameSync(`${file}.partial`, file);
    log(`Backup written to ${file}: ${result.tables} tables, ${result.rows} rows, ${result.files} files, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (folder && keep !== undefined) {
      const old = readdirSync(folder)
        .filter((name) => /^lotsen-\d{4}-\d{2}-\d{2}T\d{4}\.backup$/.test(name))
        .sort()
        .slice(0, -keep);
      old.forEach((name) => rmSync(path.join(folder, name)));
      if (old.length > 0) {
        log(`Removed ${old.length} older backup(s), keeping the newest ${keep}.`);
      }
    }
    return 0;
  } finally {
    await embedded?.stop();
  }
}

/**
 * `lotsen restore FILE`: into a new, empty installation. The database is brought to the
 * backup's migrations, the data written in one transaction, then the rest of this
 * version's migrations run, so a backup from an older Lotsen restores into a newer one.
 */
export async function restoreCommand(config: Config, file: string, log: Log): Promise<number> {
  const { header } = await readBackup(file);
  const known = await knownMigrations();
  const unknown = header.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    log(`The backup was made by a newer Lotsen (it has the migration ${unknown[0]}): restore it with that version or later.`);
    return 1;
  }
  const { urls, appRole, embedded } = await resolveDatabaseUrls(config, log);
  const owner = createDb(urls.ownerUrl, 2);
  try {
    if (!config.databaseAppUrl) {
      await ensureAppRole(urls.ownerUrl, appRole, derivedPassword(config.secret, appRole));
    }
    if ((await appliedMigrations(owner)).length === 0 && header.migrations.length > 0) {
      await migrateTo(owner, appRole, header.migrations.at(-1)!);
    }
    const result = await restoreInstallation(urls.ownerUrl, config.dataDir, file, await appliedMigrations(owner));
    await migrateToLatest(owner, appRole);
    log(`Restored ${file} (made ${header.made_at}): ${result.tables} tables, ${result.rows} rows, ${result.files} files.`);
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefused) {
      log(`Nothing was restored: ${error.message}.`);
      return 1;
    }
    throw error;
  } finally {
    await owner.destroy();
    await embedded?.stop();
  }
}

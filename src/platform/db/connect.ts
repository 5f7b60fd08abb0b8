import type { Config } from "../../config.js";
import { createDb, type Db } from "./database.js";
import { clusterRoot, listClusters } from "./clusters.js";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded.js";
import { migrateToLatest } from "./migrator.js";
import { appRoleName, derivedPassword, ensureAppRole, ensureOwnerAndDatabase, withCredentials, type DatabaseUrls } from "./roles.js";

/** Lotsen's database as the running process holds it. */
export interface OpenDatabase {
  urls: DatabaseUrls;
  appRole: string;
  /** Connected as the app role: serves requests under row-level security. */
  app: Db;
  /** Connected as the owner: migrations and installation-wide maintenance only. */
  owner: Db;
  close: () => Promise<void>;
}

type Log = (message: string) => void;

/** Resolves the two roles' URLs: the embedded server's, or those the settings name. */
export async function resolveDatabaseUrls(config: Config, log: Log): Promise<{ urls: DatabaseUrls; appRole: string; embedded?: EmbeddedServer }> {
  if (config.databaseUrl) {
    const appRole = config.databaseAppUrl ? decodeURIComponent(new URL(config.databaseAppUrl).username) : appRoleName(config.databaseUrl);
    const appUrl = config.databaseAppUrl ?? withCredentials(config.databaseUrl, appRole, derivedPassword(config.secret, appRole));
    return { urls: { ownerUrl: config.databaseUrl, appUrl }, appRole };
  }
  const embedded = await startEmbeddedPostgres(config.dataDir, log);
  const orphaned = listClusters().filter((entry) => entry.orphaned);
  if (orphaned.length > 0) {
    log(`${orphaned.length} PostgreSQL cluster(s) under ${clusterRoot} belong to data folders that are gone; "lotsen clusters prune" removes them.`);
  }
  const ownerPassword = derivedPassword(config.secret, "lotsen");
  await ensureOwnerAndDatabase(embedded.superuserUrl("postgres"), "lotsen", ownerPassword, "lotsen");
  const ownerUrl = withCredentials(embedded.superuserUrl("lotsen"), "lotsen", ownerPassword);
  const appRole = "lotsen_app";
  return { urls: { ownerUrl, appUrl: withCredentials(ownerUrl, appRole, derivedPassword(config.secret, appRole)) }, appRole, embedded };
}

/** Opens the database, creating the app role and running migrations when asked. */
export async function openDatabase(config: Config, log: Log, options: { migrate: boolean }): Promise<OpenDatabase> {
  const { urls, appRole, embedded } = await resolveDatabaseUrls(config, log);
  const owner = createDb(urls.ownerUrl, 3);
  if (options.migrate) {
    if (!config.databaseAppUrl) {
      await ensureAppRole(urls.ownerUrl, appRole, derivedPassword(config.secret, appRole));
    }
    const result = await migrateToLatest(owner, appRole);
    for (const step of result.results ?? []) {
      log(`Migration ${step.migrationName}: ${step.status}`);
    }
  }
  const app = createDb(urls.appUrl, 20);
  return {
    urls,
    appRole,
    app,
    owner,
    close: async () => {
      await app.destroy();
      await owner.destroy();
      await embedded?.stop();
    },
  };
}

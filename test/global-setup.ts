import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../src/platform/db/embedded.js";
import { createDb } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrator.js";
import { appRoleName, derivedPassword, ensureAppRole, ensureOwnerAndDatabase, withCredentials } from "../src/platform/db/roles.js";

export const testSecret = "test-secret-test-secret-test-secret-0123";

declare module "vitest" {
  export interface ProvidedContext {
    ownerUrl: string;
    appRole: string;
    appPassword: string;
    templateDatabase: string;
  }
}

/**
 * Once per run: a PostgreSQL server (the one TEST_DATABASE_URL names, else an embedded
 * one), and a template database migrated to the latest schema. Each test file clones it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let ownerUrl: string;
  let stop = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    ownerUrl = process.env.TEST_DATABASE_URL;
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "lotsen-test-"));
    const server = await startEmbeddedPostgres(dataDir, () => {}, { ephemeral: true });
    await ensureOwnerAndDatabase(server.superuserUrl("postgres"), "lotsen_test", "lotsen_test", "lotsen_test");
    ownerUrl = withCredentials(server.superuserUrl("lotsen_test"), "lotsen_test", "lotsen_test");
    stop = server.stop;
  }
  const templateDatabase = `lotsen_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${templateDatabase}`);
  await admin.query(`create database ${templateDatabase}`);
  await admin.end();
  const templateUrl = withCredentials(
    ownerUrl,
    decodeURIComponent(new URL(ownerUrl).username),
    decodeURIComponent(new URL(ownerUrl).password),
    templateDatabase,
  );
  const appRole = appRoleName(ownerUrl);
  const appPassword = derivedPassword(testSecret, appRole);
  await ensureAppRole(templateUrl, appRole, appPassword);
  const owner = createDb(templateUrl, 1);
  await migrateToLatest(owner, appRole);
  await owner.destroy();
  project.provide("ownerUrl", ownerUrl);
  project.provide("appRole", appRole);
  project.provide("appPassword", appPassword);
  project.provide("templateDatabase", templateDatabase);
  return async () => {
    // A process a test started must not outlive the run (a worker left sending, a server left
    // holding a port): any still here is stopped, and the run fails saying which.
    const left = fixtureProcessesLeft();
    for (const { pid } of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone meanwhile
      }
    }
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    const leftovers = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [`lotsen_t_${process.pid}_%`]);
    for (const row of leftovers.rows) {
      await client.query(`drop database if exists ${row.datname} with (force)`);
    }
    await client.query(`drop database if exists ${templateDatabase} with (force)`);
    await client.end();
    await stop();
    if (left.length > 0) {
      // npm test counts this file as a failure (Vitest does not fail a run for its teardown).
      const message = `Tests left processes running (now stopped): ${left.map((entry) => `${entry.pid} ${entry.command}`).join("; ")}`;
      mkdirSync("test-results", { recursive: true });
      writeFileSync("test-results/processes-left.txt", `${message}\n`);
      throw new Error(message);
    }
  };
}

/** Processes of this checkout's test fixtures still running: what a test started and did not stop. */
function fixtureProcessesLeft(): Array<{ pid: number; command: string }> {
  const found: Array<{ pid: number; command: string }> = [];
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
      if (command.includes("test/fixtures/") && readlinkSync(`/proc/${entry}/cwd`) === process.cwd() && Number(entry) !== process.pid) {
        found.push({ pid: Number(entry), command: command.trim() });
      }
    } catch {
      // a process that ended while we looked
    }
  }
  return found;
}

import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "../../src/platform/db/database.js";
import { withCredentials } from "../../src/platform/db/roles.js";

export interface TestDatabase {
  name: string;
  /** Connected as the app role: row-level security applies. */
  app: Db;
  /** Connected as the owner: for set-up and inspection only. */
  owner: Db;
  appUrl: string;
  ownerUrl: string;
  drop: () => Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template (CREATE DATABASE … TEMPLATE). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const ownerBase = inject("ownerUrl");
  const template = inject("templateDatabase");
  const name = `lotsen_t_${template.replace("lotsen_template_", "")}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ownerBase });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const ownerUrl = withCredentials(ownerBase, decodeURIComponent(new URL(ownerBase).username), decodeURIComponent(new URL(ownerBase).password), name);
  const appUrl = withCredentials(ownerBase, inject("appRole"), inject("appPassword"), name);
  const app = createDb(appUrl, 5);
  const owner = createDb(ownerUrl, 2);
  return {
    name,
    app,
    owner,
    appUrl,
    ownerUrl,
    drop: async () => {
      await app.destroy();
      await owner.destroy();
      const client = new pg.Client({ connectionString: ownerBase });
      await client.connect();
      try {
        // A backend of the app role may still be exiting after its pool closed; the owner
        // may not terminate it (42501), so wait for it to go rather than fail the file.
        for (let attempt = 1; ; attempt += 1) {
          try {
            await client.query(`drop database if exists ${name} with (force)`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== "42501" || attempt >= 50) {
              throw error;
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}

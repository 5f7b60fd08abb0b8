import type { Db, Scope } from "./platform/db/database.js";
import { seedDemo, seedIfEmpty } from "./platform/seed.js";
import { lotsenModules } from "./modules/index.js";

type Log = (message: string) => void;

/**
 * The seed of an empty installation: the platform's (region, municipality, parties,
 * administrator), then each module's (the programme, the company register's area and visit template). Answers the scope it seeded, or
 * undefined when the database already had a municipality.
 */
export async function seedInstallation(
  db: Db,
  settings: { adminEmail?: string | undefined; adminPassword?: string | undefined },
  log: Log,
): Promise<Scope | undefined> {
  const scope = await seedIfEmpty(db, settings, log);
  if (scope) {
    for (const module of lotsenModules) {
      await module.seed?.(db, scope, log);
    }
  }
  return scope;
}

/**
 * Demo content for `npm start`, each part marked as demo: the platform's, then each
 * module's. The secret is the installation's, so the demo cases' status links work.
 */
export async function seedDemoContent(db: Db, scope: Scope, log: Log, secret: string): Promise<void> {
  await seedDemo(db, scope, log);
  for (const module of lotsenModules) {
    await module.demoSeed?.(db, scope, log, secret);
  }
}

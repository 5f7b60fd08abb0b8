import type { Db, Scope } from "./platform/db/database.js";
import { seedDemo, seedIfEmpty } from "./platform/seed.js";
import { seedProgramme, seedProgrammeDemo } from "./modules/programme/index.js";
import { seedCompanies, seedCompaniesDemo } from "./modules/companies/index.js";
import { seedDesk, seedDeskDemo } from "./modules/desk/index.js";
import { seedCommunicationDemo } from "./modules/communication/index.js";

type Log = (message: string) => void;

/**
 * The seed of an empty installation: the platform's (region, municipality, parties,
 * administrator), then each module's (the programme, the company register's area and visit template). Answers the scope it seeded, or
 * undefined when the database already had a municipality.
 */
export async function seedInstallation(db: Db, settings: { adminEmail?: string | undefined; adminPassword?: string | undefined }, log: Log): Promise<Scope | undefined> {
  const scope = await seedIfEmpty(db, settings, log);
  if (scope) {
    await seedProgramme(db, scope, log);
    await seedCompanies(db, scope, log);
    await seedDesk(db, scope, log);
  }
  return scope;
}

/**
 * Demo content for `npm start`, each part marked as demo: the platform's, then each
 * module's. The secret is the installation's, so the demo cases' status links work.
 */
export async function seedDemoContent(db: Db, scope: Scope, log: Log, secret: string): Promise<void> {
  await seedDemo(db, scope, log);
  await seedProgrammeDemo(db, scope, log);
  await seedCompaniesDemo(db, scope, log);
  await seedDeskDemo(db, scope, log, secret);
  await seedCommunicationDemo(db, scope, log);
}

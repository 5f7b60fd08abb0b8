import type { Db, Scope } from "./platform/db/database.js";
import { randomPassword } from "./platform/auth/password.js";
import { systemActor } from "./platform/auth/roles.js";
import { createRegionalAccount, regionAccounts, setRegionSettings } from "./platform/regions/service.js";
import { seedDemo, seedIfEmpty, seedPartiesIn, seedRegion } from "./platform/seed.js";
import { addMunicipality } from "./platform/tenancy/installation.js";
import { findRegionBySlug, listMunicipalities } from "./platform/tenancy/repo.js";
import { lotsenModules } from "./modules/index.js";

type Log = (message: string) => void;

/** The demo's second member of the region, on a host of its own, so the region's page compares two. */
export const demoSecondMember = { kommunkod: "1860", host: "laxa.localhost" };
/** The demo region's own host, and its regional analyst's address there. */
export const demoRegion = { host: "region.localhost", analyst: "analytiker@region.localhost", contact: "kontakt@region.localhost" };

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
    await seedModules(db, scope, log);
  }
  return scope;
}

async function seedModules(db: Db, scope: Scope, log: Log): Promise<void> {
  for (const module of lotsenModules) {
    await module.seed?.(db, scope, log);
  }
}

/**
 * Demo content for `npm start`, each part marked as demo: the platform's, then each
 * module's, in the seeded municipality and in a second member of the region taken into use
 * on its own host; and the region's own host with a regional analyst. One password opens
 * every demo account; it is printed once. The secret is the installation's, so the demo
 * cases' status links work.
 */
export async function seedDemoContent(db: Db, scope: Scope, log: Log, secret: string): Promise<void> {
  const password = randomPassword();
  let loaded = await seedDemoIn(db, scope, log, secret, password);
  const second = await takeSecondMemberIntoUse(db, log);
  if (second) {
    loaded = (await seedDemoIn(db, second, log, secret, password)) || loaded;
  }
  loaded = (await seedRegionalAnalyst(db, log, password)) || loaded;
  if (loaded) {
    log(`The password of every one is ${password} (shown once)`);
  }
}

async function seedDemoIn(db: Db, scope: Scope, log: Log, secret: string, password: string): Promise<boolean> {
  const loaded = await seedDemo(db, scope, log, password);
  for (const module of lotsenModules) {
    await module.demoSeed?.(db, scope, log, secret);
  }
  return loaded;
}

/** Laxå, listed as a member without a host, taken into use on `laxa.localhost` with the seed's parties and modules. */
async function takeSecondMemberIntoUse(db: Db, log: Log): Promise<Scope | undefined> {
  const listed = (await listMunicipalities(db)).find((municipality) => municipality.kommunkod === demoSecondMember.kommunkod);
  if (!listed?.region_id) {
    return undefined;
  }
  const scope = { municipalityId: listed.id };
  if (listed.hosts.length === 0) {
    await addMunicipality(db, { kommunkod: demoSecondMember.kommunkod, hosts: [demoSecondMember.host] });
    await seedPartiesIn(db, scope);
    await seedModules(db, scope, log);
    log(`${listed.name} is taken into use on ${demoSecondMember.host} (demo), a second member of the region`);
  }
  return scope;
}

/** The region's own host and an account of the region: it reads the members' figures there and nothing else. */
async function seedRegionalAnalyst(db: Db, log: Log, password: string): Promise<boolean> {
  const region = await findRegionBySlug(db, seedRegion.slug);
  if (!region) {
    return false;
  }
  const ctx = { db, actor: systemActor("demo") };
  if ((await regionAccounts(ctx, region.id)).accounts.length > 0) {
    return false;
  }
  if (region.hosts.length === 0) {
    await setRegionSettings(ctx, region.id, { hosts: [demoRegion.host], contact_email: demoRegion.contact });
  }
  await createRegionalAccount(ctx, region.id, { email: demoRegion.analyst, name: "Rami Regionanalytiker (demo)" }, { password, demo: true });
  log(`${region.name} answers on ${demoRegion.host}, where its regional analyst signs in:`);
  log(`  ${demoRegion.analyst.padEnd(34)} regional analyst: the members' figures side by side, no record of any of them`);
  return true;
}

import type { Db, Scope } from "./db/database.js";
import { newId } from "./ids.js";
import { systemActor, type Role } from "./auth/roles.js";
import * as auth from "./auth/service.js";
import * as tenancy from "./tenancy/service.js";
import { kommunByCode } from "./tenancy/kommuner.js";
import { municipalityName, slugOf } from "./tenancy/installation.js";
import { insertMunicipality, insertRegion, listMunicipalities } from "./tenancy/repo.js";
import { randomPassword } from "./auth/password.js";
import type { OperationContext } from "./context.js";

type Log = (message: string) => void;

export const seedMunicipality = { kommunkod: "1882", slug: "askersund", hosts: ["localhost", "127.0.0.1", "askersund.localhost"] };
export const seedRegion = { name: "Business Region Örebro", slug: "business-region-orebro" };
/** The region's twelve members (SCB's kommunkod): listed from the start, each taken into use when it gets a host. */
export const seedRegionMembers = ["1814", "1860", "1861", "1862", "1863", "1864", "1880", "1881", "1882", "1883", "1884", "1885"];

/** The parties the programme names: the business council, the regional collaboration, business organisations. */
const seedParties = [
  { kind: "business_council" as const, name: "Näringslivsrådet", description: "Samverkan mellan kommunen och det lokala näringslivet." },
  { kind: "regional_collaboration" as const, name: "Business Region Örebro", description: "Regional samverkan om näringslivsfrågor i Örebro län." },
  {
    kind: "business_association" as const,
    name: "Företagarorganisationerna",
    description: "Det lokala näringslivets organisationer, som tog fram programmet tillsammans med kommunen.",
  },
];

/**
 * Fills an empty database with the region Business Region Örebro, Askersunds kommun and the
 * parties of its programme, and a first administrator. Does nothing on a database that has
 * a municipality.
 */
export async function seedIfEmpty(
  db: Db,
  settings: { adminEmail?: string | undefined; adminPassword?: string | undefined },
  log: Log,
): Promise<Scope | undefined> {
  if ((await listMunicipalities(db)).length > 0) {
    return undefined;
  }
  const kommun = kommunByCode(seedMunicipality.kommunkod);
  if (!kommun) {
    throw new Error(`kommunkod ${seedMunicipality.kommunkod} is missing from the reference data`);
  }
  const regionId = newId();
  const municipalityId = newId();
  await db.transaction().execute(async (tx) => {
    await insertRegion(tx, { id: regionId, ...seedRegion });
    await insertMunicipality(tx, {
      id: municipalityId,
      region_id: regionId,
      name: municipalityName(kommun.kommun),
      kommunkod: kommun.kommunkod,
      slug: seedMunicipality.slug,
      hosts: seedMunicipality.hosts,
      contact_email: "kommun@askersund.se",
      accessibility_compliance: "partial",
      accessibility_non_compliant:
        "Filer som företag och handläggare bifogar i ärenden, till exempel PDF-dokument, granskas inte för tillgänglighet. Nyheter och nyhetsbrev skrivs av kommunens redaktörer; deras bilder kan sakna textalternativ om redaktören inte anger något.",
      accessibility_assessment_method: "Egen granskning med axe-core i Chromium av varje sida, och manuell provning med tangentbord och utan JavaScript.",
      accessibility_feedback: "Skriv till kommunen om du inte kan ta del av något innehåll, så ordnar vi det i annan form.",
      updated_at: new Date(),
    });
    for (const code of seedRegionMembers.filter((code) => code !== seedMunicipality.kommunkod)) {
      const member = kommunByCode(code);
      if (member) {
        const name = municipalityName(member.kommun);
        await insertMunicipality(tx, {
          id: newId(),
          region_id: regionId,
          name,
          kommunkod: code,
          slug: slugOf(member.kommun),
          hosts: [],
          updated_at: new Date(),
        });
      }
    }
  });
  const scope = { municipalityId };
  await seedPartiesIn(db, scope);
  await bootstrapAdministrator(db, scope, settings, log);
  log(`Seeded ${municipalityName(kommun.kommun)} (${kommun.kommunkod}) in ${seedRegion.name} and its ${seedRegionMembers.length} members`);
  return scope;
}

/** The parties the programme names, in a municipality. */
export async function seedPartiesIn(db: Db, scope: Scope): Promise<void> {
  const ctx: OperationContext = { db, actor: systemActor("seed"), scope };
  for (const party of seedParties) {
    await tenancy.createParty(ctx, { ...party, website: null });
  }
}

/** Creates the first administrator; without a configured password one is generated and printed once. */
export async function bootstrapAdministrator(
  db: Db,
  scope: Scope,
  settings: { adminEmail?: string | undefined; adminPassword?: string | undefined },
  log: Log,
): Promise<void> {
  const email = settings.adminEmail ?? "admin@askersund.localhost";
  if (await auth.findUserIdByEmail(db, scope, email)) {
    return;
  }
  const password = settings.adminPassword ?? randomPassword();
  const ctx: OperationContext = { db, actor: systemActor("seed"), scope };
  await auth.createUser(ctx, { name: "Administratör", email, roles: ["admin"], unit_ids: [], active: true }, { password });
  if (!settings.adminPassword) {
    log(`Administrator created: ${email} with password ${password} (shown once; change it after logging in)`);
  } else {
    log(`Administrator created: ${email}`);
  }
}

interface DemoUnit {
  name: string;
  kind: "department" | "section" | "team" | "company";
  children?: DemoUnit[];
}

const demoUnits: DemoUnit[] = [
  {
    name: "Kommunledningsförvaltningen",
    kind: "department",
    children: [
      { name: "Näringslivsenheten", kind: "section" },
      { name: "Arbetsmarknadsenheten", kind: "section" },
    ],
  },
  {
    name: "Samhällsbyggnadsförvaltningen",
    kind: "department",
    children: [
      {
        name: "Bygg och miljö",
        kind: "section",
        children: [
          { name: "Bygglovsgruppen", kind: "team" },
          { name: "Miljö- och livsmedelsgruppen", kind: "team" },
        ],
      },
      { name: "Mark och exploatering", kind: "section" },
    ],
  },
  { name: "Kultur- och fritidsförvaltningen", kind: "department" },
  { name: "Det kommunala bostadsbolaget", kind: "company" },
];

/** The roles as the start-up log names them. */
const roleInWords: Record<Role, string> = {
  system_admin: "system administrator",
  admin: "administrator",
  business_developer: "business developer: the programme, the company register, visits, communication",
  case_officer: "case officer: the business desk's cases of the unit",
  labour_market_officer: "labour-market officer",
  viewer: "viewer: a politician or a manager reading the programme and the figures",
  regional_analyst: "regional analyst",
};

/** The demo's staff: their address is the local part at the municipality's demo domain (`naringsliv@askersund.localhost`). */
const demoStaff: Array<{ name: string; local: string; roles: Role[]; unit?: string }> = [
  { name: "Nora Näringsliv (demo)", local: "naringsliv", roles: ["business_developer"], unit: "Näringslivsenheten" },
  { name: "Hugo Handläggare (demo)", local: "handlaggare", roles: ["case_officer"], unit: "Bygglovsgruppen" },
  { name: "Alva Arbetsmarknad (demo)", local: "arbetsmarknad", roles: ["labour_market_officer"], unit: "Arbetsmarknadsenheten" },
  { name: "Pia Politiker (demo)", local: "politiker", roles: ["viewer"] },
];

/**
 * A municipality as the demo speaks of it: its name, its demo accounts' addresses, the base of
 * its links, and a variant for demo data drawn differently from the seed's own municipality's (0 there).
 */
export async function demoPlace(db: Db, scope: Scope): Promise<{ name: string; staffEmail: (local: string) => string; base: string; variant: number }> {
  const municipality = (await listMunicipalities(db)).find((candidate) => candidate.id === scope.municipalityId);
  const slug = municipality?.slug ?? seedMunicipality.slug;
  return {
    name: municipality?.name ?? "",
    staffEmail: (local) => `${local}@${slug}.localhost`,
    base: `http://${municipality?.hosts[0] ?? "localhost"}:3000`,
    variant: !municipality || municipality.kommunkod === seedMunicipality.kommunkod ? 0 : Number(municipality.kommunkod),
  };
}

/** Demo units and staff for `npm start`, each marked as demo, with the demo's password; false when they were there already. */
export async function seedDemo(db: Db, scope: Scope, log: Log, password: string): Promise<boolean> {
  const ctx: OperationContext = { db, actor: systemActor("demo"), scope };
  const place = await demoPlace(db, scope);
  const alreadyThere = (await tenancy.listUnits(ctx)).some((unit) => unit.demo);
  if (alreadyThere) {
    return false;
  }
  const unitIds = new Map<string, string>();
  const createTree = async (units: DemoUnit[], parentId: string | null) => {
    for (const unit of units) {
      const created = await tenancy.createUnit(ctx, { name: unit.name, kind: unit.kind, parent_id: parentId, manager_id: null }, { demo: true });
      unitIds.set(unit.name, created.id);
      await createTree(unit.children ?? [], created.id);
    }
  };
  await createTree(demoUnits, null);
  for (const person of demoStaff) {
    const unitId = person.unit ? unitIds.get(person.unit) : undefined;
    const { user } = await auth.createUser(
      ctx,
      { name: person.name, email: place.staffEmail(person.local), roles: person.roles, unit_ids: unitId ? [unitId] : [], active: true },
      { password, demo: true },
    );
    if (unitId && person.roles.includes("case_officer")) {
      const unit = await tenancy.getUnit(ctx, unitId);
      await tenancy.updateUnit(ctx, unitId, { name: unit.name, kind: unit.kind, parent_id: unit.parent_id, manager_id: user.id });
    }
  }
  // Each role once, so a newcomer can sign in as every kind of user and see what each sees.
  log(`Demo data loaded in ${place.name}: ${unitIds.size} units and ${demoStaff.length} staff accounts, one for each role of a municipality's staff:`);
  for (const person of demoStaff) {
    log(`  ${place.staffEmail(person.local).padEnd(34)} ${person.roles.map((role) => roleInWords[role]).join(", ")}`);
  }
  return true;
}

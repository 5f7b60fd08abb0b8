import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { inScope } from "../../src/platform/db/database.js";
import { systemActor } from "../../src/platform/auth/roles.js";
import { createRegionalAccount, regionalLogin, setRegionHosts } from "../../src/platform/regions/service.js";
import { saveChoice } from "../../src/modules/desk/notification-repo.js";
import { createTestDatabase, type TestDatabase } from "./db.js";
import {
  buildMunicipality,
  buildParty,
  buildQueueRows,
  buildTestApp,
  buildToken,
  buildUnit,
  buildUser,
  login,
  systemContext,
  testPassword,
  type Session,
  type TestMunicipality,
} from "./factories.js";
import { buildProgrammeRecords, type ProgrammeRecords } from "./programme.js";
import { buildReportRecords, type ReportRecords } from "./report.js";
import { buildCompanyRecords, type CompanyRecords } from "./companies.js";
import { buildDeskRecords, type DeskRecords } from "./desk.js";
import { seedDesk } from "../../src/modules/desk/seed.js";
import { buildCommunicationRecords, type CommunicationRecords } from "./communication.js";
import { buildSurveyRecords, type SurveyRecords } from "./surveys.js";
import { buildSkillsRecords, type SkillsRecords } from "./skills.js";
import { buildCouncilRecords, type CouncilRecords } from "./council.js";
import { saveLogo } from "../../src/platform/tenancy/logo-repo.js";
import { refreshFigures } from "../../src/modules/region/service.js";
import { gatherContributions } from "../../src/platform/module.js";
import { lotsenModules } from "../../src/modules/index.js";
import { onePixelPng } from "./pictures.js";
import * as auth from "../../src/platform/auth/service.js";
import { renewMyFeed } from "../../src/modules/companies/visit-service.js";
import { saveSettings as saveSsoSettings } from "../../src/platform/sso/settings.js";
import { exportRegister } from "../../src/modules/desk/register-service.js";
import * as webhooks from "../../src/platform/webhooks/service.js";

/**
 * Two municipalities with one of every platform record each, an administrator signed in
 * to each, and an API token: what the route-wide tests need.
 */
export interface World {
  app: FastifyInstance;
  a: TestMunicipality;
  b: TestMunicipality;
  adminA: Session;
  tokenA: string;
  /** The region a and b belong to, answering on its own host, and its regional analyst signed in there. */
  region: { id: string; host: string; analyst: Session };
  /** Record ids by kind, per municipality. */
  records: { a: RecordIds; b: RecordIds };
}

export interface RecordIds
  extends Omit<ProgrammeRecords, "statuses">, CompanyRecords, DeskRecords, CommunicationRecords, SurveyRecords, ReportRecords, SkillsRecords, CouncilRecords {
  user: string;
  unit: string;
  party: string;
  token: string;
  /** An export of the register of incoming cases to the records system. */
  registerExport: string;
  /** A webhook receiver, and a delivery to it. */
  webhookEndpoint: string;
  webhookDelivery: string;
  /** The municipality itself, as the installation's pages name it. */
  municipality: string;
  /** Its region, and an account of the region's own (the installation's, not the municipality's). */
  region: string;
  regionAccount: string;
}

/** A database and a world built before a test file's tests and dropped after them; read its fields inside the tests. */
export function worldForFile(): { readonly db: TestDatabase; readonly world: World } {
  const held = {} as { db: TestDatabase; world: World };
  beforeAll(async () => {
    held.db = await createTestDatabase();
    held.world = await buildWorld(held.db);
  });
  afterAll(async () => {
    await held.world?.app.close();
    await held.db?.drop();
  });
  return held;
}

export async function buildWorld(db: TestDatabase): Promise<World> {
  const a = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  const b = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  const region = await regionOfWorld(db);
  const records = { a: await recordsIn(db, a, region), b: await recordsIn(db, b, region) };
  const app = await buildTestApp(db.app);
  // A small municipality's administrator who also works with job seekers, so the route-wide checks reach every page.
  const admin = await buildUser(db.app, a, { roles: ["admin", "labour_market_officer", "system_admin"], email: "admin@askersund.test", name: "Anna Admin" });
  const adminA = await login(app, a.host, admin.email);
  const tokenA = (await buildToken(db.app, a, admin.id)).token;
  return { app, a, b, adminA, tokenA, records, region: { id: region.id, host: region.host, analyst: await login(app, region.host, "analytiker@region.test") } };
}

/** The region's own host and an account whose home is the region (a row in each of the region's tables). */
async function regionOfWorld(db: TestDatabase): Promise<{ id: string; host: string; account: string }> {
  const id = (await db.owner.selectFrom("regions").select("id").executeTakeFirstOrThrow()).id;
  const ctx = { db: db.app, actor: systemActor("test") };
  await setRegionHosts(ctx, id, ["region.test"]);
  const { account } = await createRegionalAccount(ctx, id, { email: "analytiker@region.test", name: "Rami Region" }, { password: testPassword });
  // A wrong password once: a row of the region's sign-in throttle.
  await regionalLogin(db.app, id, "analytiker@region.test", "fel lösenord", undefined, "10.255.0.1").catch(() => undefined);
  return { id, host: "region.test", account: account.id };
}

async function recordsIn(db: TestDatabase, municipality: TestMunicipality, region: { id: string; account: string }): Promise<RecordIds> {
  const unit = await buildUnit(db.app, municipality, { name: "Samhällsbyggnad" });
  const user = await buildUser(db.app, municipality, { roles: ["case_officer"], unitIds: [unit.id] });
  const party = await buildParty(db.app, municipality, { name: "Företagarna" });
  const token = await buildToken(db.app, municipality, user.id);
  const { statuses: _statuses, ...programme } = await buildProgrammeRecords(db.app, municipality, { unitId: unit.id, partyId: party.id, ownerId: user.id });
  const companies = await buildCompanyRecords(db.app, municipality, { userId: user.id });
  await buildQueueRows(db.app, municipality);
  await seedDesk(db.app, municipality.scope, () => {});
  const desk = await buildDeskRecords(db.app, municipality, {
    unitId: unit.id,
    collaboratorUnitId: (await buildUnit(db.app, municipality, { name: "Medverkande enhet" })).id,
  });
  // The officer has turned off mail about replies: a row in the desk's notification choices.
  await inScope(db.app, municipality.scope, (tx) => saveChoice(tx, municipality.id, user.id, { new_cases: true, replies: false }));
  const communication = await buildCommunicationRecords(db.app, municipality);
  const surveys = await buildSurveyRecords(db.app, municipality, desk.deskCategory);
  const skills = await buildSkillsRecords(db.app, municipality);
  const report = await buildReportRecords(db.app, municipality, programme.programme);
  const council = await buildCouncilRecords(db.app, municipality, user.id);
  // The figures the municipality shares with its region.
  await refreshFigures(db.app, municipality.scope, gatherContributions(lotsenModules).indicatorSources ?? []);
  // The municipality's logo: a row of its own.
  await inScope(db.app, municipality.scope, (tx) =>
    saveLogo(tx, { municipality_id: municipality.id, content: onePixelPng, content_type: "image/png", filename: "logo.png" }, "0123456789ab"),
  );
  const registerExport = (await exportRegister(systemContext(db.app, municipality))).export.id;
  const webhookEndpoint = (
    await webhooks.createEndpoint(systemContext(db.app, municipality), {
      url: "https://mottagare.example.se/lotsen",
      description: null,
      event_types: ["desk.case.created"],
    })
  ).id;
  await webhooks.sendTest(systemContext(db.app, municipality), webhookEndpoint);
  const webhookDelivery = await inScope(
    db.app,
    municipality.scope,
    async (tx) => (await tx.selectFrom("webhook_deliveries").select("id").executeTakeFirstOrThrow()).id,
  );
  // Single sign-on set up but not turned on: a row of settings, and sign-in pages that answer without a provider.
  await saveSsoSettings(systemContext(db.app, municipality), "world-secret", {
    enabled: false,
    issuer: "https://login.example.se/askersund",
    client_id: "lotsen",
    client_secret: "klienthemlighet",
    scopes: "openid profile email",
    roles_claim: "groups",
    role_map: "lotsen-handlaggare = case_officer @ Samhällsbyggnad",
    passwords_off: false,
  });
  // A failed login and a renewed calendar address: rows in the throttle and the feed keys.
  await auth.login(db.app, municipality.scope, "finns-inte@example.se", "fel lösenord", undefined, "198.51.100.1").catch(() => undefined);
  await renewMyFeed({
    db: db.app,
    scope: municipality.scope,
    actor: {
      kind: "user",
      id: user.id,
      municipalityId: municipality.id,
      name: "x",
      email: "x@example.se",
      roles: ["case_officer"],
      unitIds: [],
      via: "session",
      mustChangePassword: false,
      mustEnrolSecondFactor: false,
    },
  });
  return {
    user: user.id,
    unit: unit.id,
    party: party.id,
    token: token.row.id,
    ...programme,
    ...companies,
    ...desk,
    ...communication,
    ...surveys,
    ...skills,
    ...report,
    ...council,
    registerExport,
    webhookEndpoint,
    webhookDelivery,
    municipality: municipality.id,
    region: region.id,
    regionAccount: region.account,
  };
}

/** Named path parameters other than `:id`, and the record each names. */
const kindByParam: Record<string, keyof RecordIds> = {
  fileId: "caseFile",
  messageId: "caseMessage",
  token: "statusToken",
  slug: "newsSlug",
  campaignId: "campaign",
  registrationId: "registration",
  questionId: "surveyQuestion",
  documentId: "councilDocument",
  accountId: "regionAccount",
};

/** A private link's token: the kind of link its path names. */
function tokenKind(pattern: string): keyof RecordIds {
  return pattern.startsWith("/nyhetsbrev/")
    ? "subscriberToken"
    : pattern.startsWith("/evenemang/")
      ? "registrationToken"
      : pattern.startsWith("/enkat/")
        ? "surveyToken"
        : pattern.startsWith("/jobb/")
          ? "postingToken"
          : pattern.startsWith("/kompetensbehov/")
            ? "needsToken"
            : pattern.startsWith("/radet/kallelse/")
              ? "councilToken"
              : pattern.startsWith("/radet/justera/")
                ? "approvalToken"
                : "statusToken";
}

/**
 * The concrete path of a route: `:id` filled with a record of the kind its config names
 * (`record: "case"`), other parameters with the record their name says.
 */
export function concretePath(route: { url: string; record?: string | undefined }, ids: RecordIds): string {
  const path = route.url.replace(
    /:(fileId|messageId|token|slug|campaignId|registrationId|questionId|documentId|accountId)\b/g,
    (_match, name: string) => ids[name === "token" ? tokenKind(route.url) : kindByParam[name]!],
  );
  if (!path.includes(":id")) {
    return path;
  }
  if (!route.record || !(route.record in ids)) {
    throw new Error(`${route.url}: its config names no record the test world has (record: ${route.record ?? "none"})`);
  }
  return path.replace(":id", ids[route.record as keyof RecordIds]);
}

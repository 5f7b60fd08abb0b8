import type { FastifyInstance } from "fastify";
import type { TestDatabase } from "./db.js";
import { buildMunicipality, buildParty, buildTestApp, buildToken, buildUnit, buildUser, login, type Session, type TestMunicipality } from "./factories.js";

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
  /** Record ids by kind, per municipality. */
  records: { a: RecordIds; b: RecordIds };
}

export interface RecordIds {
  user: string;
  unit: string;
  party: string;
  token: string;
}

export async function buildWorld(db: TestDatabase): Promise<World> {
  const a = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  const b = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  const records = { a: await recordsIn(db, a), b: await recordsIn(db, b) };
  const app = await buildTestApp(db.app);
  const admin = await buildUser(db.app, a, { roles: ["admin"], email: "admin@askersund.test", name: "Anna Admin" });
  const adminA = await login(app, a.host, admin.email);
  const tokenA = (await buildToken(db.app, a, admin.id)).token;
  return { app, a, b, adminA, tokenA, records };
}

async function recordsIn(db: TestDatabase, municipality: TestMunicipality): Promise<RecordIds> {
  const unit = await buildUnit(db.app, municipality, { name: "Samhällsbyggnad" });
  const user = await buildUser(db.app, municipality, { roles: ["case_officer"], unitIds: [unit.id] });
  const party = await buildParty(db.app, municipality, { name: "Företagarna" });
  const token = await buildToken(db.app, municipality, user.id);
  return { user: user.id, unit: unit.id, party: party.id, token: token.row.id };
}

/** The concrete path of a route pattern, filling `:id` with a record of the given kind. */
export function concretePath(pattern: string, ids: RecordIds): string {
  const kind: keyof RecordIds = pattern.includes("konton") || pattern.includes("users") ? "user" : pattern.includes("enheter") || pattern.includes("units") ? "unit" : pattern.includes("parter") || pattern.includes("parties") ? "party" : "token";
  return pattern.replace(":id", ids[kind]);
}

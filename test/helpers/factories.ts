import type { FastifyInstance } from "fastify";
import { systemActor, type Role } from "../../src/platform/auth/roles.js";
import * as auth from "../../src/platform/auth/service.js";
import * as tenancy from "../../src/platform/tenancy/service.js";
import type { OperationContext } from "../../src/platform/context.js";
import { inScope, type Db, type Scope } from "../../src/platform/db/database.js";
import { enqueue } from "../../src/platform/jobs/repo.js";
import { queueMail } from "../../src/platform/mail/repo.js";
import { newId } from "../../src/platform/ids.js";
import { createServer } from "../../src/server.js";
import { lotsenModules } from "../../src/modules/index.js";
import { gatherContributions } from "../../src/platform/module.js";
import { testSecret } from "../global-setup.js";
import { giveSecondFactor, nextRecoveryCode } from "./second-factor.js";

export const testPassword = "correct horse battery staple";

export interface TestMunicipality {
  id: string;
  host: string;
  scope: Scope;
}

let counter = 0;

/** A municipality answering on `host`. Municipalities are reference data: written without a scope. */
export async function buildMunicipality(db: Db, options: { name?: string; kommunkod?: string; host?: string } = {}): Promise<TestMunicipality> {
  counter += 1;
  const id = newId();
  const host = options.host ?? `kommun${counter}.test`;
  const kommunkod =
    options.kommunkod ?? ["1882", "1880", "1814", "1860", "1861", "1862", "1863", "1864", "1881", "1883", "1884", "1885"][counter % 12] ?? "1882";
  const region = await db.selectFrom("regions").select("id").executeTakeFirst();
  const regionId = region?.id ?? newId();
  if (!region) {
    await db.insertInto("regions").values({ id: regionId, name: "Business Region Örebro", slug: "business-region-orebro" }).execute();
  }
  await db
    .insertInto("municipalities")
    .values({
      id,
      region_id: regionId,
      name: options.name ?? `Kommun ${counter}`,
      kommunkod,
      slug: `kommun-${kommunkod}-${counter}`,
      hosts: [host],
      updated_at: new Date(),
    })
    .execute();
  return { id, host, scope: { municipalityId: id } };
}

/** A system actor's context in the app built from the module list: its extension points gathered. */
export function systemContext(db: Db, municipality: TestMunicipality): OperationContext {
  return { db, actor: systemActor("test"), scope: municipality.scope, contributions: gatherContributions(lotsenModules) };
}

/** A staff account with a known password. */
export async function buildUser(db: Db, municipality: TestMunicipality, options: { roles?: Role[]; email?: string; name?: string; unitIds?: string[] } = {}) {
  counter += 1;
  const { user } = await auth.createUser(
    systemContext(db, municipality),
    {
      name: options.name ?? `Person ${counter}`,
      email: options.email ?? `person${counter}@${municipality.host}`,
      roles: options.roles ?? ["admin"],
      unit_ids: options.unitIds ?? [],
      active: true,
    },
    { password: testPassword },
  );
  if (user.roles.some((role) => role === "admin" || role === "system_admin")) {
    await giveSecondFactor(db, municipality.scope, user.id, user.email);
  }
  return user;
}

export async function buildUnit(
  db: Db,
  municipality: TestMunicipality,
  options: { name?: string; parentId?: string | null; kind?: "department" | "section" | "team" | "company" } = {},
) {
  counter += 1;
  return tenancy.createUnit(systemContext(db, municipality), {
    name: options.name ?? `Enhet ${counter}`,
    kind: options.kind ?? "department",
    parent_id: options.parentId ?? null,
    manager_id: null,
  });
}

export async function buildParty(db: Db, municipality: TestMunicipality, options: { name?: string } = {}) {
  counter += 1;
  return tenancy.createParty(systemContext(db, municipality), {
    name: options.name ?? `Part ${counter}`,
    kind: "business_association",
    description: "",
    website: null,
  });
}

/** A queued job and a queued mail of the municipality. */
export async function buildQueueRows(db: Db, municipality: TestMunicipality) {
  return inScope(db, { municipalityId: municipality.id }, async (tx) => {
    await enqueue(tx, { queue: "test", municipalityId: municipality.id, runAt: new Date(Date.now() + 86_400_000) });
    return queueMail(tx, { municipalityId: municipality.id, purpose: "test", to: "someone@example.se", subject: "Test", text: "Test" });
  });
}

export async function buildToken(db: Db, municipality: TestMunicipality, userId: string) {
  return auth.createToken(systemContext(db, municipality), { name: "test", days: 30 }, userId);
}

export function buildTestApp(db: Db): Promise<FastifyInstance> {
  return createServer({ db, secret: testSecret, logLevel: "silent" });
}

/** A signed-in browser-like session through app.inject(): its cookie header and CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
  host: string;
}

function cookiesOf(response: { headers: Record<string, unknown> }): string[] {
  const raw = response.headers["set-cookie"];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  return list.map((cookie) => String(cookie).split(";")[0] ?? "").filter((pair) => !pair.endsWith("="));
}

/** The CSRF token in a page's forms. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) {
    throw new Error("no CSRF token on the page");
  }
  return match[1];
}

/** An anonymous visitor: the anonymous cookie and the CSRF token of the login page. */
export async function anonymous(app: FastifyInstance, host: string): Promise<Session> {
  const page = await app.inject({ method: "GET", url: "/logga-in", headers: { host } });
  return { cookie: cookiesOf(page).join("; "), csrf: csrfFrom(page.body), host };
}

let clientNumber = 0;

/** Logs in as a client of its own address, so the per-address login limit sees separate people. */
export async function login(app: FastifyInstance, host: string, email: string, password = testPassword): Promise<Session> {
  const visitor = await anonymous(app, host);
  clientNumber += 1;
  const response = await app.inject({
    method: "POST",
    url: "/logga-in",
    remoteAddress: `10.${(clientNumber >> 16) & 255}.${(clientNumber >> 8) & 255}.${clientNumber & 255}`,
    headers: { host, cookie: visitor.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ email, password, _csrf: visitor.csrf }).toString(),
  });
  if (response.statusCode !== 303) {
    throw new Error(`login failed for ${email}: ${response.statusCode}`);
  }
  let signedIn = response;
  if (String(response.headers.location ?? "").startsWith("/logga-in/kod")) {
    // The password was right and the account has a second factor: the code step, as a person takes it.
    const pending = cookiesOf(response).find((pair) => pair.startsWith("lotsen_pending="));
    signedIn = await app.inject({
      method: "POST",
      url: "/logga-in/kod",
      headers: { host, cookie: [visitor.cookie, pending].join("; "), "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ code: nextRecoveryCode(email), _csrf: visitor.csrf }).toString(),
    });
    if (signedIn.statusCode !== 303) {
      throw new Error(`the second step failed for ${email}: ${signedIn.statusCode}`);
    }
  }
  const session = cookiesOf(signedIn).find((pair) => pair.startsWith("lotsen_session="));
  if (!session) {
    throw new Error("no session cookie");
  }
  const cookie = [visitor.cookie, session].join("; ");
  const target = String(signedIn.headers.location ?? "/");
  let home = await app.inject({ method: "GET", url: target, headers: { host, cookie } });
  if (home.statusCode === 303) {
    // A region's host starts at its figures.
    home = await app.inject({ method: "GET", url: String(home.headers.location), headers: { host, cookie } });
  }
  return { cookie, csrf: csrfFrom(home.body), host };
}

export function form(values: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, item);
    }
  }
  return params.toString();
}

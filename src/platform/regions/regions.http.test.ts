import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { systemActor } from "../auth/roles.js";
import { inRegion, inScope } from "../db/database.js";
import { anonymous, csrfFrom, form, login, testPassword, type Session } from "../../../test/helpers/factories.js";
import { concretePath, worldForFile } from "../../../test/helpers/world.js";
import { createRegionalAccount, eraseRegionalAccount, regionalAccountExtract, regionAccounts, setRegionalAccountActive, setRegionHosts } from "./service.js";

const held = worldForFile();
const installation = () => ({ db: held.db.app, actor: systemActor("test") });

const get = (session: Session, url: string, host = session.host) => held.world.app.inject({ method: "GET", url, headers: { host, cookie: session.cookie } });

/** Every name a record of either municipality carries (staff, units, parties, companies, council members, job seekers). */
async function recordNames(): Promise<string[]> {
  const { world, db } = held;
  const names: string[] = [];
  for (const municipality of [world.a, world.b]) {
    await inScope(db.owner, municipality.scope, async (tx) => {
      for (const table of ["users", "org_units", "external_parties", "council_members", "skills_seekers", "contacts"]) {
        const rows = await sql<{ name: string }>`select name from ${sql.id(table)}`.execute(tx);
        names.push(...rows.rows.map((row) => row.name));
      }
      const subjects = await sql<{ subject: string }>`select subject from desk_cases`.execute(tx);
      names.push(...subjects.rows.map((row) => row.subject));
    });
  }
  return [...new Set(names)].filter((name) => name.length > 3);
}

describe("an account whose home is the region", () => {
  it("signs in on the region's own host and lands on its members' figures, the same as a member's analyst sees", async () => {
    const { world } = held;
    const start = await get(world.region.analyst, "/");
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe("/region");
    const page = await get(world.region.analyst, "/region");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Inloggad som Rami Region, konto i regionen.");
    expect(page.body).toContain('action="/logga-ut"');
    expect(page.body).toContain("Business Region Örebro");
    // The menu offers what the region's host serves, and nothing of a municipality's.
    expect(page.body).toContain('href="/region"');
    expect(page.body).not.toContain('href="/konto"');
    expect(page.body).not.toContain('href="/program"');
    // Nor a footer link to a page the region's host does not serve (the API's reference); its own statement, and the language switch.
    expect(page.body).toContain('href="/tillganglighet"');
    expect(page.body).not.toContain('href="/api"');
    const english = await held.world.app.inject({
      method: "POST",
      url: "/sprak",
      headers: { host: world.region.host, cookie: world.region.analyst.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ lang: "en", next: "/region", _csrf: world.region.analyst.csrf }),
    });
    expect(english.statusCode).toBe(303);
    const table = (html: string) => /<table[\s\S]*<\/table>/.exec(html)?.[0];
    const members = await get(world.adminA, "/region");
    expect(members.statusCode).toBe(200);
    expect(table(page.body)).toBeDefined();
    expect(table(page.body)).toBe(table(members.body));
  });

  it("reaches no route but its own on the region's host: every other answers 404, and nothing it is shown names a record", async () => {
    const { world } = held;
    const names = await recordNames();
    expect(names.length).toBeGreaterThan(10);
    const served: string[] = [];
    for (const route of world.app.registeredRoutes.filter((candidate) => candidate.tenant)) {
      if (route.method === "POST" && route.url === "/logga-ut") {
        continue; // signs the crawler out; its own test below
      }
      const url = concretePath(route, world.records.a);
      const json = route.kind === "api";
      const response = await world.app.inject({
        method: route.method as "GET",
        url,
        headers: {
          host: world.region.host,
          cookie: world.region.analyst.cookie,
          ...(route.method === "GET" || route.method === "DELETE" ? {} : { "content-type": json ? "application/json" : "application/x-www-form-urlencoded" }),
        },
        ...(route.method === "GET" || route.method === "DELETE" ? {} : { payload: json ? "{}" : form({ _csrf: world.region.analyst.csrf }) }),
      });
      if (!route.region) {
        expect(response.statusCode, `${route.method} ${url}`).toBe(404);
      } else {
        served.push(`${route.method} ${route.url}`);
        expect(response.statusCode, `${route.method} ${url}`).toBeLessThan(500);
      }
      for (const name of names) {
        expect(response.body.includes(name), `${route.method} ${url} shows "${name}"`).toBe(false);
      }
    }
    expect(served.sort()).toEqual([
      "GET /",
      "GET /konto/losenord",
      "GET /logga-in",
      "GET /region",
      "GET /tillganglighet",
      "POST /konto/losenord",
      "POST /logga-in",
      "POST /sprak",
    ]);
  });

  it("is a session of the region's only: a member's cookie is no one on the region's host, the region's is no one on a member's, nor is a member's API token", async () => {
    const { world } = held;
    const memberOnRegion = await get(world.adminA, "/region", world.region.host);
    expect(memberOnRegion.statusCode).toBe(303);
    expect(memberOnRegion.headers.location).toBe("/logga-in?next=%2Fregion");
    const regionOnMember = await get(world.region.analyst, "/region", world.a.host);
    expect(regionOnMember.statusCode).toBe(303);
    expect(regionOnMember.headers.location).toBe("/logga-in?next=%2Fregion");
    const token = await world.app.inject({
      method: "GET",
      url: "/api/v1/units",
      headers: { host: world.region.host, authorization: `Bearer ${world.tokenA}` },
    });
    expect(token.statusCode).toBe(404);
    // A member's staff cannot sign in on the region's host: no such account there.
    const visitor = await anonymous(world.app, world.region.host);
    const attempt = await world.app.inject({
      method: "POST",
      url: "/logga-in",
      remoteAddress: "10.200.0.1",
      headers: { host: world.region.host, cookie: visitor.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ email: "admin@askersund.test", password: testPassword, _csrf: visitor.csrf }),
    });
    expect(attempt.statusCode).toBe(401);
    expect(attempt.body).toContain('value="admin@askersund.test"');
  });

  it("starts with a temporary password it must change first, and the change is in the region's log", async () => {
    const { world, db } = held;
    const { temporaryPassword } = await createRegionalAccount(installation(), world.region.id, { email: "ny@region.test", name: "Nya Nina" });
    expect(temporaryPassword?.length).toBeGreaterThanOrEqual(12);
    const session = await login(world.app, world.region.host, "ny@region.test", temporaryPassword);
    const figures = await get(session, "/region");
    expect(figures.statusCode).toBe(303);
    expect(figures.headers.location).toBe("/konto/losenord");
    const page = await get(session, "/konto/losenord");
    const short = await world.app.inject({
      method: "POST",
      url: "/konto/losenord",
      headers: { host: world.region.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ current_password: temporaryPassword!, new_password: "kort", confirm_password: "kort", _csrf: csrfFrom(page.body) }),
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain("new_password");
    const changed = await world.app.inject({
      method: "POST",
      url: "/konto/losenord",
      headers: { host: world.region.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({
        current_password: temporaryPassword!,
        new_password: "ett nytt långt lösenord",
        confirm_password: "ett nytt långt lösenord",
        _csrf: csrfFrom(page.body),
      }),
    });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe("/region");
    expect((await get(session, "/region")).statusCode).toBe(200);
    const events = await inRegion(db.app, world.region.id, (tx) =>
      tx.selectFrom("region_audit_events").select(["action", "actor_label"]).orderBy("at").execute(),
    );
    expect(events).toEqual(
      expect.arrayContaining([
        { action: "create", actor_label: "test" },
        { action: "login", actor_label: "Nya Nina <ny@region.test>" },
        { action: "change_password", actor_label: "Nya Nina <ny@region.test>" },
      ]),
    );
  });

  it("is locked for a while after five wrong passwords, said alike for the right one, and logged", async () => {
    const { world, db } = held;
    await createRegionalAccount(installation(), world.region.id, { email: "gissad@region.test", name: "Gissad" }, { password: testPassword });
    const visitor = await anonymous(world.app, world.region.host);
    const attempt = (password: string) =>
      world.app.inject({
        method: "POST",
        url: "/logga-in",
        remoteAddress: "10.201.0.1",
        headers: { host: world.region.host, cookie: visitor.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: form({ email: "gissad@region.test", password, _csrf: visitor.csrf }),
      });
    const statuses = [];
    for (let round = 0; round < 5; round += 1) {
      statuses.push((await attempt("fel lösenord")).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await attempt(testPassword)).statusCode).toBe(429);
    // From another address the right password still opens it: nobody can lock an analyst out for everyone.
    expect((await login(world.app, world.region.host, "gissad@region.test")).cookie).toContain("lotsen_session=");
    const locks = await inRegion(db.app, world.region.id, (tx) => tx.selectFrom("region_audit_events").select("action").where("action", "=", "lock").execute());
    expect(locks).toHaveLength(1);
  });

  it("ends its sessions when turned off, gives its extract, and is erased with its name out of the log", async () => {
    const { world, db } = held;
    const { account } = await createRegionalAccount(
      installation(),
      world.region.id,
      { email: "slutar@region.test", name: "Sluta Sven" },
      { password: testPassword },
    );
    const session = await login(world.app, world.region.host, "slutar@region.test");
    expect((await get(session, "/region")).statusCode).toBe(200);
    await setRegionalAccountActive(installation(), world.region.id, account.id, false);
    expect((await get(session, "/region")).statusCode).toBe(303);
    const extract = await regionalAccountExtract(installation(), world.region.id, account.id);
    expect(extract.account).toMatchObject({ email: "slutar@region.test", name: "Sluta Sven", active: false });
    expect(extract.account).not.toHaveProperty("password_hash");
    expect(extract.events.map((event) => event.action)).toEqual(["create", "login", "deactivate"]);
    await eraseRegionalAccount(installation(), world.region.id, account.id);
    const left = await inRegion(db.app, world.region.id, async (tx) => ({
      accounts: await tx.selectFrom("region_accounts").select("id").where("id", "=", account.id).execute(),
      named: await tx.selectFrom("region_audit_events").select("id").where("actor_label", "like", "%Sluta Sven%").execute(),
      erased: await tx.selectFrom("region_audit_events").select("action").where("record_id", "=", account.id).where("action", "=", "erase").execute(),
    }));
    expect(left).toEqual({ accounts: [], named: [], erased: [{ action: "erase" }] });
    // Another region's accounts are not this one's to read.
    await expect(regionalAccountExtract(installation(), world.region.id, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ status: 404 });
  });

  it("takes a host no municipality has, the field named when one has it; and signing out ends the session", async () => {
    const { world } = held;
    await expect(setRegionHosts(installation(), world.region.id, ["region.test", world.a.host])).rejects.toMatchObject({
      status: 409,
      fields: [{ path: "hosts", message: "host_taken" }],
    });
    expect((await regionAccounts(installation(), world.region.id)).accounts.map((account) => account.email)).toContain("analytiker@region.test");
    const session = await login(world.app, world.region.host, "analytiker@region.test");
    const out = await world.app.inject({
      method: "POST",
      url: "/logga-ut",
      headers: { host: world.region.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: session.csrf }),
    });
    expect(out.statusCode).toBe(303);
    expect((await get(session, "/region")).statusCode).toBe(303);
    // A host no one has answers as before: no municipality.
    expect((await world.app.inject({ method: "GET", url: "/region", headers: { host: "okand.test" } })).statusCode).toBe(404);
  });
});

describe("a region's page for the installation's administrator", () => {
  const post = (url: string, values: Record<string, string>) =>
    held.world.app.inject({
      method: "POST",
      url,
      headers: { host: held.world.a.host, cookie: held.world.adminA.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ ...values, _csrf: held.world.adminA.csrf }),
    });

  it("adds an account with a temporary password shown once, turns it off and on, gives its extract and erases it after asking", async () => {
    const { world } = held;
    const base = `/system/regioner/${world.region.id}`;
    const list = await get(world.adminA, "/system/kommuner");
    expect(list.body).toContain(`href="${base}"`);
    const taken = await post(`${base}/konton`, { name: "Dubbel", email: "analytiker@region.test" });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain("Det finns redan ett konto med den e-postadressen");
    expect(taken.body).toContain('value="Dubbel"');
    const added = await post(`${base}/konton`, { name: "Webb Wilma", email: "wilma@region.test" });
    expect(added.statusCode).toBe(201);
    const password = /lösenordet (\S+)\. Det visas bara nu/.exec(added.body)?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect((await get(world.adminA, base)).body).not.toContain(password);
    const wilma = (await regionAccounts(installation(), world.region.id)).accounts.find((account) => account.email === "wilma@region.test")!;
    expect((await post(`${base}/konton/${wilma.id}/aktiv`, {})).statusCode).toBe(303);
    expect((await regionAccounts(installation(), world.region.id)).accounts.find((account) => account.id === wilma.id)?.active).toBe(false);
    await post(`${base}/konton/${wilma.id}/aktiv`, {});
    const extract = await get(world.adminA, `${base}/konton/${wilma.id}/utdrag`);
    expect(extract.headers["content-type"]).toContain("application/json");
    expect(JSON.parse(extract.body).events.map((event: { action: string; actor_label: string }) => [event.action, event.actor_label])).toEqual([
      ["create", "Anna Admin <admin@askersund.test>"],
      ["deactivate", "Anna Admin <admin@askersund.test>"],
      ["activate", "Anna Admin <admin@askersund.test>"],
    ]);
    const asked = await post(`${base}/konton/${wilma.id}/radera`, {});
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("Radera kontot Webb Wilma?");
    expect((await regionAccounts(installation(), world.region.id)).accounts.map((account) => account.id)).toContain(wilma.id);
    expect((await post(`${base}/konton/${wilma.id}/radera`, { confirmed: "yes" })).statusCode).toBe(303);
    expect((await regionAccounts(installation(), world.region.id)).accounts.map((account) => account.id)).not.toContain(wilma.id);
    expect((await get(world.adminA, `${base}/konton/${wilma.id}/utdrag`)).statusCode).toBe(404);
  });

  it("sets the region's hosts, refusing one a municipality has with the field named and the value kept; and is the system administrator's only", async () => {
    const { world } = held;
    const base = `/system/regioner/${world.region.id}`;
    const taken = await post(base, { hosts: `region.test ${world.b.host}`, contact_email: "region@example.se" });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain("Ett av värdnamnen används redan av en annan kommun eller region");
    expect(taken.body).toContain(`value="region.test ${world.b.host}"`);
    const noContact = await post(base, { hosts: "region.test" });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.body).toContain('href="#f-contact_email"');
    expect((await post(base, { hosts: "region.test analys.region.test", contact_email: "region@example.se" })).statusCode).toBe(303);
    // The region's own pages have their own accessibility statement, with the contact given.
    const statement = await world.app.inject({ method: "GET", url: "/tillganglighet", headers: { host: world.region.host } });
    expect(statement.statusCode).toBe(200);
    expect(statement.body).toContain("Tillgänglighet för Lotsen – Business Region Örebro");
    expect(statement.body).toContain('href="mailto:region@example.se"');
    expect(statement.body).toContain("delvis förenlig");
    expect((await world.app.inject({ method: "GET", url: "/logga-in", headers: { host: "analys.region.test" } })).statusCode).toBe(200);
    expect((await get(world.adminA, "/system/regioner/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await get(world.adminA, "/system/regioner/inte-ett-id")).statusCode).toBe(404);
    const { buildUser, login: signIn } = await import("../../../test/helpers/factories.js");
    await buildUser(held.db.app, world.a, { roles: ["admin"], email: "kommunadmin@askersund.test" });
    const municipalAdmin = await signIn(world.app, world.a.host, "kommunadmin@askersund.test");
    expect((await get(municipalAdmin, base)).statusCode).toBe(403);
  });
});

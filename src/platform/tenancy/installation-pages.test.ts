import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, buildTestApp, buildUser, form, login, type Session, type TestMunicipality } from "../../../test/helpers/factories.js";
import { sql } from "kysely";
import { inScope } from "../db/database.js";
import { addMunicipality } from "./installation.js";

/** The installation's municipalities on the web: a system administrator adds one and sets each one's own. */
let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let system: Session;
let admin: Session;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
  await buildUser(db.app, askersund, { roles: ["system_admin"], email: "system@askersund.test" });
  await buildUser(db.app, askersund, { roles: ["admin"], email: "admin@askersund.test" });
  app = await buildTestApp(db.app);
  system = await login(app, askersund.host, "system@askersund.test");
  admin = await login(app, askersund.host, "admin@askersund.test");
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const post = (session: Session, url: string, values: Record<string, string>) =>
  app.inject({
    method: "POST",
    url,
    headers: { host: session.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...values, _csrf: session.csrf }),
  });
const get = (url: string, session?: Session, host = askersund.host) =>
  app.inject({ method: "GET", url, headers: { host, ...(session ? { cookie: session.cookie } : {}) } });

describe("the installation's municipalities", () => {
  it("are for a system administrator only: a municipality's administrator has neither the page nor the menu entry", async () => {
    const page = await get("/system/kommuner", system);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Laxå kommun");
    expect(page.body).toContain('<a href="/system/kommuner" aria-current="page">Kommuner</a>');
    expect((await get("/system/kommuner", admin)).statusCode).toBe(403);
    expect((await get("/", admin)).body).not.toContain('href="/system/kommuner"');
    expect((await post(admin, "/system/kommuner", { kommunkod: "1861", hosts: "hallsberg.test" })).statusCode).toBe(403);
  });

  it("gains one from SCB's codes, answering on its own host at once", async () => {
    const page = await get("/system/kommuner", system);
    expect(page.body).toContain('<option value="1861">Hallsberg (1861)</option>');
    expect(page.body).not.toContain('<option value="1860">');
    const added = await post(system, "/system/kommuner", { kommunkod: "1861", hosts: "hallsberg.test" });
    expect(added.statusCode).toBe(303);
    const home = await get("/", undefined, "hallsberg.test");
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain("Hallsbergs kommun");

    const again = await post(system, "/system/kommuner", { kommunkod: "1861", hosts: "hallsberg2.test" });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("Kommunen finns redan i installationen");
    const taken = await post(system, "/system/kommuner", { kommunkod: "1862", hosts: "laxa.test" });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('value="laxa.test"');
  });

  it("writes the municipality and its audit event in one transaction: a listed member taken into use says so, and a failed write leaves neither", async () => {
    // A member listed without a host, as the seed lists the region's twelve.
    const listed = await buildMunicipality(db.owner, { name: "Kumla kommun", kommunkod: "1881", host: "kumla-tillfallig.test" });
    await db.owner.updateTable("municipalities").set({ hosts: [] }).where("id", "=", listed.id).execute();
    expect((await post(system, "/system/kommuner", { kommunkod: "1881", hosts: "kumla.test" })).statusCode).toBe(303);
    const events = await inScope(db.app, listed.scope, (tx) =>
      tx.selectFrom("audit_events").select(["action", "actor_label"]).where("record_type", "=", "municipality").execute(),
    );
    expect(events).toEqual([{ action: "take_into_use", actor_label: expect.stringContaining("system@askersund.test") }]);
    // The audit write fails: the municipality is not left behind without it.
    await sql`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused'; end $$`.execute(db.owner);
    await sql`create trigger refuse_audit before insert on audit_events for each row execute function refuse_audit()`.execute(db.owner);
    try {
      await expect(addMunicipality(db.app, { kommunkod: "1883", hosts: ["lekeberg.test"] })).rejects.toThrow(/audit refused/);
    } finally {
      await sql`drop trigger refuse_audit on audit_events`.execute(db.owner);
      await sql`drop function refuse_audit()`.execute(db.owner);
    }
    expect(await db.owner.selectFrom("municipalities").select("id").where("kommunkod", "=", "1883").execute()).toEqual([]);
  });

  it("sets a municipality's sender, SMTP server and colour; the server's address is never shown again nor logged", async () => {
    const smtpUrl = "smtps://laxa:superhemligt@smtp.laxa.se";
    const saved = await post(system, `/system/kommuner/${laxa.id}`, {
      hosts: "laxa.test",
      mail_from: "Laxå kommun <naringsliv@laxa.se>",
      smtp_url: smtpUrl,
      brand_colour: "#1d4f2a",
    });
    expect(saved.statusCode).toBe(303);
    const page = await get(`/system/kommuner/${laxa.id}`, system);
    expect(page.body).toContain('value="Laxå kommun &lt;naringsliv@laxa.se>"');
    expect(page.body).toContain("Kommunen har en egen server");
    expect(page.body).not.toContain("superhemligt");
    expect((await get("/", undefined, laxa.host)).body).toContain("/assets/kommun.css?v=1d4f2a");

    const audit = await inScope(db.app, laxa.scope, (tx) =>
      tx.selectFrom("audit_events").select("changes").where("record_type", "=", "municipality").where("action", "=", "update").executeTakeFirstOrThrow(),
    );
    expect(JSON.stringify(audit.changes)).not.toContain("superhemligt");
    expect(audit.changes).toMatchObject({ smtp_url: { from: "[hidden]", to: "[hidden]" }, mail_from: { from: null, to: "Laxå kommun <naringsliv@laxa.se>" } });

    // Left blank, the stored server stays; ticked, the installation's server again.
    expect((await post(system, `/system/kommuner/${laxa.id}`, { hosts: "laxa.test", mail_from: "Laxå kommun <naringsliv@laxa.se>" })).statusCode).toBe(303);
    const stored = () => db.owner.selectFrom("municipalities").select("smtp_url_sealed").where("id", "=", laxa.id).executeTakeFirstOrThrow();
    expect((await stored()).smtp_url_sealed).not.toBeNull();
    expect((await post(system, `/system/kommuner/${laxa.id}`, { hosts: "laxa.test", smtp_reset: "on" })).statusCode).toBe(303);
    expect((await stored()).smtp_url_sealed).toBeNull();
  });

  it("names what is wrong and keeps the values: a sender that is no address, a server that is no SMTP URL, a host another has, no host", async () => {
    const response = await post(system, `/system/kommuner/${laxa.id}`, {
      hosts: "askersund.test",
      mail_from: "Laxå kommun",
      smtp_url: "https://smtp.laxa.se",
      brand_colour: "#cccccc",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Ange ”Avsändare” som en e-postadress");
    expect(response.body).toContain("Ange ”E-postserver (SMTP)” som en adress som börjar med smtp:// eller smtps://");
    expect(response.body).toContain("”Kommunens färg” är för ljus");
    expect(response.body).toContain('value="Laxå kommun"');
    const taken = await post(system, `/system/kommuner/${laxa.id}`, { hosts: "askersund.test" });
    expect(taken.statusCode).toBe(400);
    const none = await post(system, `/system/kommuner/${laxa.id}`, { hosts: "" });
    expect(none.statusCode).toBe(400);
    expect((await get("/", undefined, laxa.host)).statusCode).toBe(200);
  });
});

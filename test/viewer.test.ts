import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/db.js";
import { buildUser, login, type Session } from "./helpers/factories.js";
import { buildWorld, type World } from "./helpers/world.js";

let db: TestDatabase;
let world: World;
let viewer: Session;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await buildWorld(db);
  const user = await buildUser(db.app, world.a, { roles: ["viewer"], email: "politiker@askersund.test", name: "Petra Politiker" });
  viewer = await login(world.app, world.a.host, user.email);
});

afterAll(async () => {
  await world?.app.close();
  await db?.drop();
});

const get = (url: string) => world.app.inject({ method: "GET", url, headers: { host: world.a.host, cookie: viewer.cookie } });

describe("the viewer role (a politician, a manager)", () => {
  it("reads the programme, the desk's figures and the published follow-ups", async () => {
    const { programme, followUp } = world.records.a;
    for (const url of [
      `/admin/program/${programme}`,
      "/arenden/statistik",
      "/arenden/statistik.csv",
      `/uppfoljning/${followUp}`,
      "/foretag",
      "/kommunikation/utskick",
    ]) {
      expect((await get(url)).statusCode, url).toBe(200);
    }
    const start = await get("/");
    expect(start.body).toContain('href="/arenden/statistik"');
    expect(start.body).not.toContain('href="/arenden"');
  });

  it("reads no case, no case list and no business's contact details", async () => {
    const { case: caseId } = world.records.a;
    for (const url of ["/arenden", `/arenden/${caseId}`, "/arenden.csv", "/arenden/personuppgifter"]) {
      expect((await get(url)).statusCode, url).toBe(403);
    }
  });

  it("reads no subscriber list, no attendee and no contact person, though the pages they sit on open", async () => {
    const { subscriber, event, company, contact, visit } = world.records.a;
    for (const url of ["/kommunikation/prenumeranter", `/kommunikation/prenumeranter/${subscriber}`, `/kontakter/${contact}`]) {
      expect((await get(url)).statusCode, url).toBe(403);
    }
    const eventPage = await get(`/kommunikation/evenemang/${event}`);
    expect(eventPage.statusCode).toBe(200);
    expect(eventPage.body).not.toContain("Ada Deltagare");
    const companyPage = await get(`/foretag/${company}`);
    expect(companyPage.statusCode).toBe(200);
    expect(companyPage.body).not.toContain("Karin Kontakt");
    expect(companyPage.body).not.toContain("karin@bruket.se");
    const visitPage = await get(`/besok/${visit}`);
    expect(visitPage.statusCode).toBe(200);
    expect(visitPage.body).not.toContain("Karin Kontakt");

    // The same pages show the people to those who work with them.
    const admin = (url: string) => world.app.inject({ method: "GET", url, headers: { host: world.a.host, cookie: world.adminA.cookie } });
    expect((await admin(`/kommunikation/evenemang/${event}`)).body).toContain("Ada Deltagare");
    expect((await admin(`/foretag/${company}`)).body).toContain("Karin Kontakt");
    expect((await admin(`/besok/${visit}`)).body).toContain("Karin Kontakt");
  });
});

import type { FastifyInstance } from "fastify";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildDeskRecords, deskLinks } from "../../../test/helpers/desk.js";
import {
  buildMunicipality,
  buildTestApp,
  buildUnit,
  buildUser,
  form,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { seedDesk } from "./seed.js";
import * as desk from "./service.js";
import * as handling from "./handling-service.js";
import { exportRegister } from "./register-service.js";

let db: TestDatabase;
let app: FastifyInstance;
let askersund: TestMunicipality;
let registrar: Session;
let officer: Session;
let categoryId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  await seedDesk(db.app, askersund.scope, () => {});
  const unit = await buildUnit(db.app, askersund, { name: "Miljö och bygg" });
  categoryId = (await buildDeskRecords(db.app, askersund, { unitId: unit.id })).deskCategory;
  app = await buildTestApp(db.app);
  registrar = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["business_developer"] })).email);
  officer = await login(app, askersund.host, (await buildUser(db.app, askersund, { roles: ["case_officer"], unitIds: [unit.id] })).email);
  // The world's own case goes out first, so that each test below sees only its cases.
  await exportRegister(systemContext(db.app, askersund));
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

async function newCase(subject: string, company: string) {
  return desk.registerCase(
    systemContext(db.app, askersund),
    {
      org_number: "5560000001",
      company_name: company,
      name: "Petra Person",
      email: "petra@example.se",
      phone: null,
      category_id: categoryId,
      subject,
      description: "Se bifogat",
      channel: "mail",
      priority: "normal",
      language: "sv",
    },
    [],
    "sv",
    deskLinks(askersund),
  );
}

const post = (session: Session, url: string, fields: Record<string, string>) =>
  app.inject({
    method: "POST",
    url,
    headers: { host: askersund.host, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ ...fields, _csrf: session.csrf }),
  });
const csvOf = (body: string) => parse(body.replace(/^\uFEFF/, ""), { delimiter: ";" }) as string[][];

describe("the register of incoming cases", () => {
  it("withholds a subject's secret-marked words everywhere the register shows it, and refuses a word the subject lacks", async () => {
    const sale = await newCase("Försäljning av fastigheten Kärra 1:4 till Byggbolaget", "Kärra Fastigheter AB");
    const missing = await post(officer, `/arenden/${sale.id}/arendemening-sekretess`, { phrases: "Ladugården", reason: "OSL 19:1" });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("Varje ord måste stå i ärendemeningen");
    expect((await post(officer, `/arenden/${sale.id}/arendemening-sekretess`, { phrases: "kärra 1:4", reason: "" })).body).toContain(
      "Ange varför uppgiften omfattas av sekretess",
    );
    expect((await post(officer, `/arenden/${sale.id}/arendemening-sekretess`, { phrases: "kärra 1:4\nByggbolaget", reason: "OSL 19:1" })).statusCode).toBe(303);
    const page = await app.inject({ method: "GET", url: "/arenden/diarium?q=Försäljning", headers: { host: askersund.host, cookie: officer.cookie } });
    expect(page.body).toContain("Försäljning av fastigheten [sekretess] till [sekretess]");
    expect(page.body).not.toContain("Kärra 1:4 till");
    // A case officer searches the register but does not export it.
    expect(page.body).not.toContain('action="/arenden/diarium/export"');
    expect((await post(officer, "/arenden/diarium/export", { format: "csv" })).statusCode).toBe(403);

    const exported = await post(registrar, "/arenden/diarium/export", { format: "csv" });
    const rows = csvOf(exported.body);
    expect(rows[0]).toEqual(["Händelse", "Nummer", "Inkom", "Avsändare", "Organisationsnummer", "Ärendemening", "Enhet", "Avslutat", "Utfall", "Beslutsdag"]);
    expect(rows.slice(1).map((row) => [row[0], row[3], row[5]])).toEqual([
      ["Inkommet", "Kärra Fastigheter AB", "Försäljning av fastigheten [sekretess] till [sekretess]"],
    ]);
  });

  it("sends each case once when it came in and once when it closed, never twice and never missed, also when two exports run at once", async () => {
    const first = await newCase("Bygglov för ett lager", "Lagerbolaget AB");
    const second = await newCase("Serveringstillstånd", "Krogen i Hamnen AB");
    const ctx = systemContext(db.app, askersund);
    await handling.setStatus(ctx, first.id, "resolved");
    await handling.setStatus(ctx, first.id, "closed");

    const exported = csvOf((await post(registrar, "/arenden/diarium/export", { format: "csv" })).body).slice(1);
    expect(exported.map((row) => [row[0], row[1]])).toEqual([
      ["Inkommet", first.number],
      ["Avslutat", first.number],
      ["Inkommet", second.number],
    ]);
    expect(exported[1]![8]).toBe("Stängd");
    expect(csvOf((await post(registrar, "/arenden/diarium/export", { format: "csv" })).body)).toHaveLength(1);

    await handling.setStatus(ctx, second.id, "resolved");
    await handling.setStatus(ctx, second.id, "closed");
    const third = await newCase("Markupplåtelse för uteservering", "Glassbaren AB");
    // Two exports at the same moment share the work between them: every event exactly once.
    const both = await Promise.all([exportRegister(ctx), exportRegister(ctx)]);
    const events = both.flatMap((one) =>
      one.rows.flatMap((row) => [...(row.registers ? [`in ${row.number}`] : []), ...(row.closes ? [`closed ${row.number}`] : [])]),
    );
    expect(events.sort()).toEqual([`closed ${second.number}`, `in ${third.number}`].sort());

    // An earlier export again, as the documented JSON: the same cases, with what it carried of each.
    const page = await app.inject({ method: "GET", url: "/arenden/diarium", headers: { host: askersund.host, cookie: registrar.cookie } });
    expect(page.body).toContain("Nästa export: 0 nya ärenden och 0 avslut.");
    const carrying = both.find((one) => one.rows.length > 0)!;
    const json = await app.inject({
      method: "GET",
      url: `/arenden/diarium/utskick/${carrying.export.id}/diarium.json`,
      headers: { host: askersund.host, cookie: registrar.cookie },
    });
    const body = JSON.parse(json.body) as {
      format: string;
      export: { municipality: { kommunkod: string } };
      cases: Array<{ number: string; events: string[]; sender: string }>;
    };
    expect(body.format).toBe("lotsen-diarium/1");
    expect(body.export.municipality.kommunkod).toBe("1882");
    expect(body.cases.every((entry) => entry.events.length > 0 && entry.sender !== "")).toBe(true);
  });
});

import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildDeskRecords } from "../../../test/helpers/desk.js";
import {
  buildMunicipality,
  buildTestApp,
  buildUnit,
  buildUser,
  login,
  systemContext,
  type Session,
  type TestMunicipality,
} from "../../../test/helpers/factories.js";
import { inRegion } from "../../platform/db/database.js";
import { newId } from "../../platform/ids.js";
import { gatherContributions } from "../../platform/module.js";
import { seedDesk } from "../desk/seed.js";
import { lotsenModules } from "../index.js";
import { regionRows, regionValue } from "./aggregate.js";
import { refreshFigures, regionOverviewOf, thisYear } from "./service.js";
import { translator } from "../../platform/ui/i18n.js";
import { listMunicipalities, listRegions } from "../../platform/tenancy/repo.js";

describe("a region's figure from its members'", () => {
  it("sums counts and takes the mean of rates over the members that report, saying how many do", () => {
    expect(regionValue("sum", [3, null, 4])).toEqual({ value: 7, reporting: 2 });
    expect(regionValue("mean", [80, null, 91])).toEqual({ value: 85.5, reporting: 2 });
    expect(regionValue("mean", [1, 2, 2])).toEqual({ value: 1.7, reporting: 3 });
    expect(regionValue("sum", [null, null])).toEqual({ value: null, reporting: 0 });
  });

  it("compares a programme indicator only when two members at least share its name", () => {
    const figure = (municipality_id: string, key: string, value: number) => ({
      municipality_id,
      key,
      label: key,
      unit: null,
      aggregate: "mean" as const,
      value,
    });
    const rows = regionRows(
      ["a", "b"],
      ["desk.cases"],
      [
        { ...figure("a", "desk.cases", 2), aggregate: "sum" },
        { ...figure("b", "desk.cases", 5), aggregate: "sum" },
        figure("a", "programme:nöjdhet", 70),
        figure("b", "programme:nöjdhet", 80),
        figure("a", "programme:bara hos a", 1),
      ],
    );
    expect(rows.map((row) => [row.key, row.values, row.region, row.reporting])).toEqual([
      ["desk.cases", [2, 5], 7, 2],
      ["programme:nöjdhet", [70, 80], 75, 2],
    ]);
  });
});

describe("the region's page", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let askersund: TestMunicipality;
  let laxa: TestMunicipality;
  let outside: TestMunicipality;
  let analyst: Session;
  let officer: Session;
  const sources = gatherContributions(lotsenModules).indicatorSources ?? [];

  beforeAll(async () => {
    db = await createTestDatabase();
    askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
    laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
    outside = await buildMunicipality(db.owner, { name: "Utanför kommun", kommunkod: "1814", host: "utanfor.test" });
    // The third municipality belongs to another region.
    const other = newId();
    await db.owner.insertInto("regions").values({ id: other, name: "En annan region", slug: "annan" }).execute();
    await db.owner.updateTable("municipalities").set({ region_id: other }).where("id", "=", outside.id).execute();
    for (const [municipality, cases] of [
      [askersund, 1],
      [laxa, 2],
      [outside, 3],
    ] as const) {
      await seedDesk(db.app, municipality.scope, () => {});
      const unit = await buildUnit(db.app, municipality, { name: "Bygglov" });
      for (let n = 0; n < cases; n++) {
        await buildDeskRecords(db.app, municipality, { unitId: unit.id });
      }
      await refreshFigures(db.app, municipality.scope, sources);
    }
    await buildUser(db.app, askersund, { roles: ["regional_analyst"], email: "analytiker@askersund.test" });
    await buildUser(db.app, askersund, { roles: ["case_officer"], email: "handlaggare@askersund.test" });
    app = await buildTestApp(db.app);
    analyst = await login(app, askersund.host, "analytiker@askersund.test");
    officer = await login(app, askersund.host, "handlaggare@askersund.test");
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("gives every figure of the region as the sum or the mean of the members' own figures, computed directly, and none of another region's", async () => {
    const members = await listMunicipalities(db.app);
    const region = (await listRegions(db.app)).find((candidate) => candidate.id === members.find((one) => one.id === askersund.id)?.region_id)!;
    const overview = await regionOverviewOf(db.app, systemContext(db.app, askersund).actor, region, sources, thisYear(), members);
    expect(overview.members.map((member) => member.name)).toEqual(["Askersunds kommun", "Laxå kommun"]);
    const cases = overview.rows.find((row) => row.key === "desk.cases")!;
    expect(cases.values).toEqual([1, 2]);
    expect(cases.region).toBe(3);
    for (const row of overview.rows.filter((candidate) => !candidate.key.startsWith("programme:"))) {
      const source = sources.find((candidate) => candidate.key === row.key)!;
      const direct = [await source.value(db.app, askersund.scope, thisYear()), await source.value(db.app, laxa.scope, thisYear())];
      expect(row.values, row.key).toEqual(direct);
      const reported = direct.filter((value): value is number => value !== null);
      const expected =
        reported.length === 0 ? null : source.aggregate === "sum" ? reported.reduce((a, b) => a + b, 0) : reported.reduce((a, b) => a + b, 0) / reported.length;
      expect(row.region, row.key).toBe(expected === null ? null : Math.round(expected * 10) / 10);
      expect(row.reporting, row.key).toBe(reported.length);
    }
  });

  it("reads in a transaction bound to the region, which sees the members' figures and no record at all", async () => {
    const regionId = (await db.owner.selectFrom("municipalities").select("region_id").where("id", "=", askersund.id).executeTakeFirstOrThrow()).region_id!;
    const seen = await inRegion(db.app, regionId, async (tx) => ({
      figures: await sql<{ municipality_id: string }>`select distinct municipality_id from region_figures`.execute(tx),
      cases: await sql<{ n: number }>`select count(*)::int as n from desk_cases`.execute(tx),
      users: await sql<{ n: number }>`select count(*)::int as n from users`.execute(tx),
    }));
    expect(seen.figures.rows.map((row) => row.municipality_id).sort()).toEqual([askersund.id, laxa.id].sort());
    expect(seen.cases.rows[0]!.n).toBe(0);
    expect(seen.users.rows[0]!.n).toBe(0);
    // Nor may it write one.
    await expect(
      inRegion(db.app, regionId, (tx) =>
        sql`insert into region_figures (municipality_id, year, key, aggregate, value) values (${laxa.id}, 2020, 'desk.cases', 'sum', 99)`.execute(tx),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("shows a regional analyst the members side by side, with no case, and keeps other staff out", async () => {
    const page = await app.inject({ method: "GET", url: "/region", headers: { host: askersund.host, cookie: analyst.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Laxå kommun");
    expect(page.body).not.toContain("Utanför kommun");
    expect(page.body).toContain("2 av 2");
    expect(page.body).not.toContain("Tea Testare");
    expect((await app.inject({ method: "GET", url: "/region", headers: { host: askersund.host, cookie: officer.cookie } })).statusCode).toBe(403);
  });

  it("shows the figures anew once the job computes them again, though their rendering is kept between", async () => {
    const t = translator("sv");
    const label = t(sources.find((source) => source.key === "desk.cases")!.label);
    expect(label).not.toBe("desk.cases");
    const casesRow = async () => {
      const page = await app.inject({ method: "GET", url: "/region", headers: { host: askersund.host, cookie: analyst.cookie } });
      const row = page.body.split("<tr>").find((candidate) => candidate.includes(`<th scope="row">${label}</th>`));
      return row?.match(/<td class="numeric">([^<]*)</g)?.map((cell) => cell.replace(/<td class="numeric">|</g, "").trim());
    };
    const before = await casesRow();
    expect(before?.slice(0, 3)).toEqual(["1", "2", "3"]);
    expect(await casesRow()).toEqual(before);
    await buildDeskRecords(db.app, laxa, { unitId: (await buildUnit(db.app, laxa, { name: "Miljö" })).id });
    expect(await casesRow()).toEqual(before);
    await refreshFigures(db.app, laxa.scope, sources);
    expect((await casesRow())?.slice(0, 3)).toEqual(["1", "3", "4"]);
  });
});

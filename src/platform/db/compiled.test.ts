import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, type TestMunicipality } from "../../../test/helpers/factories.js";
import { compiledOnce } from "./compiled.js";
import { inScope } from "./database.js";

let db: TestDatabase;
let askersund: TestMunicipality;
let laxa: TestMunicipality;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
});

afterAll(async () => {
  await db.drop();
});

describe("a query compiled once", () => {
  it("is built once and run with each call's values, the constants it was built with kept", async () => {
    let built = 0;
    const named = compiledOnce((tx, values: { id: string; code: string }) => {
      built += 1;
      return tx
        .selectFrom("municipalities")
        .select("name")
        .where("id", "=", values.id)
        .where("kommunkod", "=", values.code)
        .where("name", "<>", "Ingen kommun");
    });
    const run = (id: string, code: string) => inScope(db.app, askersund.scope, (tx) => named(tx, { id, code }));
    expect(await run(askersund.scope.municipalityId, "1882")).toEqual([{ name: "Askersunds kommun" }]);
    expect(await run(laxa.scope.municipalityId, "1860")).toEqual([{ name: "Laxå kommun" }]);
    expect(await run(laxa.scope.municipalityId, "1882")).toEqual([]);
    expect(built).toBe(1);
    // Prepared by name on the connection, so the database plans it once there rather than on every run.
    const prepared = await inScope(db.app, askersund.scope, async (tx) => {
      await named(tx, { id: askersund.scope.municipalityId, code: "1882" });
      return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(tx)).rows;
    });
    expect(prepared.some((statement) => statement.name.startsWith("lotsen_") && statement.statement.includes('"kommunkod" = $2'))).toBe(true);
  });

  it("refuses a query that does not take a value as a whole, where a value goes", async () => {
    const broken = compiledOnce((tx, values: { code: string }) => tx.selectFrom("municipalities").select("name").where("kommunkod", "=", `${values.code}`));
    await expect(inScope(db.app, askersund.scope, (tx) => broken(tx, { code: "1882" }))).rejects.toThrow("code not used as a value");
  });
});

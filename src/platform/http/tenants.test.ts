import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality } from "../../../test/helpers/factories.js";
import { TenantDirectory } from "./tenants.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => db.drop());

describe("finding the municipality of a request", () => {
  it("answers on any host while the installation's one municipality has no host, on its hosts only once set, and by host with two", async () => {
    const askersund = await buildMunicipality(db.owner, { name: "Askersunds kommun", kommunkod: "1882", host: "askersund.test" });
    const directory = new TenantDirectory(db.app, 0);
    await db.owner.updateTable("municipalities").set({ hosts: [] }).where("id", "=", askersund.id).execute();
    expect((await directory.resolve("localhost:3000"))?.id).toBe(askersund.id);
    expect((await directory.resolve(undefined))?.id).toBe(askersund.id);
    await db.owner
      .updateTable("municipalities")
      .set({ hosts: ["askersund.test"] })
      .where("id", "=", askersund.id)
      .execute();
    expect(await directory.resolve("evil.example")).toBeUndefined();
    expect(await directory.resolve(undefined)).toBeUndefined();
    expect((await directory.resolve("askersund.test:8080"))?.id).toBe(askersund.id);
    const laxa = await buildMunicipality(db.owner, { name: "Laxå kommun", kommunkod: "1860", host: "laxa.test" });
    expect((await directory.resolve("LAXA.test:443"))?.id).toBe(laxa.id);
    expect((await directory.resolve("askersund.test."))?.id).toBe(askersund.id);
    expect(await directory.resolve("localhost:3000")).toBeUndefined();
  });
});

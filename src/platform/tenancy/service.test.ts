import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, buildUnit, buildUser, systemContext, type TestMunicipality } from "../../../test/helpers/factories.js";
import { AppError } from "../errors.js";
import * as tenancy from "./service.js";
import { listAuditEvents } from "../audit/service.js";

let db: TestDatabase;
let askersund: TestMunicipality;
let laxa: TestMunicipality;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { kommunkod: "1860", host: "laxa.test" });
});

afterAll(async () => db.drop());

const fieldsOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) {
      return { status: error.status, fields: error.fields };
    }
    throw error;
  }
  throw new Error("expected an error");
};

describe("organisation units", () => {
  it("keeps departments, sections and teams as a tree in Swedish order", async () => {
    const ctx = systemContext(db.app, askersund);
    const department = await buildUnit(db.app, askersund, { name: "Socialförvaltningen" });
    await buildUnit(db.app, askersund, { name: "Äldreomsorg", kind: "section", parentId: department.id });
    await buildUnit(db.app, askersund, { name: "Arbetsmarknad", kind: "section", parentId: department.id });
    const tree = (await tenancy.listUnits(ctx)).filter((unit) => unit.id === department.id || unit.parent_id === department.id);
    expect(tree.map((unit) => [unit.name, unit.depth])).toEqual([
      ["Socialförvaltningen", 0],
      ["Arbetsmarknad", 1],
      ["Äldreomsorg", 1],
    ]);
  });

  it("refuses to put a unit under itself or under one of its own sub-units", async () => {
    const ctx = systemContext(db.app, askersund);
    const top = await buildUnit(db.app, askersund, { name: "Topp" });
    const child = await buildUnit(db.app, askersund, { name: "Barn", parentId: top.id, kind: "section" });
    expect(await fieldsOf(tenancy.updateUnit(ctx, top.id, { name: "Topp", kind: "department", parent_id: child.id, manager_id: null }))).toEqual({
      status: 400,
      fields: [{ path: "parent_id", message: "unit_cycle" }],
    });
  });

  it("refuses a parent or a manager from another municipality", async () => {
    const ctx = systemContext(db.app, askersund);
    const foreignUnit = await buildUnit(db.app, laxa, { name: "Laxås enhet" });
    const foreignUser = await buildUser(db.app, laxa, { roles: ["viewer"] });
    expect((await fieldsOf(tenancy.createUnit(ctx, { name: "X", kind: "section", parent_id: foreignUnit.id, manager_id: null }))).fields).toEqual([
      { path: "parent_id", message: "invalid_choice" },
    ]);
    expect((await fieldsOf(tenancy.createUnit(ctx, { name: "Y", kind: "section", parent_id: null, manager_id: foreignUser.id }))).fields).toEqual([
      { path: "manager_id", message: "invalid_choice" },
    ]);
  });

  it("refuses two units of the same name under the same parent, even at the top", async () => {
    const ctx = systemContext(db.app, askersund);
    await buildUnit(db.app, askersund, { name: "Kulturförvaltningen" });
    expect(await fieldsOf(tenancy.createUnit(ctx, { name: "Kulturförvaltningen", kind: "department", parent_id: null, manager_id: null }))).toEqual({
      status: 409,
      fields: [{ path: "name", message: "name_taken" }],
    });
  });

  it("gives a unit a manager and records the change in the audit log with the values", async () => {
    const ctx = systemContext(db.app, askersund);
    const unit = await buildUnit(db.app, askersund, { name: "Bygglov" });
    const manager = await buildUser(db.app, askersund, { roles: ["case_officer"] });
    await tenancy.updateUnit(ctx, unit.id, { name: "Bygglov", kind: "department", parent_id: null, manager_id: manager.id });
    const { rows } = await listAuditEvents(ctx, { recordType: "org_unit", recordId: unit.id, page: 1, pageSize: 10 });
    expect(rows.map((row) => row.action)).toEqual(["update", "create"]);
    expect(rows[0]?.changes).toEqual({ manager_id: { from: null, to: manager.id } });
  });

  it("does not delete a unit that has sub-units", async () => {
    const ctx = systemContext(db.app, askersund);
    const top = await buildUnit(db.app, askersund, { name: "Förälder" });
    await buildUnit(db.app, askersund, { name: "Underenhet", parentId: top.id, kind: "team" });
    expect((await fieldsOf(tenancy.deleteUnit(ctx, top.id))).status).toBe(409);
  });
});

describe("settings", () => {
  it("refuses a host name another municipality answers on", async () => {
    const ctx = systemContext(db.app, askersund);
    expect(
      (
        await fieldsOf(
          tenancy.updateSettings(ctx, {
            name: "Askersunds kommun",
            hosts: ["laxa.test"],
            contact_email: null,
            accessibility_compliance: "partial",
            accessibility_non_compliant: "",
            accessibility_assessment_method: "",
            accessibility_assessed_on: null,
            accessibility_updated_on: null,
            accessibility_feedback: "",
          }),
        )
      ).fields,
    ).toEqual([{ path: "hosts", message: "host_taken" }]);
  });
});

describe("host names", () => {
  it("are held unique by the database, not only by a check in the code", async () => {
    const write = db.owner
      .updateTable("municipalities")
      .set({ hosts: ["laxa.test", "nytt.askersund.test"] })
      .where("id", "=", askersund.id)
      .execute();
    await expect(write).rejects.toMatchObject({ code: "23505", constraint: "municipality_hosts_pkey" });
    await db.owner
      .updateTable("municipalities")
      .set({ hosts: ["askersund.test", "www.askersund.test"] })
      .where("id", "=", askersund.id)
      .execute();
    const rows = await db.owner
      .selectFrom("municipality_hosts")
      .select(["host", "municipality_id"])
      .where("municipality_id", "=", askersund.id)
      .orderBy("host")
      .execute();
    expect(rows.map((row) => row.host)).toEqual(["askersund.test", "www.askersund.test"]);
  });

  it("answers a host another municipality has as a field error, never a 500", async () => {
    const ctx = systemContext(db.app, laxa);
    const result = await fieldsOf(
      tenancy.updateSettings(ctx, {
        name: "Laxå kommun",
        hosts: ["laxa.test", "www.askersund.test"],
        contact_email: null,
        accessibility_compliance: "partial",
        accessibility_non_compliant: "",
        accessibility_assessment_method: "",
        accessibility_assessed_on: null,
        accessibility_updated_on: null,
        accessibility_feedback: "",
      }),
    );
    expect(result).toEqual({ status: 409, fields: [{ path: "hosts", message: "host_taken" }] });
  });
});

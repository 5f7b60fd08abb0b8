import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { buildMunicipality, buildParty, buildUnit, buildUser, systemContext, type TestMunicipality } from "../../../test/helpers/factories.js";
import { buildProgramme, buildStatuses } from "../../../test/helpers/programme.js";
import type { Actor } from "../../platform/auth/roles.js";
import { listAuditEvents } from "../../platform/audit/service.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import * as actions from "./action-service.js";
import * as followUps from "./follow-up-service.js";
import * as indicators from "./indicator-service.js";
import * as programmes from "./service.js";
import * as copying from "./copy-service.js";
import * as statusService from "./status-service.js";

let db: TestDatabase;
let askersund: TestMunicipality;
let laxa: TestMunicipality;
let statuses: Awaited<ReturnType<typeof buildStatuses>>;

beforeAll(async () => {
  db = await createTestDatabase();
  askersund = await buildMunicipality(db.owner, { kommunkod: "1882", host: "askersund.test" });
  laxa = await buildMunicipality(db.owner, { kommunkod: "1860", host: "laxa.test" });
  statuses = await buildStatuses(db.app, askersund);
});

afterAll(async () => db.drop());

const problemOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) {
      return { status: error.status, fields: error.fields.map((field) => `${field.path}:${field.message}`) };
    }
    throw error;
  }
  throw new Error("expected an error");
};

const system = () => systemContext(db.app, askersund);
const as = (user: { id: string; name: string; email: string; roles: string[] }): OperationContext => ({
  db: db.app,
  scope: askersund.scope,
  actor: {
    kind: "user",
    id: user.id,
    municipalityId: askersund.id,
    name: user.name,
    email: user.email,
    roles: user.roles as Extract<Actor, { kind: "user" }>["roles"],
    unitIds: [],
    via: "session",
    mustChangePassword: false,
    mustEnrolSecondFactor: false,
  },
});

const actionInput = (focusAreaId: string, overrides: Partial<Parameters<typeof actions.createAction>[2]> = {}) => ({
  focus_area_id: focusAreaId,
  title: "Företagsbesök",
  description: "",
  responsible: null,
  contributors: [],
  owner_id: null,
  start_date: null,
  end_date: null,
  status_id: statuses.open,
  progress: null,
  weight: 1,
  position: null,
  ...overrides,
});

describe("programmes against PostgreSQL", () => {
  it("rolls progress up by weight per focus area and for the programme, and a new status sets its default progress", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund);
    const other = await programmes.saveFocusArea(system(), { programmeId: programme.id }, { name: "Kommunikation", description: "", position: null });
    const heavy = await actions.createAction(system(), programme.id, actionInput(area.id, { weight: 3 }));
    await actions.createAction(system(), programme.id, actionInput(area.id, { status_id: statuses.done }));
    await actions.addActionUpdate(system(), heavy.id, { status_id: statuses.started, progress: null, text: "", year: null });
    const detail = await programmes.getProgramme(system(), programme.id);
    expect(detail.actions.find((action) => action.id === heavy.id)?.progress).toBe(25);
    expect(detail.focusAreas.find((candidate) => candidate.id === area.id)?.progress).toBe((25 * 3 + 100) / 4);
    expect(detail.focusAreas.find((candidate) => candidate.id === other.id)?.progress).toBeNull();
    expect(detail.progress).toBe((25 * 3 + 100) / 4);
  });

  it("locks an adopted programme's structure but keeps follow-up open; an unlock needs an administrator and records the reason", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund);
    const action = await actions.createAction(system(), programme.id, actionInput(area.id));
    const indicator = await indicators.createIndicator(system(), programme.id, {
      name: "Betyg",
      description: "",
      unit: "",
      focus_area_id: null,
      direction: "higher",
      baseline_value: null,
      baseline_year: null,
      source: "manual",
      owner_id: null,
      position: null,
      targets: [],
    });
    await programmes.adoptProgramme(system(), programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2024-02-01" });

    expect(await problemOf(actions.createAction(system(), programme.id, actionInput(area.id)))).toEqual({
      status: 409,
      fields: ["programme:programme.programme_locked"],
    });
    expect(await problemOf(programmes.saveFocusArea(system(), { id: area.id }, { name: "Nytt namn", description: "", position: null }))).toEqual({
      status: 409,
      fields: ["programme:programme.programme_locked"],
    });
    expect(
      await problemOf(
        indicators.updateIndicator(system(), indicator.id, {
          name: "Betyg",
          description: "",
          unit: "",
          focus_area_id: null,
          direction: "higher",
          baseline_value: null,
          baseline_year: null,
          source: "manual",
          owner_id: null,
          position: null,
          targets: [{ year: 2025, value: 4 }],
        }),
      ),
    ).toEqual({ status: 409, fields: ["programme:programme.programme_locked"] });

    const followed = await actions.addActionUpdate(system(), action.id, { status_id: statuses.started, progress: 40, text: "Igång", year: 2024 });
    expect(followed.progress).toBe(40);
    expect((await indicators.setValue(system(), indicator.id, { year: 2024, quarter: 2, value: 3.9, comment: "" })).values).toHaveLength(1);

    const developer = await buildUser(db.app, askersund, { roles: ["business_developer"] });
    expect((await problemOf(programmes.unlockProgramme(as(developer), programme.id, "Rättelse"))).status).toBe(403);
    const admin = await buildUser(db.app, askersund, { roles: ["admin"] });
    await programmes.unlockProgramme(as(admin), programme.id, "Fullmäktige ändrade en åtgärd");
    await actions.createAction(system(), programme.id, actionInput(area.id, { title: "Ny åtgärd efter beslut" }));
    const events = await listAuditEvents(systemContext(db.app, askersund), { recordId: programme.id, page: 1, pageSize: 50 });
    expect(events.rows.find((event) => event.action === "unlock")?.changes).toEqual({ reason: { from: null, to: "Fullmäktige ändrade en åtgärd" } });
  });

  it("copies to a new period: open actions with status reset and empty log, indicators rebased without targets; the old programme unchanged", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund, { start: 2020, end: 2023 });
    const open = await actions.createAction(system(), programme.id, actionInput(area.id, { title: "Pågående" }));
    await actions.addActionUpdate(system(), open.id, { status_id: statuses.started, progress: 60, text: "Mycket gjort", year: 2022 });
    await actions.createAction(system(), programme.id, actionInput(area.id, { title: "Klar", status_id: statuses.done }));
    const indicator = await indicators.createIndicator(system(), programme.id, {
      name: "Betyg",
      description: "",
      unit: "",
      focus_area_id: area.id,
      direction: "higher",
      baseline_value: 3,
      baseline_year: 2019,
      source: "manual",
      owner_id: null,
      position: null,
      targets: [{ year: 2023, value: 4 }],
    });
    await indicators.setValue(system(), indicator.id, { year: 2022, quarter: null, value: 3.6, comment: "" });
    await indicators.setValue(system(), indicator.id, { year: 2023, quarter: 2, value: 3.7, comment: "" });
    await programmes.adoptProgramme(system(), programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });
    const published = await followUps.publishFollowUp(system(), programme.id, { year: 2022, correction_note: "" });
    const before = JSON.stringify(await programmes.getProgramme(system(), programme.id));

    const copy = await copying.copyProgramme(system(), programme.id, { name: "Näringslivsprogram 2024–2027", start_year: 2024, end_year: 2027 });
    const copied = await programmes.getProgramme(system(), copy.id);
    expect(copied.programme).toMatchObject({ status: "draft", previous_id: programme.id, start_year: 2024, end_year: 2027 });
    expect(copied.focusAreas.map((candidate) => candidate.name)).toEqual(["Företagsklimat"]);
    expect(copied.actions.map((action) => ({ title: action.title, status: action.status_id, progress: action.progress, log: action.updates.length }))).toEqual([
      { title: "Pågående", status: statuses.open, progress: 0, log: 0 },
    ]);
    expect(
      copied.indicators.map((candidate) => ({
        baseline: candidate.baseline_value,
        year: candidate.baseline_year,
        targets: candidate.targets.length,
        values: candidate.values.length,
      })),
    ).toEqual([{ baseline: 3.7, year: 2023, targets: 0, values: 0 }]);
    expect(JSON.stringify(await programmes.getProgramme(system(), programme.id))).toBe(before);
    expect((await followUps.getFollowUp(db.app, askersund.scope, published.id)).snapshot.focus_areas[0]?.actions[0]?.note).toBe("Mycket gjort");
  });

  it("publishes an immutable snapshot; a correction is a new revision that must say what it corrects", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund, { start: 2020, end: 2023 });
    const action = await actions.createAction(system(), programme.id, actionInput(area.id));
    await actions.addActionUpdate(system(), action.id, { status_id: statuses.started, progress: null, text: "Första noten", year: 2022 });
    expect(await problemOf(followUps.publishFollowUp(system(), programme.id, { year: 2022, correction_note: "" }))).toEqual({
      status: 409,
      fields: ["year:programme.publish_needs_adopted"],
    });
    await programmes.adoptProgramme(system(), programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });
    await followUps.saveSummaries(system(), programme.id, { year: 2022, summaries: [{ focus_area_id: area.id, text: "Ett bra år" }] });
    const first = await followUps.publishFollowUp(system(), programme.id, { year: 2022, correction_note: "" });

    await actions.addActionUpdate(system(), action.id, { status_id: statuses.done, progress: null, text: "Rättad not", year: 2022 });
    expect(await problemOf(followUps.publishFollowUp(system(), programme.id, { year: 2022, correction_note: "" }))).toEqual({
      status: 400,
      fields: ["correction_note:programme.correction_note_required"],
    });
    const second = await followUps.publishFollowUp(system(), programme.id, { year: 2022, correction_note: "Noten för företagsbesök" });

    const one = await followUps.getFollowUp(db.app, askersund.scope, first.id);
    const two = await followUps.getFollowUp(db.app, askersund.scope, second.id);
    expect([one.revision, two.revision]).toEqual([1, 2]);
    expect(one.snapshot.focus_areas[0]).toMatchObject({ summary: "Ett bra år", actions: [{ note: "Första noten", status: "Påbörjad", progress: 25 }] });
    expect(two.snapshot.focus_areas[0]?.actions[0]).toMatchObject({ note: "Rättad not", status: "Genomförd", progress: 100 });
    expect(two.revisions.map((revision) => revision.revision)).toEqual([2, 1]);
    // Not even the owner role, which row-level security also binds, can change or remove it.
    await expect(
      inScope(db.owner, askersund.scope, (tx) => sql`update programme_follow_ups set snapshot = '{}' where id = ${first.id}`.execute(tx)),
    ).rejects.toThrow(/cannot be changed/);
    await expect(inScope(db.owner, askersund.scope, (tx) => sql`delete from programme_follow_ups where id = ${first.id}`.execute(tx))).rejects.toThrow(
      /cannot be changed/,
    );
  });

  it("lets an owner report on their own action and indicator only, and lists what they still have to report", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund, { start: 2020, end: 2023 });
    const owner = await buildUser(db.app, askersund, { roles: ["case_officer"] });
    const stranger = await buildUser(db.app, askersund, { roles: ["case_officer"] });
    const mine = await actions.createAction(system(), programme.id, actionInput(area.id, { title: "Min åtgärd", owner_id: owner.id }));
    const indicator = await indicators.createIndicator(system(), programme.id, {
      name: "Mitt mått",
      description: "",
      unit: "",
      focus_area_id: null,
      direction: "lower",
      baseline_value: null,
      baseline_year: null,
      source: "manual",
      owner_id: owner.id,
      position: null,
      targets: [],
    });
    await programmes.adoptProgramme(system(), programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });

    expect(
      (await followUps.reportingTasks(as(owner))).map((task) => ({
        year: task.year,
        actions: task.actions.map((a) => a.name),
        indicators: task.indicators.map((i) => i.name),
      })),
    ).toEqual([{ year: 2023, actions: ["Min åtgärd"], indicators: ["Mitt mått"] }]);
    expect(
      (await problemOf(actions.addActionUpdate(as(stranger), mine.id, { status_id: statuses.started, progress: null, text: "Inte min", year: 2023 }))).status,
    ).toBe(403);
    expect((await problemOf(indicators.setValue(as(stranger), indicator.id, { year: 2023, quarter: null, value: 1, comment: "" }))).status).toBe(403);
    await actions.addActionUpdate(as(owner), mine.id, { status_id: statuses.started, progress: null, text: "Gjort i år", year: 2023 });
    await indicators.setValue(as(owner), indicator.id, { year: 2023, quarter: null, value: 12, comment: "" });
    expect(await followUps.reportingTasks(as(owner))).toEqual([]);
    expect(
      (await followUps.reportingOverview(as(owner))).map((entry) => [...entry.actions, ...entry.indicators].map((item) => [item.name, item.reported])),
    ).toEqual([
      [
        ["Min åtgärd", true],
        ["Mitt mått", true],
      ],
    ]);
    expect((await problemOf(actions.updateAction(as(owner), mine.id, actionInput(area.id)))).status).toBe(403);
  });

  it("checks every reference in the municipality's scope: another municipality's party, unit or staff is refused", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund);
    const foreignUnit = await buildUnit(db.app, laxa);
    const foreignParty = await buildParty(db.app, laxa);
    const foreignUser = await buildUser(db.app, laxa, { roles: ["admin"] });
    expect(
      await problemOf(
        actions.createAction(
          system(),
          programme.id,
          actionInput(area.id, { responsible: `unit:${foreignUnit.id}`, contributors: [`party:${foreignParty.id}`], owner_id: foreignUser.id }),
        ),
      ),
    ).toEqual({
      status: 400,
      fields: ["responsible:invalid_choice", "contributors:invalid_choice", "owner_id:invalid_choice"],
    });
    expect(
      await problemOf(
        programmes.updateProgramme(system(), programme.id, {
          name: programme.name,
          start_year: 2024,
          end_year: 2027,
          purpose: "",
          vision: "",
          goal: "",
          party_ids: [foreignParty.id],
        }),
      ),
    ).toEqual({ status: 400, fields: ["party_ids:invalid_choice"] });
    await expect(programmes.getProgramme(systemContext(db.app, laxa), programme.id)).rejects.toThrow(/not_found/);
  });

  it("keeps a status that actions use, and a value only for a year the programme can have", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund);
    await actions.createAction(system(), programme.id, actionInput(area.id));
    expect(await problemOf(statusService.deleteStatus(system(), statuses.open))).toEqual({ status: 409, fields: ["id:programme.status_in_use"] });
    const indicator = await indicators.createIndicator(system(), programme.id, {
      name: "Mått",
      description: "",
      unit: "",
      focus_area_id: null,
      direction: "higher",
      baseline_value: null,
      baseline_year: null,
      source: "manual",
      owner_id: null,
      position: null,
      targets: [],
    });
    expect(await problemOf(indicators.setValue(system(), indicator.id, { year: 2031, quarter: null, value: 1, comment: "" }))).toEqual({
      status: 400,
      fields: ["year:programme.year_outside_period"],
    });
    expect(
      await problemOf(
        indicators.updateIndicator(system(), indicator.id, {
          name: "Mått",
          description: "",
          unit: "",
          focus_area_id: null,
          direction: "higher",
          baseline_value: null,
          baseline_year: null,
          source: "manual",
          owner_id: null,
          position: null,
          targets: [{ year: 2019, value: 1 }],
        }),
      ),
    ).toEqual({ status: 400, fields: ["targets:programme.year_outside_period"] });
  });

  it("deletes a draft but never an adopted programme", async () => {
    const { programme } = await buildProgramme(db.app, askersund);
    await programmes.adoptProgramme(system(), programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2024-01-01" });
    expect(await problemOf(programmes.deleteProgramme(system(), programme.id))).toEqual({ status: 409, fields: ["status:programme.only_draft_deleted"] });
    const draft = await buildProgramme(db.app, askersund, { name: "Utkast" });
    await programmes.deleteProgramme(system(), draft.programme.id);
    await expect(programmes.getProgramme(system(), draft.programme.id)).rejects.toThrow(/not_found/);
  });
});

describe("the public read model", () => {
  it("is rewritten with every change, so the public page equals the live programme without logs and staff names", async () => {
    const ctx = system();
    const unit = await buildUnit(db.app, askersund, { name: "Bygglovsgruppen" });
    const owner = await buildUser(db.app, askersund, { roles: ["case_officer"] });
    const { programme, area } = await buildProgramme(db.app, askersund, { start: 2020, end: 2023 });
    const publicView = async () => {
      const { actions: publicActions, indicators: publicIndicators, ...rest } = await programmes.getPublicProgramme(db.app, askersund.scope, programme.id);
      return {
        ...rest,
        actions: publicActions.map((action) => ({ ...action, updates: [], owner_name: null })),
        indicators: publicIndicators.map((indicator) => ({ ...indicator, owner_name: null })),
      };
    };
    const liveView = async () => {
      const { actions: liveActions, indicators: liveIndicators, followUps, ...rest } = await programmes.getProgramme(ctx, programme.id);
      return {
        ...rest,
        followUps: followUps.map((followUp) => ({ ...followUp, published_by_name: null })),
        actions: liveActions.map((action) => ({ ...action, updates: [], owner_name: null })),
        indicators: liveIndicators.map((indicator) => ({ ...indicator, owner_name: null })),
      };
    };
    const action = await actions.createAction(ctx, programme.id, actionInput(area.id, { responsible: `unit:${unit.id}`, owner_id: owner.id }));
    const indicator = await indicators.createIndicator(ctx, programme.id, {
      name: "Dagar",
      description: "",
      unit: "dagar",
      focus_area_id: area.id,
      direction: "lower",
      baseline_value: 31,
      baseline_year: 2019,
      source: "manual",
      owner_id: owner.id,
      position: null,
      targets: [{ year: 2022, value: 25 }],
    });
    await expect(programmes.getPublicProgramme(db.app, askersund.scope, programme.id)).rejects.toThrow(/not_found/);
    await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });
    await actions.addActionUpdate(ctx, action.id, { status_id: statuses.started, progress: 40, text: "Not", year: 2022 });
    await indicators.setValue(ctx, indicator.id, { year: 2022, quarter: null, value: 24, comment: "" });
    await followUps.publishFollowUp(ctx, programme.id, { year: 2022, correction_note: "" });
    expect(JSON.parse(JSON.stringify(await publicView()))).toEqual(JSON.parse(JSON.stringify(await liveView())));
    expect((await programmes.getPublicProgramme(db.app, askersund.scope, programme.id)).actions[0]).toMatchObject({
      progress: 40,
      responsible: { name: "Bygglovsgruppen" },
      updates: [],
      owner_name: null,
    });

    // A unit renamed outside the programme shows its new name at once.
    const tenancy = await import("../../platform/tenancy/service.js");
    await tenancy.updateUnit(ctx, unit.id, { name: "Bygglov och tillsyn", kind: "team", parent_id: null, manager_id: null });
    expect((await programmes.getPublicProgramme(db.app, askersund.scope, programme.id)).actions[0]?.responsible?.name).toBe("Bygglov och tillsyn");
  });
});

describe("archiving", () => {
  it("closes an archived programme to follow-up, and restores it as adopted with its adoption kept", async () => {
    const { programme, area } = await buildProgramme(db.app, askersund);
    const action = await actions.createAction(system(), programme.id, actionInput(area.id));
    await programmes.adoptProgramme(system(), programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2024-02-01" });
    await programmes.archiveProgramme(system(), programme.id);
    expect(await problemOf(actions.addActionUpdate(system(), action.id, { status_id: statuses.started, progress: null, text: "", year: null }))).toEqual({
      status: 409,
      fields: ["programme:programme.programme_archived"],
    });
    expect(await problemOf(programmes.unlockProgramme(system(), programme.id, "Rättelse"))).toEqual({ status: 409, fields: ["status:programme.not_locked"] });
    const restored = await programmes.restoreProgramme(system(), programme.id);
    expect(restored).toMatchObject({ status: "adopted", adopted_by: "Kommunfullmäktige", adopted_on: "2024-02-01" });
    expect((await actions.addActionUpdate(system(), action.id, { status_id: statuses.started, progress: null, text: "", year: null })).progress).toBe(25);
  });
});

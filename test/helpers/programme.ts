import type { Db } from "../../src/platform/db/database.js";
import * as actions from "../../src/modules/programme/action-service.js";
import * as followUps from "../../src/modules/programme/follow-up-service.js";
import * as indicators from "../../src/modules/programme/indicator-service.js";
import * as programmes from "../../src/modules/programme/service.js";
import * as statuses from "../../src/modules/programme/status-service.js";
import * as sheets from "../../src/modules/programme/sheet-service.js";
import * as koladaRepo from "../../src/modules/programme/kolada-repo.js";
import { saveKoladaSettings } from "../../src/modules/programme/kolada-service.js";
import { inScope } from "../../src/platform/db/database.js";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ActionInput } from "../../src/modules/programme/schemas.js";
import { systemContext, type TestMunicipality } from "./factories.js";

export interface ProgrammeRecords {
  programme: string;
  commitment: string;
  focusArea: string;
  action: string;
  indicator: string;
  followUp: string;
  /** A spreadsheet of indicator values read in and kept as a preview. */
  sheetImport: string;
  status: string;
  statuses: { open: string; started: string; done: string };
}

/** Action statuses like the seed's: not started 0, started 25, ongoing 50, done 100 (closed). */
/** An action's input with nothing but its focus area, status and title said: override what a test is about. */
export function actionInput(focusAreaId: string, statusId: string, title: string): ActionInput {
  return {
    focus_area_id: focusAreaId,
    title,
    description: "",
    responsible: null,
    contributors: [],
    owner_id: null,
    status_id: statusId,
    progress: null,
    weight: 1,
    position: null,
    start_date: null,
    end_date: null,
  };
}

export async function buildStatuses(db: Db, municipality: TestMunicipality) {
  const ctx = systemContext(db, municipality);
  const open = await statuses.saveStatus(ctx, null, { name: "Ej påbörjad", default_progress: 0, closed: false, position: 0 });
  const started = await statuses.saveStatus(ctx, null, { name: "Påbörjad", default_progress: 25, closed: false, position: 1 });
  await statuses.saveStatus(ctx, null, { name: "Pågår", default_progress: 50, closed: false, position: 2 });
  const done = await statuses.saveStatus(ctx, null, { name: "Genomförd", default_progress: 100, closed: true, position: 3 });
  return { open: open.id, started: started.id, done: done.id };
}

/** A draft programme 2024–2027 with one focus area. */
export async function buildProgramme(db: Db, municipality: TestMunicipality, options: { name?: string; start?: number; end?: number } = {}) {
  const ctx = systemContext(db, municipality);
  const programme = await programmes.createProgramme(ctx, {
    name: options.name ?? "Näringslivsprogram 2024–2027",
    start_year: options.start ?? 2024,
    end_year: options.end ?? 2027,
    purpose: "",
    vision: "Attraktivt att driva företag",
    goal: "Ett gott näringslivsklimat",
    party_ids: [],
  });
  const area = await programmes.saveFocusArea(ctx, { programmeId: programme.id }, { name: "Företagsklimat", description: "", position: null });
  return { programme, area };
}

/**
 * One of every programme record in a municipality: statuses, an adopted programme with a
 * commitment, a focus area, an action with a contributor and a log entry, an indicator with
 * a target and a value, a summary and a published follow-up. The structure is then unlocked
 * so that every staff form can be shown.
 */
export async function buildProgrammeRecords(
  db: Db,
  municipality: TestMunicipality,
  links: { unitId: string; partyId: string; ownerId: string },
): Promise<ProgrammeRecords> {
  const ctx = systemContext(db, municipality);
  const statuses = await buildStatuses(db, municipality);
  const { programme, area } = await buildProgramme(db, municipality, { start: 2020, end: 2023, name: "Näringslivsprogram 2020–2023" });
  await programmes.updateProgramme(ctx, programme.id, {
    name: programme.name,
    start_year: 2020,
    end_year: 2023,
    purpose: "",
    vision: "Vision",
    goal: "Mål",
    party_ids: [links.partyId],
  });
  const commitment = await programmes.saveCommitment(
    ctx,
    { programmeId: programme.id },
    { title: "Tillgänglighet", description: "Utan att vänta oskäligt länge", position: null },
  );
  const action = await actions.createAction(ctx, programme.id, {
    focus_area_id: area.id,
    title: "Företagsbesök",
    description: "",
    responsible: `unit:${links.unitId}`,
    contributors: [`party:${links.partyId}`],
    owner_id: links.ownerId,
    start_date: null,
    end_date: null,
    status_id: statuses.open,
    progress: null,
    weight: 1,
    position: null,
  });
  await actions.addActionUpdate(ctx, action.id, { status_id: statuses.started, progress: null, text: "Tio besök", year: 2022 });
  const indicator = await indicators.createIndicator(ctx, programme.id, {
    name: "Betyg",
    description: "",
    unit: "",
    focus_area_id: area.id,
    direction: "higher",
    baseline_value: 3,
    baseline_year: 2019,
    source: "manual",
    owner_id: links.ownerId,
    position: null,
    targets: [{ year: 2022, value: 3.5 }],
  });
  await indicators.setValue(ctx, indicator.id, { year: 2022, quarter: null, value: 3.6, comment: "" });
  await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });
  await followUps.saveSummaries(ctx, programme.id, { year: 2022, summaries: [{ focus_area_id: area.id, text: "Bra år" }] });
  const followUp = await followUps.publishFollowUp(ctx, programme.id, { year: 2022, correction_note: "" });
  await programmes.unlockProgramme(ctx, programme.id, "Testerna behöver öppen struktur");
  const sheetImport = await sheets.previewImport(ctx, programme.id, {
    path: await temporaryFile("indikatorvarden.csv", `Indikator-id;Indikator;År;Värde\n${indicator.id};Betyg;2023;3,8\n`),
    name: "indikatorvarden.csv",
  });
  // Kolada as if fetched once (no network in tests): settings, a key figure and a value.
  await saveKoladaSettings(ctx, { base_url: "http://127.0.0.1:9/v3", group_name: "Grannar", group_codes: ["1880"] });
  await inScope(db, { municipalityId: municipality.id }, async (tx) => {
    await koladaRepo.upsertKpi(tx, { municipality_id: municipality.id, kpi: "N00999", title: "Nystartade företag", fetched_at: new Date() });
    await koladaRepo.upsertValues(tx, [
      { municipality_id: municipality.id, kpi: "N00999", area: "1880", gender: "T", year: 2022, value: 7, fetched_at: new Date() },
    ]);
  });
  return {
    sheetImport: sheetImport.id,
    programme: programme.id,
    commitment: commitment.id,
    focusArea: area.id,
    action: action.id,
    indicator: indicator.id,
    followUp: followUp.id,
    status: statuses.open,
    statuses,
  };
}

/** A file in a folder of its own, as an upload leaves it. */
export async function temporaryFile(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "lotsen-test-")), name);
  await writeFile(file, content);
  return file;
}

/**
 * Askersund's programme as the seed adopts it (`shared/seed/`: Näringslivsprogram
 * 2020–2023, adopted by kommunfullmäktige on 15 June 2020), and the demo content around
 * it: actions with owners, indicators with values, a published follow-up for 2022 and a
 * draft copy for 2024–2027.
 */
import { demoPlace } from "../../platform/seed.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { systemActor } from "../../platform/auth/roles.js";
import { findUserIdByEmail } from "../../platform/auth/service.js";
import * as actions from "./action-service.js";
import * as followUps from "./follow-up-service.js";
import * as indicators from "./indicator-service.js";
import * as repo from "./repo.js";
import * as programmes from "./service.js";
import * as copying from "./copy-service.js";
import * as statuses from "./status-service.js";

type Log = (message: string) => void;

export const seedProgrammeName = "Näringslivsprogram 2020–2023";

const defaultStatuses = [
  { name: "Ej påbörjad", default_progress: 0, closed: false },
  { name: "Påbörjad", default_progress: 25, closed: false },
  { name: "Pågår", default_progress: 50, closed: false },
  { name: "Genomförd", default_progress: 100, closed: true },
  { name: "Avbruten", default_progress: 0, closed: true },
];

const programmeText = {
  purpose:
    "Syftet med näringslivsprogrammet är att beskriva och tydliggöra de mål vi har med näringslivsarbetet i Askersunds kommun.\n\nNäringslivsarbetet bygger på samverkan mellan kommunen och näringslivet inom ramen för näringslivsrådet samt inom Business Region Örebro. Näringslivsprogrammet har arbetats fram i samarbete med näringslivet, företagarorganisationerna, näringslivsrådet, tjänstemän samt politiker.\n\nNäringslivsfrågorna är en integrerad del av kommunens arbete och uppdrag och ska beröra och omfattas av samtliga kommunens förvaltningar och bolag.",
  vision: "Det ska vara attraktivt, enkelt och hållbart att starta, utveckla och driva företag i Askersunds kommun.",
  goal: "Kommunen ska arbeta aktivt tillsammans med det lokala näringslivet samt andra myndigheter och organisationer i syfte att underlätta och möjliggöra en god utveckling av näringslivet och arbetsmarknaden i kommunen.",
};

const commitments = [
  {
    title: "Tillgänglighet",
    description:
      "Alla näringsidkare ska kunna tillgodogöra sig de kommunala verksamheterna utan hinder och utan att behöva vänta oskäligt länge på att få hjälp. Vi ska ha ett fokus på tillgänglighet.",
  },
  {
    title: "Social hållbarhet",
    description:
      "Även social hållbarhet är en viktig grundsten i näringslivsarbetet då alla ska erbjudas stöd och hjälp för att nå en egen sysselsättning och försörjning. Att skapa goda förutsättningar för arbete och sysselsättning är en angelägenhet som berör oss alla och främjar kommunens utveckling och välstånd.",
  },
];

const focusAreas = ["Företagsklimat", "Kommunikation", "Kompetensförsörjning"];

/** The action statuses and the seed programme, on a municipality that has no programme yet. */
export async function seedProgramme(db: Db, scope: Scope, log: Log): Promise<void> {
  const ctx: OperationContext = { db, actor: systemActor("seed"), scope };
  if ((await inScope(db, scope, (tx) => repo.countProgrammes(tx))) > 0) {
    return;
  }
  if ((await statuses.listStatuses(ctx)).length === 0) {
    for (const [position, status] of defaultStatuses.entries()) {
      await statuses.saveStatus(ctx, null, { ...status, position });
    }
  }
  const parties = (await programmes.formChoices(ctx)).parties;
  const programme = await programmes.createProgramme(ctx, {
    name: seedProgrammeName,
    start_year: 2020,
    end_year: 2023,
    ...programmeText,
    party_ids: parties.map((party) => party.id),
  });
  for (const [position, commitment] of commitments.entries()) {
    await programmes.saveCommitment(ctx, { programmeId: programme.id }, { ...commitment, position });
  }
  for (const [position, name] of focusAreas.entries()) {
    await programmes.saveFocusArea(ctx, { programmeId: programme.id }, { name, description: "", position });
  }
  await programmes.adoptProgramme(ctx, programme.id, { adopted_by: "Kommunfullmäktige", adopted_on: "2020-06-15" });
  log(`Seeded the programme "${seedProgrammeName}"`);
}

interface DemoAction {
  area: string;
  title: string;
  description: string;
  responsible: string;
  owner: string;
  status: string;
  note2022: string;
}

const demoActions: DemoAction[] = [
  {
    area: "Företagsklimat",
    title: "Företagsbesök hos minst 40 företag per år",
    description: "Kommunledningen och näringslivsenheten besöker företag för att lyssna in behov.",
    responsible: "Näringslivsenheten",
    owner: "naringsliv@",
    status: "Pågår",
    note2022: "44 besök genomförda, flest inom tillverkning och besöksnäring.",
  },
  {
    area: "Företagsklimat",
    title: "En väg in för företagens frågor",
    description: "Företagslotsen tar emot alla frågor och ser till att svar kommer utan onödig väntan.",
    responsible: "Kommunledningsförvaltningen",
    owner: "naringsliv@",
    status: "Påbörjad",
    note2022: "Funktionsbrevlåda och telefontid införda; ärendesystem upphandlas.",
  },
  {
    area: "Företagsklimat",
    title: "Kortare handläggningstid för bygglov",
    description: "Digitala ansökningar och tidiga samråd med sökanden.",
    responsible: "Bygglovsgruppen",
    owner: "handlaggare@",
    status: "Pågår",
    note2022: "Medianen sjönk från 31 till 24 dagar.",
  },
  {
    area: "Kommunikation",
    title: "Nyhetsbrev till företagen varje månad",
    description: "Nyheter om upphandlingar, evenemang och stöd.",
    responsible: "Näringslivsenheten",
    owner: "naringsliv@",
    status: "Genomförd",
    note2022: "Elva utskick, 1 200 prenumeranter.",
  },
  {
    area: "Kommunikation",
    title: "Frukostmöten med näringslivsrådet",
    description: "Fyra öppna frukostmöten per år.",
    responsible: "Näringslivsrådet",
    owner: "naringsliv@",
    status: "Pågår",
    note2022: "Tre möten; ett ställdes in.",
  },
  {
    area: "Kompetensförsörjning",
    title: "Praktikplatser hos lokala företag",
    description: "Matcha arbetssökande med praktik hos företag i kommunen.",
    responsible: "Arbetsmarknadsenheten",
    owner: "arbetsmarknad@",
    status: "Pågår",
    note2022: "62 praktikplatser, 18 ledde till anställning.",
  },
];

const demoIndicators = [
  {
    area: "Företagsklimat",
    name: "Sammanfattande omdöme i Svenskt Näringslivs enkät",
    unit: "betyg 1–6",
    direction: "higher" as const,
    baseline: [3.1, 2019],
    targets: { 2021: 3.4, 2022: 3.5, 2023: 3.6 },
    values: { 2020: 3.2, 2021: 3.3, 2022: 3.6, 2023: 3.5 },
    owner: "naringsliv@",
  },
  {
    area: "Företagsklimat",
    name: "Handläggningstid för bygglov (median)",
    unit: "dagar",
    direction: "lower" as const,
    baseline: [31, 2019],
    targets: { 2021: 28, 2022: 25, 2023: 21 },
    values: { 2020: 30, 2021: 29, 2022: 24, 2023: 22 },
    owner: "handlaggare@",
  },
  {
    area: "Kompetensförsörjning",
    name: "Praktikplatser hos lokala företag",
    unit: "st",
    direction: "higher" as const,
    baseline: [40, 2019],
    targets: { 2021: 55, 2022: 60, 2023: 65 },
    values: { 2020: 38, 2021: 51, 2022: 62, 2023: 58 },
    owner: "arbetsmarknad@",
  },
];

/** Demo content in the seed programme, a published 2022 follow-up and a draft for 2024–2027. */
export async function seedProgrammeDemo(db: Db, scope: Scope, log: Log): Promise<void> {
  const ctx: OperationContext = { db, actor: systemActor("demo"), scope };
  const seeded = (await programmes.listProgrammes(ctx)).find((programme) => programme.name === seedProgrammeName);
  if (!seeded) {
    return;
  }
  const detail = await programmes.getProgramme(ctx, seeded.id);
  if (detail.actions.some((action) => action.demo)) {
    return;
  }
  const choices = await programmes.formChoices(ctx);
  const staff = new Map<string, string | null>();
  const place = await demoPlace(db, scope);
  for (const prefix of new Set([...demoActions.map((a) => a.owner), ...demoIndicators.map((i) => i.owner)])) {
    staff.set(prefix, (await findUserIdByEmail(db, scope, place.staffEmail(prefix.replace(/@$/, "")))) ?? null);
  }
  const staffId = (prefix: string) => staff.get(prefix) ?? null;
  const partyRef = (name: string) => {
    const unit = choices.units.find((candidate) => candidate.name === name);
    const party = choices.parties.find((candidate) => candidate.name === name);
    return unit ? `unit:${unit.id}` : party ? `party:${party.id}` : null;
  };
  const status = (name: string) => choices.statuses.find((candidate) => candidate.name === name) ?? choices.statuses[0];
  const area = (name: string) => detail.focusAreas.find((candidate) => candidate.name === name)?.id ?? "";
  // The demo goes into an adopted programme: open its structure for the demo, with the reason on record.
  await programmes.unlockProgramme(ctx, seeded.id, "Demodata läggs in");
  for (const [position, action] of demoActions.entries()) {
    const initial = status("Påbörjad");
    const created = await actions.createAction(
      ctx,
      seeded.id,
      {
        focus_area_id: area(action.area),
        title: action.title,
        description: action.description,
        responsible: partyRef(action.responsible),
        contributors: [],
        owner_id: staffId(action.owner),
        start_date: "2020-09-01",
        end_date: "2023-12-31",
        status_id: initial?.id ?? "",
        progress: null,
        weight: 1,
        position,
      },
      { demo: true },
    );
    await actions.addActionUpdate(ctx, created.id, { status_id: status(action.status)?.id ?? "", progress: null, text: action.note2022, year: 2022 });
  }
  for (const [position, indicator] of demoIndicators.entries()) {
    const created = await indicators.createIndicator(
      ctx,
      seeded.id,
      {
        name: indicator.name,
        description: "",
        unit: indicator.unit,
        focus_area_id: area(indicator.area),
        direction: indicator.direction,
        baseline_value: indicator.baseline[0] ?? null,
        baseline_year: indicator.baseline[1] ?? null,
        source: "manual",
        owner_id: staffId(indicator.owner),
        position,
        targets: Object.entries(indicator.targets).map(([year, value]) => ({ year: Number(year), value })),
      },
      { demo: true },
    );
    for (const [year, value] of Object.entries(indicator.values)) {
      await indicators.setValue(ctx, created.id, { year: Number(year), quarter: null, value, comment: "" });
    }
  }
  await programmes.relockProgramme(ctx, seeded.id);
  await followUps.saveSummaries(ctx, seeded.id, {
    year: 2022,
    summaries: [
      { focus_area_id: area("Företagsklimat"), text: "Företagsklimatet förbättrades: betyget i enkäten steg och bygglov handläggs snabbare." },
      { focus_area_id: area("Kommunikation"), text: "Nyhetsbrevet kom ut varje månad; frukostmötena lockade fler än tidigare." },
      { focus_area_id: area("Kompetensförsörjning"), text: "Fler praktikplatser än målet; nästan var tredje ledde till anställning." },
    ],
  });
  await followUps.publishFollowUp(ctx, seeded.id, { year: 2022, correction_note: "" }, { demo: true });
  await copying.copyProgramme(ctx, seeded.id, { name: "Näringslivsprogram 2024–2027", start_year: 2024, end_year: 2027 }, { demo: true });
  log(`Demo programme content loaded: ${demoActions.length} actions, ${demoIndicators.length} indicators, the 2022 follow-up and a 2024–2027 draft`);
}

/**
 * The desk's seed: the standard business calendar and three service-level policies, and
 * for `npm start` categories routed to the demo units, with a few demo cases (marked
 * "(demo)") in different states against their clocks.
 */
import { demoPlace } from "../../platform/seed.js";
import { systemActor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { standardCalendar } from "../../platform/sweden/business-calendar.js";
import { addNote, reply, setStatus } from "./handling-service.js";
import { registerCase } from "./service.js";
import * as settingsRepo from "./settings-repo.js";
import { defaultConsent, saveCalendar, saveCategory, savePolicy } from "./settings-service.js";
import { weekdays } from "./schemas.js";
import { insertDemoHistory } from "./demo-history-repo.js";

type Log = (message: string) => void;

const policies = [
  { name: "Svar inom en arbetsdag", target_unit: "days", first_response: 1, update: 5, resolution: 20 },
  { name: "Brådskande", target_unit: "hours", first_response: 2, update: 8, resolution: 24 },
  { name: "Bygglov och förhandsbesked", target_unit: "days", first_response: 2, update: 10, resolution: 45 },
] as const;

export async function seedDesk(db: Db, scope: Scope, log: Log): Promise<void> {
  const ctx: OperationContext = { db, actor: systemActor("seed"), scope };
  if ((await inScope(db, scope, settingsRepo.listPolicies)).length > 0) {
    return;
  }
  await saveCalendar(ctx, {
    ...Object.fromEntries(
      weekdays.flatMap((day, index) => [
        [`${day}_open`, standardCalendar.hours[index]?.opens],
        [`${day}_close`, standardCalendar.hours[index]?.closes],
      ]),
    ),
    closed_days: [],
    warn_percent: 80,
    retention_months: 24,
    consent_text_sv: defaultConsent.sv,
    consent_text_en: defaultConsent.en,
  });
  for (const policy of policies) {
    await savePolicy(ctx, null, policy);
  }
  log("Seeded the desk's business calendar and service-level policies.");
}

const demoCategories: Array<{ sv: string; en: string; unit: string; policy: string; weight: number; statutory?: "pbl_decision" }> = [
  { sv: "Bygglov", en: "Building permit", unit: "Bygglovsgruppen", policy: "Bygglov och förhandsbesked", weight: 5, statutory: "pbl_decision" },
  { sv: "Förhandsbesked", en: "Advance ruling", unit: "Bygglovsgruppen", policy: "Bygglov och förhandsbesked", weight: 1, statutory: "pbl_decision" },
  { sv: "Serveringstillstånd", en: "Alcohol licence", unit: "Kommunledningsförvaltningen", policy: "Svar inom en arbetsdag", weight: 2 },
  { sv: "Livsmedel", en: "Food", unit: "Miljö- och livsmedelsgruppen", policy: "Svar inom en arbetsdag", weight: 3 },
  { sv: "Miljö", en: "Environment", unit: "Miljö- och livsmedelsgruppen", policy: "Svar inom en arbetsdag", weight: 2 },
  { sv: "Mark och lokaler", en: "Land and premises", unit: "Mark och exploatering", policy: "Svar inom en arbetsdag", weight: 2 },
  {
    sv: "Lokaler hos bostadsbolaget",
    en: "Premises from the housing company",
    unit: "Det kommunala bostadsbolaget",
    policy: "Svar inom en arbetsdag",
    weight: 1,
  },
  { sv: "Upphandling", en: "Procurement", unit: "Kommunledningsförvaltningen", policy: "Svar inom en arbetsdag", weight: 1 },
  { sv: "Etablering", en: "Establishing a business", unit: "Näringslivsenheten", policy: "Svar inom en arbetsdag", weight: 2 },
  { sv: "Övrigt", en: "Other", unit: "Näringslivsenheten", policy: "Svar inom en arbetsdag", weight: 1 },
];

export async function seedDeskDemo(db: Db, scope: Scope, log: Log, secret: string): Promise<void> {
  const ctx: OperationContext = { db, actor: systemActor("demo"), scope };
  const { units, existing, policyList } = await inScope(db, scope, async (tx) => ({
    units: await settingsRepo.listUnits(tx),
    existing: await settingsRepo.listCategories(tx, { activeOnly: false }),
    policyList: await settingsRepo.listPolicies(tx),
  }));
  if (existing.length > 0 || units.length === 0) {
    return;
  }
  const ids: Record<string, string> = {};
  for (const [position, category] of demoCategories.entries()) {
    const unit = units.find((candidate) => candidate.name === category.unit) ?? units[0]!;
    const policy = policyList.find((candidate) => candidate.name === category.policy) ?? policyList[0]!;
    const urgent = policyList.find((candidate) => candidate.name === "Brådskande");
    ids[category.sv] = await saveCategory(ctx, null, {
      name_sv: category.sv,
      name_en: category.en,
      default_unit_id: unit.id,
      sla_policy_id: policy.id,
      urgent_policy_id: urgent?.id ?? null,
      statutory: category.statutory ?? null,
      position,
      active: true,
    });
  }
  // A year of history first, so the live demo cases below take the numbers after it.
  const minutes = (policy: (typeof policyList)[number], target: number | null) => (target ?? 0) * (policy.target_unit === "days" ? 510 : 60);
  const history = demoCategories.map((category) => {
    const policy = policyList.find((candidate) => candidate.name === category.policy) ?? policyList[0]!;
    return {
      id: ids[category.sv]!,
      unitId: (units.find((candidate) => candidate.name === category.unit) ?? units[0]!).id,
      policyId: policy.id,
      firstResponseTarget: minutes(policy, policy.first_response_target),
      resolutionTarget: minutes(policy, policy.resolution_target),
      statutory: category.statutory !== undefined,
      weight: category.weight,
    };
  });
  const place = await demoPlace(db, scope);
  // The seed's municipality gets the year it always had; another member a year of its own, a little smaller.
  const [total, variant] = place.variant === 0 ? [400, 0] : [280 + (place.variant % 5) * 30, place.variant];
  const made = await inScope(db, scope, (tx) => insertDemoHistory(tx, scope.municipalityId, history, new Date(), total, variant));
  log(`Loaded a year of demo desk history: ${made} cases.`);
  const links = { base: place.base, municipality: place.name, secret };
  const demoCase = (category: string, subject: string, description: string, company: string) =>
    registerCase(
      ctx,
      {
        org_number: null,
        company_name: company,
        name: "Erik Exempel",
        email: "erik.exempel@example.se",
        phone: null,
        category_id: ids[category]!,
        subject: `${subject} (demo)`,
        description,
        channel: "phone",
        priority: "normal",
        language: "sv",
      },
      [],
      "sv",
      links,
    );
  const kiosk = await demoCase(
    "Serveringstillstånd",
    "Uteservering i sommar",
    "Vi vill ha uteservering på torget från maj. Vilka tillstånd behövs och hur lång tid tar det?",
    "Zinkgruvans Café och Bageri (demo)",
  );
  await reply(
    ctx,
    kiosk.id,
    {
      body: "Hej Erik! Ni behöver ett tillfälligt serveringstillstånd för uteserveringen. Skicka in ansökan senast sex veckor före start; jag bifogar länken.",
      then: "waiting",
    },
    [],
    links,
  );
  const hall = await demoCase(
    "Bygglov",
    "Tillbyggnad av verkstadshall",
    "Vi planerar att bygga till verkstaden med 400 kvm och undrar vad ansökan ska innehålla.",
    "Askersunds Mekaniska Verkstad AB (demo)",
  );
  await addNote(ctx, hall.id, "Ritningar saknas ännu; ring tillbaka när de kommit in.", []);
  const premises = await demoCase(
    "Mark och lokaler",
    "Ledig lokal för butik",
    "Finns det en ledig butikslokal i centrum från hösten?",
    "Olshammars Gårdsbutik (demo)",
  );
  await reply(ctx, premises.id, { body: "Det finns två lediga lokaler på Storgatan. Jag skickar planritningarna.", then: "resolved" }, [], links);
  await setStatus(ctx, premises.id, "closed");
  log("Loaded demo desk categories and cases.");
}

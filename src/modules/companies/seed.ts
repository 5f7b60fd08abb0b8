/**
 * The company register's seed: Askersund's area and a visit-report template, and for
 * `npm start` a handful of demo companies (marked "(demo)", imported as the municipality's
 * own list so a real import later takes precedence), a contact, a visit and a task.
 */
import { demoPlace } from "../../platform/seed.js";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { systemActor } from "../../platform/auth/roles.js";
import { findUserIdByEmail } from "../../platform/auth/service.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { luhnDigit } from "../../platform/sweden/identity-number.js";
import * as contacts from "./contact-service.js";
import * as repo from "./repo.js";
import * as companies from "./service.js";
import * as visits from "./visit-service.js";

type Log = (message: string) => void;

/** The questions of a company visit as the programme's first focus area asks them. */
export const visitQuestions = [
  "Hur ser företaget på näringslivsklimatet i kommunen?",
  "Vad behöver företaget just nu?",
  "Vilken kompetens saknar företaget?",
  "Vad lovade kommunen?",
];

export async function seedCompanies(db: Db, scope: Scope, log: Log): Promise<void> {
  const ctx: OperationContext = { db, actor: systemActor("seed"), scope };
  if (await inScope(db, scope, (tx) => repo.findArea(tx))) {
    return;
  }
  // Askersund kommun's postcodes begin 696 (Askersund, Åmmeberg, Zinkgruvan, Olshammar).
  await companies.saveArea(ctx, { postcodes: ["696"], towns: [], contact_retention_months: 36 });
  await visits.saveTemplate(ctx, null, { name: "Företagsbesök", questions: visitQuestions, sections: [] });
  log("Seeded the company register's area and visit template.");
}

const demoCompanies = [
  ["Askersunds Mekaniska Verkstad AB (demo)", "Industrigatan 4", "69633", "ASKERSUND", "25620"],
  ["Zinkgruvans Café och Bageri (demo)", "Gruvvägen 2", "69675", "ZINKGRUVAN", "56110"],
  ["Åmmebergs Båtvarv AB (demo)", "Hamnvägen 1", "69694", "ÅMMEBERG", "30120"],
  ["Olshammars Gårdsbutik (demo)", "Gårdsvägen 7", "69692", "OLSHAMMAR", "47210"],
  ["Vätterbygdens Bygg AB (demo)", "Storgatan 12", "69630", "ASKERSUND", "41200"],
  ["Tivedens Turism AB (demo)", "Stora torget 1", "69630", "ASKERSUND", "79110"],
];

/** Demo organisation numbers in a range of their own, check digit computed. */
const demoNumber = (n: number) => {
  const nine = `55999${String(n).padStart(4, "0")}`;
  return `${nine}${luhnDigit(nine)}`;
};

export async function seedCompaniesDemo(db: Db, scope: Scope, log: Log): Promise<void> {
  const ctx: OperationContext = { db, actor: systemActor("demo"), scope };
  const first = await inScope(db, scope, (tx) => repo.findCompanyIdByNumber(tx, demoNumber(1)));
  if (first) {
    return;
  }
  const folder = await mkdtemp(path.join(tmpdir(), "lotsen-demo-"));
  try {
    const file = path.join(folder, "demo.csv");
    const rows = demoCompanies.map(([name, street, postcode, town, sni], index) => [demoNumber(index + 1), name, street, postcode, town, sni].join(";"));
    await writeFile(file, ["organisationsnummer;namn;gatuadress;postnummer;postort;sni", ...rows].join("\n"));
    await companies.uploadCompanies(ctx, file, "demo.csv");
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const developer = await findUserIdByEmail(db, scope, (await demoPlace(db, scope)).staffEmail("naringsliv"));
  const companyId = (await inScope(db, scope, (tx) => repo.findCompanyIdByNumber(tx, demoNumber(1))))!;
  const template = (await visits.listTemplates(ctx))[0];
  const contact = await contacts.createContact(ctx, companyId, {
    name: "Eva Exempel (demo)",
    title: "VD",
    email: "eva@exempel.invalid",
    phone: null,
    role: "VD",
    lawful_basis: "public_task",
    source: "Företagsbesök",
  });
  const visit = await visits.createVisit(ctx, companyId, {
    date: "2026-10-14",
    start_time: "09:00",
    end_time: "10:30",
    status: "held",
    purpose: "Frukostbesök: kompetensförsörjning",
    template_id: template?.id ?? null,
    staff_ids: developer ? [developer] : [],
    contact_ids: [contact.id],
  });
  if (template) {
    await visits.saveReport(
      ctx,
      visit,
      Object.fromEntries(
        template.questions.map((question, index) => [
          question.key,
          ["Positivt, men bygglov tar tid.", "Mark för att bygga ut.", "CNC-operatörer och svetsare.", "Kontakt med mark och exploatering inom två veckor."][
            index
          ] ?? "",
        ]),
      ),
    );
  }
  await visits.createTask(ctx, companyId, { title: "Boka möte med mark och exploatering", owner_id: developer ?? null, due_on: "2026-12-18", visit_id: visit });
  log("Seeded demo companies, a contact, a visit and a task.");
}

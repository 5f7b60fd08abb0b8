import type { Db } from "../../src/platform/db/database.js";
import { newId } from "../../src/platform/ids.js";
import * as contacts from "../../src/modules/companies/contact-service.js";
import * as visits from "../../src/modules/companies/visit-service.js";
import * as companies from "../../src/modules/companies/service.js";
import { systemContext, type TestMunicipality } from "./factories.js";
import { orgNumber } from "./company-files.js";
import { addLexemes } from "../../src/modules/companies/import/repo.js";

export interface CompanyRecords {
  company: string;
  contact: string;
  visit: string;
  task: string;
  template: string;
}

let next = 5000;

/** A company in the national register, as an import would leave it (its words in the vocabulary too). */
export async function buildCompany(
  db: Db,
  values: {
    name?: string;
    town?: string;
    postcode?: string;
    orgNumber?: string;
    industries?: string;
    industryKeys?: string[];
    industryText?: string;
    isPerson?: boolean;
  } = {},
): Promise<{ id: string; org_number: string }> {
  const id = newId();
  const org_number = values.orgNumber ?? orgNumber((next += 1));
  await db
    .insertInto("companies")
    .values({
      id,
      org_number,
      name: values.name ?? `Företag ${next} AB`,
      is_person: values.isPerson ?? false,
      legal_form_code: "49",
      legal_form_token: "AB-ORGFO",
      town: values.town ?? "ASKERSUND",
      postcode: values.postcode ?? "69630",
      street: "Storgatan 1",
      registered_on: "2001-05-17",
      deregistered_on: null,
      deregistration_reason: null,
      care_of: null,
      size_class: "3",
      web: null,
      phone: null,
      email: null,
      description: null,
      industries: values.industries ?? "[]",
      industry_keys: values.industryKeys ?? [],
      industry_text: values.industryText ?? "",
      sources: ["bolagsverket"],
    })
    .execute();
  await addLexemes(db, [org_number]);
  return { id, org_number };
}

/** One of every company-register record in a municipality: a company with a contact, a visit with a template, a task. */
export async function buildCompanyRecords(db: Db, municipality: TestMunicipality, links: { userId: string }): Promise<CompanyRecords> {
  const ctx = systemContext(db, municipality);
  const company = await buildCompany(db, { name: `Bruket i ${municipality.host} AB` });
  const contact = await contacts.createContact(ctx, company.id, {
    name: "Karin Kontakt",
    title: "VD",
    email: "karin@bruket.se",
    phone: "0583-123 45",
    role: "Ägare",
    lawful_basis: "public_task",
    source: "Företagsbesök",
  });
  const template = await visits.saveTemplate(ctx, null, {
    name: "Besöksrapport",
    questions: ["Hur ser företaget på näringslivsklimatet?", "Vad behöver företaget?"],
    // The skills module's part of the report, so the visit page shows it and its page has a visit to ask about.
    sections: ["skills_needs"],
  });
  const visit = await visits.createVisit(ctx, company.id, {
    date: "2026-12-01",
    start_time: "09:00",
    end_time: "10:30",
    status: "planned",
    purpose: "Lära känna företaget",
    template_id: template.id,
    staff_ids: [links.userId],
    contact_ids: [contact.id],
  });
  await companies.saveArea(ctx, { postcodes: ["696"], towns: [], contact_retention_months: 36 });
  await companies.saveProfile(ctx, company.id, { owner_id: links.userId, tags: ["industri"], notes: "Vill anställa" });
  const task = await visits.createTask(ctx, company.id, {
    title: "Skicka information om upphandling",
    owner_id: links.userId,
    due_on: "2026-12-15",
    visit_id: visit,
  });
  return { company: company.id, contact: contact.id, visit, task, template: template.id };
}

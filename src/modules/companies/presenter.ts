import { z } from "zod";
import type { Actor } from "../../platform/auth/roles.js";
import { formatIdentityNumber } from "../../platform/sweden/identity-number.js";
import { canCompanies } from "./policy.js";
import type { CompanyHit } from "./repo.js";
import type { CompanyPage } from "./service.js";

/**
 * A sole trader's organisation number is a personal identity number: shown whole only to
 * those who manage the register, to others with its last four digits hidden.
 */
export function shownNumber(company: { org_number: string; is_person: boolean }, actor: Actor | null): string {
  const written = formatIdentityNumber(company.org_number);
  return company.is_person && !(actor && canCompanies(actor, "companies.manage")) ? `${written.slice(0, 7)}****` : written;
}

const statuses = ["active", "deregistered", "bankrupt", "liquidation"] as const;

export const companyHitJson = z.object({
  id: z.uuid(),
  org_number: z.string(),
  name: z.string(),
  town: z.string().nullable(),
  status: z.enum(statuses),
  sole_trader: z.boolean(),
  legal_form_code: z.string().nullable(),
  size_class: z.string().nullable(),
  industry: z.string(),
  owner: z.string().nullable(),
  tags: z.array(z.string()),
});

export const companyJson = companyHitJson.extend({
  registered_on: z.string().nullable(),
  deregistered_on: z.string().nullable(),
  address: z.object({ street: z.string().nullable(), care_of: z.string().nullable(), postcode: z.string().nullable(), town: z.string().nullable() }),
  web: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  advertising_opt_out: z.boolean(),
  industries: z.array(z.object({ version: z.enum(["2007", "2025"]), code: z.string(), primary: z.boolean() })),
  sources: z.array(z.string()),
  in_area: z.boolean(),
  notes: z.string(),
  contacts: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      title: z.string().nullable(),
      role: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
});

export function presentHit(hit: CompanyHit, actor: Actor): z.infer<typeof companyHitJson> {
  return {
    id: hit.id,
    org_number: shownNumber(hit, actor),
    name: hit.name,
    town: hit.town,
    status: hit.status,
    sole_trader: hit.is_person,
    legal_form_code: hit.legal_form_code,
    size_class: hit.size_class,
    industry: hit.industry_text,
    owner: hit.owner_name,
    tags: hit.tags ?? [],
  };
}

/** A company as the API gives it: the register's facts and the municipality's knowledge; its people only to those who may read them (the service leaves them out). */
export function presentCompany(page: CompanyPage, actor: Actor): z.infer<typeof companyJson> {
  const { company, profile } = page;
  return {
    ...presentHit({ ...company, owner_name: profile?.owner_name ?? null, tags: profile?.tags ?? [], matches: 0 }, actor),
    registered_on: company.registered_on,
    deregistered_on: company.deregistered_on,
    address: { street: company.street, care_of: company.care_of, postcode: company.postcode, town: company.town },
    web: company.web,
    phone: company.phone,
    email: company.email,
    advertising_opt_out: company.advertising_opt_out,
    industries: company.industries.map(({ version, code, primary }) => ({ version, code, primary })),
    sources: company.sources,
    in_area: page.own,
    notes: profile?.notes ?? "",
    contacts: page.contacts.map((contact) => ({
      id: contact.id,
      name: contact.name,
      title: contact.title,
      role: contact.role,
      email: contact.email,
      phone: contact.phone,
    })),
  };
}

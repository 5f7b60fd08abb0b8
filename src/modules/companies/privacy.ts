import type { PersonalDataSource } from "../../platform/privacy/sources.js";
import * as repo from "./contact-repo.js";
import { contactExtractIn, eraseContactIn } from "./contact-service.js";

/**
 * The company register's part of the data-protection page: contact persons (found by
 * address or name, erased), and sole traders, whose organisation number is the owner's
 * personal number: their businesses are national register data (Bolagsverket, SCB), kept
 * as the register publishes them, and an erasure says so.
 */
export const companiesPersonalData: PersonalDataSource = {
  title: "companies.privacy_title",
  activities: [
    {
      name: "companies.privacy_contacts",
      purpose: "companies.privacy_contacts_purpose",
      subjects: "companies.privacy_contacts_subjects",
      categories: "companies.privacy_contacts_categories",
      lawfulBasis: "public_task",
      retention: "companies.privacy_contacts_retention",
      recipients: "companies.privacy_recipients",
    },
    {
      name: "companies.privacy_sole_traders",
      purpose: "companies.privacy_sole_traders_purpose",
      subjects: "companies.privacy_sole_traders_subjects",
      categories: "companies.privacy_sole_traders_categories",
      lawfulBasis: "public_task",
      retention: "companies.privacy_sole_traders_retention",
      recipients: "companies.privacy_recipients",
    },
  ],
  async find(tx, query) {
    if (query.kind === "personal_number") {
      const companies = await repo.soleTraderCompanies(tx, query.digits);
      return companies.map((row) => ({
        what: "companies.privacy_hit_sole_trader" as const,
        name: row.name,
        email: null,
        personalNumber: query.digits,
        href: `/foretag/${row.id}`,
      }));
    }
    const contacts = await repo.contactsMatching(tx, query.kind === "email" ? { email: query.email } : { name: query.name });
    return contacts.map((row) => ({
      what: "companies.privacy_hit_contact" as const,
      name: row.name,
      email: row.email?.toLowerCase() ?? null,
      href: `/kontakter/${row.id}`,
    }));
  },
  async extract(tx, person) {
    if (person.kind === "personal_number") {
      const companies = await repo.soleTraderCompanies(tx, person.digits);
      if (companies.length === 0) {
        return null;
      }
      return {
        lawful_basis: "public_task",
        source: "companies.privacy_source_register",
        retention: "companies.privacy_sole_traders_retention",
        records: { businesses: companies.map(({ id: _id, visits, ...company }) => ({ ...company, visits: Number(visits) })) },
      };
    }
    const contacts = await repo.contactsMatching(tx, { email: person.email });
    if (contacts.length === 0) {
      return null;
    }
    const extracts = [];
    for (const contact of contacts) {
      extracts.push(await contactExtractIn(tx, contact));
    }
    return {
      lawful_basis: [...new Set(contacts.map((contact) => contact.lawful_basis))],
      source: "companies.privacy_source_contacts",
      retention: "companies.privacy_contacts_retention",
      records: { contacts: extracts },
    };
  },
  async erase(tx, actor, person, requestId) {
    if (person.kind === "personal_number") {
      const companies = await repo.soleTraderCompanies(tx, person.digits);
      return {
        erased: [],
        kept:
          companies.length > 0
            ? [{ what: "companies.privacy_hit_sole_trader" as const, count: companies.length, why: "companies.privacy_why_register" as const }]
            : [],
      };
    }
    const contacts = await repo.contactsMatching(tx, { email: person.email });
    for (const contact of contacts) {
      await eraseContactIn(tx, actor, contact.id, requestId);
    }
    return { erased: contacts.length > 0 ? [{ what: "companies.privacy_hit_contact" as const, count: contacts.length }] : [], kept: [] };
  },
};

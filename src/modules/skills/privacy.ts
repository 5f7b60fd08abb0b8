import { matchOf } from "../../platform/privacy/person.js";
import type { PersonalDataSource } from "../../platform/privacy/sources.js";
import { openingsWithContact } from "./opening-repo.js";
import { contactExtractIn, eraseContactIn, eraseIn, extractIn } from "./records-service.js";
import * as repo from "./seeker-repo.js";

/**
 * The skills module's part of the data-protection page: job seekers, found by address,
 * personal identity number or name. The extract carries the log of who read the record;
 * erasure removes the person with their history, introductions and read log.
 */
export const skillsPersonalData: PersonalDataSource = {
  title: "skills.privacy_title",
  activities: [
    {
      name: "skills.privacy_activity",
      purpose: "skills.privacy_purpose",
      subjects: "skills.privacy_subjects",
      categories: "skills.privacy_categories",
      lawfulBasis: "public_task",
      retention: "skills.privacy_retention",
      recipients: "skills.privacy_recipients",
    },
    {
      name: "skills.privacy_contact_activity",
      purpose: "skills.privacy_contact_purpose",
      subjects: "skills.privacy_contact_subjects",
      categories: "skills.privacy_contact_categories",
      lawfulBasis: "public_task",
      retention: "skills.privacy_contact_retention",
      recipients: "skills.privacy_contact_recipients",
    },
  ],
  async find(tx, query) {
    const match = matchOf(query);
    const rows = await repo.seekersMatching(tx, { email: match.email, name: match.name, personalNumber: match.orgNumber });
    const contacts = match.orgNumber ? [] : await openingsWithContact(tx, { email: match.email, name: match.name });
    return [
      ...rows.map((row) => ({
        what: "skills.privacy_hit" as const,
        name: row.name,
        email: row.email,
        personalNumber: row.personal_number,
        href: `/kompetens/arbetssokande/${row.id}`,
      })),
      ...contacts.map((row) => ({
        what: "skills.privacy_contact_hit" as const,
        name: row.contact_name,
        email: row.contact_email,
        href: `/kompetens/annonser/${row.id}`,
      })),
    ];
  },
  async extract(tx, person) {
    const seekers = await extractIn(tx, person);
    const contacts = person.kind === "email" ? await contactExtractIn(tx, person.email) : [];
    if (seekers.length === 0 && contacts.length === 0) {
      return null;
    }
    return {
      lawful_basis: [...new Set([...seekers.map((seeker) => seeker.lawful_basis), ...(contacts.length > 0 ? (["public_task"] as const) : [])])],
      source: "skills.privacy_source",
      retention: "skills.privacy_retention",
      records: { job_seekers: seekers, opening_contacts: contacts },
    };
  },
  async erase(tx, actor, person, requestId) {
    const { erased, kept } = await eraseIn(tx, actor, person, requestId);
    const contacts = person.kind === "email" ? await eraseContactIn(tx, actor, person.email, requestId) : 0;
    return {
      erased: [
        ...(erased > 0 ? [{ what: "skills.privacy_hit" as const, count: erased }] : []),
        ...(contacts > 0 ? [{ what: "skills.privacy_contact_hit" as const, count: contacts }] : []),
      ],
      kept: kept > 0 ? [{ what: "skills.privacy_introductions" as const, count: kept, why: "skills.privacy_why_introductions" as const }] : [],
    };
  },
};

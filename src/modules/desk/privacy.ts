import { matchOf } from "../../platform/privacy/person.js";
import type { PersonalDataSource } from "../../platform/privacy/sources.js";
import * as repo from "./records-repo.js";
import { extractIn } from "./records-service.js";

/**
 * The desk's part of the data-protection page. A business case is a public record: the
 * correspondent gets an extract, but an erasure request does not remove it; it goes under
 * the records management plan when its retention time has run out, and the page says so.
 */
export const deskPersonalData: PersonalDataSource = {
  title: "desk.privacy_title",
  activities: [
    {
      name: "desk.privacy_activity",
      purpose: "desk.privacy_purpose",
      subjects: "desk.privacy_subjects",
      categories: "desk.privacy_categories",
      lawfulBasis: "public_task",
      retention: "desk.privacy_retention",
      recipients: "desk.privacy_recipients",
    },
  ],
  async find(tx, query) {
    const rows = await repo.correspondentsMatching(tx, matchOf(query));
    return rows.map((row) => ({ what: "desk.privacy_hit" as const, name: row.name, email: row.email }));
  },
  async extract(tx, person) {
    if (person.kind !== "email") {
      return null;
    }
    const extract = await extractIn(tx, person.email);
    if (extract.cases.length === 0) {
      return null;
    }
    return { lawful_basis: "public_task", source: "desk.privacy_source", retention: "desk.privacy_retention", records: { cases: extract.cases } };
  },
  async erase(tx, _actor, person) {
    if (person.kind !== "email") {
      return { erased: [], kept: [] };
    }
    const cases = (await repo.correspondentsMatching(tx, { email: person.email }))[0]?.cases;
    return { erased: [], kept: cases ? [{ what: "desk.privacy_cases" as const, count: Number(cases), why: "desk.privacy_why_public_record" as const }] : [] };
  },
};

import { matchOf } from "../../platform/privacy/person.js";
import type { PersonalDataSource } from "../../platform/privacy/sources.js";
import * as repo from "./invitation-repo.js";
import { eraseIn, extractIn } from "./records-service.js";

/**
 * Service measurement's part of the data-protection page: the invitations still linked to
 * a person (who was asked is kept only while reminders need it) and their answers.
 */
export const surveysPersonalData: PersonalDataSource = {
  title: "surveys.privacy_title",
  activities: [
    {
      name: "surveys.privacy_activity",
      purpose: "surveys.privacy_purpose",
      subjects: "surveys.privacy_subjects",
      categories: "surveys.privacy_categories",
      lawfulBasis: "public_task",
      retention: "surveys.privacy_retention",
      recipients: "surveys.privacy_recipients",
    },
  ],
  async find(tx, query) {
    const rows = await repo.invitedMatching(tx, matchOf(query));
    return rows.map((row) => ({ what: "surveys.privacy_hit" as const, name: row.name, email: row.email }));
  },
  async extract(tx, person) {
    if (person.kind !== "email") {
      return null;
    }
    const extract = await extractIn(tx, person.email);
    if (extract.invitations.length === 0) {
      return null;
    }
    return {
      lawful_basis: "public_task",
      source: "surveys.privacy_source",
      retention: "surveys.privacy_retention",
      records: { invitations: extract.invitations },
    };
  },
  async erase(tx, actor, person, requestId) {
    if (person.kind !== "email") {
      return { erased: [], kept: [] };
    }
    const count = await eraseIn(tx, actor, person.email, requestId);
    return {
      erased: count > 0 ? [{ what: "surveys.privacy_hit" as const, count }] : [],
      // Answers without the person stay: the index is computed from them and no longer points at anyone.
      kept: count > 0 ? [{ what: "surveys.privacy_answers" as const, count, why: "surveys.privacy_why_answers" as const }] : [],
    };
  },
};

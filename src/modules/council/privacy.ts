import { recordAudit, redactAuditValues } from "../../platform/audit/audit.js";
import type { PersonalDataSource } from "../../platform/privacy/sources.js";
import * as repo from "./member-repo.js";

/**
 * The council's part of the data-protection page: its members, found by address or name.
 * Erasure takes the member's name and details from the register; minutes already approved
 * stay as they are, as archived public records (GDPR art. 17.3 b and d).
 */
export const councilPersonalData: PersonalDataSource = {
  title: "council.privacy_title",
  activities: [
    {
      name: "council.privacy_activity",
      purpose: "council.privacy_purpose",
      subjects: "council.privacy_subjects",
      categories: "council.privacy_categories",
      lawfulBasis: "public_task",
      retention: "council.privacy_retention",
      recipients: "council.privacy_recipients",
    },
  ],
  async find(tx, query) {
    const rows = query.kind === "email" ? await repo.membersByEmail(tx, query.email) : query.kind === "name" ? await repo.membersByName(tx, query.name) : [];
    return rows.map((row) => ({ what: "council.privacy_hit" as const, name: row.name, email: row.email, href: `/radet/ledamoter/${row.id}` }));
  },
  async extract(tx, person) {
    if (person.kind !== "email") {
      return null;
    }
    const rows = await repo.membersByEmail(tx, person.email);
    if (rows.length === 0) {
      return null;
    }
    const records = [];
    for (const row of rows) {
      records.push({ ...row, terms: await repo.listTerms(tx, row.id), meetings: await repo.meetingsOf(tx, row.id) });
    }
    return {
      lawful_basis: [...new Set(rows.map((row) => row.lawful_basis))],
      source: "council.privacy_source",
      retention: "council.privacy_retention",
      records: { council_members: records },
    };
  },
  async erase(tx, actor, person, requestId) {
    if (person.kind !== "email") {
      return { erased: [], kept: [] };
    }
    const rows = await repo.membersByEmail(tx, person.email);
    const now = new Date();
    for (const row of rows) {
      await repo.eraseMember(tx, row.id, now);
      await redactAuditValues(tx, "council_member", row.id);
      await recordAudit(tx, actor, { action: "erase", recordType: "council_member", recordId: row.id }, requestId);
    }
    const kept = await repo.approvedMinutesOf(
      tx,
      rows.map((row) => row.id),
    );
    return {
      erased: rows.length > 0 ? [{ what: "council.privacy_hit" as const, count: rows.length }] : [],
      kept: kept > 0 ? [{ what: "council.privacy_minutes" as const, count: kept, why: "council.privacy_why_minutes" as const }] : [],
    };
  },
};

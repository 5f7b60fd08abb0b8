import { eraseUserIn } from "../auth/service.js";
import * as repo from "./repo.js";
import type { PersonalDataSource } from "./sources.js";

/**
 * The platform's own personal data: staff accounts. The lawful basis is the employment;
 * an active account is kept (the person works here), a closed one is erased as the
 * account page erases it: name and address replaced, the audit log's values redacted.
 */
export const staffSource: PersonalDataSource = {
  title: "privacy.source.staff",
  activities: [
    {
      name: "privacy.activity.staff",
      purpose: "privacy.activity.staff_purpose",
      subjects: "privacy.activity.staff_subjects",
      categories: "privacy.activity.staff_categories",
      lawfulBasis: "contract",
      retention: "privacy.activity.staff_retention",
      recipients: "privacy.activity.none",
    },
    {
      name: "privacy.activity.audit",
      purpose: "privacy.activity.audit_purpose",
      subjects: "privacy.activity.audit_subjects",
      categories: "privacy.activity.audit_categories",
      lawfulBasis: "legal_obligation",
      retention: "privacy.activity.audit_retention",
      recipients: "privacy.activity.none",
    },
  ],
  async find(tx, query) {
    if (query.kind === "personal_number") {
      return [];
    }
    const rows = await repo.staffMatching(tx, query.kind === "email" ? { email: query.email } : { name: query.name });
    return rows.map((row) => ({
      what: row.active ? "privacy.hit.staff" : "privacy.hit.staff_closed",
      name: row.name,
      email: row.email,
      href: `/admin/konton/${row.id}`,
    }));
  },
  async extract(tx, person) {
    const account = person.kind === "email" ? await repo.staffAccount(tx, person.email) : undefined;
    if (!account) {
      return null;
    }
    const { id, ...shown } = account;
    return {
      lawful_basis: "contract",
      source: "privacy.from.staff",
      retention: "privacy.activity.staff_retention",
      records: { account: shown, active_sessions: await repo.sessionCount(tx, id), api_tokens: await repo.tokensOf(tx, id) },
    };
  },
  async erase(tx, actor, person, requestId) {
    const account = person.kind === "email" ? await repo.staffAccount(tx, person.email) : undefined;
    if (!account) {
      return { erased: [], kept: [] };
    }
    if (account.active) {
      return { erased: [], kept: [{ what: "privacy.hit.staff", count: 1, why: "privacy.why_staff_active" }] };
    }
    // Only a system administrator touches a system administrator's account, here as on the account page.
    if (account.roles.includes("system_admin") && actor.kind === "user" && !actor.roles.includes("system_admin")) {
      return { erased: [], kept: [{ what: "privacy.hit.staff_closed", count: 1, why: "privacy.why_system_admin" }] };
    }
    await eraseUserIn(tx, actor, account.id, requestId);
    return { erased: [{ what: "privacy.hit.staff_closed", count: 1 }], kept: [] };
  },
};

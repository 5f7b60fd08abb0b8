import type { AuditNames } from "../../platform/audit/names.js";

/** What the companies module's audit events are about, and what was done, in words. */
export const auditNames: AuditNames = {
  records: {
    company: "companies.audit.record.company",
    company_area: "companies.audit.record.company_area",
    company_import: "companies.audit.record.company_import",
    company_profile: "companies.audit.record.company_profile",
    company_task: "companies.audit.record.company_task",
    contact: "companies.audit.record.contact",
    visit: "companies.audit.record.visit",
    visit_template: "companies.audit.record.visit_template",
  },
  actions: {
    complete: "companies.audit.action.complete",
    reopen: "companies.audit.action.reopen",
    report: "companies.audit.action.report",
    renew_visit_feed: "companies.audit.action.renew_visit_feed",
  },
};

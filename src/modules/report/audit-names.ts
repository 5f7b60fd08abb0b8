import type { AuditNames } from "../../platform/audit/names.js";

/** What the yearly report's audit events are about, and what was done, in words. */
export const auditNames: AuditNames = {
  records: {
    report: "report.audit.record.report",
    report_section: "report.audit.record.report_section",
    report_template: "report.audit.record.report_template",
  },
  actions: {
    start: "report.audit.action.start",
    submit: "report.audit.action.submit",
    return: "report.audit.action.return",
    approve: "report.audit.action.approve",
    publish: "report.audit.action.publish",
    archive: "report.audit.action.archive",
    section: "report.audit.action.section",
    comment: "report.audit.action.comment",
    template: "report.audit.action.template",
    logo: "report.audit.action.logo",
  },
};

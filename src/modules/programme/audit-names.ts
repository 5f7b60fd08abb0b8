import type { AuditNames } from "../../platform/audit/names.js";

/** What the programme module's audit events are about, and what was done, in words. */
export const auditNames: AuditNames = {
  records: {
    programme: "programme.audit.record.programme",
    programme_action: "programme.audit.record.programme_action",
    programme_action_status: "programme.audit.record.programme_action_status",
    programme_focus_area: "programme.audit.record.programme_focus_area",
    programme_follow_up: "programme.audit.record.programme_follow_up",
    programme_indicator: "programme.audit.record.programme_indicator",
    programme_kolada: "programme.audit.record.programme_kolada",
  },
  actions: {
    adopt: "programme.audit.action.adopt",
    archive: "programme.audit.action.archive",
    copy: "programme.audit.action.copy",
    follow_up: "programme.audit.action.follow_up",
    publish: "programme.audit.action.publish",
    record_value: "programme.audit.action.record_value",
    sheet_import: "programme.audit.action.sheet_import",
    kolada_settings: "programme.audit.action.kolada_settings",
    kolada_value: "programme.audit.action.kolada_value",
    kolada_title: "programme.audit.action.kolada_title",
    summary: "programme.audit.action.summary",
  },
};

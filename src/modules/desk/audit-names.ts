import type { AuditNames } from "../../platform/audit/names.js";

/** What the desk module's audit events are about, and what was done, in words. */
export const auditNames: AuditNames = {
  records: {
    desk_case: "desk.audit.record.desk_case",
    desk_category: "desk.audit.record.desk_category",
    desk_correspondent: "desk.audit.record.desk_correspondent",
    desk_settings: "desk.audit.record.desk_settings",
    desk_sla_policy: "desk.audit.record.desk_sla_policy",
    desk_notification_settings: "desk.audit.record.desk_notification_settings",
    desk_register_export: "desk.audit.record.desk_register_export",
  },
  actions: {
    add_unit: "desk.audit.action.add_unit",
    remove_unit: "desk.audit.action.remove_unit",
    assign: "desk.audit.action.assign",
    business_reply: "desk.audit.action.business_reply",
    delay_notice: "desk.audit.action.delay_notice",
    dispose: "desk.audit.action.dispose",
    mark_secret: "desk.audit.action.mark_secret",
    unmark_secret: "desk.audit.action.unmark_secret",
    note: "desk.audit.action.note",
    priority: "desk.audit.action.priority",
    reply: "desk.audit.action.reply",
    status: "desk.audit.action.status",
    statutory: "desk.audit.action.statutory",
    transfer: "desk.audit.action.transfer",
    subject_secret: "desk.audit.action.subject_secret",
    register_export: "desk.audit.action.register_export",
  },
};

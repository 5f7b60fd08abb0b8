import type { AuditNames } from "../../platform/audit/names.js";

/** What the business council's audit events are about, and what was done, in words. */
export const auditNames: AuditNames = {
  records: {
    council_member: "council.audit.record.council_member",
    council_meeting: "council.audit.record.council_meeting",
    council_decision: "council.audit.record.council_decision",
  },
  actions: {
    "term.added": "council.audit.action.term.added",
    "term.ended": "council.audit.action.term.ended",
    "item.added": "council.audit.action.item.added",
    "item.changed": "council.audit.action.item.changed",
    "item.removed": "council.audit.action.item.removed",
    "item.moved": "council.audit.action.item.moved",
    "documents.added": "council.audit.action.documents.added",
    "documents.removed": "council.audit.action.documents.removed",
    "invitations.sent": "council.audit.action.invitations.sent",
    answered: "council.audit.action.answered",
    held: "council.audit.action.held",
    "attendance.saved": "council.audit.action.attendance.saved",
    "section.saved": "council.audit.action.section.saved",
    "minutes.sent": "council.audit.action.minutes.sent",
    "minutes.taken_back": "council.audit.action.minutes.taken_back",
    "minutes.approved": "council.audit.action.minutes.approved",
    "minutes.locked": "council.audit.action.minutes.locked",
    published: "council.audit.action.published",
    "correction.started": "council.audit.action.correction.started",
    "action.linked": "council.audit.action.action.linked",
    "follow_up.added": "council.audit.action.follow_up.added",
    "follow_up.done": "council.audit.action.follow_up.done",
    "follow_up.reopened": "council.audit.action.follow_up.reopened",
    "follow_ups.reminded": "council.audit.action.follow_ups.reminded",
  },
};

import type { AuditNames } from "../../platform/audit/names.js";

/** What service measurement's audit events are about, and what was done, in words. */
export const auditNames: AuditNames = {
  records: {
    survey: "surveys.audit.record.survey",
    survey_invitation: "surveys.audit.record.survey_invitation",
    survey_person: "surveys.audit.record.survey_person",
  },
  actions: {
    "invitations.sent": "surveys.audit.action.invitations.sent",
    "invitations.reminded": "surveys.audit.action.invitations.reminded",
    "invitations.forgotten": "surveys.audit.action.invitations.forgotten",
    "climate.sent": "surveys.audit.action.climate.sent",
    "list.uploaded": "surveys.audit.action.list.uploaded",
    "list.exported": "surveys.audit.action.list.exported",
    "question.added": "surveys.audit.action.question.added",
    "question.deleted": "surveys.audit.action.question.deleted",
    "text.hidden": "surveys.audit.action.text.hidden",
    "text.shown": "surveys.audit.action.text.shown",
    answered: "surveys.audit.action.answered",
    declined: "surveys.audit.action.declined",
  },
};

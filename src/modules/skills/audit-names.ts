import type { AuditNames } from "../../platform/audit/names.js";

/** What the skills module's audit events are about, and what was done, in words. */
export const auditNames: AuditNames = {
  records: {
    skills_opening: "skills.audit.record.skills_opening",
    skills_seeker: "skills.audit.record.skills_seeker",
    skills_introduction: "skills.audit.record.skills_introduction",
    skills_person: "skills.audit.record.skills_person",
    skills_needs_round: "skills.audit.record.skills_needs_round",
    skills_needs_answer: "skills.audit.record.skills_needs_answer",
  },
  actions: {
    verified: "skills.audit.action.verified",
    "contact.erased": "skills.audit.action.contact.erased",
    published: "skills.audit.action.published",
    closed: "skills.audit.action.closed",
    "introduction.proposed": "skills.audit.action.introduction.proposed",
    "introduction.contacted": "skills.audit.action.introduction.contacted",
    "introduction.interview": "skills.audit.action.introduction.interview",
    "introduction.placed": "skills.audit.action.introduction.placed",
    "introduction.declined": "skills.audit.action.introduction.declined",
    "introduction.withdrawn": "skills.audit.action.introduction.withdrawn",
    "introduction.followed_up": "skills.audit.action.introduction.followed_up",
    "follow_ups.reminded": "skills.audit.action.follow_ups.reminded",
    "needs.sent": "skills.audit.action.needs.sent",
    "needs.answered": "skills.audit.action.needs.answered",
  },
};

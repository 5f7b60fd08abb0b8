import type { AuditNames } from "../../platform/audit/names.js";

/** What the region's audit events are about, and what was done, in words. */
export const auditNames: AuditNames = {
  records: {
    region_figures: "region.audit.record.region_figures",
  },
  actions: {
    "figures.computed": "region.audit.action.figures.computed",
  },
};

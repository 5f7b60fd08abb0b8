import { ForbiddenError } from "../../platform/errors.js";
import type { Actor, Role } from "../../platform/auth/roles.js";

/** What the yearly report lets staff do. */
export type ReportAction =
  /** Read a report in the making and comment on its sections. */
  | "report.read"
  /** Start a year's report, give sections their writers, review, approve, publish, archive; the template and the logo. */
  | "report.manage"
  /** Write a section and mark it ready: its writer, and those who manage. */
  | "report.write";

const managers: readonly Role[] = ["admin", "business_developer", "system_admin"];
const readers: readonly Role[] = [...managers, "case_officer", "labour_market_officer", "viewer"];

export function canReport(actor: Actor, action: ReportAction, section?: { writer_id: string | null }): boolean {
  if (actor.kind === "system") {
    return true;
  }
  if (action === "report.write") {
    return actor.roles.some((role) => managers.includes(role)) || (section !== undefined && section.writer_id === actor.id);
  }
  return actor.roles.some((role) => (action === "report.read" ? readers : managers).includes(role));
}

export function authorizeReport(actor: Actor, action: ReportAction, section?: { writer_id: string | null }): void {
  if (!canReport(actor, action, section)) {
    throw new ForbiddenError();
  }
}

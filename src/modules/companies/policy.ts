import { ForbiddenError } from "../../platform/errors.js";
import type { Actor, Role } from "../../platform/auth/roles.js";

/** What the company register lets people do. */
export type CompanyAction =
  /** Search the register, read a company's page, contacts, visits and tasks. */
  | "companies.read"
  /** A company's contact people and visits with their participants: people, so not a viewer's. */
  | "contacts.read"
  /** Keep the municipality's knowledge: owner, tags, notes, links, contacts, visits, tasks. */
  | "companies.manage"
  /** Upload a company list. */
  | "companies.import"
  /** The municipality's area (postcodes, towns) and the contacts' retention time. */
  | "companies.settings"
  /** A person's register extract and erasure, and the retention purge. */
  | "contacts.personal"
  /** The visit-report templates. */
  | "visits.templates"
  /** Mark a task done: its owner, or those who manage. */
  | "tasks.complete";

const managers: readonly Role[] = ["admin", "business_developer", "system_admin"];

const allowed: Record<Exclude<CompanyAction, "tasks.complete">, readonly Role[]> = {
  "companies.read": ["admin", "business_developer", "case_officer", "labour_market_officer", "viewer", "system_admin"],
  "contacts.read": ["admin", "business_developer", "case_officer", "labour_market_officer", "system_admin"],
  "companies.manage": managers,
  "companies.import": managers,
  "companies.settings": ["admin", "system_admin"],
  "contacts.personal": managers,
  "visits.templates": managers,
};

export function canCompanies(actor: Actor, action: CompanyAction, record?: { owner_id: string | null }): boolean {
  if (actor.kind === "system") {
    return true;
  }
  if (action === "tasks.complete") {
    return actor.roles.some((role) => managers.includes(role)) || (record !== undefined && record.owner_id === actor.id);
  }
  return actor.roles.some((role) => allowed[action].includes(role));
}

export function authorizeCompanies(actor: Actor, action: CompanyAction, record?: { owner_id: string | null }): void {
  if (!canCompanies(actor, action, record)) {
    throw new ForbiddenError();
  }
}

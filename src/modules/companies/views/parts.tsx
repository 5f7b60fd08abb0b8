import type { Actor } from "../../../platform/auth/roles.js";
import type { MessageKey, Translate } from "../../../platform/ui/i18n.js";
import { formatIdentityNumber } from "../../../platform/sweden/identity-number.js";
import { canCompanies } from "../policy.js";
import { legalFormName, legalFormTokenLabel } from "../reference.js";
import type { CompanyStatus } from "../tables.js";

/**
 * A sole trader's organisation number is a personal identity number: shown whole only to
 * those who manage the register, to others with its last four digits hidden.
 */
export function shownNumber(company: { org_number: string; is_person: boolean }, actor: Actor | null): string {
  const written = formatIdentityNumber(company.org_number);
  return company.is_person && !(actor && canCompanies(actor, "companies.manage")) ? `${written.slice(0, 7)}****` : written;
}

export function StatusBadge({ status, t }: { status: CompanyStatus; t: Translate }) {
  return <span class={`badge badge-company-${status}`}>{t(`companies.status.${status}` as MessageKey)}</span>;
}

export function legalFormLabel(company: { legal_form_code: string | null; legal_form_token: string | null }, lang: "sv" | "en"): string {
  return (
    legalFormName(company.legal_form_code) ?? legalFormTokenLabel(company.legal_form_token, lang) ?? company.legal_form_token?.replace(/-ORGFO$/, "") ?? "–"
  );
}

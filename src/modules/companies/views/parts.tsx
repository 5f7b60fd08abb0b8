import type { MessageKey, Translate } from "../../../platform/ui/i18n.js";
import { legalFormName, legalFormTokenLabel } from "../reference.js";
import type { CompanyStatus } from "../tables.js";

export { shownNumber } from "../presenter.js";

export function StatusBadge({ status, t }: { status: CompanyStatus; t: Translate }) {
  return <span class={`badge badge-company-${status}`}>{t(`companies.status.${status}` as MessageKey)}</span>;
}

export function legalFormLabel(company: { legal_form_code: string | null; legal_form_token: string | null }, lang: "sv" | "en"): string {
  return (
    legalFormName(company.legal_form_code) ?? legalFormTokenLabel(company.legal_form_token, lang) ?? company.legal_form_token?.replace(/-ORGFO$/, "") ?? "–"
  );
}

import { formatOneDecimal } from "../../../platform/ui/format.js";
import type { Lang, MessageKey, Translate } from "../../../platform/ui/i18n.js";
import type { SlaState } from "../clocks.js";
import type { CaseStatus } from "../tables.js";

/** Business minutes as people read them: "3 h 20 min", "2 d 1 h" (a business day is the calendar's open day). */
export function formatDuration(minutes: number | null, t: Translate, minutesPerDay = 510): string {
  if (minutes === null) {
    return "–";
  }
  const sign = minutes < 0 ? "−" : "";
  let rest = Math.abs(Math.round(minutes));
  const days = Math.floor(rest / minutesPerDay);
  rest -= days * minutesPerDay;
  const hours = Math.floor(rest / 60);
  const mins = rest % 60;
  const parts = [
    days ? `${days} ${t("desk.unit_days")}` : "",
    hours ? `${hours} ${t("desk.unit_hours")}` : "",
    !days && (mins || !hours) ? `${mins} ${t("desk.unit_minutes")}` : "",
  ].filter(Boolean);
  return `${sign}${parts.join(" ")}`;
}

export function statusLabel(status: CaseStatus, t: Translate): string {
  return t(`desk.status.${status}` as MessageKey);
}

/** The state against the next deadline, in words and with a class for colour; never colour alone. */
export function SlaBadge({ state, minutesLeft, t }: { state: SlaState; minutesLeft: number | null; t: Translate }) {
  if (state === "none") {
    return <span class="badge">{t("desk.sla.none")}</span>;
  }
  const left =
    state === "on_time" || state === "warning"
      ? ` (${formatDuration(minutesLeft, t)} ${t("desk.left")})`
      : state === "breached"
        ? ` (${formatDuration(minutesLeft === null ? null : -minutesLeft, t)} ${t("desk.over")})`
        : "";
  return (
    <span class={`badge badge-${state === "breached" ? "danger" : state === "warning" ? "warning" : state === "paused" ? "neutral" : "ok"}`}>
      {t(`desk.sla.${state}` as MessageKey)}
      {left}
    </span>
  );
}

export function categoryName(row: { category_sv: string; category_en: string }, lang: Lang): string {
  return lang === "en" ? row.category_en : row.category_sv;
}

export function formatOrgNumber(digits: string | null): string {
  return digits ? `${digits.slice(0, 6)}-${digits.slice(6)}` : "";
}

export function formatBytes(bytes: number, lang: Lang): string {
  return bytes >= 1024 * 1024 ? `${formatOneDecimal(bytes / 1024 / 1024, lang)} MB` : `${formatOneDecimal(Math.max(1, bytes / 1024), lang)} kB`;
}

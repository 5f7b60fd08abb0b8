import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import { Chart } from "../../../platform/ui/components/chart/chart.js";
import type { MessageKey } from "../../../platform/ui/i18n.js";
import type { IndicatorStatus } from "../rules.js";
import type { Programme } from "../service.js";
import { latestValueInYear, phaseOf, yearsOf } from "../rules.js";
import type { IndicatorDetail } from "../detail.js";

/** A progress figure: the number in words and a bar; "no value" when nothing can be rolled up. */
export function ProgressBar({ ctx, value, label }: { ctx: PageContext; value: number | null; label: string }) {
  if (value === null) {
    return <span class="muted">{ctx.t("programme.no_progress")}</span>;
  }
  const rounded = Math.round(value);
  return (
    <span class="progress">
      <progress max={100} value={rounded} aria-label={label}>
        {rounded} %
      </progress>{" "}
      <span>{ctx.t("programme.progress_of", { value: rounded })}</span>
    </span>
  );
}

export function StatusBadges({ ctx, programme }: { ctx: PageContext; programme: Programme }) {
  const { t } = ctx;
  return (
    <p class="badges">
      <span class={`badge badge-${programme.status}`}>{t(`programme.status.${programme.status}` as MessageKey)}</span>{" "}
      {programme.status !== "draft" ? <span class="badge">{t(`programme.phase.${phaseOf(programme, new Date())}` as MessageKey)}</span> : null}{" "}
      {programme.demo ? <span class="badge">{t("common.demo")}</span> : null}
    </p>
  );
}

export function IndicatorLight({ ctx, status }: { ctx: PageContext; status: IndicatorStatus }) {
  return <span class={`light light-${status}`}>{ctx.t(`programme.indicator_status.${status}` as MessageKey)}</span>;
}

export { formatNumber } from "../../../platform/ui/format.js";

/** An indicator's values and targets over the programme's years, as an SVG chart with its table. */
export function IndicatorChart({ ctx, indicator, programme }: { ctx: PageContext; indicator: IndicatorDetail; programme: Programme }) {
  const { t } = ctx;
  const years = yearsOf(programme);
  const labels = years.map(String);
  const values = years.map((year) => latestValueInYear(indicator.values, year)?.value ?? null);
  const targets = years.map((year) => indicator.targets.find((target) => target.year === year)?.value ?? null);
  return (
    <Chart
      kind="line"
      title={t("programme.chart_title", { name: indicator.name })}
      labels={labels}
      series={[
        { name: t("programme.series_value"), values },
        { name: t("programme.series_target"), values: targets },
      ]}
      unit={indicator.unit || undefined}
      t={t}
      lang={ctx.lang}
    />
  );
}

/** When an action runs, from its dates: "1 mars 2024 – 30 juni 2024", "från …", "till …", or a dash. */
export function actionPeriod(ctx: PageContext, action: { start_date: string | null; end_date: string | null }): string {
  const { t, lang } = ctx;
  const start = action.start_date ? formatDate(action.start_date, lang) : null;
  const end = action.end_date ? formatDate(action.end_date, lang) : null;
  if (start && end) {
    return `${start} – ${end}`;
  }
  if (start) {
    return t("programme.from_date", { date: start });
  }
  return end ? t("programme.until_date", { date: end }) : "–";
}

import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { DataTable } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import type { ProgrammeDetail } from "../detail.js";
import { indicatorInYear } from "../detail.js";
import type { Programme } from "../service.js";
import { rollUp } from "../rules.js";
import { actionPeriod, formatNumber, IndicatorChart, IndicatorLight, ProgressBar, StatusBadges } from "./parts.js";

export function PublicProgrammesPage({ ctx, programmes, progress }: { ctx: PageContext; programmes: Programme[]; progress: Map<string, number | null> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("programme.public_title")}>
      <h1>{t("programme.public_title")}</h1>
      <p class="lead">{t("programme.public_intro")}</p>
      {programmes.length === 0 ? <p class="empty">{t("programme.none_public")}</p> : null}
      <ul class="plain-list">
        {programmes.map((programme) => (
          <li class="panel">
            <h2>
              <a href={`/program/${programme.id}`}>{programme.name}</a>
            </h2>
            <p>
              {t("programme.period")}: {programme.start_year}–{programme.end_year}
            </p>
            <StatusBadges ctx={ctx} programme={programme} />
            <ProgressBar ctx={ctx} value={progress.get(programme.id) ?? null} label={`${t("programme.progress")}: ${programme.name}`} />
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The programme as the public follows it: no login, every figure as text and table too. */
export function PublicProgrammePage({ ctx, detail, staffLink }: { ctx: PageContext; detail: ProgrammeDetail; staffLink: boolean }) {
  const { t, lang } = ctx;
  const { programme } = detail;
  const latestYear = Math.min(programme.end_year, new Date().getFullYear());
  const indicatorsOf = (areaId: string | null) => detail.indicators.filter((indicator) => indicator.focus_area_id === areaId);
  return (
    <Layout ctx={ctx} title={programme.name}>
      <h1>{programme.name}</h1>
      <StatusBadges ctx={ctx} programme={programme} />
      <p>
        {t("programme.period")}: {programme.start_year}–{programme.end_year}
        {programme.adopted_by && programme.adopted_on ? (
          <>. {t("programme.adopted_by_on", { body: programme.adopted_by, date: formatDate(programme.adopted_on, lang) })}</>
        ) : null}
      </p>
      {programme.status === "draft" ? <p class="notice">{t("programme.draft_notice")}</p> : null}
      {programme.previous_id ? (
        <p class="no-print">
          <a href={`/program/${programme.previous_id}`}>{t("programme.previous")}</a>
        </p>
      ) : null}
      {staffLink ? (
        <p class="no-print">
          <a href={`/admin/program/${programme.id}`}>{t("programme.admin_title")}</a>
        </p>
      ) : null}
      <p>
        {t("programme.progress")}: <ProgressBar ctx={ctx} value={detail.progress} label={`${t("programme.progress")}: ${programme.name}`} />
      </p>
      {/* The programme's own texts are written in Swedish: they say so on an English page. */}
      {programme.vision ? (
        <>
          <h2>{t("programme.vision")}</h2>
          <blockquote class="quote" lang="sv">
            {programme.vision}
          </blockquote>
        </>
      ) : null}
      {programme.goal ? (
        <>
          <h2>{t("programme.goal")}</h2>
          <p class="prewrap" lang="sv">
            {programme.goal}
          </p>
        </>
      ) : null}
      {programme.purpose ? (
        <>
          <h2>{t("programme.purpose")}</h2>
          <p class="prewrap" lang="sv">
            {programme.purpose}
          </p>
        </>
      ) : null}
      {detail.commitments.length > 0 ? (
        <>
          <h2>{t("programme.commitments")}</h2>
          <div class="columns">
            {detail.commitments.map((commitment) => (
              <section class="panel" aria-labelledby={`c-${commitment.id}`} lang="sv">
                <h3 id={`c-${commitment.id}`}>{commitment.title}</h3>
                <p class="prewrap">{commitment.description}</p>
              </section>
            ))}
          </div>
        </>
      ) : null}
      {detail.parties.length > 0 ? (
        <>
          <h2>{t("programme.parties")}</h2>
          <ul>
            {detail.parties.map((party) => (
              <li>{party.name}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("programme.focus_areas")}</h2>
      {detail.focusAreas.map((area) => {
        const actions = detail.actions.filter((action) => action.focus_area_id === area.id);
        return (
          <section class="focus-area" aria-labelledby={`fa-${area.id}`}>
            <h3 id={`fa-${area.id}`} lang="sv">
              {area.name}
            </h3>
            {area.description ? (
              <p class="prewrap" lang="sv">
                {area.description}
              </p>
            ) : null}
            <p>
              {t("programme.progress")}: <ProgressBar ctx={ctx} value={rollUp(actions)} label={`${t("programme.progress")}: ${area.name}`} />
            </p>
            <DataTable
              caption={`${t("programme.actions")}: ${area.name}`}
              t={t}
              baseUrl={`/program/${programme.id}`}
              empty={t("programme.no_actions")}
              rows={actions}
              columns={[
                { key: "title", label: t("programme.action_title"), cell: (action) => <span lang="sv">{action.title}</span> },
                { key: "responsible", label: t("programme.responsible"), cell: (action) => action.responsible?.name ?? "–" },
                { key: "dates", label: t("programme.action_dates"), cell: (action) => actionPeriod(ctx, action) },
                { key: "status", label: t("programme.action_status"), cell: (action) => action.status_name },
                { key: "progress", label: t("programme.action_progress"), numeric: true, cell: (action) => `${action.progress} %` },
              ]}
            />
            <IndicatorList ctx={ctx} detail={detail} indicators={indicatorsOf(area.id)} year={latestYear} />
          </section>
        );
      })}
      {indicatorsOf(null).length > 0 ? (
        <section class="focus-area" aria-labelledby="fa-whole">
          <h3 id="fa-whole">{t("programme.whole_programme")}</h3>
          <IndicatorList ctx={ctx} detail={detail} indicators={indicatorsOf(null)} year={latestYear} />
        </section>
      ) : null}
      <h2>{t("programme.published")}</h2>
      <FollowUpLinks ctx={ctx} detail={detail} />
    </Layout>
  );
}

function IndicatorList({
  ctx,
  detail,
  indicators,
  year,
}: {
  ctx: PageContext;
  detail: ProgrammeDetail;
  indicators: ProgrammeDetail["indicators"];
  year: number;
}) {
  const { t, lang } = ctx;
  if (indicators.length === 0) {
    return null;
  }
  return (
    <>
      <h4>{t("programme.indicators")}</h4>
      {indicators.map((indicator) => {
        const standing = indicatorInYear(indicator, year);
        return (
          <div class="indicator">
            <p>
              <strong>{indicator.name}</strong>
              {indicator.unit ? ` (${indicator.unit})` : ""} · {t(`programme.direction.${indicator.direction}`)} · {t("programme.baseline")}:{" "}
              {formatNumber(indicator.baseline_value, lang)}
              {indicator.baseline_year ? ` (${indicator.baseline_year})` : ""}
            </p>
            <p>
              {year}: {formatNumber(standing.value?.value, lang)} / {t("programme.target")} {formatNumber(standing.target, lang)} ·{" "}
              <IndicatorLight ctx={ctx} status={standing.status} />
            </p>
            <IndicatorChart ctx={ctx} indicator={indicator} programme={detail.programme} />
          </div>
        );
      })}
    </>
  );
}

export function FollowUpLinks({ ctx, detail }: { ctx: PageContext; detail: ProgrammeDetail }) {
  const { t, lang } = ctx;
  if (detail.followUps.length === 0) {
    return <p class="empty">{t("programme.no_follow_ups")}</p>;
  }
  return (
    <ul>
      {detail.followUps.map((followUp) => (
        <li>
          <a href={`/uppfoljning/${followUp.id}`}>
            {t("programme.follow_up_link", { year: followUp.year })}, {t("programme.revision", { revision: followUp.revision })}
          </a>{" "}
          ({t("programme.published_on", { date: formatDate(followUp.published_at, lang) })})
        </li>
      ))}
    </ul>
  );
}

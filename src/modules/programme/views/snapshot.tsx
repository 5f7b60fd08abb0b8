import { TableWrap } from "../../../platform/ui/components/table/table.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate } from "../../../platform/ui/format.js";
import type { PublishedFollowUp } from "../follow-up-service.js";
import { formatNumber, IndicatorLight } from "./parts.js";
import { SnapshotReport } from "./snapshot-report.js";

/** A published follow-up as it was frozen; prints cleanly to paper or PDF. */
export function SnapshotPage({ ctx, followUp }: { ctx: PageContext; followUp: PublishedFollowUp }) {
  const { t, lang } = ctx;
  const { snapshot } = followUp;
  const newest = followUp.revisions[0];
  const title = `${t("programme.follow_up_title", { year: followUp.year })}: ${snapshot.programme.name}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <RevisionLine ctx={ctx} followUp={followUp} />
      {followUp.correction_note ? <p class="notice">{t("programme.correction", { note: followUp.correction_note })}</p> : null}
      {newest && newest.id !== followUp.id ? (
        <p class="notice no-print">
          <a href={`/uppfoljning/${newest.id}`}>{t("programme.latest_revision")}</a>
        </p>
      ) : null}
      <p class="lead">{t("programme.snapshot_intro")}</p>
      <ul class="no-print">
        <li>
          <a href={`/uppfoljning/${followUp.id}/csv`} download>
            {t("programme.csv")}
          </a>
        </li>
        <li>{t("programme.print")}</li>
        <li>
          <a href={`/program/${followUp.programme_id}`}>{t("programme.back")}</a>
        </li>
      </ul>
      <p>
        {t("programme.progress")}:{" "}
        {snapshot.programme.progress === null ? t("programme.no_progress") : t("programme.progress_of", { value: Math.round(snapshot.programme.progress) })}
      </p>
      {snapshot.report ? <SnapshotReport ctx={ctx} report={snapshot.report} followUpId={followUp.id} /> : null}
      {snapshot.programme.vision ? (
        <>
          <h2>{t("programme.vision")}</h2>
          <blockquote class="quote">{snapshot.programme.vision}</blockquote>
        </>
      ) : null}
      <h2>{t("programme.focus_areas")}</h2>
      {snapshot.focus_areas.map((area) => (
        <section class="focus-area" aria-labelledby={`sfa-${area.id}`}>
          <h3 id={`sfa-${area.id}`}>{area.name}</h3>
          <p>
            {t("programme.progress")}: {area.progress === null ? t("programme.no_progress") : t("programme.progress_of", { value: Math.round(area.progress) })}
          </p>
          <h4>{t("programme.summary")}</h4>
          <p class="prewrap">{area.summary || "–"}</p>
          {area.actions.length > 0 ? (
            <TableWrap t={t} caption={`${t("programme.actions")}: ${area.name}`}>
              <table class="table">
                <caption>{`${t("programme.actions")}: ${area.name}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("programme.action_title")}</th>
                    <th scope="col">{t("programme.responsible")}</th>
                    <th scope="col">{t("programme.action_status")}</th>
                    <th scope="col" class="numeric">
                      {t("programme.action_progress")}
                    </th>
                    <th scope="col">{t("programme.note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {area.actions.map((action) => (
                    <tr>
                      <th scope="row">{action.title}</th>
                      <td>{action.responsible ?? "–"}</td>
                      <td>{action.status}</td>
                      <td class="numeric">{action.progress} %</td>
                      <td class="prewrap">{action.note || t("programme.no_note")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : (
            <p class="empty">{t("programme.no_actions")}</p>
          )}
        </section>
      ))}
      <h2>{t("programme.indicators")}</h2>
      {snapshot.indicators.length === 0 ? (
        <p class="empty">{t("programme.no_indicators")}</p>
      ) : (
        <TableWrap t={t} caption={`${t("programme.indicators")} ${followUp.year}`}>
          <table class="table">
            <caption>{`${t("programme.indicators")} ${followUp.year}`}</caption>
            <thead>
              <tr>
                <th scope="col">{t("programme.indicator")}</th>
                <th scope="col">{t("programme.focus_area")}</th>
                <th scope="col" class="numeric">
                  {t("programme.baseline")}
                </th>
                <th scope="col" class="numeric">
                  {t("programme.value")}
                </th>
                <th scope="col" class="numeric">
                  {t("programme.target")}
                </th>
                <th scope="col">{t("programme.indicator_status")}</th>
                <th scope="col">{t("programme.comment")}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.indicators.map((indicator) => (
                <tr>
                  <th scope="row">
                    {indicator.name}
                    {indicator.unit ? ` (${indicator.unit})` : ""}
                  </th>
                  <td>{indicator.focus_area ?? t("programme.whole_programme")}</td>
                  <td class="numeric">
                    {formatNumber(indicator.baseline, lang)}
                    {indicator.baseline_year ? ` (${indicator.baseline_year})` : ""}
                  </td>
                  <td class="numeric">{formatNumber(indicator.value, lang)}</td>
                  <td class="numeric">{formatNumber(indicator.target, lang)}</td>
                  <td>
                    <IndicatorLight ctx={ctx} status={indicator.status} />
                  </td>
                  <td class="prewrap">{indicator.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {followUp.revisions.length > 1 ? (
        <>
          <h2 class="no-print">{t("programme.revisions")}</h2>
          <ul class="no-print">
            {followUp.revisions.map((revision) => (
              <li>
                <a href={`/uppfoljning/${revision.id}`} aria-current={revision.id === followUp.id ? "page" : undefined}>
                  {t("programme.revision", { revision: revision.revision })}
                </a>{" "}
                ({formatDate(revision.published_at, lang)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

/** Which revision, when it was published, and who adopted the programme when. */
function RevisionLine({ ctx, followUp }: { ctx: PageContext; followUp: PublishedFollowUp }) {
  const { t, lang } = ctx;
  const { programme } = followUp.snapshot;
  return (
    <p>
      {t("programme.revision", { revision: followUp.revision })} · {t("programme.published_on", { date: formatDate(followUp.published_at, lang) })}
      {programme.adopted_by && programme.adopted_on ? (
        <> · {t("programme.adopted_by_on", { body: programme.adopted_by, date: formatDate(programme.adopted_on, lang) })}</>
      ) : null}
    </p>
  );
}

import { Button, Form } from "../../../platform/ui/components/form/form.js";
import { Chart } from "../../../platform/ui/components/chart/chart.js";
import { ScatterChart } from "../../../platform/ui/components/chart/scatter.js";
import { TableWrap } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatNumber } from "../../../platform/ui/format.js";
import type { Figure } from "../nki.js";
import { thresholds } from "../nki.js";
import type { ResultRow, Results } from "../results-service.js";
import { factors } from "../tables.js";
import { SurveysNav } from "./parts.js";
import { TextList, periodQuery } from "./texts.js";

interface Props {
  ctx: PageContext;
  results: Results;
  canManage: boolean;
  people: boolean;
}

/**
 * NKI and the six factors as Insikt publishes them, and beside them the measured waiting of
 * the same cases: the page's content, made once per kept results and reader (`MadeOnce`).
 */
export function ResultsContent({ ctx, results, canManage, people }: Props) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("surveys.nav_results")}</h1>
      <SurveysNav ctx={ctx} current="results" people={people} />
      <Filters ctx={ctx} results={results} />
      <p class="hint">{t("surveys.rules", { show: thresholds.show, compare: thresholds.compare, ranking: thresholds.ranking })}</p>
      {results.climate ? (
        <ClimateFigures ctx={ctx} climate={results.climate} />
      ) : (
        <>
          <FigureTable ctx={ctx} rows={results.rows} />
          <Waiting ctx={ctx} results={results} />
          <Breaches ctx={ctx} results={results} />
        </>
      )}
      {results.texts ? (
        <section aria-labelledby="texts-title">
          <h2 id="texts-title">{t("surveys.texts_title")}</h2>
          <p>{t("surveys.texts_intro")}</p>
          <TextList ctx={ctx} texts={results.texts} canManage={canManage} />
          {results.texts.length > 0 ? (
            <p>
              <a href={`/enkater/fritexter?${periodQuery(results)}`}>{t("surveys.texts_all")}</a>
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function Filters({ ctx, results }: { ctx: PageContext; results: Results }) {
  const { t, lang } = ctx;
  return (
    <Form action="/enkater/resultat" method="get" csrfToken={ctx.csrfToken} class="filters">
      <div class="field">
        <label class="label" for="f-ar">
          {t("surveys.year")}
        </label>
        <select class="select" id="f-ar" name="ar">
          {results.years.map((year) => (
            <option value={String(year)} selected={year === results.year}>
              {year}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label class="label" for="f-halvar">
          {t("surveys.half")}
        </label>
        <select class="select" id="f-halvar" name="halvar">
          <option value="">{t("surveys.whole_year")}</option>
          <option value="1" selected={results.half === 1}>
            {t("surveys.half_1")}
          </option>
          <option value="2" selected={results.half === 2}>
            {t("surveys.half_2")}
          </option>
        </select>
      </div>
      <div class="field">
        <label class="label" for="f-enkat">
          {t("surveys.survey")}
        </label>
        <select class="select" id="f-enkat" name="enkat">
          <option value="">{t("surveys.all_surveys")}</option>
          {results.surveys.map((survey) => (
            <option value={survey.id} selected={survey.id === results.surveyId}>
              {lang === "en" ? survey.name_en : survey.name_sv}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <Button variant="secondary">{t("surveys.show")}</Button>
        <a
          href={`/enkater/resultat.csv?ar=${results.year}${results.half ? `&halvar=${results.half}` : ""}${results.surveyId ? `&enkat=${results.surveyId}` : ""}`}
        >
          {t("surveys.download_csv")}
        </a>
      </div>
    </Form>
  );
}

/** A figure's value, or a dash when too few answered; never a number the rules would not show. */
export function FigureCell({ ctx, figure }: { ctx: PageContext; figure: Figure }) {
  return <td class="numeric">{figure.value === null ? "–" : formatNumber(figure.value, ctx.lang)}</td>;
}

function rowName(ctx: PageContext, row: ResultRow): string {
  const { t } = ctx;
  switch (row.group) {
    case "all":
      return t("surveys.group_all");
    case "insikt":
      return t("surveys.group_insikt");
    case "half":
      return t(row.key === "1" ? "surveys.half_1" : "surveys.half_2");
    case "area":
      return t(`surveys.area_${row.key as "bygglov"}`);
    default:
      return row.name;
  }
}

function FigureTable({ ctx, rows }: { ctx: PageContext; rows: ResultRow[] }) {
  const { t, lang } = ctx;
  if (rows.length === 0 || rows.every((row) => row.nki.invited === 0)) {
    return <p class="empty">{t("surveys.no_results")}</p>;
  }
  const groupLabel = { all: "", insikt: "", half: t("surveys.half"), area: t("surveys.area"), unit: t("surveys.unit"), category: t("surveys.category") };
  return (
    <TableWrap t={t} caption={t("surveys.figures_title")}>
      <table class="table">
        <caption>{t("surveys.figures_title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("surveys.group")}</th>
            <th scope="col">NKI</th>
            <th scope="col">{t("surveys.grade")}</th>
            <th scope="col">{t("surveys.answers")}</th>
            <th scope="col">{t("surveys.rate")}</th>
            {factors.map((factor) => (
              <th scope="col">{t(`surveys.code_${factor}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row">
                {groupLabel[row.group] ? <span class="hint">{groupLabel[row.group]}: </span> : null}
                {rowName(ctx, row)}
              </th>
              <FigureCell ctx={ctx} figure={row.nki} />
              <td>{row.nki.grade ? t(`surveys.grade_${row.nki.grade}`) : "–"}</td>
              <td class="numeric">
                {formatNumber(row.nki.answers, lang)}
                {row.nki.comparable ? <span class="hint"> {t(row.group === "area" ? "surveys.comparable" : "surveys.rankable")}</span> : null}
              </td>
              <td class="numeric">
                {row.nki.rate === null ? "–" : `${formatNumber(Math.round(row.nki.rate * 100), lang)} %`}
                {row.nki.rate !== null && !row.nki.rateMet && row.group !== "unit" && row.group !== "category" && row.group !== "half" ? (
                  <span class="hint"> {t("surveys.rate_low")}</span>
                ) : null}
              </td>
              {factors.map((factor) => (
                <FigureCell ctx={ctx} figure={row.factors[factor]} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Waiting({ ctx, results }: { ctx: PageContext; results: Results }) {
  const { t, lang } = ctx;
  const bands = results.waiting.map((row) => t(`surveys.band_${row.band as "0-5"}`));
  return (
    <section aria-labelledby="waiting-title">
      <h2 id="waiting-title">{t("surveys.waiting_title")}</h2>
      <p>{t("surveys.waiting_intro")}</p>
      <Chart
        kind="bar"
        title={t("surveys.waiting_chart")}
        labels={bands}
        series={[{ name: "NKI", values: results.waiting.map((row) => row.nki.value) }]}
        t={t}
        lang={lang}
      />
      <ScatterChart
        title={t("surveys.scatter_title")}
        xLabel={t("surveys.business_days")}
        yLabel="NKI"
        yDomain={[0, 100]}
        series={[
          {
            name: t("surveys.on_time"),
            points: results.scatter.filter((point) => point.on_time !== false).map((point) => ({ x: point.days, y: point.nki, count: point.n })),
          },
          {
            name: t("surveys.breached"),
            points: results.scatter.filter((point) => point.on_time === false).map((point) => ({ x: point.days, y: point.nki, count: point.n })),
          },
        ]}
        t={t}
        lang={lang}
      >
        <p class="hint">{t("surveys.scatter_table_hint")}</p>
      </ScatterChart>
    </section>
  );
}

function Breaches({ ctx, results }: { ctx: PageContext; results: Results }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="breaches-title">
      <h2 id="breaches-title">{t("surveys.breaches_title")}</h2>
      {results.breaches.length === 0 ? (
        <p class="empty">{t("surveys.no_results")}</p>
      ) : (
        <TableWrap t={t} caption={t("surveys.breaches_title")}>
          <table class="table">
            <caption>{t("surveys.breaches_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("surveys.category")}</th>
                <th scope="col">{t("surveys.nki_on_time")}</th>
                <th scope="col">{t("surveys.answers")}</th>
                <th scope="col">{t("surveys.nki_breached")}</th>
                <th scope="col">{t("surveys.answers")}</th>
                <th scope="col">{t("surveys.cost")}</th>
              </tr>
            </thead>
            <tbody>
              {results.breaches.map((row) => (
                <tr>
                  <th scope="row">{row.name}</th>
                  <FigureCell ctx={ctx} figure={row.kept} />
                  <td class="numeric">{formatNumber(row.kept.answers, lang)}</td>
                  <FigureCell ctx={ctx} figure={row.breached} />
                  <td class="numeric">{formatNumber(row.breached.answers, lang)}</td>
                  <td class="numeric">{row.cost === null ? "–" : formatNumber(row.cost, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/** A climate survey: the summary grade and each other question as an index, with the response rate. */
function ClimateFigures({ ctx, climate }: { ctx: PageContext; climate: NonNullable<Results["climate"]> }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="climate-title">
      <h2 id="climate-title">{t("surveys.climate_title")}</h2>
      <p>
        {t("surveys.rate")}: {climate.rate.rate === null ? "–" : `${formatNumber(Math.round(climate.rate.rate * 100), lang)} %`} (
        {formatNumber(climate.rate.answers, lang)} / {formatNumber(climate.rate.invited, lang)})
      </p>
      <TableWrap t={t} caption={t("surveys.climate_title")}>
        <table class="table">
          <caption>{t("surveys.climate_title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("surveys.question")}</th>
              <th scope="col">{t("surveys.index")}</th>
              <th scope="col">{t("surveys.answers")}</th>
            </tr>
          </thead>
          <tbody>
            {climate.questions.map((question) => (
              <tr>
                <th scope="row">{lang === "en" ? question.text_en : question.text_sv}</th>
                <FigureCell ctx={ctx} figure={question.figure} />
                <td class="numeric">{formatNumber(question.figure.answers, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

import { Chart } from "../../../platform/ui/components/chart/chart.js";
import { Button, ErrorSummary, Form, TextField } from "../../../platform/ui/components/form/form.js";
import { Layout } from "../../../platform/ui/components/layout/layout.js";
import { TableWrap } from "../../../platform/ui/components/table/table.js";
import type { PageContext } from "../../../platform/ui/context.js";
import { formatDate, formatNumber } from "../../../platform/ui/format.js";
import type { NeedFigures, NeedsOverview } from "../needs-service.js";
import { occupationLabel } from "../presenter.js";
import { SkillsNav, type FormPage } from "./parts.js";

type Cell = NeedFigures["total"][number];

/** How many occupations the chart shows: the most needed of the year. */
const charted = 10;

function Figure({ ctx, cell }: { ctx: PageContext; cell: Cell | null }) {
  if (cell === null) {
    return <td class="numeric">–</td>;
  }
  return (
    <td class="numeric">
      {cell.people === null ? <abbr title={ctx.t("skills.needs_held_back")}>..</abbr> : formatNumber(cell.people, ctx.lang)}
      {cell.companies === null ? null : <span class="meta"> ({ctx.t("skills.needs_companies_short", { count: cell.companies })})</span>}
    </td>
  );
}

/** Occupations down, years across: people needed, with the companies behind each figure; held back under three. */
function NeedsTable({ ctx, figures }: { ctx: PageContext; figures: NeedFigures }) {
  const { t, lang } = ctx;
  return (
    <TableWrap caption={t("skills.needs_table")} t={t}>
      <table class="table">
        <caption>{t("skills.needs_table")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("skills.occupation")}</th>
            {figures.years.map((year) => (
              <th scope="col" class="numeric">
                {year}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {figures.rows.map((row) => (
            <tr>
              <th scope="row" lang="sv">
                {occupationLabel(row.occupation)}
              </th>
              {row.cells.map((cell) => (
                <Figure ctx={ctx} cell={cell} />
              ))}
            </tr>
          ))}
          {figures.other.some((cell) => cell !== null) ? (
            <tr>
              <th scope="row">{t("skills.needs_other")}</th>
              {figures.other.map((cell) => (
                <Figure ctx={ctx} cell={cell} />
              ))}
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("skills.needs_total")}</th>
            {figures.total.map((cell) => (
              <Figure ctx={ctx} cell={cell} />
            ))}
          </tr>
          <tr>
            <th scope="row">{t("skills.needs_answered")}</th>
            {figures.answered.map((count) => (
              <td class="numeric">{formatNumber(count, lang)}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

/** This year's survey: when it closes, how many were asked and answered, and the sending. */
function RoundPanel({ ctx, overview, errors, values }: FormPage & { overview: NeedsOverview }) {
  const { t, lang } = ctx;
  const { round, recipients } = overview;
  return (
    <section aria-labelledby="round-title" class="panel">
      <h2 id="round-title">{t("skills.needs_round_title")}</h2>
      <p>
        {round
          ? t("skills.needs_round_state", { date: formatDate(round.closes_on, lang), asked: round.asked, answered: round.answered })
          : t("skills.needs_round_none")}
      </p>
      {recipients !== null ? (
        <>
          <p>{t("skills.needs_recipients", { count: recipients })}</p>
          <ErrorSummary errors={errors} t={t} />
          <Form action="/kompetens/behov/skicka" csrfToken={ctx.csrfToken}>
            <TextField
              name="closes_on"
              type="date"
              label={t("skills.needs_closes_on")}
              errors={errors}
              values={values ?? (round ? { closes_on: round.closes_on } : {})}
              t={t}
            />
            <div class="actions">
              <Button>{t("skills.needs_send_round")}</Button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}

/** The skills needs of the municipality's companies by occupation and year, for the skills-supply focus area. */
export function NeedsPage({ ctx, overview, seekers, errors, values }: FormPage & { overview: NeedsOverview; seekers: boolean }) {
  const { t, lang } = ctx;
  const { figures } = overview;
  const top = figures.rows.filter((row) => row.cells[0]?.people !== null).slice(0, charted);
  return (
    <Layout ctx={ctx} title={t("skills.needs_title")}>
      <SkillsNav ctx={ctx} current="needs" seekers={seekers} />
      <h1>{t("skills.needs_title")}</h1>
      <p>{t("skills.needs_intro")}</p>
      <nav aria-label={t("skills.needs_years")}>
        <ul class="inline-list">
          {overview.years.map((year) => (
            <li>
              <a href={`/kompetens/behov?ar=${year}`} aria-current={year === overview.year ? "page" : undefined}>
                {year}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <RoundPanel ctx={ctx} overview={overview} errors={errors} values={values} />
      <h2>{t("skills.needs_figures_title", { year: overview.year })}</h2>
      <Chart
        kind="bar"
        title={t("skills.needs_chart", { year: overview.year })}
        labels={top.map((row) => row.occupation)}
        series={[{ name: String(overview.year), values: top.map((row) => row.cells[0]?.people ?? null) }]}
        t={t}
        lang={lang}
      />
      <p>{t("skills.needs_rule")}</p>
      <NeedsTable ctx={ctx} figures={figures} />
      <p>
        <a href={`/kompetens/behov.csv?ar=${overview.year}`} download>
          {t("skills.needs_csv")}
        </a>
      </p>
    </Layout>
  );
}

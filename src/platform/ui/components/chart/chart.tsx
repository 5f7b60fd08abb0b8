import { TableWrap } from "../table/table.js";
import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import type { Translate } from "../../i18n.js";
import { formatNumber } from "../../format.js";

export interface ChartSeries {
  name: string;
  values: Array<number | null>;
}

interface ChartProps {
  kind: "bar" | "line";
  title: string;
  /** Labels of the x axis (years, quarters, categories). */
  labels: string[];
  series: ChartSeries[];
  unit?: string;
  t: Translate;
  lang: "sv" | "en";
  width?: number;
  height?: number;
}

const margin = { top: 16, right: 16, bottom: 32, left: 48 };
const tickCount = 5;

/**
 * A bar or line chart drawn as SVG on the server, with its values as a table beside it
 * so that every reader gets the numbers. Colours come from CSS classes (no style
 * attributes: the CSP forbids them).
 */
export function Chart({ kind, title, labels, series, unit, t, lang, width = 560, height = 240 }: ChartProps) {
  const numbers = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const format = { format: (value: number) => formatNumber(value, lang) };
  const titleId = `chart-${slug(title)}`;
  if (numbers.length === 0) {
    return (
      <figure class="chart">
        <figcaption id={titleId}>{title}</figcaption>
        <p class="empty">{t("chart.no_data")}</p>
      </figure>
    );
  }
  // Bars start at zero, or their lengths lie; a line shows change, so its axis fits the values.
  const max = kind === "bar" ? Math.max(0, ...numbers) : Math.max(...numbers);
  const min = kind === "bar" ? Math.min(0, ...numbers) : Math.min(...numbers);
  const y = scaleLinear()
    .domain([min, max === min ? min + 1 : max])
    // Rounded to the same step as the labels, so no point (a target below every value, say) falls outside them.
    .nice(tickCount)
    .range([height - margin.bottom, margin.top]);
  const ticks = y.ticks(tickCount);
  return (
    <figure class="chart">
      <figcaption id={titleId}>{title}</figcaption>
      <svg class="chart-svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} focusable="false">
        {ticks.map((tick) => (
          <g class="chart-tick">
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
            <text x={margin.left - 6} y={y(tick)} dy="0.32em" text-anchor="end">
              {format.format(tick)}
            </text>
          </g>
        ))}
        {kind === "bar" ? <Bars labels={labels} series={series} y={y} width={width} /> : <Lines labels={labels} series={series} y={y} width={width} />}
        {labelPositions(labels, width).map(({ label, x }) => (
          <text class="chart-label" x={x} y={height - margin.bottom + 18} text-anchor="middle">
            {label}
          </text>
        ))}
      </svg>
      <ChartLegend names={series.map((s) => s.name)} />
      <TableWrap t={t} caption={title}>
        <table class="table chart-table">
          <caption class="visually-hidden">
            {t("common.data_table")}: {title}
          </caption>
          <thead>
            <tr>
              <th scope="col">{unit ? `${title} (${unit})` : title}</th>
              {series.map((s) => (
                <th scope="col">{s.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, index) => (
              <tr>
                <th scope="row">{label}</th>
                {series.map((s) => {
                  const value = s.values[index];
                  return <td class="numeric">{value === null || value === undefined ? "–" : format.format(value)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </figure>
  );
}

/** The series' names beside their colours, for a chart of more than one; hidden from assistive technology, which reads the table. */
export function ChartLegend({ names }: { names: readonly string[] }) {
  return names.length > 1 ? (
    <ul class="chart-legend" aria-hidden="true">
      {names.map((name, index) => (
        <li>
          <span class={`chart-swatch series-${index % 6}`}></span>
          {name}
        </li>
      ))}
    </ul>
  ) : null;
}

type LinearScale = ReturnType<typeof scaleLinear<number, number>>;

function Bars({ labels, series, y, width }: { labels: string[]; series: ChartSeries[]; y: LinearScale; width: number }) {
  const x = scaleBand()
    .domain(labels)
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const inner = scaleBand()
    .domain(series.map((_, i) => String(i)))
    .range([0, x.bandwidth()])
    .padding(0.05);
  return (
    <g>
      {series.map((s, seriesIndex) =>
        s.values.map((value, index) => {
          const label = labels[index];
          if (value === null || value === undefined || label === undefined) {
            return null;
          }
          const top = Math.min(y(value), y(0));
          return (
            <rect
              class={`chart-bar series-${seriesIndex % 6}`}
              x={(x(label) ?? 0) + (inner(String(seriesIndex)) ?? 0)}
              y={top}
              width={inner.bandwidth()}
              height={Math.abs(y(value) - y(0))}
            />
          );
        }),
      )}
    </g>
  );
}

function Lines({ labels, series, y, width }: { labels: string[]; series: ChartSeries[]; y: LinearScale; width: number }) {
  const x = scalePoint()
    .domain(labels)
    .range([margin.left, width - margin.right])
    .padding(0.5);
  return (
    <g>
      {series.map((s, seriesIndex) => {
        const points = s.values.map((value, index) => ({ value, x: x(labels[index] ?? "") ?? 0 }));
        const path = line<{ value: number | null; x: number }>()
          .defined((p) => p.value !== null)
          .x((p) => p.x)
          .y((p) => y(p.value ?? 0))(points);
        return (
          <g class={`chart-line series-${seriesIndex % 6}`}>
            <path d={path ?? ""} fill="none" />
            {points.map((p) => (p.value === null ? null : <circle cx={p.x} cy={y(p.value)} r={3} />))}
          </g>
        );
      })}
    </g>
  );
}

function labelPositions(labels: string[], width: number): Array<{ label: string; x: number }> {
  const x = scalePoint()
    .domain(labels)
    .range([margin.left, width - margin.right])
    .padding(0.5);
  return labels.map((label) => ({ label, x: x(label) ?? 0 }));
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "x"
  );
}

import type { ComponentChildren } from "preact";
import { scaleLinear } from "d3-scale";
import type { Translate } from "../../i18n.js";
import { formatNumber } from "../../format.js";
import { ChartLegend } from "./chart.js";

export interface ScatterSeries {
  name: string;
  /** `count` answers at one place are one point, its area growing with them. */
  points: ReadonlyArray<{ x: number; y: number; count?: number }>;
}

interface ScatterProps {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ScatterSeries[];
  /** The y axis's fixed span (an index: 0–100). */
  yDomain: [number, number];
  t: Translate;
  lang: "sv" | "en";
  /** The numbers behind the picture, as a table: every reader gets them (many points are summed up, not listed). */
  children: ComponentChildren;
  width?: number;
  height?: number;
}

const margin = { top: 16, right: 16, bottom: 40, left: 48 };

/** A scatter plot drawn as SVG on the server, its numbers in the table given beside it; colours from CSS classes, points translucent where they meet. */
export function ScatterChart({ title, xLabel, yLabel, series, yDomain, t, lang, children, width = 560, height = 280 }: ScatterProps) {
  const titleId = `chart-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const xs = series.flatMap((s) => s.points.map((point) => point.x));
  if (xs.length === 0) {
    return (
      <figure class="chart">
        <figcaption id={titleId}>{title}</figcaption>
        <p class="empty">{t("chart.no_data")}</p>
      </figure>
    );
  }
  const x = scaleLinear()
    .domain([0, Math.max(1, ...xs)])
    .nice(6)
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain(yDomain)
    .range([height - margin.bottom, margin.top]);
  const format = (value: number) => formatNumber(value, lang);
  return (
    <figure class="chart">
      <figcaption id={titleId}>{title}</figcaption>
      <svg class="chart-svg chart-scatter" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} focusable="false">
        {y.ticks(5).map((tick) => (
          <g class="chart-tick">
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
            <text x={margin.left - 6} y={y(tick)} dy="0.32em" text-anchor="end">
              {format(tick)}
            </text>
          </g>
        ))}
        {x.ticks(6).map((tick) => (
          <text class="chart-label" x={x(tick)} y={height - margin.bottom + 16} text-anchor="middle">
            {format(tick)}
          </text>
        ))}
        <text class="chart-label" x={(margin.left + width - margin.right) / 2} y={height - 4} text-anchor="middle">
          {xLabel}
        </text>
        <text class="chart-label" x={12} y={margin.top} text-anchor="start">
          {yLabel}
        </text>
        {series.map((s, index) => (
          <g class={`chart-line series-${index % 6}`}>
            {s.points.map((point) => (
              <circle cx={x(point.x).toFixed(1)} cy={y(point.y).toFixed(1)} r={Math.min(9, 2 + Math.sqrt(point.count ?? 1)).toFixed(1)} />
            ))}
          </g>
        ))}
      </svg>
      <ChartLegend names={series.map((s) => s.name)} />
      {children}
    </figure>
  );
}

/**
 * A line chart for the exported report, drawn without a browser: the geometry once (d3's
 * scales and lines), as standalone SVG for the DOCX and as paths the PDF draws. Colours are
 * set here, not by a stylesheet, and the two series differ by dash as well as colour.
 */
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { formatNumber } from "../../platform/ui/format.js";
import type { Lang } from "../../platform/ui/i18n.js";
import type { Block } from "./document.js";

type ChartBlock = Extract<Block, { kind: "chart" }>;

export const chartSize = { width: 560, height: 260 };
const margin = { top: 16, right: 16, bottom: 56, left: 56 };
export const seriesStyle = [
  { colour: "#1f5fa8", dash: null },
  { colour: "#a34f00", dash: "6 4" },
] as const;

export interface ChartGeometry {
  xAxis: Array<{ x: number; label: string }>;
  yAxis: Array<{ y: number; label: string }>;
  plot: { left: number; right: number; top: number; bottom: number };
  lines: Array<{ name: string; path: string; points: Array<{ x: number; y: number }> }>;
  legend: Array<{ name: string; x: number; y: number }>;
}

export function chartGeometry(chart: ChartBlock, lang: Lang): ChartGeometry {
  const { width, height } = chartSize;
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  const numbers = chart.series.flatMap((series) => series.values.filter((value): value is number => value !== null));
  const low = Math.min(0, ...numbers);
  const high = Math.max(...numbers, low + 1);
  const x = scalePoint<string>().domain(chart.labels).range([plot.left, plot.right]).padding(0.3);
  const y = scaleLinear().domain([low, high]).nice(4).range([plot.bottom, plot.top]);
  const draw = line<{ x: number; y: number }>()
    .x((point) => point.x)
    .y((point) => point.y);
  return {
    plot,
    xAxis: chart.labels.map((label) => ({ x: x(label) ?? plot.left, label })),
    yAxis: y.ticks(4).map((tick) => ({ y: y(tick), label: formatNumber(tick, lang) })),
    lines: chart.series.map((series) => {
      const points = series.values.flatMap((value, index) => (value === null ? [] : [{ x: x(chart.labels[index]!) ?? plot.left, y: y(value) }]));
      return { name: series.name, points, path: points.length > 0 ? (draw(points) ?? "") : "" };
    }),
    legend: chart.series.map((series, index) => ({ name: series.name, x: plot.left + index * 260, y: height - 16 })),
  };
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The chart as a standalone SVG document, its title and description inside it. */
export function chartSvg(chart: ChartBlock, lang: Lang): string {
  const { width, height } = chartSize;
  const geometry = chartGeometry(chart, lang);
  const { plot } = geometry;
  const font = `font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="12" fill="#1a1a1a"`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${escape(chart.title)}</title><desc>${escape(chart.alt)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...geometry.yAxis.map(
      (tick) =>
        `<line x1="${plot.left}" x2="${plot.right}" y1="${tick.y}" y2="${tick.y}" stroke="#d0d0d0"/><text x="${plot.left - 8}" y="${tick.y + 4}" text-anchor="end" ${font}>${escape(tick.label)}</text>`,
    ),
    `<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#1a1a1a"/>`,
    ...geometry.xAxis.map((tick) => `<text x="${tick.x}" y="${plot.bottom + 18}" text-anchor="middle" ${font}>${escape(tick.label)}</text>`),
    ...geometry.lines.map((series, index) => {
      const style = seriesStyle[index % seriesStyle.length]!;
      const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : "";
      const dots = series.points.map((point) => `<circle cx="${point.x}" cy="${point.y}" r="3.5" fill="${style.colour}"/>`).join("");
      return `<path d="${series.path}" fill="none" stroke="${style.colour}" stroke-width="2.5"${dash}/>${dots}`;
    }),
    ...geometry.legend.map((entry, index) => {
      const style = seriesStyle[index % seriesStyle.length]!;
      const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : "";
      return `<line x1="${entry.x}" x2="${entry.x + 24}" y1="${entry.y - 4}" y2="${entry.y - 4}" stroke="${style.colour}" stroke-width="2.5"${dash}/><text x="${entry.x + 30}" y="${entry.y}" ${font}>${escape(entry.name)}</text>`;
    }),
    "</svg>",
  ];
  return parts.join("");
}

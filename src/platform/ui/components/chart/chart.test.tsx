import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { translator } from "../../i18n.js";
import { Chart } from "./chart.js";

/** The y coordinates of the axis labels and of every point a line chart draws. */
function positions(svg: string): { ticks: number[]; points: number[] } {
  const ticks = [...svg.matchAll(/<g class="chart-tick"><line[^>]*y1="([\d.]+)"/g)].map((match) => Number(match[1]));
  const paths = [...svg.matchAll(/<path[^>]* d="([^"]+)"/g)].map((match) => match[1] ?? "");
  const points = paths.flatMap((d) => [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((match) => Number(match[1])));
  const dots = [...svg.matchAll(/<circle[^>]* cy="([\d.]+)"/g)].map((match) => Number(match[1]));
  return { ticks, points: [...points, ...dots] };
}

describe("the chart", () => {
  it("takes in every point, a target below every value too: none lies outside the axis labels", () => {
    // Values 10–12 and a target of 1.5: rounding the axis to a finer step than the labels' put the target below the lowest label.
    const html = render(
      <Chart
        kind="line"
        title="Handläggningstid bygglov"
        labels={["2024", "2025", "2026"]}
        series={[
          { name: "Värde", values: [10, 11, 12] },
          { name: "Mål", values: [null, 1.5, null] },
        ]}
        t={translator("sv")}
        lang="sv"
      />,
    );
    const { ticks, points } = positions(html);
    expect(ticks.length).toBeGreaterThan(1);
    expect(points.length).toBeGreaterThanOrEqual(4);
    const [top, bottom] = [Math.min(...ticks), Math.max(...ticks)];
    expect(points.filter((y) => y < top - 0.01 || y > bottom + 0.01)).toEqual([]);
  });
});

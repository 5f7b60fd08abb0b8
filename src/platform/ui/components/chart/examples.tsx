import type { VNode } from "preact";
import { translator } from "../../i18n.js";
import { Chart } from "./chart.js";
import { ScatterChart } from "./scatter.js";

const t = translator("sv");

/** Bar, line and empty charts; the render and axe tests use them. */
export const chartExamples: Record<string, () => VNode> = {
  "bar chart": () => (
    <Chart
      kind="bar"
      title="Nyregistrerade företag"
      unit="antal"
      labels={["2021", "2022", "2023"]}
      series={[
        { name: "Askersund", values: [41, 38, null] },
        { name: "Mål", values: [40, 45, 50] },
      ]}
      t={t}
      lang="sv"
    />
  ),
  "line chart": () => (
    <Chart
      kind="line"
      title="Handläggningstid"
      unit="dagar"
      labels={["Q1", "Q2", "Q3", "Q4"]}
      series={[{ name: "Bygglov", values: [21.5, 18, 17.25, null] }]}
      t={t}
      lang="sv"
    />
  ),
  "scatter chart": () => (
    <ScatterChart
      title="Nöjdhet och väntetid"
      xLabel="Arbetsdagar"
      yLabel="NKI"
      yDomain={[0, 100]}
      series={[
        {
          name: "Inom tidsmålet",
          points: [
            { x: 3, y: 80, count: 4 },
            { x: 8, y: 71 },
          ],
        },
        { name: "Över tidsmålet", points: [{ x: 30, y: 52, count: 2 }] },
      ]}
      t={t}
      lang="sv"
    >
      <p>Siffrorna finns i tabellen ovan.</p>
    </ScatterChart>
  ),
  "empty chart": () => <Chart kind="line" title="Inga värden" labels={[]} series={[]} t={t} lang="sv" />,
};

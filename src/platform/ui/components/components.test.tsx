import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { renderToString } from "preact-render-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../../../test/helpers/browser.js";
import { componentExamples } from "./examples.js";

const css = readFileSync(fileURLToPath(new URL("../assets/lotsen.css", import.meta.url)), "utf8");
const render = (name: string) => renderToString(componentExamples[name]?.() ?? <p />);

describe("form components", () => {
  const html = render("form with errors");

  it("link the error summary to each field in error", () => {
    expect(html).toContain('<a href="#f-name">Fyll i namn</a>');
    expect(html).toContain('<a href="#f-roles">Välj minst en roll</a>');
  });

  it("describe a field by its hint and its error, and mark it invalid", () => {
    expect(html).toMatch(/id="f-name"[^>]*aria-describedby="f-name-hint f-name-error"[^>]*aria-invalid="true"/);
  });

  it("keep the values typed, escaped", () => {
    expect(html).toContain('value="anna@askersund.se"');
    expect(html).toContain("Text &lt;b>som&lt;/b> skrivits");
    expect(html).toMatch(/<option value="team" selected/);
  });

  it("carry the CSRF token", () => {
    expect(html).toContain('<input type="hidden" name="_csrf" value="token"/>');
  });
});

describe("table", () => {
  const html = render("sortable table with paging");

  it("makes sortable headers links that keep other parameters and announce the order", () => {
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain('href="/admin/enheter?filter=x&amp;sort=name&amp;dir=desc"');
    expect(html).toContain('href="/admin/enheter?filter=x&amp;sort=count&amp;dir=asc"');
  });

  it("pages with previous and next links", () => {
    expect(html).toContain('href="/admin/enheter?filter=x&amp;page=1" rel="prev"');
    expect(html).toContain('href="/admin/enheter?filter=x&amp;page=3" rel="next"');
  });
});

describe("chart", () => {
  it("draws bars in SVG without style attributes and gives every value in a table", () => {
    const html = render("bar chart");
    expect((html.match(/<rect class="chart-bar/g) ?? []).length).toBe(5);
    expect(html).not.toContain("style=");
    expect(html).toContain('<td class="numeric">41</td>');
    expect(html).toContain('<td class="numeric">–</td>');
  });

  it("draws a line with a gap for a missing value, and formats decimals the Swedish way", () => {
    const html = render("line chart");
    expect(html).toMatch(/<path d="M[^"]+"/);
    expect(html).toContain("21,5");
    expect((html.match(/<circle/g) ?? []).length).toBe(3);
  });

  it("says so when there is nothing to draw", () => {
    expect(render("empty chart")).toContain("Inga värden att visa");
  });

  it("draws a scatter's points by series, a point's size growing with the answers it stands for, and keeps the numbers beside it", () => {
    const html = render("scatter chart");
    expect((html.match(/<circle/g) ?? []).length).toBe(3);
    expect(html).toContain('r="4.0"');
    expect(html).toContain('r="3.0"');
    expect(html).not.toContain("style=");
    expect(html).toContain("Över tidsmålet");
    expect(html).toContain("Siffrorna finns i tabellen ovan.");
  });
});

describe("every component example in Chromium", () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it.each(Object.keys(componentExamples))("%s has no axe violations", async (name) => {
    const page = await browser.context.newPage();
    await page.setContent(
      `<!doctype html><html lang="sv"><head><title>${name}</title><style>${css}</style></head><body><main>${render(name)}</main></body></html>`,
    );
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
    await page.close();
  });
});

/**
 * Colour arithmetic for a municipality's own colour: WCAG 2.1's relative luminance and
 * contrast ratio (success criterion 1.4.3: 4.5:1 for text), and the darker shade the
 * stylesheet uses for hover and headings.
 */
export const minimumContrast = 4.5;

/** What the colour meets in `lotsen.css`: white text on it, and itself as text on the page and on a panel (`--color-bg`, `--color-surface`). */
const neighbours = ["#ffffff", "#f3f5f8"];

/** Whether the colour may be a municipality's: every pairing it takes part in reaches WCAG AA. */
export function readableBrand(colour: string): boolean {
  return neighbours.every((other) => contrastRatio(colour, other) >= minimumContrast);
}

const channels = (hex: string): [number, number, number] => [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)) as [number, number, number];

/** WCAG 2.1's relative luminance of an sRGB colour written `#rrggbb`. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The colour mixed with black by `share` (0–1): a darker shade, so with more contrast to white. */
export function darker(hex: string, share = 0.3): string {
  return `#${channels(hex)
    .map((value) =>
      Math.round(value * (1 - share))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** `#RRGGBB`, `rrggbb` or `#rgb` as `#rrggbb`; anything else null. */
export function normalColour(text: string): string | null {
  const value = text.trim().toLowerCase().replace(/^#/, "");
  if (/^[0-9a-f]{3}$/.test(value)) {
    return `#${[...value].map((digit) => digit + digit).join("")}`;
  }
  return /^[0-9a-f]{6}$/.test(value) ? `#${value}` : null;
}

/** The stylesheet that gives a municipality's pages its colour, after Lotsen's own. */
export function brandStylesheet(colour: string): string {
  return `:root {\n  --color-brand: ${colour};\n  --color-brand-dark: ${darker(colour)};\n}\n`;
}

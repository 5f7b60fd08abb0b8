/**
 * The report as an editable Word document for the council's papers: real headings (the
 * navigation pane and a screen reader find them), tables with a repeating header row, each
 * chart as an SVG image with a PNG fallback and its alt text, the document's language set.
 */
import { Resvg } from "@resvg/resvg-js";
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { Block, ReportDocument } from "./document.js";
import { chartSize, chartSvg } from "./chart.js";

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

export async function reportDocx(document: ReportDocument, logo: { content: Buffer; type: string } | null): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  if (logo) {
    children.push(
      new Paragraph({
        children: [
          new ImageRun({
            type: logo.type === "image/png" ? "png" : "jpg",
            data: logo.content,
            transformation: { width: 160, height: 60 },
            altText: { name: "logo", title: document.municipality, description: document.municipality },
          }),
        ],
      }),
    );
  }
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(document.title)] }));
  children.push(new Paragraph({ children: [new TextRun({ text: document.subtitle, italics: true })] }));
  if (document.approved) {
    children.push(new Paragraph({ children: [new TextRun(document.approved)] }));
  }
  document.blocks.forEach((block, index) => children.push(...docxBlock(block, document, index)));
  const language = { value: document.languageTag };
  const file = new Document({
    creator: "Lotsen",
    title: document.title,
    description: document.subtitle,
    styles: { default: { document: { run: { language, font: "Calibri" } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(file);
}

function docxBlock(block: Block, document: ReportDocument, index: number): Array<Paragraph | Table> {
  switch (block.kind) {
    case "heading":
      return [new Paragraph({ heading: headingLevels[block.level], children: [new TextRun(block.text)] })];
    case "paragraph":
      return block.text.split("\n").map((line) => new Paragraph({ children: [new TextRun(line)] }));
    case "table":
      return [
        new Paragraph({ children: [new TextRun({ text: block.caption, bold: true })] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: block.headers.map(
                (header, column) =>
                  new TableCell({
                    children: [
                      new Paragraph({
                        alignment: block.numeric[column] ? AlignmentType.RIGHT : AlignmentType.LEFT,
                        children: [new TextRun({ text: header, bold: true })],
                      }),
                    ],
                  }),
              ),
            }),
            ...block.rows.map(
              (row) =>
                new TableRow({
                  children: row.map(
                    (cell, column) =>
                      new TableCell({
                        children: [
                          new Paragraph({ alignment: block.numeric[column] ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun(cell)] }),
                        ],
                      }),
                  ),
                }),
            ),
          ],
        }),
        new Paragraph({ children: [] }),
      ];
    case "chart": {
      const svg = chartSvg(block, document.lang);
      // Word draws the SVG; older readers the PNG, rendered from the same drawing.
      const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, fitTo: { mode: "width", value: chartSize.width * 2 } })
        .render()
        .asPng();
      return [
        new Paragraph({
          children: [
            new ImageRun({
              type: "svg",
              data: Buffer.from(svg),
              fallback: { type: "png", data: png },
              transformation: { width: chartSize.width, height: chartSize.height },
              altText: { name: `chart-${index}`, title: block.title, description: block.alt },
            }),
          ],
        }),
      ];
    }
  }
}

/**
 * The report as a tagged PDF for the archive: a structure tree of headings, paragraphs,
 * tables with header cells and figures with alt text, the document's language and title
 * set, and an embedded font so that every letter is real text a screen reader reads.
 */
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Block, ReportDocument } from "./document.js";
import { chartGeometry, chartSize, seriesStyle } from "./chart.js";

const require = createRequire(import.meta.url);
const fonts = {
  body: require.resolve("@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff"),
  bold: require.resolve("@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff"),
};
const headingSizes = { 1: 16, 2: 13, 3: 11.5 } as const;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

export async function reportPdf(document: ReportDocument, logo: { content: Buffer; type: string } | null): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    tagged: true,
    lang: document.languageTag,
    pdfVersion: "1.7",
    displayTitle: true,
    info: { Title: document.title, Author: document.municipality, Subject: document.subtitle, Creator: "Lotsen" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.registerFont("body", fonts.body);
  doc.registerFont("bold", fonts.bold);
  const root = doc.struct("Document");
  doc.addStructure(root);
  if (logo) {
    root.add(doc.struct("Figure", { alt: document.municipality }, () => void doc.image(logo.content, { fit: [160, 60] })));
    doc.moveDown();
  }
  root.add(doc.struct("Title", {}, () => void doc.font("bold").fontSize(20).text(document.title)));
  root.add(doc.struct("P", {}, () => void doc.font("body").fontSize(11).text(document.subtitle)));
  if (document.approved) {
    root.add(doc.struct("P", {}, () => void doc.font("body").fontSize(11).text(document.approved!)));
  }
  for (const block of document.blocks) {
    pdfBlock(doc, root, block, document);
  }
  root.end();
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function room(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
  }
}

function pdfBlock(doc: Doc, root: Struct, block: Block, document: ReportDocument): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  switch (block.kind) {
    case "heading":
      // A heading stays with what follows it: a third-level one heads a chart.
      room(doc, block.level === 3 ? chartSize.height + 60 : 80);
      doc.moveDown(block.level === 1 ? 1 : 0.6);
      root.add(
        doc.struct(
          `H${block.level}`,
          {},
          () => void doc.font("bold").fontSize(headingSizes[block.level]).text(block.text, doc.page.margins.left, doc.y, { width }),
        ),
      );
      doc.moveDown(0.3);
      return;
    case "paragraph":
      root.add(doc.struct("P", {}, () => void doc.font("body").fontSize(10.5).text(block.text, doc.page.margins.left, doc.y, { width })));
      doc.moveDown(0.5);
      return;
    case "table":
      pdfTable(doc, root, block, width);
      return;
    case "chart": {
      // Drawn at its own size and scaled to the text's width.
      const scale = Math.min(1, width / chartSize.width);
      room(doc, chartSize.height * scale + 10);
      const top = doc.y;
      const left = doc.page.margins.left;
      const geometry = chartGeometry(block, document.lang);
      root.add(
        doc.struct("Figure", { alt: `${block.title}. ${block.alt}` }, () => {
          doc.save().translate(left, top).scale(scale);
          doc.font("body").fontSize(8).fillColor("#1a1a1a");
          for (const tick of geometry.yAxis) {
            doc.moveTo(geometry.plot.left, tick.y).lineTo(geometry.plot.right, tick.y).lineWidth(0.5).strokeColor("#d0d0d0").stroke();
            doc.text(tick.label, 0, tick.y - 4, { width: geometry.plot.left - 6, align: "right", lineBreak: false });
          }
          doc.moveTo(geometry.plot.left, geometry.plot.bottom).lineTo(geometry.plot.right, geometry.plot.bottom).lineWidth(1).strokeColor("#1a1a1a").stroke();
          for (const tick of geometry.xAxis) {
            doc.text(tick.label, tick.x - 20, geometry.plot.bottom + 6, { width: 40, align: "center", lineBreak: false });
          }
          geometry.lines.forEach((series, index) => {
            const style = seriesStyle[index % seriesStyle.length]!;
            if (series.path) {
              doc.path(series.path).lineWidth(2).strokeColor(style.colour);
              if (style.dash) {
                doc.dash(6, { space: 4 });
              }
              doc.stroke().undash();
            }
            for (const point of series.points) {
              doc.circle(point.x, point.y, 2.5).fillColor(style.colour).fill();
            }
            const entry = geometry.legend[index]!;
            doc
              .moveTo(entry.x, entry.y - 4)
              .lineTo(entry.x + 24, entry.y - 4)
              .lineWidth(2)
              .strokeColor(style.colour)
              .stroke();
            doc.fillColor("#1a1a1a").text(series.name, entry.x + 30, entry.y - 8, { width: 220, lineBreak: false });
          });
          doc.restore();
        }),
      );
      doc.x = left;
      doc.y = top + chartSize.height * scale + 8;
      return;
    }
  }
}

function pdfTable(doc: Doc, root: Struct, block: Extract<Block, { kind: "table" }>, width: number): void {
  const left = doc.page.margins.left;
  const widths = columnWidths(doc, block, width);
  room(doc, 60);
  root.add(doc.struct("P", {}, () => void doc.font("bold").fontSize(10).text(block.caption, left, doc.y, { width })));
  doc.moveDown(0.2);
  const table = doc.struct("Table");
  root.add(table);
  const row = (cells: string[], header: boolean) => {
    doc.font(header ? "bold" : "body").fontSize(9);
    const height = Math.max(...cells.map((cell, column) => doc.heightOfString(cell || " ", { width: widths[column]! - 8 }))) + 6;
    room(doc, height);
    const top = doc.y;
    const tr = doc.struct("TR");
    table.add(tr);
    let x = left;
    cells.forEach((cell, column) => {
      const cellWidth = widths[column]!;
      const at = x;
      tr.add(
        doc.struct(header ? "TH" : "TD", {}, () => doc.text(cell, at + 4, top + 3, { width: cellWidth - 8, align: block.numeric[column] ? "right" : "left" })),
      );
      x += cellWidth;
    });
    tr.end();
    doc
      .moveTo(left, top + height)
      .lineTo(left + width, top + height)
      .lineWidth(0.5)
      .strokeColor(header ? "#1a1a1a" : "#c8c8c8")
      .stroke();
    doc.x = left;
    doc.y = top + height;
  };
  row(block.headers, true);
  for (const cells of block.rows) {
    row(cells, false);
  }
  table.end();
  doc.moveDown(0.8);
}

/**
 * Column widths from the content: each column at least its longest word (no word is broken),
 * and what is left shared by how much more each column's longest cell would like.
 */
function columnWidths(doc: Doc, block: Extract<Block, { kind: "table" }>, width: number): number[] {
  const padding = 8;
  const cells = (column: number) => [block.headers[column]!, ...block.rows.map((row) => row[column] ?? "")];
  const measure = (text: string, bold: boolean) =>
    doc
      .font(bold ? "bold" : "body")
      .fontSize(9)
      .widthOfString(text);
  const least = block.headers.map(
    (_, column) => Math.max(...cells(column).flatMap((cell, index) => cell.split(/\s+/).map((word) => measure(word, index === 0)))) + padding,
  );
  const wanted = block.headers.map((_, column) => Math.max(...cells(column).map((cell, index) => measure(cell, index === 0))) + padding);
  const spare = width - least.reduce((sum, value) => sum + value, 0);
  const more = wanted.map((value, column) => Math.max(0, value - least[column]!));
  const totalMore = more.reduce((sum, value) => sum + value, 0);
  if (spare <= 0) {
    // Words longer than the page allows: shrink every column alike.
    return least.map((value) => (value * width) / (width - spare));
  }
  return least.map((value, column) => value + (totalMore === 0 ? spare / least.length : Math.min(more[column]!, (spare * more[column]!) / totalMore)));
}

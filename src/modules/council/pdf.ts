/**
 * The whole minutes as a tagged PDF for the archive: its language and title set, headings,
 * paragraphs and lists in the structure tree, and an embedded font so every letter is text a
 * screen reader reads. The version, its approvals with their times, and any correction are on it.
 */
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Translate } from "../../platform/ui/i18n.js";
import type { MinutesVersion } from "./minutes-service.js";

const require = createRequire(import.meta.url);
const fonts = {
  body: require.resolve("@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff"),
  bold: require.resolve("@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff"),
};

export interface PdfWords {
  t: Translate;
  lang: "sv" | "en";
  municipality: string;
  /** A time as the reader writes it. */
  when: (value: Date | string) => string;
}

export async function minutesPdf({ meeting, version, approvals }: MinutesVersion, words: PdfWords): Promise<Buffer> {
  const { t } = words;
  const content = version.content;
  const title = `${t("council.minutes")}: ${content.title}`;
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    tagged: true,
    lang: words.lang === "sv" ? "sv-SE" : "en-GB",
    pdfVersion: "1.7",
    displayTitle: true,
    info: { Title: title, Author: words.municipality, Creator: "Lotsen" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.registerFont("body", fonts.body);
  doc.registerFont("bold", fonts.bold);
  const root = doc.struct("Document");
  doc.addStructure(root);
  const paragraph = (text: string, size = 10.5) => {
    root.add(doc.struct("P", {}, () => void doc.font("body").fontSize(size).text(text)));
    doc.moveDown(0.4);
  };
  const heading = (level: 1 | 2, text: string) => {
    doc.moveDown(level === 1 ? 0.2 : 0.6);
    root.add(
      doc.struct(
        `H${level}`,
        {},
        () =>
          void doc
            .font("bold")
            .fontSize(level === 1 ? 18 : 13)
            .text(text),
      ),
    );
    doc.moveDown(0.3);
  };
  const list = (lines: string[]) => {
    const element = doc.struct("L");
    root.add(element);
    for (const line of lines) {
      element.add(doc.struct("LI", {}, () => void doc.font("body").fontSize(10.5).text(`• ${line}`)));
    }
    element.end();
    doc.moveDown(0.4);
  };

  heading(1, title);
  paragraph(`${words.municipality} · ${words.when(content.starts_at)}${content.place ? ` · ${content.place}` : ""}`);
  paragraph(t("council.version_line", { version: version.version }) + (version.reason ? ` · ${t("council.correction")}: ${version.reason}` : ""));
  heading(2, t("council.attendance"));
  list(
    content.attendance.map(
      (row) => `${row.name}, ${row.organisation} (${t(`council.role.${row.role}`)}): ${row.present ? t("council.present") : t("council.not_present")}`,
    ),
  );
  for (const item of content.items) {
    heading(2, `§ ${item.position} ${item.title}`);
    if (item.presenter) {
      paragraph(`${t("council.field.presenter")}: ${item.presenter}`);
    }
    if (item.minutes) {
      paragraph(item.minutes);
    }
    if (item.decisions.length > 0) {
      paragraph(t("council.decisions"), 11);
      list(item.decisions.map((decision) => decision.text));
    }
  }
  heading(2, t("council.approvals"));
  list(
    approvals.map(
      (row) => `${t(`council.approver.${row.role}`)}: ${row.name}, ${row.approved_at ? words.when(row.approved_at) : t("council.not_approved_yet")}`,
    ),
  );
  if (meeting.published_at) {
    paragraph(`${t("council.published")}: ${words.when(meeting.published_at)}`);
  }
  root.end();
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

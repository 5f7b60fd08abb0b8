import type { Db } from "../../src/platform/db/database.js";
import * as reports from "../../src/modules/report/report-service.js";
import * as sections from "../../src/modules/report/section-service.js";
import * as templates from "../../src/modules/report/template-service.js";
import { defaultTemplate } from "../../src/modules/report/template.js";
import { systemContext, type TestMunicipality } from "./factories.js";

export interface ReportRecords {
  report: string;
  reportSection: string;
}

/** A PNG of one white pixel: the smallest logo a municipality can upload. */
export const onePixelPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==", "base64");

/** One of every report record: a saved template, a logo, a report over the programme's last year, a section with a comment. */
export async function buildReportRecords(db: Db, municipality: TestMunicipality, programmeId: string): Promise<ReportRecords> {
  const ctx = systemContext(db, municipality);
  await templates.saveTemplate(ctx, {
    new_title: undefined,
    sections: defaultTemplate.map((entry, index) => ({ index, title: entry.title, guidance: entry.guidance, position: index, keep: true })),
  });
  await templates.saveLogo(ctx, onePixelPng);
  const report = await reports.startReport(ctx, programmeId, 2023);
  const { sections: list } = await reports.getReport(ctx, report.id);
  const section = list[0]!;
  await sections.addComment(ctx, section.id, "Bra start");
  return { report: report.id, reportSection: section.id };
}

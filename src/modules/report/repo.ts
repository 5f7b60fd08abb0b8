/** The yearly report in the database: the template, the reports and their sections, comments, the logo. */
import type { Insertable, Selectable, Updateable } from "kysely";
import type { ScopedTx } from "../../platform/db/database.js";
import type { ReportCommentTable, ReportSectionTable, ReportTable, ReportTemplateSectionTable } from "./tables.js";
import "./tables.js";

export type TemplateSection = Selectable<ReportTemplateSectionTable>;
export type Report = Selectable<ReportTable>;
export type Section = Selectable<ReportSectionTable> & { writer_name: string | null; ready_by_name: string | null };
export type Comment = Selectable<ReportCommentTable> & { author_name: string | null };

export function listTemplate(tx: ScopedTx): Promise<TemplateSection[]> {
  return tx.selectFrom("report_template_sections").selectAll().orderBy("position").orderBy("created_at").execute();
}

export async function insertTemplateSections(tx: ScopedTx, rows: ReadonlyArray<Insertable<ReportTemplateSectionTable>>): Promise<void> {
  if (rows.length > 0) {
    await tx
      .insertInto("report_template_sections")
      .values([...rows])
      .execute();
  }
}

export async function deleteTemplate(tx: ScopedTx): Promise<void> {
  await tx.deleteFrom("report_template_sections").execute();
}

export function findReport(tx: ScopedTx, id: string, options: { forUpdate?: boolean } = {}): Promise<Report | undefined> {
  const query = tx.selectFrom("reports").selectAll().where("id", "=", id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export function findReportFor(tx: ScopedTx, programmeId: string, year: number): Promise<Report | undefined> {
  return tx.selectFrom("reports").selectAll().where("programme_id", "=", programmeId).where("year", "=", year).executeTakeFirst();
}

export function listReports(tx: ScopedTx, programmeId: string): Promise<Report[]> {
  return tx.selectFrom("reports").selectAll().where("programme_id", "=", programmeId).orderBy("year", "desc").execute();
}

export async function listProgrammesWithReports(tx: ScopedTx): Promise<Array<{ id: string; name: string; status: string; years: number[] }>> {
  const [programmes, reports] = await Promise.all([
    tx.selectFrom("programmes").select(["id", "name", "status", "start_year"]).orderBy("start_year", "desc").execute(),
    tx.selectFrom("reports").select(["programme_id", "year"]).orderBy("year").execute(),
  ]);
  return programmes.map((programme) => ({
    id: programme.id,
    name: programme.name,
    status: programme.status,
    years: reports.filter((report) => report.programme_id === programme.id).map((report) => report.year),
  }));
}

export async function insertReport(tx: ScopedTx, values: Insertable<ReportTable>): Promise<void> {
  await tx.insertInto("reports").values(values).execute();
}

export async function updateReport(tx: ScopedTx, id: string, values: Updateable<ReportTable>): Promise<void> {
  await tx
    .updateTable("reports")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

function sectionQuery(tx: ScopedTx) {
  return tx
    .selectFrom("report_sections as section")
    .leftJoin("users as writer", "writer.id", "section.writer_id")
    .leftJoin("users as ready_by", "ready_by.id", "section.ready_by_id")
    .selectAll("section")
    .select(["writer.name as writer_name", "ready_by.name as ready_by_name"]);
}

export function listSections(tx: ScopedTx, reportId: string): Promise<Section[]> {
  return sectionQuery(tx).where("section.report_id", "=", reportId).orderBy("section.position").execute();
}

export function findSection(tx: ScopedTx, id: string): Promise<Section | undefined> {
  return sectionQuery(tx).where("section.id", "=", id).executeTakeFirst();
}

/** The sections a staff member still has to write, in reports not yet past review. */
export function openSectionsOf(tx: ScopedTx, writerId: string): Promise<Array<Section & { year: number; programme_id: string }>> {
  return sectionQuery(tx)
    .innerJoin("reports as report", "report.id", "section.report_id")
    .select(["report.year", "report.programme_id"])
    .where("section.writer_id", "=", writerId)
    .where("section.ready_at", "is", null)
    .where("report.state", "=", "draft")
    .orderBy("report.year", "desc")
    .orderBy("section.position")
    .execute();
}

export async function insertSections(tx: ScopedTx, rows: ReadonlyArray<Insertable<ReportSectionTable>>): Promise<void> {
  if (rows.length > 0) {
    await tx
      .insertInto("report_sections")
      .values([...rows])
      .execute();
  }
}

export async function updateSection(tx: ScopedTx, id: string, values: Updateable<ReportSectionTable>): Promise<void> {
  await tx
    .updateTable("report_sections")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export function listComments(tx: ScopedTx, reportId: string): Promise<Comment[]> {
  return tx
    .selectFrom("report_comments as comment")
    .innerJoin("report_sections as section", "section.id", "comment.section_id")
    .leftJoin("users as author", "author.id", "comment.author_id")
    .selectAll("comment")
    .select("author.name as author_name")
    .where("section.report_id", "=", reportId)
    .orderBy("comment.created_at")
    .execute();
}

export async function insertComment(tx: ScopedTx, values: Insertable<ReportCommentTable>): Promise<void> {
  await tx.insertInto("report_comments").values(values).execute();
}

export function findLogo(tx: ScopedTx): Promise<{ logo: Buffer | null; logo_type: string | null } | undefined> {
  return tx.selectFrom("report_settings").select(["logo", "logo_type"]).executeTakeFirst();
}

export async function saveLogo(tx: ScopedTx, municipalityId: string, logo: Buffer | null, type: string | null): Promise<void> {
  await tx
    .insertInto("report_settings")
    .values({ municipality_id: municipalityId, logo, logo_type: type })
    .onConflict((conflict) => conflict.column("municipality_id").doUpdateSet({ logo, logo_type: type, updated_at: new Date() }))
    .execute();
}

export function staffChoices(tx: ScopedTx): Promise<Array<{ id: string; name: string }>> {
  return tx.selectFrom("users").select(["id", "name"]).where("active", "=", true).orderBy("name").execute();
}

/** A staff member's name, whether or not the account is still active. */
export async function userName(tx: ScopedTx, id: string): Promise<string | null> {
  return (await tx.selectFrom("users").select("name").where("id", "=", id).executeTakeFirst())?.name ?? null;
}

export async function municipalityName(tx: ScopedTx, id: string): Promise<string> {
  return (await tx.selectFrom("municipalities").select("name").where("id", "=", id).executeTakeFirst())?.name ?? "";
}

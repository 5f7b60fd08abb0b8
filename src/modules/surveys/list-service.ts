/**
 * Case lists both ways. In: a list of cases handled in other systems (CSV or XLSX), read by
 * the column headings the municipality has mapped, whose businesses are invited like the
 * desk's; each rejected row comes back with its line and reason. Out: the cases of a period
 * as the list a survey contractor needs, under the same headings.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { readSheet, UnreadableSheetError } from "../../platform/spreadsheet.js";
import { stockholmInstant, stockholmParts } from "../../platform/sweden/time.js";
import { nextDate } from "../../platform/sweden/business-calendar.js";
import { closedCasesForSurvey } from "../desk/index.js";
import { defaultMapping, readCaseList, type Reject } from "./case-list.js";
import { invite, type SurveyLinks } from "./invitation-service.js";
import * as mappings from "./mapping-repo.js";
import { authorizeSurvey } from "./policy.js";
import * as surveys from "./survey-repo.js";
import { listFields, type Area, type ListField } from "./tables.js";

export type { Reject } from "./case-list.js";

export interface UploadResult {
  rows: number;
  invited: number;
  rejects: Reject[];
}

/** The municipality's headings, or the usual Swedish ones until it has saved its own. */
export async function columnMapping(ctx: OperationContext): Promise<Record<ListField, string>> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => ({ ...defaultMapping, ...(await mappings.findMapping(tx)) }));
}

export async function uploadCaseList(
  ctx: OperationContext,
  surveyId: string,
  path: string,
  mapping: Record<ListField, string>,
  links: SurveyLinks,
  now = new Date(),
): Promise<UploadResult> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  let sheet;
  try {
    sheet = await readSheet(path);
  } catch (error) {
    if (error instanceof UnreadableSheetError) {
      throw new ValidationError([{ path: "file", message: "surveys.unreadable_file" }]);
    }
    throw error;
  }
  const list = readCaseList(sheet, mapping, stockholmParts(now).date);
  if (list.missing.length > 0) {
    throw new ValidationError(list.missing.map((field) => ({ path: field, message: "surveys.column_missing" })));
  }
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const survey = await surveys.findSurvey(tx, surveyId);
    if (!survey) {
      throw new NotFoundError();
    }
    await mappings.saveMapping(tx, ctx.scope.municipalityId, mapping);
    const rejects = [...list.rejects];
    let invited = 0;
    for (const listed of list.cases) {
      const { line, decided_on, ...row } = listed;
      const added = await invite(
        tx,
        survey,
        {
          ...row,
          source: "upload",
          caseRef: `${row.area}:${row.case_number}`,
          case_id: null,
          unit_id: null,
          category_id: null,
          closed_on: decided_on,
          waiting_days: null,
          on_time: null,
        },
        links,
        now,
      );
      if (added) {
        invited += 1;
      } else {
        rejects.push({ line, reason: "already_asked", case_number: row.case_number });
      }
    }
    rejects.sort((a, b) => a.line - b.line);
    await recordAudit(
      tx,
      ctx.actor,
      { action: "list.uploaded", recordType: "survey", recordId: surveyId, changes: { rows: sheet.rows.length, invited, rejected: rejects.length } },
      ctx.requestId,
    );
    return { rows: sheet.rows.length, invited, rejects };
  });
}

export interface ContractorList {
  headers: string[];
  rows: Array<Array<string | null>>;
}

/** The cases of a survey's categories decided in a period, for a survey contractor, under the municipality's headings. */
export async function contractorList(
  ctx: OperationContext,
  surveyId: string,
  from: string,
  to: string,
  words: { area: (area: Area) => string; language: (lang: "sv" | "en") => string },
): Promise<ContractorList> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const survey = await surveys.findSurvey(tx, surveyId);
    if (!survey) {
      throw new NotFoundError();
    }
    const mapping = { ...defaultMapping, ...(await mappings.findMapping(tx)) };
    const areaOf = new Map((await surveys.categoriesOf(tx, surveyId)).map((row) => [row.category_id, row.area]));
    const cases = await closedCasesForSurvey(tx, [...areaOf.keys()], stockholmInstant(from, "00:00"), stockholmInstant(nextDate(to), "00:00"), 50_000);
    const value: Record<ListField, (closed: (typeof cases)[number]) => string | null> = {
      case_number: (closed) => closed.number,
      area: (closed) => words.area(areaOf.get(closed.category_id)!),
      decided_on: (closed) => closed.decided_on,
      company_name: (closed) => closed.company_name,
      org_number: (closed) => closed.org_number,
      contact_name: (closed) => closed.correspondent_name,
      email: (closed) => closed.correspondent_email,
      phone: (closed) => closed.correspondent_phone,
      language: (closed) => words.language(closed.language),
    };
    await recordAudit(
      tx,
      ctx.actor,
      { action: "list.exported", recordType: "survey", recordId: surveyId, changes: { from, to, cases: cases.length } },
      ctx.requestId,
    );
    return { headers: listFields.map((field) => mapping[field]), rows: cases.map((closed) => listFields.map((field) => value[field](closed))) };
  });
}

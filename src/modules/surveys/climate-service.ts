/**
 * The yearly business-climate survey: sent by staff to every company of the municipality's
 * own list that has an address, each at most once a year, on the same private answer page
 * and with the same reminders as a survey after a case.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type ScopedTx } from "../../platform/db/database.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import { ownCompaniesToWrite } from "../companies/index.js";
import { invite, pseudonym, type SurveyLinks } from "./invitation-service.js";
import * as invitations from "./invitation-repo.js";
import { authorizeSurvey } from "./policy.js";
import * as surveys from "./survey-repo.js";

async function climateSurvey(tx: ScopedTx, id: string): Promise<surveys.Survey> {
  const survey = await surveys.findSurvey(tx, id);
  if (!survey) {
    throw new NotFoundError();
  }
  if (survey.kind !== "climate") {
    throw new ValidationError([{ path: "survey", message: "surveys.not_climate" }]);
  }
  return survey;
}

/** The companies this year's sending would reach: the own list's, less those already asked this year. */
async function recipients(tx: ScopedTx, survey: surveys.Survey, secret: string, year: string) {
  const asked = await invitations.businessKeysOf(tx, survey.id, year);
  return (await ownCompaniesToWrite(tx)).filter((company) => !asked.has(pseudonym(secret, "business", `${year}:${company.org_number}`)));
}

export async function recipientCount(ctx: OperationContext, id: string, secret: string, now = new Date()): Promise<number> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  return inScope(ctx.db, ctx.scope, async (tx) => (await recipients(tx, await climateSurvey(tx, id), secret, stockholmParts(now).date.slice(0, 4))).length);
}

/** Sends this year's survey to the companies not yet asked; answers how many it went to. */
export async function sendClimateSurvey(ctx: OperationContext, id: string, links: SurveyLinks, now = new Date()): Promise<number> {
  authorizeSurvey(ctx.actor, "surveys.manage");
  const today = stockholmParts(now).date;
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const survey = await climateSurvey(tx, id);
    let sent = 0;
    for (const company of await recipients(tx, survey, links.secret, today.slice(0, 4))) {
      const added = await invite(
        tx,
        survey,
        {
          source: "register",
          caseRef: `${today.slice(0, 4)}:${company.id}`,
          case_id: null,
          case_number: null,
          area: "egen",
          unit_id: null,
          category_id: null,
          closed_on: today,
          waiting_days: null,
          on_time: null,
          org_number: company.org_number,
          company_name: company.name,
          contact_name: company.contact_name,
          email: company.email,
          phone: null,
          language: "sv",
        },
        links,
        now,
      );
      sent += added ? 1 : 0;
    }
    await recordAudit(tx, ctx.actor, { action: "climate.sent", recordType: "survey", recordId: id, changes: { companies: sent } }, ctx.requestId);
    return sent;
  });
}

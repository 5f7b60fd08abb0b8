/**
 * Who is asked, and when: the sweep finds the desk's cases closed since it last looked in
 * the categories a survey asks about, and invites each business once per case and at most
 * once per period; the reminders follow a schedule until an answer or a no; and whatever
 * reminders no longer need is unlinked from the person.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import { systemActor } from "../../platform/auth/roles.js";
import { inScope, type Db, type ScopedTx } from "../../platform/db/database.js";
import { newId } from "../../platform/ids.js";
import { hashLinkToken, linkToken, newLinkSalt } from "../../platform/links.js";
import { enqueue } from "../../platform/jobs/repo.js";
import { queueMail, redactMail } from "../../platform/mail/repo.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import type { Municipality } from "../../platform/tenancy/repo.js";
import { closedCasesForSurvey, type ClosedCase } from "../desk/index.js";
import * as repo from "./invitation-repo.js";
import { invitationMail, reminderMail, type InvitationFacts } from "./mail-texts.js";
import { askUpTo, periodOf } from "./periods.js";
import * as surveys from "./survey-repo.js";
import type { Area } from "./tables.js";

const sweeper = systemActor("Enkätutskick");
const batch = 500;
const dayMs = 86_400_000;

export interface SurveyLinks {
  base: string;
  municipality: string;
  secret: string;
}

export function answerToken(secret: string, invitation: { id: string; token_salt: string }): string {
  return linkToken(secret, "survey-answer", invitation.id, invitation.token_salt);
}

/** An HMAC under the installation's secret: the same business or case gives the same key, and the key gives away neither. */
export function pseudonym(secret: string, kind: "case" | "business", value: string): string {
  return linkToken(secret, `survey-${kind}`, value.trim().toLowerCase(), "");
}

/** Invites the businesses of every active survey's newly closed cases; answers how many were invited. */
export async function sweep(db: Db, municipality: Pick<Municipality, "id">, links: SurveyLinks, now = new Date()): Promise<number> {
  return inScope(db, { municipalityId: municipality.id }, async (tx) => {
    let invited = 0;
    for (const survey of await surveys.activeSurveys(tx)) {
      invited += await sweepSurvey(tx, survey, links, now);
    }
    if (invited > 0) {
      await recordAudit(tx, sweeper, { action: "invitations.sent", recordType: "survey", recordId: null, changes: { invitations: invited } });
    }
    return invited;
  });
}

async function sweepSurvey(tx: ScopedTx, survey: surveys.Survey, links: SurveyLinks, now: Date): Promise<number> {
  const upTo = askUpTo(survey.timing, now);
  const after = survey.swept_until ?? survey.updated_at;
  if (upTo <= after) {
    return 0;
  }
  const categories = await surveys.categoriesOf(tx, survey.id);
  const areaOf = new Map(categories.map((row) => [row.category_id, row.area]));
  const cases = await closedCasesForSurvey(
    tx,
    categories.map((row) => row.category_id),
    after,
    upTo,
    batch,
  );
  let invited = 0;
  for (const closed of cases) {
    if (closed.correspondent_email && (await inviteCase(tx, survey, closed, areaOf.get(closed.category_id)!, links, now))) {
      invited += 1;
    }
  }
  // A full batch goes on from its last case next time (a case seen twice is not asked twice).
  const sweptUntil = cases.length === batch ? new Date(cases.at(-1)!.closed_at.getTime() - 1) : upTo;
  await surveys.updateSurvey(tx, survey.id, { swept_until: sweptUntil, updated_at: survey.updated_at });
  return invited;
}

/** Who is asked about which case: from a desk case or a row of an uploaded list. */
export interface Invitee {
  source: "desk" | "upload" | "register";
  /** What identifies the case for "never twice about one case": the desk's id, or the list's area and number. */
  caseRef: string;
  case_id: string | null;
  case_number: string | null;
  area: Area;
  unit_id: string | null;
  category_id: string | null;
  /** The Swedish date of the decision: it places the answer in its period. */
  closed_on: string;
  waiting_days: number | null;
  on_time: boolean | null;
  org_number: string | null;
  company_name: string | null;
  contact_name: string | null;
  email: string;
  phone: string | null;
  language: "sv" | "en";
}

/** Invites one business about one case and mails the link, unless the case or the business in that period has been asked; answers whether it did. */
export async function invite(tx: ScopedTx, survey: surveys.Survey, invitee: Invitee, links: SurveyLinks, now: Date): Promise<boolean> {
  const id = newId();
  const salt = newLinkSalt();
  const token = answerToken(links.secret, { id, token_salt: salt });
  const period = periodOf(survey.timing, invitee.closed_on);
  const expiresAt = new Date(now.getTime() + (survey.reminders * survey.reminder_days + survey.answer_days) * dayMs);
  const email = invitee.email.toLowerCase();
  const { source, caseRef, ...facts } = invitee;
  const added = await repo.insertInvitation(tx, {
    ...facts,
    id,
    municipality_id: survey.municipality_id,
    survey_id: survey.id,
    source,
    period,
    business_key: pseudonym(links.secret, "business", `${period}:${invitee.org_number ?? email}`),
    case_key: pseudonym(links.secret, "case", caseRef),
    email,
    token_salt: salt,
    token_hash: hashLinkToken(token),
    expires_at: expiresAt,
    sent_at: now,
    next_reminder_at: survey.reminders > 0 ? new Date(now.getTime() + survey.reminder_days * dayMs) : null,
  });
  if (added) {
    const facts = mailFacts(links, invitee.language === "en" ? survey.name_en : survey.name_sv, invitee.case_number, token, expiresAt);
    await queueMail(tx, {
      municipalityId: survey.municipality_id,
      purpose: "surveys.invitation",
      subjectRef: id,
      to: email,
      priority: 10,
      ...invitationMail(invitee.language, facts),
    });
  }
  return added;
}

function inviteCase(tx: ScopedTx, survey: surveys.Survey, closed: ClosedCase, area: Area, links: SurveyLinks, now: Date): Promise<boolean> {
  return invite(
    tx,
    survey,
    {
      source: "desk",
      caseRef: closed.id,
      case_id: closed.id,
      case_number: closed.number,
      area,
      unit_id: closed.unit_id,
      category_id: closed.category_id,
      closed_on: closed.decided_on,
      waiting_days: closed.waiting_days,
      on_time: closed.on_time,
      org_number: closed.org_number,
      company_name: closed.company_name,
      contact_name: closed.correspondent_name,
      email: closed.correspondent_email!,
      phone: closed.correspondent_phone,
      language: closed.language,
    },
    links,
    now,
  );
}

function mailFacts(links: SurveyLinks, survey: string, caseNumber: string | null, token: string, expiresAt: Date): InvitationFacts {
  return { municipality: links.municipality, survey, caseNumber, answerUrl: `${links.base}/enkat/${token}`, expiresOn: stockholmParts(expiresAt).date };
}

/** Sends the reminders that are due: each says which it is; after the last, none is planned. */
export async function remind(db: Db, municipality: Pick<Municipality, "id">, links: SurveyLinks, now = new Date()): Promise<number> {
  return inScope(db, { municipalityId: municipality.id }, async (tx) => {
    const due = await repo.dueReminders(tx, now, batch);
    for (const row of due) {
      const reminder = row.reminders_sent + 1;
      const token = answerToken(links.secret, { id: row.id, token_salt: row.token_salt! });
      await queueMail(tx, {
        municipalityId: row.municipality_id,
        purpose: "surveys.reminder",
        subjectRef: row.id,
        to: row.email!,
        priority: 10,
        ...reminderMail(
          row.language,
          mailFacts(links, row.language === "en" ? row.survey_name_en : row.survey_name_sv, row.case_number, token, row.expires_at),
          reminder,
        ),
      });
      await repo.updateInvitation(tx, row.id, {
        reminders_sent: reminder,
        next_reminder_at: reminder < row.reminders ? new Date(now.getTime() + row.reminder_days * dayMs) : null,
      });
    }
    if (due.length > 0) {
      await recordAudit(tx, sweeper, { action: "invitations.reminded", recordType: "survey", recordId: null, changes: { invitations: due.length } });
    }
    return due.length;
  });
}

/**
 * Unlinks finished invitations from their person (`invitation-repo.ts`), and the outbox
 * forgets to whom their mails went and the links in them; answers how many.
 */
export async function forget(db: Db, municipality: Pick<Municipality, "id">, now = new Date()): Promise<number> {
  return inScope(db, { municipalityId: municipality.id }, async (tx) => {
    const ids = await repo.forgetFinished(tx, now);
    const mailIds: string[] = [];
    for (const id of ids) {
      mailIds.push(...(await redactMail(tx, id)));
    }
    if (mailIds.length > 0) {
      await enqueue(tx, { queue: "mail.remove-files", municipalityId: municipality.id, payload: { ids: mailIds } });
    }
    if (ids.length > 0) {
      await recordAudit(tx, sweeper, { action: "invitations.forgotten", recordType: "survey", recordId: null, changes: { invitations: ids.length } });
    }
    return ids.length;
  });
}

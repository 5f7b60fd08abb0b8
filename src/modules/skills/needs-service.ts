/**
 * Skills needs: once a year staff send the municipality's own companies (those with an
 * address; never a sole trader, who is a person) a link that asks which occupations they
 * will need and how many. A company may also answer at a visit, in the report's part that
 * a template takes in. One answer per company and year, the latest standing; the figures
 * by occupation and year never show fewer than three companies behind a number.
 */
import { diff, recordAudit } from "../../platform/audit/audit.js";
import { systemActor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import { inScope, type Db, type Scope, type ScopedTx } from "../../platform/db/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { isId, newId } from "../../platform/ids.js";
import { hashLinkToken, linkToken, looksLikeLinkToken, newLinkSalt } from "../../platform/links.js";
import { createMailBody, queueMails } from "../../platform/mail/repo.js";
import { nextDate } from "../../platform/sweden/business-calendar.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import { ownCompaniesToWrite } from "../companies/index.js";
import { needFigures, type NeedFigures } from "./needs-figures.js";
import { readNeedLines } from "./needs-form.js";
import * as repo from "./needs-repo.js";
import { swedishToday } from "./opening-service.js";
import { authorizeSkills, canSkills } from "./policy.js";

export type { NeedFigures } from "./needs-figures.js";
export type { NeedLine } from "./needs-repo.js";

/** A company answering behind its link, as the audit log names it. */
export const surveyActor = systemActor("Kompetensbehovsenkäten (webbformulär)");

/** How many years the figures put side by side. */
const yearsShown = 3;

export interface NeedsLinks {
  base: string;
  municipality: string;
  secret: string;
}

export interface NeedsOverview {
  year: number;
  /** The years the page can show, newest first. */
  years: number[];
  figures: NeedFigures;
  /** This year's round, if sent: its last day, how many were asked and answered by their link. */
  round: { closes_on: string; asked: number; answered: number } | null;
  /** The companies a sending would reach now (for those who may send). */
  recipients: number | null;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** The companies a sending reaches: the own list's with an address, not persons, not yet asked this year. */
async function recipients(tx: ScopedTx, roundId: string | null) {
  const asked = roundId ? await repo.invitedCompanies(tx, roundId) : new Set<string>();
  return (await ownCompaniesToWrite(tx)).filter((company) => !company.is_person && !asked.has(company.id));
}

/** How many companies this year's sending would reach now (the confirmation before it says so). */
export async function recipientCount(ctx: OperationContext, now = new Date()): Promise<number> {
  authorizeSkills(ctx.actor, "skills.openings.write");
  return inScope(ctx.db, ctx.scope, async (tx) => (await recipients(tx, (await repo.findRound(tx, yearOf(swedishToday(now))))?.id ?? null)).length);
}

export async function needsOverview(ctx: OperationContext, year: number | undefined, now = new Date()): Promise<NeedsOverview> {
  authorizeSkills(ctx.actor, "skills.openings.read");
  const thisYear = yearOf(swedishToday(now));
  const shown = year ?? thisYear;
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const years = Array.from({ length: yearsShown }, (_, index) => shown - index);
    const [{ facts, answered }, known, round] = await Promise.all([repo.needFacts(tx, years), repo.needYears(tx), repo.findRound(tx, thisYear)]);
    const sending = canSkills(ctx.actor, "skills.openings.write");
    return {
      year: shown,
      years: [...new Set([thisYear, ...known])].sort((a, b) => b - a),
      figures: needFigures(years, facts, answered),
      round: round ? { closes_on: round.closes_on, ...(await repo.roundCounts(tx, round.id)) } : null,
      recipients: sending ? (await recipients(tx, round?.id ?? null)).length : null,
    };
  });
}

function inviteMail(year: number, closesOn: string, municipality: string): { subject: string; text: string } {
  return {
    subject: `Vilka yrken kommer ni att behöva? Kompetensbehov ${year}`,
    text: `Hej!\n\n${municipality} frågar varje år kommunens företag vilka yrken de kommer att behöva anställa inom de närmaste åren, och hur många personer. Svaren läggs ihop per yrke och blir underlag för kommunens arbete med kompetensförsörjning. Inget enskilt företags svar visas, och ingen siffra visas med färre än tre företag bakom sig.\n\nSvara för {{company}} senast ${closesOn} här:\n\n{{link}}\n\nDet tar ett par minuter, och ni kan ändra svaret med samma länk tills enkäten stänger.\n\n${municipality}`,
  };
}

/** Sends this year's round to the companies not yet asked (or sets its last day); answers how many it went to. */
export async function sendNeedsRound(ctx: OperationContext, closesOn: string, links: NeedsLinks, now = new Date()): Promise<number> {
  authorizeSkills(ctx.actor, "skills.openings.write");
  const today = swedishToday(now);
  if (closesOn < today || closesOn > nextDate(today, 366)) {
    throw new ValidationError([{ path: "closes_on", message: "skills.needs_closes_on" }]);
  }
  const year = yearOf(today);
  return inScope(ctx.db, ctx.scope, async (tx) => {
    const found = await repo.findRound(tx, year);
    const round = found ?? { id: newId(), municipality_id: ctx.scope.municipalityId, year, closes_on: closesOn };
    await (found ? repo.updateRound(tx, round.id, closesOn) : repo.insertRound(tx, round));
    const companies = await recipients(tx, round.id);
    const invitations = companies.map((company) => {
      const id = newId();
      return { id, company, token: linkToken(links.secret, "skills-needs", id, newLinkSalt()) };
    });
    if (invitations.length > 0) {
      const mail = inviteMail(year, closesOn, links.municipality);
      const bodyId = await createMailBody(tx, { municipalityId: ctx.scope.municipalityId, text: mail.text, html: null });
      await repo.insertInvitations(
        tx,
        invitations.map(({ id, company, token }) => ({
          id,
          municipality_id: ctx.scope.municipalityId,
          round_id: round.id,
          company_id: company.id,
          token_hash: hashLinkToken(token),
        })),
      );
      await queueMails(
        tx,
        invitations.map(({ company, token }) => ({
          municipalityId: ctx.scope.municipalityId,
          purpose: "skills.needs_invite",
          to: company.email,
          subject: mail.subject,
          text: "",
          priority: 10,
          bodyId,
          vars: { company: company.name, link: `${links.base}/kompetensbehov/${token}` },
        })),
      );
    }
    await recordAudit(
      tx,
      ctx.actor,
      { action: "needs.sent", recordType: "skills_needs_round", recordId: round.id, changes: { year, closes_on: closesOn, companies: invitations.length } },
      ctx.requestId,
    );
    return invitations.length;
  });
}

export interface NeedsAnswerPage {
  company_name: string;
  year: number;
  closes_on: string;
  open: boolean;
  /** Whether the company has answered this year (perhaps that it needs no one). */
  answered: boolean;
  lines: repo.NeedLine[];
}

async function invitationOf(tx: ScopedTx, token: string) {
  const invitation = looksLikeLinkToken(token) ? await repo.findInvitation(tx, hashLinkToken(token)) : undefined;
  if (!invitation) {
    throw new NotFoundError();
  }
  return invitation;
}

/** What a company's link shows: the company, the year, whether it is still open, and its answer so far. */
export async function needsByToken(db: Db, scope: Scope, token: string, now = new Date()): Promise<NeedsAnswerPage> {
  return inScope(db, scope, async (tx) => {
    const invitation = await invitationOf(tx, token);
    const answer = await repo.findAnswer(tx, invitation.year, invitation.company_id);
    return {
      company_name: invitation.company_name,
      year: invitation.year,
      closes_on: invitation.closes_on,
      open: invitation.closes_on >= swedishToday(now),
      answered: answer !== undefined,
      lines: answer?.lines ?? [],
    };
  });
}

async function saveAnswer(
  tx: ScopedTx,
  actor: OperationContext["actor"],
  requestId: string | undefined,
  answer: { municipality_id: string; year: number; company_id: string; source: "survey" | "visit"; visit_id: string | null },
  body: Readonly<Record<string, unknown>>,
): Promise<void> {
  const { lines, problems } = readNeedLines(body);
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  const before = await repo.findAnswer(tx, answer.year, answer.company_id);
  const id = await repo.replaceAnswer(tx, { id: newId(), ...answer }, lines);
  const asText = (rows: readonly repo.NeedLine[]) => rows.map((line) => `${line.occupation}: ${line.people}`);
  await recordAudit(
    tx,
    actor,
    {
      action: "needs.answered",
      recordType: "skills_needs_answer",
      recordId: id,
      changes: { year: answer.year, source: answer.source, ...diff({ lines: asText(before?.lines ?? []) }, { lines: asText(lines) }) },
    },
    requestId,
  );
}

/** A company's answer behind its link, while the round is open. */
export async function answerByToken(
  db: Db,
  scope: Scope,
  token: string,
  body: Readonly<Record<string, unknown>>,
  requestId: string | undefined,
  now = new Date(),
) {
  await inScope(db, scope, async (tx) => {
    const invitation = await invitationOf(tx, token);
    if (invitation.closes_on < swedishToday(now)) {
      throw new ConflictError([{ path: "occupation_1", message: "skills.needs_closed" }]);
    }
    const answer = {
      municipality_id: scope.municipalityId,
      year: invitation.year,
      company_id: invitation.company_id,
      source: "survey" as const,
      visit_id: null,
    };
    await saveAnswer(tx, surveyActor, requestId, answer, body);
    await repo.markAnswered(tx, invitation.id);
  });
}

export interface VisitNeeds {
  visit: { id: string; company_id: string; company_name: string; is_person: boolean };
  year: number;
  answered: boolean;
  lines: repo.NeedLine[];
}

async function visitOf(tx: ScopedTx, id: string) {
  const visit = isId(id) ? await repo.findVisit(tx, id) : undefined;
  if (!visit) {
    throw new NotFoundError();
  }
  return { visit, year: yearOf(stockholmParts(visit.starts_at).date) };
}

/** A visit, the year it falls in, and the company's answer for that year. */
async function answerOfVisit(tx: ScopedTx, visitId: string): Promise<VisitNeeds> {
  const { visit, year } = await visitOf(tx, visitId);
  const answer = await repo.findAnswer(tx, year, visit.company_id);
  return { visit, year, answered: answer !== undefined, lines: answer?.lines ?? [] };
}

/** The company's answer for the year of a visit, for staff to fill in at the visit. */
export async function visitNeeds(ctx: OperationContext, visitId: string): Promise<VisitNeeds> {
  authorizeSkills(ctx.actor, "skills.openings.write");
  return inScope(ctx.db, ctx.scope, (tx) => answerOfVisit(tx, visitId));
}

export async function saveVisitNeeds(ctx: OperationContext, visitId: string, body: Readonly<Record<string, unknown>>): Promise<void> {
  authorizeSkills(ctx.actor, "skills.openings.write");
  await inScope(ctx.db, ctx.scope, async (tx) => {
    const { visit, year } = await visitOf(tx, visitId);
    // A sole trader is a person: what they will need is not asked.
    if (visit.is_person) {
      throw new ConflictError([{ path: "occupation_1", message: "skills.needs_person" }]);
    }
    const answer = { municipality_id: ctx.scope.municipalityId, year, company_id: visit.company_id, source: "visit" as const, visit_id: visit.id };
    await saveAnswer(tx, ctx.actor, ctx.requestId, answer, body);
  });
}

/** The part of a visit's report: the company's answer for the visit's year. */
export async function needsOfVisit(tx: ScopedTx, visitId: string): Promise<{ year: number; answered: boolean; lines: repo.NeedLine[]; isPerson: boolean }> {
  const { visit, ...answer } = await answerOfVisit(tx, visitId);
  return { ...answer, isPerson: visit.is_person };
}

/** The programme's indicators of the year: people needed (when it may be shown) and companies answering. */
export const needsFigures = { "skills.indicator_needs_people": true, "skills.indicator_needs_companies": true } as const;
export type NeedsKey = keyof typeof needsFigures;

export async function needsValue(db: Db, scope: Scope, key: NeedsKey, year: number): Promise<number | null> {
  return inScope(db, scope, async (tx) => {
    const { facts, answered } = await repo.needFacts(tx, [year]);
    if (key === "skills.indicator_needs_companies") {
      return answered.get(year) ?? 0;
    }
    return needFigures([year], facts, answered).total[0]!.people;
  });
}

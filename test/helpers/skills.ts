import { inScope, type Db } from "../../src/platform/db/database.js";
import { nextDate } from "../../src/platform/sweden/business-calendar.js";
import * as needs from "../../src/modules/skills/needs-service.js";
import { swedishToday } from "../../src/modules/skills/opening-service.js";
import * as matching from "../../src/modules/skills/match-service.js";
import * as openings from "../../src/modules/skills/opening-service.js";
import type { OpeningInput, SeekerInput } from "../../src/modules/skills/schemas.js";
import * as seekers from "../../src/modules/skills/seeker-service.js";
import { postOpening } from "../../src/modules/skills/posting-service.js";
import { testSecret } from "../global-setup.js";
import { systemContext, type TestMunicipality } from "./factories.js";

export interface SkillsRecords {
  /** A published opening. */
  opening: string;
  /** A job seeker who matches it, read once and shown once in its shortlist (a row in each read log). */
  seeker: string;
  /** The seeker proposed for the opening. */
  introduction: string;
  /** The mailed link of an opening a business posted and has not confirmed. */
  postingToken: string;
  /** The skills-needs survey's link of a company that has answered it. */
  needsToken: string;
}

/** The links the skills-needs survey mailed, as the outbox holds them. */
export async function needsLinks(db: Db, municipality: TestMunicipality): Promise<Array<{ to: string; token: string }>> {
  return inScope(db, municipality.scope, async (tx) => {
    const rows = await tx.selectFrom("mail_outbox").select(["to_address", "vars"]).where("purpose", "=", "skills.needs_invite").orderBy("created_at").execute();
    return rows.map((row) => ({ to: row.to_address, token: String((row.vars as Record<string, string>).link).split("/kompetensbehov/")[1]! }));
  });
}

export function openingValues(changes: Partial<OpeningInput> = {}): OpeningInput {
  return {
    kind: "job",
    title: "Kock till lunchrestaurang",
    description: "Vi söker en kock.",
    occupation: "5120",
    must_skills: [],
    wanted_skills: [],
    languages: [],
    licences: [],
    extent: 100,
    duration: null,
    starts_on: null,
    apply_by: null,
    places: 1,
    workplace_address: null,
    workplace_municipality: null,
    org_number: null,
    employer: "Hamnkrogen",
    contact_name: null,
    contact_email: null,
    contact_phone: null,
    ...changes,
  };
}

export function seekerValues(changes: Partial<SeekerInput> = {}): SeekerInput {
  return {
    name: "Alex Exempel",
    email: null,
    phone: null,
    personal_number: null,
    occupations: ["5120"],
    places: [],
    skills: [],
    languages: [],
    licences: [],
    available_from: null,
    extent: 100,
    support: null,
    notes: null,
    officer_id: null,
    status: "searching",
    lawful_basis: "consent",
    basis_source: "Samtycke vid inskrivning",
    ...changes,
  };
}

export async function buildSkillsRecords(db: Db, municipality: TestMunicipality): Promise<SkillsRecords> {
  const ctx = systemContext(db, municipality);
  const opening = await openings.createOpening(ctx, openingValues());
  await openings.setStatus(ctx, opening, "published");
  const seeker = await seekers.createSeeker(ctx, seekerValues({ email: `alex@${municipality.host}` }));
  await seekers.getSeeker(ctx, seeker);
  // A look at the opening's shortlist: a row of its read log.
  await matching.shortlistForOpening(ctx, opening, { alla: false, plats: false, i_tid: false });
  const introduction = await matching.propose(ctx, { seeker_id: seeker, opening_id: opening, consent: true });
  const posted = await postOpening(
    db,
    municipality.scope,
    openingValues({ title: "Praktik på lagret", org_number: "5566778899", contact_email: `lager@${municipality.host}`, contact_name: "Lars Lager" }),
    "sv",
    { base: `http://${municipality.host}`, municipality: "Testkommun", secret: testSecret },
    undefined,
  );
  // The year's skills-needs survey, sent to the municipality's own companies and answered by one.
  await needs.sendNeedsRound(ctx, nextDate(swedishToday(), 30), { base: `http://${municipality.host}`, municipality: "Testkommun", secret: testSecret });
  const needsToken = (await needsLinks(db, municipality))[0]!.token;
  await needs.answerByToken(db, municipality.scope, needsToken, { occupation_1: "5120", people_1: "2" }, undefined);
  return { opening, seeker, introduction, postingToken: posted.token, needsToken };
}

import type { Db } from "../../src/platform/db/database.js";
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
  /** A job seeker who matches it, read once (a row in the read log). */
  seeker: string;
  /** The seeker proposed for the opening. */
  introduction: string;
  /** The mailed link of an opening a business posted and has not confirmed. */
  postingToken: string;
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
  const introduction = await matching.propose(ctx, { seeker_id: seeker, opening_id: opening, consent: true });
  const posted = await postOpening(
    db,
    municipality.scope,
    openingValues({ title: "Praktik på lagret", org_number: "5566778899", contact_email: `lager@${municipality.host}`, contact_name: "Lars Lager" }),
    "sv",
    { base: `http://${municipality.host}`, municipality: "Testkommun", secret: testSecret },
    undefined,
  );
  return { opening, seeker, introduction, postingToken: posted.token };
}

/**
 * The newcomer's demo: openings from the municipality's businesses, published, and job
 * seekers with the demo labour-market officer responsible, so the lists, the public page
 * and the matching both ways have something to show. Everyone here is made up.
 */
import { systemActor } from "../../platform/auth/roles.js";
import { inScope, type Db, type Scope } from "../../platform/db/database.js";
import { newId } from "../../platform/ids.js";
import * as needsRepo from "./needs-repo.js";
import { anyOpening } from "./opening-repo.js";
import { createOpening, setStatus, swedishToday } from "./opening-service.js";
import type { OpeningInput, SeekerInput } from "./schemas.js";
import { officers } from "./seeker-repo.js";
import { createSeeker } from "./seeker-service.js";

type Log = (message: string) => void;

const opening = (values: Partial<OpeningInput> & Pick<OpeningInput, "title" | "occupation" | "employer">): OpeningInput => ({
  kind: "job",
  description: "Vi söker en ny kollega till vårt team. Du trivs med att arbeta både självständigt och tillsammans med andra.",
  must_skills: [],
  wanted_skills: [],
  languages: ["svenska"],
  licences: [],
  extent: 100,
  duration: "Tillsvidare",
  starts_on: null,
  apply_by: null,
  places: 1,
  workplace_address: null,
  workplace_municipality: "1882",
  org_number: null,
  contact_name: "Kim Rekryterare",
  contact_email: "jobb@example.se",
  contact_phone: null,
  ...values,
});

const seeker = (values: Partial<SeekerInput> & Pick<SeekerInput, "name" | "occupations" | "skills">): SeekerInput => ({
  email: null,
  phone: null,
  personal_number: null,
  places: ["1882", "1880"],
  languages: ["svenska"],
  licences: ["B"],
  available_from: null,
  extent: 100,
  support: null,
  notes: null,
  officer_id: null,
  status: "searching",
  lawful_basis: "consent",
  basis_source: "Samtycke vid inskrivning (demo)",
  ...values,
});

export async function seedSkillsDemo(db: Db, scope: Scope, log: Log): Promise<void> {
  const ctx = { db, actor: systemActor("demo"), scope };
  const { seeded, officerId } = await inScope(db, scope, async (tx) => ({ seeded: await anyOpening(tx), officerId: (await officers(tx))[0]?.id ?? null }));
  if (seeded) {
    return;
  }
  const openings: OpeningInput[] = [
    opening({
      title: "Kock till lunchrestaurang",
      occupation: "5120",
      employer: "Hamnkrogen i Askersund (demo)",
      must_skills: ["Livsmedelshygien"],
      wanted_skills: [
        { name: "À la carte", must: false, weight: 3 },
        { name: "Bakning", must: false, weight: 1 },
      ],
      workplace_address: "Hamngatan 1",
    }),
    opening({
      title: "Lagerarbetare, skift",
      occupation: "4322",
      employer: "Vätterns Logistik AB (demo)",
      must_skills: ["Truckkort"],
      licences: ["B"],
      places: 3,
      extent: 80,
    }),
    opening({
      kind: "summer_job",
      title: "Feriejobb i parken",
      occupation: "6113",
      employer: "Askersunds kommun, park (demo)",
      duration: "Tre veckor i juni eller juli",
      places: 10,
      extent: 75,
      languages: [],
    }),
    opening({
      kind: "internship",
      title: "Praktik som undersköterska",
      occupation: "5321",
      employer: "Omsorgen i Askersund (demo)",
      wanted_skills: [{ name: "Demensvård", must: false, weight: 2 }],
      duration: "Åtta veckor",
    }),
  ];
  for (const [index, values] of openings.entries()) {
    const id = await createOpening(ctx, values);
    if (index < 3) {
      await setStatus(ctx, id, "published");
    }
  }
  const seekers: SeekerInput[] = [
    seeker({ name: "Alex Exempel (demo)", occupations: ["5120"], skills: ["Livsmedelshygien", "À la carte"], officer_id: officerId }),
    seeker({ name: "Sam Provsson (demo)", occupations: ["4322", "9331"], skills: ["Truckkort"], officer_id: officerId }),
    seeker({ name: "Robin Testdotter (demo)", occupations: ["5131"], skills: ["Kassa", "Bakning"], extent: 50, officer_id: officerId }),
    seeker({ name: "Kim Påhittad (demo)", occupations: ["6113"], skills: [], licences: [], places: [], languages: ["svenska", "arabiska"] }),
  ];
  for (const values of seekers) {
    await createSeeker(ctx, values);
  }
  const answers = await seedNeedsDemo(db, scope);
  log(`Demo: ${openings.length} openings, ${seekers.length} job seekers and ${answers} skills-needs answers`);
}

/**
 * Skills needs of the demo companies this year and last, so the figures show: cooks and
 * electricians with three companies or more behind them; software developers (two companies)
 * and assistant nurses (one) each held back, and shown together as other occupations.
 */
async function seedNeedsDemo(db: Db, scope: Scope): Promise<number> {
  const year = Number(swedishToday().slice(0, 4));
  const needs: Array<Array<[string, number]>> = [
    [
      ["5120", 2],
      ["7411", 1],
    ],
    [
      ["5120", 1],
      ["2512", 2],
    ],
    [
      ["5120", 3],
      ["7411", 2],
      ["2512", 1],
    ],
    [["7411", 1]],
    [
      ["5120", 1],
      ["5321", 4],
    ],
    [],
  ];
  return inScope(db, scope, async (tx) => {
    const companies = await needsRepo.ownCompanyIds(tx, needs.length);
    for (const [index, companyId] of companies.entries()) {
      for (const [answerYear, lines] of [
        [year, needs[index]!],
        [year - 1, needs[index]!.slice(0, 1)],
      ] as const) {
        await needsRepo.replaceAnswer(
          tx,
          { id: newId(), municipality_id: scope.municipalityId, year: answerYear, company_id: companyId, source: "survey", visit_id: null },
          lines.map(([occupation, people]) => ({ occupation, people })),
        );
      }
    }
    return companies.length * 2;
  });
}

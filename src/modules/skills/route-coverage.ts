import type { Coverage } from "../../../test/helpers/coverage.js";

const openingValid = {
  kind: "job",
  title: "Kock",
  description: "Lunchrestaurang söker kock.",
  occupation: "5120",
  extent: "100",
  places: "1",
  employer: "Hamnkrogen",
};

const seekerValid = {
  name: "Alex Exempel",
  extent: "100",
  status: "searching",
  lawful_basis: "consent",
  basis_source: "Samtycke vid inskrivning",
};

/** A last day to answer that is always ahead and within the year the survey allows. */
const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** How the route-wide tests cover the routes of the skills module; see `test/helpers/route-coverage.ts`. */
export const coverage: Record<string, Coverage> = {
  "GET /jobb": { page: { public: true } },
  "GET /jobb/annonsera": { page: { public: true } },
  "POST /jobb/annonsera": {
    form: { keeps: "title", valid: { ...openingValid, org_number: "556677-8899", contact_name: "Kim", contact_email: "kim@example.se", consent: "on" } },
  },
  "GET /jobb/bekrafta/:token": { page: { public: true } },
  "POST /jobb/bekrafta/:token": { action: true },
  "GET /jobb/rss.xml": { download: true },
  "GET /jobb/:id": { page: { public: true } },
  "GET /kompetens": { exempt: "redirects to the openings" },
  "GET /kompetens/annonser": { page: {} },
  "GET /kompetens/annonser/ny": { page: {} },
  "POST /kompetens/annonser/ny": { form: { keeps: "title", valid: openingValid } },
  "GET /kompetens/annonser/:id": { page: {} },
  "POST /kompetens/annonser/:id": { form: { valid: openingValid } },
  "POST /kompetens/annonser/:id/ta-bort": { action: true },
  "POST /kompetens/annonser/:id/publicera": { action: true },
  "POST /kompetens/annonser/:id/stang": { action: true },
  "GET /kompetens/annonser/:id/matchning": { page: {} },
  "GET /kompetens/arbetssokande": { page: {} },
  "GET /kompetens/arbetssokande/ny": { page: {} },
  "POST /kompetens/arbetssokande/ny": { form: { keeps: "name", valid: seekerValid } },
  "GET /kompetens/arbetssokande/:id": { page: {} },
  "GET /kompetens/arbetssokande/:id/redigera": { page: {} },
  "POST /kompetens/arbetssokande/:id/redigera": { form: { valid: seekerValid } },
  "GET /kompetens/arbetssokande/:id/matchning": { page: {} },
  "POST /kompetens/formedlingar": { action: true },
  "POST /kompetens/formedlingar/:id": { form: { valid: { status: "withdrawn" } } },
  "GET /kompetens/formedlingar/:id/profil": { page: {} },
  "POST /kompetens/formedlingar/:id/uppfoljning": { form: { valid: { follow_up: "in_work" } } },
  "GET /kompetens/behov": { page: {} },
  "GET /kompetens/behov.csv": { download: true },
  "POST /kompetens/behov/skicka": { form: { keeps: "closes_on", valid: { closes_on: inAMonth } } },
  "GET /kompetens/behov/besok/:id": { page: {} },
  "POST /kompetens/behov/besok/:id": { form: { keeps: "occupation_1", valid: { occupation_1: "5120", people_1: "3" } } },
  "GET /kompetensbehov/:token": { page: { public: true } },
  "POST /kompetensbehov/:token": { form: { keeps: "occupation_1", valid: { occupation_1: "5120 Kockar och kallskänkor", people_1: "3" } } },
};

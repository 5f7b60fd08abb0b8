import { lotsenModules } from "../../src/modules/index.js";
import { coverage as platformCoverage } from "../../src/platform/route-coverage.js";
import type { Coverage } from "./coverage.js";

/** Each module's coverage file (`src/modules/<name>/route-coverage.ts`), by the module's name; the platform's as "platform". */
export const coverageByModule: Readonly<Record<string, Record<string, Coverage>>> = Object.fromEntries([
  ["platform", platformCoverage],
  ...(await Promise.all(
    lotsenModules.map(
      async (module) =>
        [module.name, ((await import(`../../src/modules/${module.name}/route-coverage.ts`)) as { coverage: Record<string, Coverage> }).coverage] as const,
    ),
  )),
]);

/** Every route's coverage, merged; a route listed by two files is a mistake, not an override. */
export const routeCoverage: Record<string, Coverage> = {};
for (const [module, coverage] of Object.entries(coverageByModule)) {
  for (const [route, entry] of Object.entries(coverage)) {
    if (route in routeCoverage) {
      throw new Error(`${route} is covered twice (again in ${module})`);
    }
    routeCoverage[route] = entry;
  }
}

/** Values no field accepts: too long, wrong kind, malformed. Text fields keep them on re-show. */
export const junkForm: Record<string, string | string[]> = {
  name: "N".repeat(5000),
  q: "Q".repeat(400),
  url: "javascript:alert(1)",
  issuer: "javascript:alert(1)",
  roles_claim: "grupper med mellanslag",
  event_types: ["kung.kronan"],
  email: "inte-en-adress",
  password: "kort",
  current_password: "",
  new_password: "kort",
  confirm_password: "annat",
  roles: ["kung"],
  unit_ids: ["inte-ett-id"],
  kind: "slott",
  parent_id: "inte-ett-id",
  manager_id: "inte-ett-id",
  website: "javascript:alert(1)",
  description: "D".repeat(5000),
  days: "tusen",
  lang: "klingon",
  hosts: "inte ett värdnamn!",
  contact_email: "inte-en-adress",
  accessibility_compliance: "kanske",
  accessibility_assessed_on: "igår",
  title: "T".repeat(5000),
  base_url: "ftp://kolada",
  group_name: "G".repeat(500),
  group_codes: "12345, abcd",
  kolada_kpi: "inte ett nyckeltal",
  new_title: "N".repeat(500),
  start_year: "tjugohundra",
  end_year: "1800",
  adopted_by: "",
  adopted_on: "igår",
  reason: "",
  focus_area_id: "inte-ett-id",
  status_id: "inte-ett-id",
  responsible: "kung",
  contributors: ["kung"],
  owner_id: "inte-ett-id",
  progress: "150",
  weight: "-1",
  year: "nästa år",
  quarter: "7",
  value: "tusen",
  direction: "uppåt",
  default_progress: "200",
  correction_note: "C".repeat(5000),
  target_2022: "mycket",
  phone: "ring mig",
  lawful_basis: "för att",
  source: "S".repeat(5000),
  org_number: "12345",
  company_id: "inte-ett-id",
  date: "imorgon",
  start_time: "25:99",
  end_time: "nu",
  status: "kanske",
  staff_ids: ["inte-ett-id"],
  contact_ids: ["inte-ett-id"],
  template_id: "inte-ett-id",
  questions: "Q".repeat(6000),
  postcodes: "abc",
  towns: "T".repeat(3000),
  contact_retention_months: "många",
  visit_id: "inte-ett-id",
  sections: ["inte-en-del"],
  occupation_1: "inte ett yrke",
  people_1: "många",
  due_on: "snart",
  closes_on: "sedan",
  mon_open: "25:99",
  body: "B".repeat(30_000),
  category_id: "inte-ett-id",
  consent: "kanske",
  then: "sedan",
  unit_id: "inte-ett-id",
  priority: "högst",
  extension_weeks: "tjugo",
  case_ids: ["inte-ett-id"],
  target_unit: "år",
  first_response: "snabbt",
  name_sv: "N".repeat(5000),
  text_sv: "T".repeat(5000),
  timing: "ibland",
  scale_max: "elva",
  areas: ["inte-ett-område"],
  role: "kung",
  starts_on: "förr",
  ends_on: "sen",
  answer: "kanske",
  present: ["inte-ett-id"],
  adjuster_id: "inte-ett-id",
  member_id: "inte-ett-id",
  minutes: "M".repeat(60_000),
  action_id: "inte-ett-id",
};

export const junkJson: Record<string, unknown> = {
  name: 42,
  email: ["inte-en-adress"],
  roles: "kung",
  unit_ids: [1, 2],
  kind: null,
  parent_id: 7,
  website: "javascript:alert(1)",
  description: { text: "nej" },
  days: -3,
  hosts: [1],
  accessibility_compliance: "kanske",
  active: "kanske",
};

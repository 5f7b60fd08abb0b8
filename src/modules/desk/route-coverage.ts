import { someId, type Coverage } from "../../../test/helpers/coverage.js";

const deskCaseValid = { company_name: "Bolaget AB", name: "Per Person", email: "per@example.se", category_id: someId, subject: "Fråga", description: "Text", consent: "on" };
const calendarValid = { mon_open: "08:00", mon_close: "16:00", warn_percent: "80", retention_months: "24", consent_text_sv: "Text", consent_text_en: "Text" };
const policyValid = { name: "Nytt tidsmål", target_unit: "hours", first_response: "4" };
const categoryValid = { name_sv: "Nytt område", name_en: "New area", default_unit_id: someId, sla_policy_id: someId, position: "1" };

/** How the route-wide tests cover the routes of the desk module; see `test/helpers/route-coverage.ts`. */
export const coverage: Record<string, Coverage> = {
  "GET /foretagslots": { page: { public: true } },
  "POST /foretagslots": { form: { keeps: "phone", valid: deskCaseValid } },
  "GET /foretagslots/status/:token": { page: { public: true } },
  "POST /foretagslots/status/:token/svar": { form: { valid: { body: "Tack för svaret" } } },
  "GET /foretagslots/status/:token/filer/:fileId": { download: true },
  "GET /arenden": { page: {} },
  "GET /arenden.csv": { download: true },
  "POST /arenden/massandring": { form: { valid: { case_ids: [someId], action: "status", status: "open" } } },
  "GET /arenden/ny": { page: {} },
  "POST /arenden/ny": { form: { keeps: "phone", valid: { ...deskCaseValid, channel: "phone" } } },
  "GET /arenden/statistik": { page: {} },
  "GET /arenden/statistik.csv": { download: true },
  "GET /arenden/personuppgifter": { page: {} },
  "GET /arenden/registerutdrag.json": { download: true },
  "POST /arenden/gallring": { action: true },
  "GET /arenden/:id": { page: {} },
  "GET /arenden/:id/filer/:fileId": { download: true },
  "POST /arenden/:id/svar": { form: { valid: { body: "Här är svaret", then: "open" } } },
  "POST /arenden/:id/anteckning": { form: { valid: { body: "Anteckning" } } },
  "POST /arenden/:id/status": { form: { valid: { status: "waiting" } } },
  "POST /arenden/:id/tilldela": { action: true },
  "POST /arenden/:id/overfor": { form: { valid: { unit_id: someId } } },
  "POST /arenden/:id/enheter": { form: { valid: { unit_id: someId } } },
  "POST /arenden/:id/enheter/ta-bort": { form: { valid: { unit_id: someId } } },
  "POST /arenden/:id/prioritet": { form: { valid: { priority: "urgent" } } },
  "POST /arenden/:id/lagstadgat": { form: { valid: { extension_weeks: "0" } } },
  "POST /arenden/:id/forseningsbesked": { form: { valid: { reason: "Många ärenden just nu" } } },
  "POST /arenden/:id/meddelanden/:messageId/sekretess": { action: true },
  "POST /arenden/:id/filer/:fileId/sekretess": { action: true },
  "GET /admin/foretagslots": { page: {} },
  "POST /admin/foretagslots": { form: { keeps: "mon_open", valid: calendarValid } },
  "GET /admin/foretagslots/tidsmal": { page: {} },
  "GET /admin/foretagslots/tidsmal/ny": { page: {} },
  "POST /admin/foretagslots/tidsmal/ny": { form: { keeps: "name", valid: policyValid } },
  "GET /admin/foretagslots/tidsmal/:id": { page: {} },
  "POST /admin/foretagslots/tidsmal/:id": { form: { keeps: "name", valid: policyValid } },
  "GET /admin/foretagslots/kategorier": { page: {} },
  "GET /admin/foretagslots/kategorier/ny": { page: {} },
  "POST /admin/foretagslots/kategorier/ny": { form: { valid: categoryValid } },
  "GET /admin/foretagslots/kategorier/:id": { page: {} },
  "POST /admin/foretagslots/kategorier/:id": { form: { valid: categoryValid } },
  "GET /api/v1/cases": { api: {} },
  "GET /api/v1/cases/:id": { api: {} },
  "GET /api/v1/desk/figures": { api: {} },
};

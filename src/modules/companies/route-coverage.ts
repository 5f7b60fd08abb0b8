import { someId, type Coverage } from "../../../test/helpers/coverage.js";

const contactValid = { name: "Per Person", lawful_basis: "public_task", source: "Företagsbesök" };
const visitValid = { date: "2026-12-01", start_time: "09:00" };
const templateValid = { name: "Ny mall", questions: "Vad behöver företaget?" };

/** How the route-wide tests cover the routes of the companies module; see `test/helpers/route-coverage.ts`. */
export const coverage: Record<string, Coverage> = {
  "GET /foretag": { page: {} },
  "GET /foretag/:id": { page: {}, national: true },
  "POST /foretag/:id/profil": { action: true, national: true },
  "POST /foretag/:id/koppling": { action: true, national: true },
  "POST /foretag/:id/uppgifter": { form: { keeps: "title", valid: { title: "Ring tillbaka" } }, national: true },
  "POST /uppgifter/:id/klar": { action: true },
  "GET /uppgifter": { page: {} },
  "POST /uppgifter/kalender/ny-lank": { action: true },
  "GET /besok/kalender/:id/:token": { download: true },
  "GET /foretag/:id/kontakter/ny": { page: {}, national: true },
  "POST /foretag/:id/kontakter/ny": { form: { keeps: "phone", valid: contactValid }, national: true },
  "GET /kontakter/:id/redigera": { page: {} },
  "POST /kontakter/:id/redigera": { form: { keeps: "phone", valid: contactValid } },
  "GET /kontakter/:id": { page: {} },
  "POST /kontakter/:id/foretag": { form: { keeps: "org_number", valid: { org_number: "556036-0793" } } },
  "POST /kontakter/:id/koppla-bort": { form: { valid: { company_id: someId } } },
  "GET /kontakter/:id/registerutdrag": { page: {} },
  "GET /kontakter/:id/registerutdrag.json": { download: true },
  "POST /kontakter/:id/radera": { action: true },
  "GET /kontakter/gallring": { page: {} },
  "POST /kontakter/gallring": { action: true },
  "GET /foretag/:id/besok/ny": { page: {}, national: true },
  "POST /foretag/:id/besok/ny": { form: { keeps: "start_time", valid: visitValid }, national: true },
  "GET /besok/:id": { page: {} },
  "GET /besok/:id/redigera": { page: {} },
  "POST /besok/:id/redigera": { form: { keeps: "start_time", valid: visitValid } },
  "POST /besok/:id/rapport": { action: true },
  "GET /admin/besoksmallar": { page: {} },
  "GET /admin/besoksmallar/ny": { page: {} },
  "POST /admin/besoksmallar/ny": { form: { keeps: "name", valid: templateValid } },
  "GET /admin/besoksmallar/:id": { page: {} },
  "POST /admin/besoksmallar/:id": { form: { keeps: "name", valid: templateValid } },
  "GET /admin/foretag/omrade": { page: {} },
  "POST /admin/foretag/omrade": { form: { keeps: "postcodes", valid: { postcodes: "696", towns: "Askersund", contact_retention_months: "36" } } },
  "GET /admin/foretag/import": { page: {} },
  "POST /admin/foretag/import": { form: { valid: {} } },
  "GET /api/v1/companies": { api: {} },
  "GET /api/v1/companies/:id": { api: {}, national: true },
};

/**
 * How every registered route is covered by the route-wide tests. A route that is
 * registered but missing here fails `test/routes.test.ts`, so a new route is covered or
 * the build is red.
 *
 * - `page`: a GET that renders HTML; checked with axe in Chromium (signed in as an administrator unless `public`).
 * - `form`: an HTML form post; bad input re-shows the form (400) with the values kept and writes nothing.
 * - `api`: a JSON route; bad input answers 400 naming the field and writes nothing.
 * - `valid`: a valid body, used to prove that another municipality's record answers 404.
 * - `exempt`: why the route-wide checks do not apply.
 * Every route with `:id` is checked for tenant isolation (404 for the other municipality's record).
 */
export interface Coverage {
  page?: { public?: boolean };
  form?: { keeps?: string; valid: Record<string, string | string[]> };
  action?: true;
  api?: { valid?: Record<string, unknown> };
  exempt?: string;
}

const userValid = { name: "Test Person", email: "test.person@askersund.test", roles: ["viewer"] };
const unitValid = { name: "Ny enhet", kind: "department" };
const partyValid = { name: "Ny part", kind: "authority" };
const settingsValid = { name: "Askersunds kommun", accessibility_compliance: "partial" };

export const routeCoverage: Record<string, Coverage> = {
  "GET /metrics": { exempt: "installation-wide Prometheus text, no input, no tenant" },
  "GET /assets/lotsen.css": { exempt: "static file" },
  "GET /assets/lotsen.js": { exempt: "static file" },
  "GET /assets/htmx.min.js": { exempt: "static file" },
  "GET /healthz": { exempt: "liveness probe, no input" },
  "GET /readyz": { exempt: "readiness probe, no input" },
  "GET /api/openapi.json": { exempt: "the OpenAPI document, no input" },
  "GET /api": { page: { public: true } },
  "POST /sprak": { action: true },
  "GET /": { page: { public: true } },
  "GET /logga-in": { page: { public: true } },
  "POST /logga-in": { form: { keeps: "email", valid: { email: "nobody@askersund.test", password: "x" } } },
  "POST /logga-ut": { action: true },
  "GET /konto": { page: {} },
  "GET /konto/export": { exempt: "a JSON download of one's own data, no input" },
  "POST /konto/nycklar": { form: { keeps: "name", valid: { name: "Nyckel", days: "30" } } },
  "POST /konto/nycklar/:id/aterkalla": { action: true },
  "GET /konto/losenord": { page: {} },
  "POST /konto/losenord": { form: { valid: { current_password: "x", new_password: "long enough password", confirm_password: "long enough password" } } },
  "GET /api/v1/me": { api: {} },
  "GET /api/v1/tokens": { api: {} },
  "POST /api/v1/tokens": { api: { valid: { name: "Nyckel", days: 30 } } },
  "DELETE /api/v1/tokens/:id": { api: {} },
  "GET /admin/konton": { page: {} },
  "GET /admin/konton/ny": { page: {} },
  "POST /admin/konton/ny": { form: { keeps: "name", valid: userValid } },
  "GET /admin/konton/:id": { page: {} },
  "POST /admin/konton/:id": { form: { keeps: "name", valid: userValid } },
  "POST /admin/konton/:id/losenord": { form: { valid: { password: "a temporary password" } } },
  "POST /admin/konton/:id/radera": { action: true },
  "POST /api/v1/users/:id/erase": { api: {} },
  "GET /api/v1/users": { api: {} },
  "POST /api/v1/users": { api: { valid: userValid } },
  "GET /api/v1/users/:id": { api: {} },
  "PUT /api/v1/users/:id": { api: { valid: userValid } },
  "POST /api/v1/users/:id/deactivate": { api: {} },
  "GET /admin/enheter": { page: {} },
  "GET /admin/enheter/ny": { page: {} },
  "POST /admin/enheter/ny": { form: { keeps: "name", valid: unitValid } },
  "GET /admin/enheter/:id": { page: {} },
  "POST /admin/enheter/:id": { form: { keeps: "name", valid: unitValid } },
  "POST /admin/enheter/:id/ta-bort": { action: true },
  "GET /api/v1/units": { api: {} },
  "POST /api/v1/units": { api: { valid: unitValid } },
  "GET /api/v1/units/:id": { api: {} },
  "PUT /api/v1/units/:id": { api: { valid: unitValid } },
  "DELETE /api/v1/units/:id": { api: {} },
  "GET /admin/parter": { page: {} },
  "GET /admin/parter/ny": { page: {} },
  "POST /admin/parter/ny": { form: { keeps: "name", valid: partyValid } },
  "GET /admin/parter/:id": { page: {} },
  "POST /admin/parter/:id": { form: { keeps: "name", valid: partyValid } },
  "POST /admin/parter/:id/ta-bort": { action: true },
  "GET /api/v1/parties": { api: {} },
  "POST /api/v1/parties": { api: { valid: partyValid } },
  "GET /api/v1/parties/:id": { api: {} },
  "PUT /api/v1/parties/:id": { api: { valid: partyValid } },
  "DELETE /api/v1/parties/:id": { api: {} },
  "GET /admin/installningar": { page: {} },
  "POST /admin/installningar": { form: { keeps: "name", valid: settingsValid } },
  "GET /tillganglighet": { page: { public: true } },
  "GET /api/v1/municipality": { api: {} },
  "PUT /api/v1/municipality": { api: { valid: settingsValid } },
  "GET /admin/logg": { page: {} },
  "GET /api/v1/audit-events": { api: {} },
};

/** Values no field accepts: too long, wrong kind, malformed. Text fields keep them on re-show. */
export const junkForm: Record<string, string | string[]> = {
  name: "N".repeat(5000),
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

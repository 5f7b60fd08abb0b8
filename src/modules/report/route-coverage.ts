import type { Coverage } from "../../../test/helpers/coverage.js";

/** How the route-wide tests cover the routes of the yearly report; see `test/helpers/route-coverage.ts`. */
export const coverage: Record<string, Coverage> = {
  "GET /admin/rapporter": { page: {} },
  "GET /admin/program/:id/rapporter": { page: {} },
  "POST /admin/program/:id/rapporter": { form: { valid: { year: "2021" } } },
  "GET /admin/rapporter/:id": { page: {} },
  "POST /admin/rapporter/:id/granska": { action: true },
  "POST /admin/rapporter/:id/atergiv": { action: true },
  "POST /admin/rapporter/:id/godkann": { action: true },
  "POST /admin/rapporter/:id/arkivera": { action: true },
  "POST /admin/rapporter/:id/publicera": { form: { valid: { year: "2023", correction_note: "Rättelse" } } },
  "GET /admin/rapportavsnitt/:id": { page: {} },
  "POST /admin/rapportavsnitt/:id": { form: { valid: { text: "Året i korthet" } } },
  "POST /admin/rapportavsnitt/:id/klar": { action: true },
  "POST /admin/rapportavsnitt/:id/oppna": { action: true },
  "POST /admin/rapportavsnitt/:id/skribent": { form: { valid: { writer_id: "none" } } },
  "POST /admin/rapportavsnitt/:id/kommentar": { form: { valid: { comment: "Bra" } } },
  "GET /admin/rapportmall": { page: {} },
  "POST /admin/rapportmall": { form: { keeps: "new_title", valid: { title_0: "Inledning", position_0: "0", keep_0: "on" } } },
  "POST /admin/rapportmall/logotyp": { form: { valid: {} } },
  "GET /uppfoljning/:id/rapport.docx": { download: true },
  "GET /uppfoljning/:id/rapport.pdf": { download: true },
};

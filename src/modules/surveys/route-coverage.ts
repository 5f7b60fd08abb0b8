import { someId, type Coverage } from "../../../test/helpers/coverage.js";

const surveyValid = {
  name_sv: "Ny enkät",
  name_en: "New survey",
  timing: "closing",
  scale_max: "10",
  transform: "linear",
  reminders: "3",
  reminder_days: "7",
  answer_days: "30",
  areas: [`${someId}:bygglov`],
};

/** How the route-wide tests cover the routes of the surveys module; see `test/helpers/route-coverage.ts`. */
export const coverage: Record<string, Coverage> = {
  "GET /enkat/:token": { page: { public: true } },
  "POST /enkat/:token": { form: { valid: { intent: "save" } } },
  "POST /enkat/:token/avsta": { action: true },
  "GET /enkater": { page: {} },
  "GET /enkater/ny": { page: {} },
  "POST /enkater/ny": { form: { keeps: "name_sv", valid: surveyValid } },
  "GET /enkater/:id": { page: {} },
  "POST /enkater/:id": { form: { valid: surveyValid } },
  "POST /enkater/:id/ta-bort": { action: true },
  "POST /enkater/:id/skicka": { action: true },
  "POST /enkater/:id/fragor": { form: { keeps: "text_sv", valid: { kind: "scale", text_sv: "Fråga", text_en: "Question" } } },
  "POST /enkater/:id/fragor/:questionId/ta-bort": { action: true },
  "GET /enkater/:id/lista": { page: {} },
  "POST /enkater/:id/lista": { form: { keeps: "email", valid: { case_number: "Dnr" } } },
  "GET /enkater/:id/lista.csv": { download: true },
  "GET /enkater/:id/lista.xlsx": { download: true },
  "GET /enkater/resultat": { page: {} },
  "GET /enkater/resultat.csv": { download: true },
  "GET /enkater/fritexter": { page: {} },
  "POST /enkater/svar/:id/:questionId": { action: true },
  "GET /enkater/personuppgifter": { page: {} },
  "POST /enkater/personuppgifter/radera": { form: { keeps: "email", valid: { email: "vem@example.se" } } },
};

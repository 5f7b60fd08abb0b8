import { someId, type Coverage } from "../../../test/helpers/coverage.js";

const newsValid = { title: "Ny nyhet", summary: "Kort", body: "Text" };
const listValid = { name_sv: "Ny lista", name_en: "New list", public: "on" };
const subscribeValid = { email: "ny@example.se", list_ids: someId, consent: "on" };
const subscriberValid = { email: "ny.prenumerant@example.se", consent_source: "Företagsbesök" };
const campaignValid = { subject: "Nytt utskick", body: "Hej!", list_ids: someId };
const scheduleValid = { send_on: "2030-01-07", send_time: "08:00" };
const testSendValid = { email: "test@example.se" };
const eventValid = { title: "Seminarium", kind: "seminar", place: "Rådhuset", date: "2030-01-07", start_time: "09:00", end_time: "10:00", reminder_hours: "24", status: "published" };
const registrationValid = { name: "Per Person", email: "per@example.se", consent: "on" };
const checkInValid = { registration_ids: someId, present: "on" };

/** How the route-wide tests cover the routes of the communication module; see `test/helpers/route-coverage.ts`. */
export const coverage: Record<string, Coverage> = {
  "GET /nyheter": { page: { public: true } },
  "GET /nyheter/rss.xml": { download: true },
  "GET /nyheter/atom.xml": { download: true },
  "GET /nyheter/:slug": { page: { public: true } },
  "GET /nyhetsbrev": { page: { public: true } },
  "POST /nyhetsbrev": { form: { keeps: "email", valid: subscribeValid } },
  "GET /nyhetsbrev/bekrafta/:token": { page: { public: true } },
  "POST /nyhetsbrev/bekrafta/:token": { action: true },
  "GET /nyhetsbrev/installningar/:token": { page: { public: true } },
  "POST /nyhetsbrev/installningar/:token": { action: true },
  "GET /nyhetsbrev/avsluta/:token/:campaignId": { page: { public: true } },
  "POST /nyhetsbrev/avsluta/:token/:campaignId": { action: true },
  "GET /nyhetsbrev/arkiv": { page: { public: true } },
  "GET /nyhetsbrev/arkiv/:id": { page: { public: true } },
  "GET /evenemang": { page: { public: true } },
  "GET /evenemang/kalender.ics": { download: true },
  "GET /evenemang/:id": { page: { public: true } },
  "GET /evenemang/:id/kalender.ics": { download: true },
  "POST /evenemang/:id": { form: { keeps: "email", valid: registrationValid } },
  "GET /evenemang/anmalan/:token": { page: { public: true } },
  "POST /evenemang/anmalan/:token/avboka": { action: true },
  "GET /kommunikation": { exempt: "a redirect to the campaigns, no input" },
  "GET /kommunikation/nyheter": { page: {} },
  "GET /kommunikation/nyheter/ny": { page: {} },
  "POST /kommunikation/nyheter/ny": { form: { keeps: "title", valid: newsValid } },
  "GET /kommunikation/nyheter/:id": { page: {} },
  "POST /kommunikation/nyheter/:id": { form: { valid: newsValid } },
  "POST /kommunikation/nyheter/:id/ta-bort": { action: true },
  "GET /kommunikation/listor": { page: {} },
  "POST /kommunikation/listor": { form: { valid: listValid } },
  "GET /kommunikation/listor/:id": { page: {} },
  "POST /kommunikation/listor/:id": { form: { valid: listValid } },
  "POST /kommunikation/listor/:id/ta-bort": { action: true },
  "GET /kommunikation/prenumeranter": { page: {} },
  "GET /kommunikation/prenumeranter/ny": { page: {} },
  "POST /kommunikation/prenumeranter/ny": { form: { keeps: "email", valid: subscriberValid } },
  "GET /kommunikation/prenumeranter/:id": { page: {} },
  "POST /kommunikation/prenumeranter/:id/avsluta": { action: true },
  "POST /kommunikation/prenumeranter/:id/avblockera": { action: true },
  "GET /kommunikation/utskick": { page: {} },
  "GET /kommunikation/utskick/ny": { page: {} },
  "POST /kommunikation/utskick/ny": { form: { valid: campaignValid } },
  "GET /kommunikation/utskick/:id": { page: {} },
  "POST /kommunikation/utskick/:id": { form: { valid: campaignValid } },
  "POST /kommunikation/utskick/:id/test": { form: { keeps: "email", valid: testSendValid } },
  "POST /kommunikation/utskick/:id/schemalagg": { form: { valid: scheduleValid } },
  "POST /kommunikation/utskick/:id/skicka": { action: true },
  "POST /kommunikation/utskick/:id/avschemalagg": { action: true },
  "POST /kommunikation/utskick/:id/pausa": { action: true },
  "POST /kommunikation/utskick/:id/fortsatt": { action: true },
  "POST /kommunikation/utskick/:id/avbryt": { action: true },
  "POST /kommunikation/utskick/:id/ta-bort": { action: true },
  "GET /kommunikation/evenemang": { page: {} },
  "GET /kommunikation/evenemang/ny": { page: {} },
  "POST /kommunikation/evenemang/ny": { form: { valid: eventValid } },
  "GET /kommunikation/evenemang/:id": { page: {} },
  "POST /kommunikation/evenemang/:id": { form: { valid: eventValid } },
  "POST /kommunikation/evenemang/:id/ta-bort": { action: true },
  "POST /kommunikation/evenemang/:id/anmalningar/:registrationId/avboka": { action: true },
  "GET /kommunikation/evenemang/:id/deltagare.csv": { download: true },
  "GET /kommunikation/evenemang/:id/incheckning": { page: {} },
  "POST /kommunikation/evenemang/:id/incheckning": { form: { valid: checkInValid } },
  "GET /kommunikation/personuppgifter": { page: {} },
  "POST /kommunikation/personuppgifter/radera": { form: { keeps: "email", valid: testSendValid } },
  "GET /api/v1/news": { api: {} },
  "GET /api/v1/events": { api: {} },
  "POST /api/v1/newsletter/bounces": { api: { valid: { reports: [{ email: "x@example.se", kind: "hard" }] } } },
};

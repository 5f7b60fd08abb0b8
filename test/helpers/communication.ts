import type { Db } from "../../src/platform/db/database.js";
import { inScope } from "../../src/platform/db/database.js";
import * as campaigns from "../../src/modules/communication/campaign-service.js";
import * as events from "../../src/modules/communication/event-service.js";
import * as registrations from "../../src/modules/communication/registration-service.js";
import * as news from "../../src/modules/communication/news-service.js";
import * as subscriptions from "../../src/modules/communication/subscription-service.js";
import * as subscribers from "../../src/modules/communication/subscriber-service.js";
import { subscriberToken } from "../../src/modules/communication/token.js";
import { stockholmParts } from "../../src/platform/sweden/time.js";
import { systemContext, type TestMunicipality } from "./factories.js";
import { testSecret } from "../global-setup.js";

export interface CommunicationRecords {
  newsPost: string;
  newsSlug: string;
  mailingList: string;
  subscriber: string;
  subscriberToken: string;
  campaign: string;
  archivedCampaign: string;
  event: string;
  registration: string;
  registrationToken: string;
}

export const communicationLinks = (municipality: TestMunicipality) => ({ base: `http://${municipality.host}`, municipality: "Testkommun", secret: testSecret });

let counter = 0;

/** A day `days` from now in Swedish time, as a form would give it. */
export function swedishDay(days: number): string {
  return stockholmParts(new Date(Date.now() + days * 86_400_000)).date;
}

export const eventValues = (overrides: Partial<Parameters<typeof events.createEvent>[1]> = {}): Parameters<typeof events.createEvent>[1] => ({
  title: "Frukostmöte",
  description: "Om **kompetens**",
  kind: "breakfast",
  language: "sv",
  place: "Kommunhuset",
  online_url: null,
  date: swedishDay(14),
  start_time: "07:30",
  end_time: "09:00",
  capacity: 30,
  deadline_on: null,
  deadline_time: null,
  questions: "Specialkost",
  public: true,
  status: "published",
  reminder_hours: 24,
  ...overrides,
});

/** One of everything communication keeps: a published post, a list with a confirmed subscriber, a draft and a sent campaign, an event with a registration. */
export async function buildCommunicationRecords(db: Db, municipality: TestMunicipality): Promise<CommunicationRecords> {
  counter += 1;
  const ctx = systemContext(db, municipality);
  const scope = { municipalityId: municipality.id };
  const slug = `nyhet-${counter}`;
  const newsPost = await news.createPost(ctx, {
    title: `Nyhet ${counter}`,
    summary: "Kort",
    body: "Text med *betoning*",
    slug,
    language: "sv",
    focus_area_ids: [],
    publish_on: swedishDay(-1),
    publish_time: "08:00",
  });
  const mailingList = await subscriptions.createList(ctx, {
    name_sv: `Lista ${counter}`,
    name_en: `List ${counter}`,
    description_sv: null,
    description_en: null,
    public: true,
  });
  const subscriber = await subscribers.addSubscriber(ctx, {
    email: `prenumerant${counter}@example.se`,
    name: "Pia Prenumerant",
    org_number: null,
    language: "sv",
    list_ids: [mailingList],
    consent_source: "Företagsbesök",
  });
  const row = await inScope(db, scope, (tx) => tx.selectFrom("subscribers").selectAll().where("id", "=", subscriber).executeTakeFirstOrThrow());
  const segment = { list_ids: [mailingList], sections: [], size_classes: [], tags: [], in_area: false };
  const campaign = await campaigns.createCampaign(ctx, { subject: `Utskick ${counter}`, body: "Hej!", language: "sv", archive: true, ...segment });
  const archivedCampaign = await campaigns.createCampaign(ctx, {
    subject: `Skickat ${counter}`,
    body: "Tidigare brev",
    language: "sv",
    archive: true,
    ...segment,
  });
  // Sent as a campaign is: its recipients fixed and its mail queued, then marked sent.
  await campaigns.sendNow(ctx, archivedCampaign, `http://${municipality.host}`);
  await campaigns.runCampaign(db, scope, archivedCampaign, testSecret);
  await inScope(db, scope, (tx) => tx.updateTable("campaigns").set({ status: "sent", finished_at: new Date() }).where("id", "=", archivedCampaign).execute());
  await subscribers.reportBounces(ctx, [{ email: `prenumerant${counter}@example.se`, kind: "soft", detail: "452 mailbox full" }]);
  const event = await events.createEvent(ctx, eventValues({ title: `Evenemang ${counter}` }), `http://${municipality.host}`);
  await registrations.register(
    db,
    scope,
    event,
    { name: "Ada Deltagare", email: `ada${counter}@example.se`, company_name: "Bolaget AB", org_number: null, consent: true, q1: "Vegetariskt" },
    "sv",
    communicationLinks(municipality),
  );
  const registration = await inScope(db, scope, (tx) =>
    tx.selectFrom("event_registrations").select(["id", "token_salt"]).where("event_id", "=", event).executeTakeFirstOrThrow(),
  );
  return {
    newsPost,
    newsSlug: slug,
    mailingList,
    subscriber,
    subscriberToken: subscriberToken(testSecret, row),
    campaign,
    archivedCampaign,
    event,
    registration: registration.id,
    registrationToken: registrations.registrationToken(testSecret, registration),
  };
}

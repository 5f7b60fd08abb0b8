/**
 * Demo content for `npm start` (marked "(demo)"): two public lists, a published news post,
 * a draft newsletter and an upcoming breakfast meeting with a waiting list.
 */
import { systemActor } from "../../platform/auth/roles.js";
import type { OperationContext } from "../../platform/context.js";
import type { Db, Scope } from "../../platform/db/database.js";
import { stockholmParts } from "../../platform/sweden/time.js";
import { createCampaign } from "./campaign-service.js";
import { createEvent } from "./event-service.js";
import { createPost } from "./news-service.js";
import { createList, listLists } from "./subscription-service.js";

type Log = (message: string) => void;

export async function seedCommunicationDemo(db: Db, scope: Scope, log: Log, base = "http://localhost:3000"): Promise<void> {
  const ctx: OperationContext = { db, actor: systemActor("seed"), scope };
  if ((await listLists(ctx)).length > 0) {
    return;
  }
  const newsletter = await createList(ctx, {
    name_sv: "Nyhetsbrev för företagare (demo)",
    name_en: "Newsletter for businesses (demo)",
    description_sv: "Nyheter från näringslivsenheten, en gång i månaden",
    description_en: "News from the business development unit, once a month",
    public: true,
  });
  await createList(ctx, {
    name_sv: "Inbjudningar till frukostmöten (demo)",
    name_en: "Invitations to breakfast meetings (demo)",
    description_sv: null,
    description_en: null,
    public: true,
  });
  const today = stockholmParts(new Date()).date;
  await createPost(ctx, {
    title: "Ny företagslots öppnar (demo)",
    summary: "Alla frågor från företag går nu till en dörr, med svar inom en arbetsdag.",
    body: "Från och med i dag når företagen **alla** kommunens förvaltningar och bolag genom [företagslotsen](/foretagslots).\n\n- Svar inom en arbetsdag\n- Handläggningstiden mäts och redovisas\n",
    slug: "ny-foretagslots-demo",
    language: "sv",
    focus_area_ids: [],
    publish_on: today,
    publish_time: "00:00",
  });
  await createCampaign(ctx, {
    subject: "Näringslivsnytt december (demo)",
    body: "Hej!\n\nHär är månadens nyheter från näringslivsenheten.\n\n## Frukostmöte\n\nVälkommen på frukostmöte om kompetensförsörjning.",
    language: "sv",
    archive: true,
    list_ids: [newsletter],
    sections: [],
    size_classes: [],
    tags: [],
    in_area: false,
  });
  const inTwoWeeks = stockholmParts(new Date(Date.now() + 14 * 86_400_000)).date;
  await createEvent(
    ctx,
    {
      title: "Frukostmöte: kompetensförsörjning (demo)",
      description: "Kaffe, smörgås och tre lokala företag som berättar hur de hittar personal.",
      kind: "breakfast",
      language: "sv",
      place: "Kommunhuset, sammanträdesrummet",
      online_url: null,
      date: inTwoWeeks,
      start_time: "07:30",
      end_time: "09:00",
      capacity: 30,
      deadline_on: null,
      deadline_time: null,
      questions: "Specialkost",
      public: true,
      status: "published",
      reminder_hours: 24,
    },
    base,
  );
  log("Seeded demo communication: lists, a news post, a draft newsletter and a breakfast meeting.");
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { stringify } from "csv-stringify/sync";
import { spreadsheetCast } from "../../platform/csv.js";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { formProblems, handleFormPost, idParams, noInput, serviceProblems } from "../../platform/http/forms.js";
import { formPages } from "../../platform/http/form-pages.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import { industrySectionChoices, sizeClassChoices } from "../companies/index.js";
import * as campaigns from "./campaign-service.js";
import * as events from "./event-service.js";
import * as news from "./news-service.js";
import { canCommunicate } from "./policy.js";
import { communicationLabels, siteOf } from "./public-routes.js";
import * as records from "./records-service.js";
import { campaignInput, checkInInput, eventInput, listInput, listQuery, newsInput, recordsQuery, scheduleInput, subscriberInput, testSendInput } from "./schemas.js";
import * as subscriptions from "./subscription-service.js";
import { CheckInPage, EventFormPage, EventsAdminPage } from "./views/events.js";
import { NewsAdminPage, NewsFormPage } from "./views/news.js";
import { CampaignPage, CampaignsPage, ListPage, ListsPage, NewCampaignPage, NewSubscriberPage, SubscriberPage, SubscribersPage, type SegmentChoices } from "./views/newsletters.js";
import { RecordsPage } from "./views/records.js";

const registrationParams = z.object({ id: z.string().max(100), registrationId: z.string().max(100) });

/** Staff's communication: news, lists, subscribers, campaigns, events, personal data. */
export async function communicationRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const can = (request: FastifyRequest, action: Parameters<typeof canCommunicate>[1]) => request.actor !== null && canCommunicate(request.actor, action);
  const labels = communicationLabels;
  const state = (request: FastifyRequest, problems: FieldProblem[] | undefined) => formState(request, problems, labels(request));

  app.get("/kommunikation", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    ctxOf(request);
    return reply.code(303).redirect("/kommunikation/utskick");
  });

  // News --------------------------------------------------------------------------------
  app.get("/kommunikation/nyheter", { config: page, schema: { hide: true, querystring: listQuery } }, async (request, reply) => {
    const { posts, hasNext } = await news.listPosts(ctxOf(request), request.query.sida);
    return sendPage(reply, <NewsAdminPage ctx={pageContext(request, services.secret)} posts={posts} page={request.query.sida} hasNext={hasNext} canWrite={can(request, "communication.news")} />);
  });
  const showNewsForm = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const post = id ? await news.getPost(ctx, id) : null;
    return sendPage(reply, <NewsFormPage ctx={pageContext(request, services.secret)} post={post} focusAreas={await news.focusAreas(ctx)} canWrite={can(request, "communication.news")} {...state(request, problems)} />, status);
  };
  formPages(app, {
    path: "/kommunikation/nyheter",
    record: "newsPost",
    body: newsInput,
    show: showNewsForm,
    done: (id) => `/kommunikation/nyheter/${id}`,
    deleted: "/kommunikation/nyheter",
    create: (request, body) => news.createPost(ctxOf(request), body),
    update: (request, id, body) => news.updatePost(ctxOf(request), id, body),
    remove: (request, id) => news.deletePost(ctxOf(request), id),
  });

  // Lists -----------------------------------------------------------------------------------
  const showLists = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(reply, <ListsPage ctx={pageContext(request, services.secret)} lists={await subscriptions.listLists(ctxOf(request))} canWrite={can(request, "communication.newsletters")} {...state(request, problems)} />, status);
  app.get("/kommunikation/listor", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showLists(request, reply, undefined, 200));
  app.post("/kommunikation/listor", { config: page, attachValidation: true, schema: { hide: true, body: listInput } }, async (request, reply) =>
    handleFormPost(request, reply, (problems, status) => showLists(request, reply, problems, status), async () => `/kommunikation/listor/${await subscriptions.createList(ctxOf(request), request.body)}`),
  );
  const showList = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(reply, <ListPage ctx={pageContext(request, services.secret)} list={await subscriptions.getList(ctxOf(request), request.params.id)} canWrite={can(request, "communication.newsletters")} {...state(request, problems)} />, status);
  app.get("/kommunikation/listor/:id", { config: { ...page, record: "mailingList" }, schema: { hide: true, params: idParams } }, async (request, reply) => showList(request, reply, undefined, 200));
  app.post("/kommunikation/listor/:id", { config: { ...page, record: "mailingList" }, attachValidation: true, schema: { hide: true, params: idParams, body: listInput } }, async (request, reply) => {
    await subscriptions.getList(ctxOf(request), request.params.id);
    return handleFormPost(request, reply, (problems, status) => showList(request, reply, problems, status), async () => {
      await subscriptions.updateList(ctxOf(request), request.params.id, request.body);
      return `/kommunikation/listor/${request.params.id}`;
    });
  });
  app.post("/kommunikation/listor/:id/ta-bort", { config: { ...page, record: "mailingList" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    await subscriptions.deleteList(ctxOf(request), request.params.id);
    return redirectAfterPost(reply, "/kommunikation/listor", "common.deleted");
  });

  // Subscribers ------------------------------------------------------------------------------
  app.get("/kommunikation/prenumeranter", { config: page, schema: { hide: true, querystring: listQuery } }, async (request, reply) => {
    const { rows, hasNext } = await subscriptions.listSubscribers(ctxOf(request), request.query.sida, request.query.q);
    return sendPage(reply, <SubscribersPage ctx={pageContext(request, services.secret)} rows={rows} page={request.query.sida} hasNext={hasNext} q={request.query.q} canWrite={can(request, "communication.newsletters")} />);
  });
  const showNewSubscriber = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(reply, <NewSubscriberPage ctx={pageContext(request, services.secret)} lists={await subscriptions.listLists(ctxOf(request))} {...state(request, problems)} />, status);
  app.get("/kommunikation/prenumeranter/ny", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showNewSubscriber(request, reply, undefined, 200));
  app.post("/kommunikation/prenumeranter/ny", { config: page, attachValidation: true, schema: { hide: true, body: subscriberInput } }, async (request, reply) =>
    handleFormPost(request, reply, (problems, status) => showNewSubscriber(request, reply, problems, status), async () => `/kommunikation/prenumeranter/${await subscriptions.addSubscriber(ctxOf(request), request.body)}`),
  );
  app.get("/kommunikation/prenumeranter/:id", { config: { ...page, record: "subscriber" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    sendPage(reply, <SubscriberPage ctx={pageContext(request, services.secret)} view={await subscriptions.getSubscriber(ctxOf(request), request.params.id)} canWrite={can(request, "communication.newsletters")} />),
  );
  app.post("/kommunikation/prenumeranter/:id/avsluta", { config: { ...page, record: "subscriber" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    await subscriptions.unsubscribeByStaff(ctxOf(request), request.params.id);
    return redirectAfterPost(reply, `/kommunikation/prenumeranter/${request.params.id}`, "common.saved");
  });
  app.post("/kommunikation/prenumeranter/:id/avblockera", { config: { ...page, record: "subscriber" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    await subscriptions.unblock(ctxOf(request), request.params.id);
    return redirectAfterPost(reply, `/kommunikation/prenumeranter/${request.params.id}`, "common.saved");
  });

  // Campaigns -------------------------------------------------------------------------------
  const choicesFor = async (request: FastifyRequest): Promise<SegmentChoices> => ({
    lists: await subscriptions.listLists(ctxOf(request)),
    sections: industrySectionChoices(request.lang),
    sizes: sizeClassChoices(),
  });
  app.get("/kommunikation/utskick", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(reply, <CampaignsPage ctx={pageContext(request, services.secret)} campaigns={await campaigns.listCampaigns(ctxOf(request))} canWrite={can(request, "communication.newsletters")} />),
  );
  const showNewCampaign = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(reply, <NewCampaignPage ctx={pageContext(request, services.secret)} choices={await choicesFor(request)} {...state(request, problems)} />, status);
  app.get("/kommunikation/utskick/ny", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    ctxOf(request);
    return showNewCampaign(request, reply, undefined, 200);
  });
  app.post("/kommunikation/utskick/ny", { config: page, attachValidation: true, schema: { hide: true, body: campaignInput } }, async (request, reply) =>
    handleFormPost(request, reply, (problems, status) => showNewCampaign(request, reply, problems, status), async () => `/kommunikation/utskick/${await campaigns.createCampaign(ctxOf(request), request.body)}`),
  );
  const showCampaign = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(reply, <CampaignPage ctx={pageContext(request, services.secret)} view={await campaigns.getCampaign(ctxOf(request), request.params.id)} choices={await choicesFor(request)} canWrite={can(request, "communication.newsletters")} {...state(request, problems)} />, status);
  app.get("/kommunikation/utskick/:id", { config: { ...page, record: "campaign" }, schema: { hide: true, params: idParams } }, async (request, reply) => showCampaign(request, reply, undefined, 200));
  app.post("/kommunikation/utskick/:id", { config: { ...page, record: "campaign" }, attachValidation: true, schema: { hide: true, params: idParams, body: campaignInput } }, async (request, reply) => {
    await campaigns.getCampaign(ctxOf(request), request.params.id);
    return handleFormPost(request, reply, (problems, status) => showCampaign(request, reply, problems, status), async () => {
      await campaigns.updateCampaign(ctxOf(request), request.params.id, request.body);
      return `/kommunikation/utskick/${request.params.id}`;
    });
  });
  app.post("/kommunikation/utskick/:id/test", { config: { ...page, record: "campaign" }, attachValidation: true, schema: { hide: true, params: idParams, body: testSendInput } }, async (request, reply) => {
    await campaigns.getCampaign(ctxOf(request), request.params.id);
    return handleFormPost(
      request,
      reply,
      (problems, status) => showCampaign(request, reply, problems, status),
      async () => {
        await campaigns.testSend(ctxOf(request), request.params.id, request.body.email, siteOf(request, services).base);
        return `/kommunikation/utskick/${request.params.id}`;
      },
      "communication.test_sent",
    );
  });
  app.post("/kommunikation/utskick/:id/schemalagg", { config: { ...page, record: "campaign" }, attachValidation: true, schema: { hide: true, params: idParams, body: scheduleInput } }, async (request, reply) => {
    await campaigns.getCampaign(ctxOf(request), request.params.id);
    return handleFormPost(request, reply, (problems, status) => showCampaign(request, reply, problems, status), async () => {
      await campaigns.schedule(ctxOf(request), request.params.id, request.body, siteOf(request, services).base);
      return `/kommunikation/utskick/${request.params.id}`;
    });
  });
  const transition = (path: string, act: (request: FastifyRequest<{ Params: { id: string } }>) => Promise<unknown>, flash: "communication.campaign_started" | "common.saved") =>
    app.post(`/kommunikation/utskick/:id/${path}`, { config: { ...page, record: "campaign" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
      try {
        await act(request);
      } catch (error) {
        return showCampaign(request, reply, serviceProblems(error), 409);
      }
      return redirectAfterPost(reply, `/kommunikation/utskick/${request.params.id}`, flash);
    });
  transition("skicka", (request) => campaigns.sendNow(ctxOf(request), request.params.id, siteOf(request, services).base), "communication.campaign_started");
  transition("avschemalagg", (request) => campaigns.unschedule(ctxOf(request), request.params.id), "common.saved");
  transition("pausa", (request) => campaigns.pause(ctxOf(request), request.params.id), "common.saved");
  transition("fortsatt", (request) => campaigns.resume(ctxOf(request), request.params.id), "common.saved");
  transition("avbryt", (request) => campaigns.cancel(ctxOf(request), request.params.id), "common.saved");
  app.post("/kommunikation/utskick/:id/ta-bort", { config: { ...page, record: "campaign" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    try {
      await campaigns.deleteCampaign(ctxOf(request), request.params.id);
    } catch (error) {
      return showCampaign(request, reply, serviceProblems(error), 409);
    }
    return redirectAfterPost(reply, "/kommunikation/utskick", "common.deleted");
  });

  // Events -----------------------------------------------------------------------------------
  app.get("/kommunikation/evenemang", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(reply, <EventsAdminPage ctx={pageContext(request, services.secret)} events={await events.listEvents(ctxOf(request))} canWrite={can(request, "communication.events")} />),
  );
  const showEventForm = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const found = id ? await events.getEvent(ctx, id) : null;
    return sendPage(reply, <EventFormPage ctx={pageContext(request, services.secret)} event={found?.event ?? null} registrations={found?.registrations ?? []} canWrite={can(request, "communication.events")} {...state(request, problems)} />, status);
  };
  formPages(app, {
    path: "/kommunikation/evenemang",
    record: "event",
    body: eventInput,
    show: showEventForm,
    done: (id) => `/kommunikation/evenemang/${id}`,
    deleted: "/kommunikation/evenemang",
    create: (request, body) => events.createEvent(ctxOf(request), body, siteOf(request, services).base),
    update: (request, id, body) => events.updateEvent(ctxOf(request), id, body, siteOf(request, services)),
    remove: (request, id) => events.deleteEvent(ctxOf(request), id),
  });
  app.post("/kommunikation/evenemang/:id/anmalningar/:registrationId/avboka", { config: { ...page, record: "event" }, schema: { hide: true, params: registrationParams } }, async (request, reply) => {
    await events.cancelByStaff(ctxOf(request), request.params.id, request.params.registrationId, siteOf(request, services));
    return redirectAfterPost(reply, `/kommunikation/evenemang/${request.params.id}`, "communication.registration_cancelled");
  });
  app.get("/kommunikation/evenemang/:id/deltagare.csv", { config: { ...page, record: "event" }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const { event, registrations } = await events.getEvent(ctxOf(request), request.params.id);
    const t = request.t;
    const rows = registrations.map((row) => [row.name, row.email, row.company_name ?? "", row.org_number ?? "", t(`communication.registration.${row.status}`), row.created_at.toISOString(), row.checked_in_at?.toISOString() ?? "", ...event.questions.map((question) => row.answers[question.key] ?? "")]);
    const csv = stringify([[t("communication.name"), t("communication.email"), t("communication.company"), t("communication.org_number"), t("communication.state"), t("communication.registered_at"), t("communication.checked_in_at"), ...event.questions.map((question) => question.label)], ...rows], { bom: true, delimiter: ";", cast: spreadsheetCast });
    return reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="deltagare.csv"').send(csv);
  });
  const showCheckIn = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const { event, registrations } = await events.getEvent(ctxOf(request), request.params.id);
    return sendPage(reply, <CheckInPage ctx={pageContext(request, services.secret)} event={event} registrations={registrations} canWrite={can(request, "communication.events")} {...state(request, problems)} />, status);
  };
  app.get("/kommunikation/evenemang/:id/incheckning", { config: { ...page, record: "event" }, schema: { hide: true, params: idParams } }, async (request, reply) => showCheckIn(request, reply, undefined, 200));
  app.post("/kommunikation/evenemang/:id/incheckning", { config: { ...page, record: "event" }, attachValidation: true, schema: { hide: true, params: idParams, body: checkInInput } }, async (request, reply) => {
    await events.getEvent(ctxOf(request), request.params.id);
    return handleFormPost(
      request,
      reply,
      (problems, status) => showCheckIn(request, reply, problems, status),
      async () => {
        await events.checkIn(ctxOf(request), request.params.id, request.body.registration_ids, request.body.present);
        return `/kommunikation/evenemang/${request.params.id}/incheckning`;
      },
      "communication.checked_in",
    );
  });

  // Personal data ------------------------------------------------------------------------------
  app.get("/kommunikation/personuppgifter", { config: page, schema: { hide: true, querystring: recordsQuery } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const extract = request.query.email ? await records.personExtract(ctx, request.query.email) : null;
    return sendPage(reply, <RecordsPage ctx={pageContext(request, services.secret)} email={request.query.email} extract={extract} />);
  });
  app.post("/kommunikation/personuppgifter/radera", { config: page, attachValidation: true, schema: { hide: true, body: testSendInput } }, async (request, reply) => {
    const problems = formProblems(request);
    if (problems) {
      return sendPage(reply, <RecordsPage ctx={pageContext(request, services.secret)} email={undefined} extract={null} {...state(request, problems)} />, 400);
    }
    await records.erasePerson(ctxOf(request), request.body.email);
    return redirectAfterPost(reply, "/kommunikation/personuppgifter", "communication.erased");
  });
}

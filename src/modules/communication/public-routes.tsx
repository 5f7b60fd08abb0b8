import { requestScope } from "../../platform/http/operation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { formState } from "../../platform/http/form-state.js";
import { formProblems, idParams, noInput, serviceProblems } from "../../platform/http/forms.js";
import { pageContext, privateHeaders, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import { pageNumber } from "../../platform/http/fields.js";
import * as campaigns from "./campaign-service.js";
import * as events from "./event-service.js";
import * as registrations from "./registration-service.js";
import { newsFeed } from "./feeds.js";
import * as news from "./news-service.js";
import { preferencesInput, registrationInput, subscribeInput } from "./schemas.js";
import * as subscriptions from "./subscription-service.js";
import { EventPage, EventsPage, RegistrationPage } from "./views/events.js";
import { NewsListPage, NewsPostPage } from "./views/news.js";
import { botProblem, formStamp } from "../../platform/http/bot-guard.js";
import { ArchivePage, ArchivedCampaignPage, ConfirmPage, PreferencesPage, SubscribePage, UnsubscribePage } from "./views/newsletter-public.js";

/** Links in mail and feeds point to the municipality's configured host, never to the request's `Host`. */
export function siteOf(request: FastifyRequest, services: AppServices) {
  return { base: services.linkBase(request.municipality!), municipality: request.municipality?.name ?? "", secret: services.secret, lang: request.lang };
}

export const communicationLabels = (request: FastifyRequest): Record<string, string> => ({
  title: request.t("communication.title"),
  summary: request.t("communication.summary"),
  body: request.t("communication.body"),
  slug: request.t("communication.slug"),
  language: request.t("communication.language"),
  focus_area_ids: request.t("communication.focus_areas"),
  publish_on: request.t("communication.date"),
  publish_time: request.t("communication.time"),
  email: request.t("communication.email"),
  name: request.t("communication.name"),
  list_ids: request.t("communication.lists"),
  consent: request.t("communication.consent_field"),
  leave_all: request.t("communication.leave_all"),
  name_sv: request.t("communication.name_sv"),
  name_en: request.t("communication.name_en"),
  description_sv: request.t("communication.description_sv"),
  description_en: request.t("communication.description_en"),
  org_number: request.t("communication.org_number"),
  company_name: request.t("communication.company"),
  consent_source: request.t("communication.consent_source"),
  subject: request.t("communication.subject"),
  sections: request.t("communication.sections"),
  size_classes: request.t("communication.size_classes"),
  tags: request.t("communication.tags"),
  send_on: request.t("communication.date"),
  send_time: request.t("communication.time"),
  status: request.t("communication.state"),
  description: request.t("communication.description"),
  kind: request.t("communication.event_kind"),
  place: request.t("communication.place"),
  online_url: request.t("communication.online_url"),
  date: request.t("communication.date"),
  start_time: request.t("communication.start_time"),
  end_time: request.t("communication.end_time"),
  capacity: request.t("communication.capacity"),
  deadline_on: request.t("communication.deadline"),
  deadline_time: request.t("communication.deadline_time"),
  questions: request.t("communication.questions"),
  reminder_hours: request.t("communication.reminder_hours"),
  registration_ids: request.t("communication.attendees"),
});

const slugParams = z.object({ slug: z.string().max(200) });
const tokenParams = z.object({ token: z.string().max(200) });
const unsubscribeParams = z.object({ token: z.string().max(200), campaignId: z.string().max(100) });
const pageQuery = z.object({ sida: pageNumber() });
const doneQuery = z.object({ klart: z.string().max(5).optional().catch(undefined), ny: z.string().max(5).optional().catch(undefined) });

/** The public side of communication: news and feeds, the newsletter's sign-up and links, events and registration. */
export async function communicationPublicRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const, access: "public" as const };
  const scopeOf = (request: FastifyRequest) => requestScope(request);
  const labels = communicationLabels;

  // News --------------------------------------------------------------------------------
  app.get("/nyheter", { config: page, schema: { hide: true, querystring: pageQuery } }, async (request, reply) => {
    const { posts, hasNext } = await news.publishedPage(services.db, scopeOf(request), request.query.sida);
    return sendPage(reply, <NewsListPage ctx={pageContext(request, services.secret)} posts={posts} page={request.query.sida} hasNext={hasNext} />);
  });
  for (const format of ["rss", "atom"] as const) {
    app.get(`/nyheter/${format}.xml`, { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
      const posts = await news.latest(services.db, scopeOf(request), 30);
      return reply
        .type(format === "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .send(newsFeed(siteOf(request, services), posts, format));
    });
  }
  app.get("/nyheter/:slug", { config: page, schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const { post, focusAreas } = await news.publishedPost(services.db, scopeOf(request), request.params.slug);
    return sendPage(reply, <NewsPostPage ctx={pageContext(request, services.secret)} post={post} focusAreas={focusAreas} />);
  });

  // The newsletter ----------------------------------------------------------------------------
  const showSubscribe = async (request: FastifyRequest, reply: FastifyReply, sent: boolean, problems: FieldProblem[] | undefined, status: number) => {
    const lists = await subscriptions.publicLists(services.db, scopeOf(request));
    return sendPage(
      reply,
      <SubscribePage
        ctx={pageContext(request, services.secret)}
        lists={lists}
        sent={sent}
        stamp={formStamp(services.secret)}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  app.get("/nyhetsbrev", { config: page, schema: { hide: true, querystring: doneQuery } }, async (request, reply) =>
    showSubscribe(request, reply, request.query.klart === "1", undefined, 200),
  );
  app.post(
    "/nyhetsbrev",
    { config: { ...page, rateLimit: { max: 10, timeWindow: "10 minutes" } }, attachValidation: true, schema: { hide: true, body: subscribeInput } },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return showSubscribe(request, reply, false, problems, 400);
      }
      // A bot fills in the field people never see: it is answered as if it had worked. A post
      // faster than a person fills in the form is shown the form again.
      const bot = botProblem(services.secret, request.body);
      if (bot && (request.body.website ?? "") === "") {
        return showSubscribe(request, reply, false, [bot], 400);
      }
      if (!bot) {
        try {
          await subscriptions.subscribe(services.db, scopeOf(request), request.body, request.lang, siteOf(request, services), request.id);
        } catch (error) {
          return showSubscribe(request, reply, false, serviceProblems(error), 400);
        }
      }
      return redirectAfterPost(reply, "/nyhetsbrev?klart=1");
    },
  );

  const showConfirm = async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply, done: boolean) => {
    await subscriptions.checkToken(services.db, scopeOf(request), services.secret, request.params.token);
    privateHeaders(reply);
    return sendPage(reply, <ConfirmPage ctx={pageContext(request, services.secret)} token={request.params.token} done={done} />);
  };
  app.get("/nyhetsbrev/bekrafta/:token", { config: page, schema: { hide: true, params: tokenParams, querystring: doneQuery } }, async (request, reply) =>
    showConfirm(request, reply, request.query.klart === "1"),
  );
  app.post(
    "/nyhetsbrev/bekrafta/:token",
    { config: { ...page, rateLimit: { max: 20, timeWindow: "10 minutes" } }, schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      await subscriptions.confirm(services.db, scopeOf(request), services.secret, request.params.token, request.id);
      privateHeaders(reply);
      return redirectAfterPost(reply, `/nyhetsbrev/bekrafta/${request.params.token}?klart=1`);
    },
  );

  const showPreferences = async (
    request: FastifyRequest<{ Params: { token: string } }>,
    reply: FastifyReply,
    problems: FieldProblem[] | undefined,
    status: number,
  ) => {
    const view = await subscriptions.preferences(services.db, scopeOf(request), services.secret, request.params.token);
    privateHeaders(reply);
    return sendPage(
      reply,
      <PreferencesPage
        ctx={pageContext(request, services.secret)}
        token={request.params.token}
        view={view}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  app.get("/nyhetsbrev/installningar/:token", { config: page, schema: { hide: true, params: tokenParams } }, async (request, reply) =>
    showPreferences(request, reply, undefined, 200),
  );
  app.post(
    "/nyhetsbrev/installningar/:token",
    {
      config: { ...page, rateLimit: { max: 20, timeWindow: "10 minutes" } },
      attachValidation: true,
      schema: { hide: true, params: tokenParams, body: preferencesInput },
    },
    async (request, reply) => {
      await subscriptions.checkToken(services.db, scopeOf(request), services.secret, request.params.token);
      const problems = formProblems(request);
      if (problems) {
        return showPreferences(request, reply, problems, 400);
      }
      try {
        await subscriptions.savePreferences(services.db, scopeOf(request), services.secret, request.params.token, request.body, request.id);
      } catch (error) {
        return showPreferences(request, reply, serviceProblems(error), 400);
      }
      privateHeaders(reply);
      return redirectAfterPost(reply, `/nyhetsbrev/installningar/${request.params.token}`, "common.saved");
    },
  );

  app.get(
    "/nyhetsbrev/avsluta/:token/:campaignId",
    { config: page, schema: { hide: true, params: unsubscribeParams, querystring: doneQuery } },
    async (request, reply) => {
      await subscriptions.checkToken(services.db, scopeOf(request), services.secret, request.params.token);
      privateHeaders(reply);
      return sendPage(
        reply,
        <UnsubscribePage
          ctx={pageContext(request, services.secret)}
          token={request.params.token}
          campaignId={request.params.campaignId}
          done={request.query.klart === "1"}
        />,
      );
    },
  );
  // RFC 8058: the mail client posts `List-Unsubscribe=One-Click` here with no cookie and no
  // form of ours, so no CSRF token; the signed token in the address is the proof. A large
  // mail provider posts for many of its users from few addresses, hence the generous limit.
  app.post(
    "/nyhetsbrev/avsluta/:token/:campaignId",
    {
      config: { ...page, csrf: false, multipart: { files: 0 }, rateLimit: { max: 600, timeWindow: "10 minutes" } },
      schema: { hide: true, params: unsubscribeParams },
    },
    async (request, reply) => {
      // Urlencoded or multipart (RFC 8058's example), fields only.
      const oneClick = ((request.body ?? {}) as Record<string, unknown>)["List-Unsubscribe"] === "One-Click";
      await subscriptions.unsubscribeFromCampaign(
        services.db,
        scopeOf(request),
        services.secret,
        request.params.token,
        request.params.campaignId,
        oneClick ? "one_click" : "preferences",
        request.id,
      );
      privateHeaders(reply);
      if (oneClick) {
        return reply.code(200).type("text/plain; charset=utf-8").send(request.t("communication.unsubscribed_text"));
      }
      return redirectAfterPost(reply, `/nyhetsbrev/avsluta/${request.params.token}/${request.params.campaignId}?klart=1`);
    },
  );

  app.get("/nyhetsbrev/arkiv", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(reply, <ArchivePage ctx={pageContext(request, services.secret)} campaigns={await campaigns.archive(services.db, scopeOf(request))} />),
  );
  app.get("/nyhetsbrev/arkiv/:id", { config: { ...page, record: "archivedCampaign" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    sendPage(
      reply,
      <ArchivedCampaignPage
        ctx={pageContext(request, services.secret)}
        campaign={await campaigns.archivedCampaign(services.db, scopeOf(request), request.params.id)}
      />,
    ),
  );

  // Events ----------------------------------------------------------------------------------
  app.get("/evenemang", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(reply, <EventsPage ctx={pageContext(request, services.secret)} events={await events.upcoming(services.db, scopeOf(request))} />),
  );
  app.get("/evenemang/kalender.ics", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", 'inline; filename="evenemang.ics"')
      .send(await events.calendarFeed(services.db, scopeOf(request), siteOf(request, services))),
  );
  const showEvent = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) => {
    const event = await events.publicEvent(services.db, scopeOf(request), request.params.id);
    const questionLabels = Object.fromEntries(event.questions.map((question) => [question.key, question.label]));
    return sendPage(
      reply,
      <EventPage
        ctx={pageContext(request, services.secret)}
        event={event}
        stamp={formStamp(services.secret)}
        {...formState(request, problems, { ...labels(request), ...questionLabels })}
      />,
      status,
    );
  };
  app.get("/evenemang/:id", { config: { ...page, record: "event" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showEvent(request, reply, undefined, 200),
  );
  app.get("/evenemang/:id/kalender.ics", { config: { ...page, record: "event" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", 'attachment; filename="evenemang.ics"')
      .send(await events.eventIcs(services.db, scopeOf(request), request.params.id, siteOf(request, services))),
  );
  app.post(
    "/evenemang/:id",
    {
      config: { ...page, record: "event", rateLimit: { max: 10, timeWindow: "10 minutes" } },
      attachValidation: true,
      schema: { hide: true, params: idParams, body: registrationInput },
    },
    async (request, reply) => {
      await events.publicEvent(services.db, scopeOf(request), request.params.id);
      const problems = formProblems(request);
      if (problems) {
        return showEvent(request, reply, problems, 400);
      }
      const bot = botProblem(services.secret, request.body);
      if (bot) {
        return showEvent(request, reply, [bot], 400);
      }
      try {
        // The same answer for a new and a repeated registration; the link to it comes by mail.
        const { status } = await registrations.register(
          services.db,
          scopeOf(request),
          request.params.id,
          request.body,
          request.lang,
          siteOf(request, services),
          request.id,
        );
        return redirectAfterPost(
          reply,
          `/evenemang/${request.params.id}`,
          status === "waiting" ? "communication.waiting_check_mail" : "communication.registered_check_mail",
        );
      } catch (error) {
        return showEvent(request, reply, serviceProblems(error), 400);
      }
    },
  );
  app.get("/evenemang/anmalan/:token", { config: page, schema: { hide: true, params: tokenParams, querystring: z.object({}) } }, async (request, reply) => {
    const view = await registrations.registrationByToken(services.db, scopeOf(request), request.params.token);
    privateHeaders(reply);
    return sendPage(reply, <RegistrationPage ctx={pageContext(request, services.secret)} view={view} token={request.params.token} />);
  });
  app.post(
    "/evenemang/anmalan/:token/avboka",
    { config: { ...page, rateLimit: { max: 20, timeWindow: "10 minutes" } }, schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      await registrations.cancelRegistration(services.db, scopeOf(request), request.params.token, siteOf(request, services), request.id);
      privateHeaders(reply);
      return redirectAfterPost(reply, `/evenemang/anmalan/${request.params.token}`, "communication.registration_cancelled");
    },
  );
}

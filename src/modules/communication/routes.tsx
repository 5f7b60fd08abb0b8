import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { confirmDelete } from "../../platform/http/confirm.js";
import { formProblems, handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { formPages } from "../../platform/http/form-pages.js";
import { pageContext, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import * as news from "./news-service.js";
import * as records from "./records-service.js";
import { listInput, listQuery, newsInput, recordsQuery, subscriberInput, testSendInput } from "./schemas.js";
import * as subscriptions from "./subscription-service.js";
import * as subscribers from "./subscriber-service.js";
import { NewsAdminPage, NewsFormPage } from "./views/news.js";
import { ListPage, ListsPage, NewSubscriberPage, SubscriberPage, SubscribersPage } from "./views/newsletters.js";
import { RecordsPage } from "./views/records.js";
import { staffKit } from "./route-kit.js";

/** Staff's communication: news, mailing lists, subscribers and personal data; campaigns and events have their own route files. */
export async function communicationRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const { app, page, ctxOf, can, state } = staffKit(fastify, services);

  app.get("/kommunikation", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    ctxOf(request);
    return reply.code(303).redirect("/kommunikation/utskick");
  });

  // News --------------------------------------------------------------------------------
  app.get("/kommunikation/nyheter", { config: page, schema: { hide: true, querystring: listQuery } }, async (request, reply) => {
    const { posts, hasNext } = await news.listPosts(ctxOf(request), request.query.sida);
    return sendPage(
      reply,
      <NewsAdminPage
        ctx={pageContext(request, services.secret)}
        posts={posts}
        page={request.query.sida}
        hasNext={hasNext}
        canWrite={can(request, "communication.news")}
      />,
    );
  });
  const showNewsForm = async (request: FastifyRequest, reply: FastifyReply, id: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const post = id ? await news.getPost(ctx, id) : null;
    return sendPage(
      reply,
      <NewsFormPage
        ctx={pageContext(request, services.secret)}
        post={post}
        focusAreas={await news.focusAreas(ctx)}
        canWrite={can(request, "communication.news")}
        {...state(request, problems)}
      />,
      status,
    );
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
    named: async (request, id) => (await news.getPost(ctxOf(request), id)).title,
  });

  // Lists -----------------------------------------------------------------------------------
  const showLists = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(
      reply,
      <ListsPage
        ctx={pageContext(request, services.secret)}
        lists={await subscriptions.listLists(ctxOf(request))}
        canWrite={can(request, "communication.newsletters")}
        {...state(request, problems)}
      />,
      status,
    );
  app.get("/kommunikation/listor", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => showLists(request, reply, undefined, 200));
  app.post("/kommunikation/listor", { config: page, attachValidation: true, schema: { hide: true, body: listInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showLists(request, reply, problems, status),
      async () => `/kommunikation/listor/${await subscriptions.createList(ctxOf(request), request.body)}`,
    ),
  );
  const showList = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(
      reply,
      <ListPage
        ctx={pageContext(request, services.secret)}
        list={await subscriptions.getList(ctxOf(request), request.params.id)}
        canWrite={can(request, "communication.newsletters")}
        {...state(request, problems)}
      />,
      status,
    );
  app.get("/kommunikation/listor/:id", { config: { ...page, record: "mailingList" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showList(request, reply, undefined, 200),
  );
  app.post(
    "/kommunikation/listor/:id",
    { config: { ...page, record: "mailingList" }, attachValidation: true, schema: { hide: true, params: idParams, body: listInput } },
    async (request, reply) => {
      await subscriptions.getList(ctxOf(request), request.params.id);
      return handleFormPost(
        request,
        reply,
        (problems, status) => showList(request, reply, problems, status),
        async () => {
          await subscriptions.updateList(ctxOf(request), request.params.id, request.body);
          return `/kommunikation/listor/${request.params.id}`;
        },
      );
    },
  );
  app.post(
    "/kommunikation/listor/:id/ta-bort",
    {
      config: {
        ...page,
        record: "mailingList",
        confirm: confirmDelete(async (request, id) =>
          ((list) => (request.lang === "en" ? list.name_en : list.name_sv))(await subscriptions.getList(ctxOf(request), id)),
        ),
      },
      schema: { hide: true, params: idParams },
    },
    async (request, reply) => {
      await subscriptions.deleteList(ctxOf(request), request.params.id);
      return redirectAfterPost(reply, "/kommunikation/listor", "common.deleted");
    },
  );

  // Subscribers ------------------------------------------------------------------------------
  app.get("/kommunikation/prenumeranter", { config: page, schema: { hide: true, querystring: listQuery } }, async (request, reply) => {
    const { rows, hasNext } = await subscribers.listSubscribers(ctxOf(request), request.query.sida, request.query.q);
    return sendPage(
      reply,
      <SubscribersPage
        ctx={pageContext(request, services.secret)}
        rows={rows}
        page={request.query.sida}
        hasNext={hasNext}
        q={request.query.q}
        canWrite={can(request, "communication.newsletters")}
      />,
    );
  });
  const showNewSubscriber = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(
      reply,
      <NewSubscriberPage ctx={pageContext(request, services.secret)} lists={await subscriptions.listLists(ctxOf(request))} {...state(request, problems)} />,
      status,
    );
  app.get("/kommunikation/prenumeranter/ny", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    showNewSubscriber(request, reply, undefined, 200),
  );
  app.post("/kommunikation/prenumeranter/ny", { config: page, attachValidation: true, schema: { hide: true, body: subscriberInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showNewSubscriber(request, reply, problems, status),
      async () => `/kommunikation/prenumeranter/${await subscribers.addSubscriber(ctxOf(request), request.body)}`,
    ),
  );
  app.get("/kommunikation/prenumeranter/:id", { config: { ...page, record: "subscriber" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    sendPage(
      reply,
      <SubscriberPage
        ctx={pageContext(request, services.secret)}
        view={await subscribers.getSubscriber(ctxOf(request), request.params.id)}
        canWrite={can(request, "communication.newsletters")}
      />,
    ),
  );
  app.post(
    "/kommunikation/prenumeranter/:id/avsluta",
    { config: { ...page, record: "subscriber" }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      await subscribers.unsubscribeByStaff(ctxOf(request), request.params.id);
      return redirectAfterPost(reply, `/kommunikation/prenumeranter/${request.params.id}`, "common.saved");
    },
  );
  app.post(
    "/kommunikation/prenumeranter/:id/avblockera",
    { config: { ...page, record: "subscriber" }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      await subscribers.unblock(ctxOf(request), request.params.id);
      return redirectAfterPost(reply, `/kommunikation/prenumeranter/${request.params.id}`, "common.saved");
    },
  );

  // Personal data ------------------------------------------------------------------------------
  app.get("/kommunikation/personuppgifter", { config: page, schema: { hide: true, querystring: recordsQuery } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const extract = request.query.email ? await records.personExtract(ctx, request.query.email) : null;
    return sendPage(reply, <RecordsPage ctx={pageContext(request, services.secret)} email={request.query.email} extract={extract} />);
  });
  app.post(
    "/kommunikation/personuppgifter/radera",
    {
      config: {
        ...page,
        confirm: (request) => {
          const { email } = request.body as { email: string };
          return {
            title: request.t("communication.erase_confirm_title", { email }),
            text: request.t("communication.erase_confirm_text"),
            button: request.t("communication.erase"),
            back: `/kommunikation/personuppgifter?email=${encodeURIComponent(email)}`,
          };
        },
      },
      attachValidation: true,
      schema: { hide: true, body: testSendInput },
    },
    async (request, reply) => {
      const problems = formProblems(request);
      if (problems) {
        return sendPage(reply, <RecordsPage ctx={pageContext(request, services.secret)} email={undefined} extract={null} {...state(request, problems)} />, 400);
      }
      await records.erasePerson(ctxOf(request), request.body.email);
      return redirectAfterPost(reply, "/kommunikation/personuppgifter", "communication.erased");
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldProblem } from "../../platform/errors.js";
import type { AppServices } from "../../platform/http/app.js";
import { confirmDelete, type ConfirmWith } from "../../platform/http/confirm.js";
import { handleFormPost, idParams, noInput, serviceProblems } from "../../platform/http/forms.js";
import { pageContext, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import { industrySectionChoices, sizeClassChoices } from "../companies/index.js";
import * as campaigns from "./campaign-service.js";
import { siteOf } from "./public-routes.js";
import { campaignInput, scheduleInput, testSendInput } from "./schemas.js";
import * as subscriptions from "./subscription-service.js";
import { CampaignPage, CampaignsPage, NewCampaignPage, type SegmentChoices } from "./views/campaigns.js";
import { staffKit } from "./route-kit.js";

/** Staff pages of newsletter campaigns: writing, choosing recipients, testing, scheduling, sending and stopping. */
export async function campaignRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const { app, page, ctxOf, can, state } = staffKit(fastify, services);

  // Campaigns -------------------------------------------------------------------------------
  const choicesFor = async (request: FastifyRequest): Promise<SegmentChoices> => ({
    lists: await subscriptions.listLists(ctxOf(request)),
    sections: industrySectionChoices(request.lang),
    sizes: sizeClassChoices(),
  });
  app.get("/kommunikation/utskick", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      <CampaignsPage
        ctx={pageContext(request, services.secret)}
        campaigns={await campaigns.listCampaigns(ctxOf(request))}
        canWrite={can(request, "communication.newsletters")}
      />,
    ),
  );
  const showNewCampaign = async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(reply, <NewCampaignPage ctx={pageContext(request, services.secret)} choices={await choicesFor(request)} {...state(request, problems)} />, status);
  app.get("/kommunikation/utskick/ny", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    ctxOf(request);
    return showNewCampaign(request, reply, undefined, 200);
  });
  app.post("/kommunikation/utskick/ny", { config: page, attachValidation: true, schema: { hide: true, body: campaignInput } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => showNewCampaign(request, reply, problems, status),
      async () => `/kommunikation/utskick/${await campaigns.createCampaign(ctxOf(request), request.body)}`,
    ),
  );
  const showCampaign = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, problems: FieldProblem[] | undefined, status: number) =>
    sendPage(
      reply,
      <CampaignPage
        ctx={pageContext(request, services.secret)}
        view={await campaigns.getCampaign(ctxOf(request), request.params.id)}
        choices={await choicesFor(request)}
        canWrite={can(request, "communication.newsletters")}
        {...state(request, problems)}
      />,
      status,
    );
  app.get("/kommunikation/utskick/:id", { config: { ...page, record: "campaign" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showCampaign(request, reply, undefined, 200),
  );
  app.post(
    "/kommunikation/utskick/:id",
    { config: { ...page, record: "campaign" }, attachValidation: true, schema: { hide: true, params: idParams, body: campaignInput } },
    async (request, reply) => {
      await campaigns.getCampaign(ctxOf(request), request.params.id);
      return handleFormPost(
        request,
        reply,
        (problems, status) => showCampaign(request, reply, problems, status),
        async () => {
          await campaigns.updateCampaign(ctxOf(request), request.params.id, request.body);
          return `/kommunikation/utskick/${request.params.id}`;
        },
      );
    },
  );
  app.post(
    "/kommunikation/utskick/:id/test",
    { config: { ...page, record: "campaign" }, attachValidation: true, schema: { hide: true, params: idParams, body: testSendInput } },
    async (request, reply) => {
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
    },
  );
  app.post(
    "/kommunikation/utskick/:id/schemalagg",
    { config: { ...page, record: "campaign" }, attachValidation: true, schema: { hide: true, params: idParams, body: scheduleInput } },
    async (request, reply) => {
      await campaigns.getCampaign(ctxOf(request), request.params.id);
      return handleFormPost(
        request,
        reply,
        (problems, status) => showCampaign(request, reply, problems, status),
        async () => {
          await campaigns.schedule(ctxOf(request), request.params.id, request.body, siteOf(request, services).base);
          return `/kommunikation/utskick/${request.params.id}`;
        },
      );
    },
  );
  const transition = (
    path: string,
    act: (request: FastifyRequest<{ Params: { id: string } }>) => Promise<unknown>,
    flash: "communication.campaign_started" | "common.saved",
    confirm?: ConfirmWith,
  ) =>
    app.post(
      `/kommunikation/utskick/:id/${path}`,
      { config: { ...page, record: "campaign", ...(confirm ? { confirm } : {}) }, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        try {
          await act(request);
        } catch (error) {
          return showCampaign(request, reply, serviceProblems(error), 409);
        }
        return redirectAfterPost(reply, `/kommunikation/utskick/${request.params.id}`, flash);
      },
    );
  transition(
    "skicka",
    (request) => campaigns.sendNow(ctxOf(request), request.params.id, siteOf(request, services).base),
    "communication.campaign_started",
    // Sending cannot be called back: the page says to how many it goes.
    async (request) => {
      const { id } = request.params as { id: string };
      const { campaign, preview } = await campaigns.getCampaign(ctxOf(request), id);
      return {
        title: request.t("communication.send_confirm_title", { subject: campaign.subject }),
        text: request.t("communication.send_confirm_text", { count: preview?.included ?? 0 }),
        button: request.t("communication.send_now"),
        back: `/kommunikation/utskick/${id}`,
      };
    },
  );
  transition("avschemalagg", (request) => campaigns.unschedule(ctxOf(request), request.params.id), "common.saved");
  transition("pausa", (request) => campaigns.pause(ctxOf(request), request.params.id), "common.saved");
  transition("fortsatt", (request) => campaigns.resume(ctxOf(request), request.params.id), "common.saved");
  transition("avbryt", (request) => campaigns.cancel(ctxOf(request), request.params.id), "common.saved");
  app.post(
    "/kommunikation/utskick/:id/ta-bort",
    {
      config: {
        ...page,
        record: "campaign",
        confirm: confirmDelete(async (request, id) => (await campaigns.getCampaign(ctxOf(request), id)).campaign.subject),
      },
      schema: { hide: true, params: idParams },
    },
    async (request, reply) => {
      try {
        await campaigns.deleteCampaign(ctxOf(request), request.params.id);
      } catch (error) {
        return showCampaign(request, reply, serviceProblems(error), 409);
      }
      return redirectAfterPost(reply, "/kommunikation/utskick", "common.deleted");
    },
  );
}

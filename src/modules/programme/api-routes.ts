import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { idParams, noInput } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import * as actions from "./action-service.js";
import { presentAction, presentProgramme, presentProgrammeSummary, presentStatus, presentUpdate } from "./presenter.js";
import * as programmes from "./service.js";
import * as copying from "./copy-service.js";
import * as statuses from "./status-service.js";
import {
  actionInput,
  actionJson,
  actionUpdateInput,
  actionUpdateJson,
  adoptInput,
  commitmentInput,
  commitmentJson,
  copyInput,
  focusAreaInput,
  focusAreaJson,
  programmeInput,
  programmeJson,
  programmeSummaryJson,
  statusInput,
  statusJson,
  unlockInput,
} from "./schemas.js";

/** `/api/v1/programmes…` and the resources under a programme, read and write by token. */
export async function programmeApiRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const api = { kind: "api" as const };
  const tags = ["programmes"];
  const ctxOf = (request: Parameters<typeof operationContext>[0]) => operationContext(request, services);
  const full = async (request: Parameters<typeof operationContext>[0], id: string) => presentProgramme(await programmes.getProgramme(ctxOf(request), id));

  // Programmes
  app.get(
    "/api/v1/programmes",
    {
      config: api,
      schema: {
        ...noInput,
        summary: "programme.api.programmes_drafts_included_newest_period_first",
        tags,
        response: { 200: z.object({ data: z.array(programmeSummaryJson) }) },
      },
    },
    async (request) => ({
      data: (await programmes.listProgrammes(ctxOf(request))).map((programme) => presentProgrammeSummary(programme)),
    }),
  );
  app.post(
    "/api/v1/programmes",
    { config: api, schema: { summary: "programme.api.create_a_draft_programme", tags, body: programmeInput, response: { 201: programmeJson } } },
    async (request, reply) => reply.code(201).send(await full(request, (await programmes.createProgramme(ctxOf(request), request.body)).id)),
  );
  app.get(
    "/api/v1/programmes/:id",
    {
      config: { ...api, record: "programme" },
      schema: {
        summary: "programme.api.a_programme_with_its_commitments_focus",
        tags,
        params: idParams,
        response: { 200: programmeJson },
      },
    },
    async (request) => full(request, request.params.id),
  );
  app.put(
    "/api/v1/programmes/:id",
    {
      config: { ...api, record: "programme" },
      schema: {
        summary: "programme.api.change_a_programme_not_once_adopted",
        tags,
        params: idParams,
        body: programmeInput,
        response: { 200: programmeJson },
      },
    },
    async (request) => full(request, (await programmes.updateProgramme(ctxOf(request), request.params.id, request.body)).id),
  );
  app.delete(
    "/api/v1/programmes/:id",
    { config: { ...api, record: "programme" }, schema: { summary: "programme.api.delete_a_draft_programme", tags, params: idParams } },
    async (request, reply) => {
      await programmes.deleteProgramme(ctxOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    "/api/v1/programmes/:id/adopt",
    {
      config: { ...api, record: "programme" },
      schema: {
        summary: "programme.api.record_the_adoption_body_and_date",
        tags,
        params: idParams,
        body: adoptInput,
        response: { 200: programmeJson },
      },
    },
    async (request) => full(request, (await programmes.adoptProgramme(ctxOf(request), request.params.id, request.body)).id),
  );
  app.post(
    "/api/v1/programmes/:id/archive",
    {
      config: { ...api, record: "programme" },
      schema: { summary: "programme.api.archive_an_adopted_programme", tags, params: idParams, response: { 200: programmeJson } },
    },
    async (request) => full(request, (await programmes.archiveProgramme(ctxOf(request), request.params.id)).id),
  );
  app.post(
    "/api/v1/programmes/:id/unlock",
    {
      config: { ...api, record: "programme" },
      schema: {
        summary: "programme.api.unlock_an_adopted_programme_s_structure",
        tags,
        params: idParams,
        body: unlockInput,
        response: { 200: programmeJson },
      },
    },
    async (request) => full(request, (await programmes.unlockProgramme(ctxOf(request), request.params.id, request.body.reason)).id),
  );
  app.post(
    "/api/v1/programmes/:id/lock",
    {
      config: { ...api, record: "programme" },
      schema: { summary: "programme.api.lock_an_unlocked_programme_s_structure", tags, params: idParams, response: { 200: programmeJson } },
    },
    async (request) => full(request, (await programmes.relockProgramme(ctxOf(request), request.params.id)).id),
  );
  app.post(
    "/api/v1/programmes/:id/copy",
    {
      config: { ...api, record: "programme" },
      schema: {
        summary: "programme.api.copy_to_a_new_period_a",
        tags,
        params: idParams,
        body: copyInput,
        response: { 201: programmeJson },
      },
    },
    async (request, reply) => reply.code(201).send(await full(request, (await copying.copyProgramme(ctxOf(request), request.params.id, request.body)).id)),
  );

  // Commitments and focus areas
  const presentCommitment = ({ id, title, description, position }: { id: string; title: string; description: string; position: number }) => ({
    id,
    title,
    description,
    position,
  });
  const presentArea = ({ id, name, description, position }: { id: string; name: string; description: string; position: number }) => ({
    id,
    name,
    description,
    position,
  });
  app.post(
    "/api/v1/programmes/:id/commitments",
    {
      config: { ...api, record: "programme" },
      schema: { summary: "programme.api.add_a_commitment", tags, params: idParams, body: commitmentInput, response: { 201: commitmentJson } },
    },
    async (request, reply) =>
      reply.code(201).send(presentCommitment(await programmes.saveCommitment(ctxOf(request), { programmeId: request.params.id }, request.body))),
  );
  app.put(
    "/api/v1/commitments/:id",
    {
      config: { ...api, record: "commitment" },
      schema: { summary: "programme.api.change_a_commitment", tags, params: idParams, body: commitmentInput, response: { 200: commitmentJson } },
    },
    async (request) => presentCommitment(await programmes.saveCommitment(ctxOf(request), { id: request.params.id }, request.body)),
  );
  app.delete(
    "/api/v1/commitments/:id",
    { config: { ...api, record: "commitment" }, schema: { summary: "programme.api.delete_a_commitment", tags, params: idParams } },
    async (request, reply) => {
      await programmes.deletePart(ctxOf(request), "commitment", request.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    "/api/v1/programmes/:id/focus-areas",
    {
      config: { ...api, record: "programme" },
      schema: { summary: "programme.api.add_a_focus_area", tags, params: idParams, body: focusAreaInput, response: { 201: focusAreaJson } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ ...presentArea(await programmes.saveFocusArea(ctxOf(request), { programmeId: request.params.id }, request.body)), progress: null }),
  );
  app.put(
    "/api/v1/focus-areas/:id",
    {
      config: { ...api, record: "focusArea" },
      schema: {
        summary: "programme.api.change_a_focus_area",
        tags,
        params: idParams,
        body: focusAreaInput,
        response: { 200: focusAreaJson.omit({ progress: true }) },
      },
    },
    async (request) => presentArea(await programmes.saveFocusArea(ctxOf(request), { id: request.params.id }, request.body)),
  );
  app.delete(
    "/api/v1/focus-areas/:id",
    { config: { ...api, record: "focusArea" }, schema: { summary: "programme.api.delete_a_focus_area_with_its", tags, params: idParams } },
    async (request, reply) => {
      await programmes.deletePart(ctxOf(request), "focus_area", request.params.id);
      return reply.code(204).send();
    },
  );

  // Actions
  app.post(
    "/api/v1/programmes/:id/actions",
    {
      config: { ...api, record: "programme" },
      schema: { summary: "programme.api.add_an_action_under_a_focus", tags, params: idParams, body: actionInput, response: { 201: actionJson } },
    },
    async (request, reply) => reply.code(201).send(presentAction(await actions.createAction(ctxOf(request), request.params.id, request.body))),
  );
  app.get(
    "/api/v1/actions/:id",
    { config: { ...api, record: "action" }, schema: { summary: "programme.api.one_action", tags, params: idParams, response: { 200: actionJson } } },
    async (request) => presentAction(await actions.getAction(ctxOf(request), request.params.id)),
  );
  app.put(
    "/api/v1/actions/:id",
    {
      config: { ...api, record: "action" },
      schema: {
        summary: "programme.api.change_an_action_s_structure_status",
        tags,
        params: idParams,
        body: actionInput,
        response: { 200: actionJson },
      },
    },
    async (request) => presentAction(await actions.updateAction(ctxOf(request), request.params.id, request.body)),
  );
  app.delete(
    "/api/v1/actions/:id",
    { config: { ...api, record: "action" }, schema: { summary: "programme.api.delete_an_action", tags, params: idParams } },
    async (request, reply) => {
      await actions.deleteAction(ctxOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    "/api/v1/actions/:id/updates",
    {
      config: { ...api, record: "action" },
      schema: {
        summary: "programme.api.an_action_s_dated_log_newest",
        tags,
        params: idParams,
        response: { 200: z.object({ data: z.array(actionUpdateJson) }) },
      },
    },
    async (request) => ({
      data: (await actions.getAction(ctxOf(request), request.params.id)).updates.map(presentUpdate),
    }),
  );
  app.post(
    "/api/v1/actions/:id/updates",
    {
      config: { ...api, record: "action" },
      schema: {
        summary: "programme.api.report_on_an_action_status_progress",
        tags,
        params: idParams,
        body: actionUpdateInput,
        response: { 201: actionJson },
      },
    },
    async (request, reply) => reply.code(201).send(presentAction(await actions.addActionUpdate(ctxOf(request), request.params.id, request.body))),
  );

  // Action statuses
  app.get(
    "/api/v1/action-statuses",
    {
      config: api,
      schema: {
        ...noInput,
        summary: "programme.api.the_statuses_actions_take_with_their",
        tags,
        response: { 200: z.object({ data: z.array(statusJson) }) },
      },
    },
    async (request) => ({
      data: (await statuses.listStatuses(ctxOf(request))).map(presentStatus),
    }),
  );
  app.post(
    "/api/v1/action-statuses",
    { config: api, schema: { summary: "programme.api.add_an_action_status_administrators", tags, body: statusInput, response: { 201: statusJson } } },
    async (request, reply) => reply.code(201).send(presentStatus(await statuses.saveStatus(ctxOf(request), null, request.body))),
  );
  app.put(
    "/api/v1/action-statuses/:id",
    {
      config: { ...api, record: "status" },
      schema: { summary: "programme.api.change_an_action_status", tags, params: idParams, body: statusInput, response: { 200: statusJson } },
    },
    async (request) => presentStatus(await statuses.saveStatus(ctxOf(request), request.params.id, request.body)),
  );
  app.delete(
    "/api/v1/action-statuses/:id",
    { config: { ...api, record: "status" }, schema: { summary: "programme.api.delete_an_action_status_no_action", tags, params: idParams } },
    async (request, reply) => {
      await statuses.deleteStatus(ctxOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}

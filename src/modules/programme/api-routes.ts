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
        summary: "Programmes, drafts included, newest period first",
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
    { config: api, schema: { summary: "Create a draft programme", tags, body: programmeInput, response: { 201: programmeJson } } },
    async (request, reply) => reply.code(201).send(await full(request, (await programmes.createProgramme(ctxOf(request), request.body)).id)),
  );
  app.get(
    "/api/v1/programmes/:id",
    {
      config: { ...api, record: "programme" },
      schema: {
        summary: "A programme with its commitments, focus areas (with progress), actions, indicators and published follow-ups",
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
        summary: "Change a programme (not once adopted, unless unlocked)",
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
    { config: { ...api, record: "programme" }, schema: { summary: "Delete a draft programme", tags, params: idParams } },
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
        summary: "Record the adoption (body and date); locks the structure",
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
    { config: { ...api, record: "programme" }, schema: { summary: "Archive an adopted programme", tags, params: idParams, response: { 200: programmeJson } } },
    async (request) => full(request, (await programmes.archiveProgramme(ctxOf(request), request.params.id)).id),
  );
  app.post(
    "/api/v1/programmes/:id/unlock",
    {
      config: { ...api, record: "programme" },
      schema: {
        summary: "Unlock an adopted programme's structure, with a recorded reason (administrators)",
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
      schema: { summary: "Lock an unlocked programme's structure again", tags, params: idParams, response: { 200: programmeJson } },
    },
    async (request) => full(request, (await programmes.relockProgramme(ctxOf(request), request.params.id)).id),
  );
  app.post(
    "/api/v1/programmes/:id/copy",
    {
      config: { ...api, record: "programme" },
      schema: {
        summary: "Copy to a new period: a draft with the open actions and indicators re-based",
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
      schema: { summary: "Add a commitment", tags, params: idParams, body: commitmentInput, response: { 201: commitmentJson } },
    },
    async (request, reply) =>
      reply.code(201).send(presentCommitment(await programmes.saveCommitment(ctxOf(request), { programmeId: request.params.id }, request.body))),
  );
  app.put(
    "/api/v1/commitments/:id",
    {
      config: { ...api, record: "commitment" },
      schema: { summary: "Change a commitment", tags, params: idParams, body: commitmentInput, response: { 200: commitmentJson } },
    },
    async (request) => presentCommitment(await programmes.saveCommitment(ctxOf(request), { id: request.params.id }, request.body)),
  );
  app.delete(
    "/api/v1/commitments/:id",
    { config: { ...api, record: "commitment" }, schema: { summary: "Delete a commitment", tags, params: idParams } },
    async (request, reply) => {
      await programmes.deletePart(ctxOf(request), "commitment", request.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    "/api/v1/programmes/:id/focus-areas",
    {
      config: { ...api, record: "programme" },
      schema: { summary: "Add a focus area", tags, params: idParams, body: focusAreaInput, response: { 201: focusAreaJson } },
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
      schema: { summary: "Change a focus area", tags, params: idParams, body: focusAreaInput, response: { 200: focusAreaJson.omit({ progress: true }) } },
    },
    async (request) => presentArea(await programmes.saveFocusArea(ctxOf(request), { id: request.params.id }, request.body)),
  );
  app.delete(
    "/api/v1/focus-areas/:id",
    { config: { ...api, record: "focusArea" }, schema: { summary: "Delete a focus area with its actions", tags, params: idParams } },
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
      schema: { summary: "Add an action under a focus area", tags, params: idParams, body: actionInput, response: { 201: actionJson } },
    },
    async (request, reply) => reply.code(201).send(presentAction(await actions.createAction(ctxOf(request), request.params.id, request.body))),
  );
  app.get(
    "/api/v1/actions/:id",
    { config: { ...api, record: "action" }, schema: { summary: "One action", tags, params: idParams, response: { 200: actionJson } } },
    async (request) => presentAction(await actions.getAction(ctxOf(request), request.params.id)),
  );
  app.put(
    "/api/v1/actions/:id",
    {
      config: { ...api, record: "action" },
      schema: {
        summary: "Change an action's structure (status and progress changes are logged)",
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
    { config: { ...api, record: "action" }, schema: { summary: "Delete an action", tags, params: idParams } },
    async (request, reply) => {
      await actions.deleteAction(ctxOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    "/api/v1/actions/:id/updates",
    {
      config: { ...api, record: "action" },
      schema: { summary: "An action's dated log, newest first", tags, params: idParams, response: { 200: z.object({ data: z.array(actionUpdateJson) }) } },
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
        summary: "Report on an action: status, progress (blank: the status's default), a note, a follow-up year",
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
        summary: "The statuses actions take, with their default progress",
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
    { config: api, schema: { summary: "Add an action status (administrators)", tags, body: statusInput, response: { 201: statusJson } } },
    async (request, reply) => reply.code(201).send(presentStatus(await statuses.saveStatus(ctxOf(request), null, request.body))),
  );
  app.put(
    "/api/v1/action-statuses/:id",
    {
      config: { ...api, record: "status" },
      schema: { summary: "Change an action status", tags, params: idParams, body: statusInput, response: { 200: statusJson } },
    },
    async (request) => presentStatus(await statuses.saveStatus(ctxOf(request), request.params.id, request.body)),
  );
  app.delete(
    "/api/v1/action-statuses/:id",
    { config: { ...api, record: "status" }, schema: { summary: "Delete an action status no action uses", tags, params: idParams } },
    async (request, reply) => {
      await statuses.deleteStatus(ctxOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}

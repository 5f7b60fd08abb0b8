import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../http/app.js";
import { formProblems, idParams, noInput, serviceProblems, submittedValues } from "../http/forms.js";
import { fieldErrors } from "../http/problems.js";
import { pageContext, redirectAfterPost, sendPage } from "../http/render.js";
import { formPages } from "../http/form-pages.js";
import { operationContext } from "../http/operation.js";
import { authorize, can } from "../auth/policy.js";
import * as auth from "../auth/service.js";
import type { FieldProblem } from "../errors.js";
import { ForbiddenError } from "../errors.js";
import * as tenancy from "./service.js";
import { regionOf } from "./installation.js";
import { municipalityJson, partyInput, partyJson, settingsInput, unitInput, unitJson } from "./schemas.js";
import { presentMunicipality, presentParty, presentUnit } from "./presenter.js";
import { UnitFormPage, UnitsPage } from "./views/units.js";
import { PartiesPage, PartyFormPage } from "./views/parties.js";
import { AccessibilityStatementPage, SettingsPage } from "./views/settings.js";
import { RegionAccessibilityPage } from "../regions/views/accessibility.js";
import { MadeOnce } from "../http/made-once.js";

/** Organisation units, external parties, municipality settings and the accessibility statement: pages and API. */
export async function tenancyRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const api = { kind: "api" as const };

  // --- Units -------------------------------------------------------------------------
  const unitLabels = (request: FastifyRequest) => ({
    name: request.t("units.name"),
    kind: request.t("units.kind"),
    parent_id: request.t("units.parent"),
    manager_id: request.t("units.manager"),
  });
  const showUnitForm = async (request: FastifyRequest, reply: FastifyReply, unitId: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = operationContext(request, services);
    authorize(ctx.actor, "units.manage");
    const unit = unitId ? await tenancy.getUnit(ctx, unitId) : undefined;
    const [units, staff] = await Promise.all([tenancy.listUnits(ctx), auth.listStaffChoices(ctx)]);
    const errors = problems ? fieldErrors(problems, request.t, unitLabels(request)) : undefined;
    return sendPage(
      reply,
      <UnitFormPage
        ctx={pageContext(request, services.secret)}
        unit={unit}
        units={units}
        staff={staff}
        errors={errors}
        values={problems ? submittedValues(request) : undefined}
      />,
      status,
    );
  };

  app.get("/admin/enheter", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = operationContext(request, services);
    const [units, staff] = await Promise.all([tenancy.listUnits(ctx), auth.listStaffChoices(ctx)]);
    return sendPage(reply, <UnitsPage ctx={pageContext(request, services.secret)} units={units} staff={staff} canManage={can(ctx.actor, "units.manage")} />);
  });
  formPages(app, {
    path: "/admin/enheter",
    record: "unit",
    body: unitInput,
    show: showUnitForm,
    done: "/admin/enheter",
    create: (request, body) => tenancy.createUnit(operationContext(request, services), body),
    update: (request, id, body) => tenancy.updateUnit(operationContext(request, services), id, body),
    remove: (request, id) => tenancy.deleteUnit(operationContext(request, services), id),
    named: async (request, id) => (await tenancy.getUnit(operationContext(request, services), id)).name,
  });

  const unitListJson = z.object({ data: z.array(unitJson.extend({ depth: z.number() })) });
  const serializedUnits = new MadeOnce<object>(1);
  app.get(
    "/api/v1/units",
    {
      config: api,
      schema: {
        ...noInput,
        summary: "api.op.organisation_units_departments_sections_teams_companies",
        tags: ["organisation"],
        response: { 200: unitListJson },
      },
    },
    async (request, reply) => {
      // The kept list is the same object until a unit changes: checked against the schema and serialized once per list.
      const units = await tenancy.listUnits(operationContext(request, services));
      const body = serializedUnits.get(units, "", () =>
        JSON.stringify(unitListJson.parse({ data: units.map((unit) => ({ ...presentUnit(unit), depth: unit.depth })) })),
      );
      // Sent as the text it is: the schema's serializer would check and serialize the same list again.
      return (reply as FastifyReply).type("application/json; charset=utf-8").send(body);
    },
  );
  app.post(
    "/api/v1/units",
    { config: api, schema: { summary: "api.op.create_an_organisation_unit", tags: ["organisation"], body: unitInput, response: { 201: unitJson } } },
    async (request, reply) => reply.code(201).send(presentUnit(await tenancy.createUnit(operationContext(request, services), request.body))),
  );
  app.get(
    "/api/v1/units/:id",
    {
      config: { ...api, record: "unit" },
      schema: { summary: "api.op.one_organisation_unit", tags: ["organisation"], params: idParams, response: { 200: unitJson } },
    },
    async (request) => presentUnit(await tenancy.getUnit(operationContext(request, services), request.params.id)),
  );
  app.put(
    "/api/v1/units/:id",
    {
      config: { ...api, record: "unit" },
      schema: { summary: "api.op.change_an_organisation_unit", tags: ["organisation"], params: idParams, body: unitInput, response: { 200: unitJson } },
    },
    async (request) => presentUnit(await tenancy.updateUnit(operationContext(request, services), request.params.id, request.body)),
  );
  app.delete(
    "/api/v1/units/:id",
    { config: { ...api, record: "unit" }, schema: { summary: "api.op.delete_an_organisation_unit_without_sub", tags: ["organisation"], params: idParams } },
    async (request, reply) => {
      await tenancy.deleteUnit(operationContext(request, services), request.params.id);
      return reply.code(204).send();
    },
  );

  // --- External parties --------------------------------------------------------------
  const partyLabels = (request: FastifyRequest) => ({
    name: request.t("parties.name"),
    kind: request.t("parties.kind"),
    description: request.t("parties.description"),
    website: request.t("parties.website"),
  });
  const showPartyForm = async (request: FastifyRequest, reply: FastifyReply, partyId: string | null, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = operationContext(request, services);
    authorize(ctx.actor, "parties.manage");
    const party = partyId ? await tenancy.getParty(ctx, partyId) : undefined;
    const errors = problems ? fieldErrors(problems, request.t, partyLabels(request)) : undefined;
    return sendPage(
      reply,
      <PartyFormPage ctx={pageContext(request, services.secret)} party={party} errors={errors} values={problems ? submittedValues(request) : undefined} />,
      status,
    );
  };

  app.get("/admin/parter", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = operationContext(request, services);
    return sendPage(
      reply,
      <PartiesPage ctx={pageContext(request, services.secret)} parties={await tenancy.listParties(ctx)} canManage={can(ctx.actor, "parties.manage")} />,
    );
  });
  formPages(app, {
    path: "/admin/parter",
    record: "party",
    body: partyInput,
    show: showPartyForm,
    done: "/admin/parter",
    create: (request, body) => tenancy.createParty(operationContext(request, services), body),
    update: (request, id, body) => tenancy.updateParty(operationContext(request, services), id, body),
    remove: (request, id) => tenancy.deleteParty(operationContext(request, services), id),
    named: async (request, id) => (await tenancy.getParty(operationContext(request, services), id)).name,
  });

  app.get(
    "/api/v1/parties",
    {
      config: api,
      schema: {
        ...noInput,
        summary: "api.op.external_parties_business_council_regional_collaboration",
        tags: ["organisation"],
        response: { 200: z.object({ data: z.array(partyJson) }) },
      },
    },
    async (request) => ({
      data: (await tenancy.listParties(operationContext(request, services))).map(presentParty),
    }),
  );
  app.post(
    "/api/v1/parties",
    { config: api, schema: { summary: "api.op.create_an_external_party", tags: ["organisation"], body: partyInput, response: { 201: partyJson } } },
    async (request, reply) => reply.code(201).send(presentParty(await tenancy.createParty(operationContext(request, services), request.body))),
  );
  app.get(
    "/api/v1/parties/:id",
    {
      config: { ...api, record: "party" },
      schema: { summary: "api.op.one_external_party", tags: ["organisation"], params: idParams, response: { 200: partyJson } },
    },
    async (request) => presentParty(await tenancy.getParty(operationContext(request, services), request.params.id)),
  );
  app.put(
    "/api/v1/parties/:id",
    {
      config: { ...api, record: "party" },
      schema: { summary: "api.op.change_an_external_party", tags: ["organisation"], params: idParams, body: partyInput, response: { 200: partyJson } },
    },
    async (request) => presentParty(await tenancy.updateParty(operationContext(request, services), request.params.id, request.body)),
  );
  app.delete(
    "/api/v1/parties/:id",
    { config: { ...api, record: "party" }, schema: { summary: "api.op.delete_an_external_party", tags: ["organisation"], params: idParams } },
    async (request, reply) => {
      await tenancy.deleteParty(operationContext(request, services), request.params.id);
      return reply.code(204).send();
    },
  );

  // --- Settings and the accessibility statement --------------------------------------
  const settingsLabels = (request: FastifyRequest) => ({
    name: request.t("settings.name"),
    hosts: request.t("settings.hosts"),
    contact_email: request.t("settings.contact_email"),
    brand_colour: request.t("settings.brand_colour"),
    accessibility_compliance: request.t("settings.compliance"),
    accessibility_non_compliant: request.t("settings.non_compliant"),
    accessibility_assessment_method: request.t("settings.assessment_method"),
    accessibility_assessed_on: request.t("settings.assessed_on"),
    accessibility_updated_on: request.t("settings.updated_on"),
    accessibility_feedback: request.t("settings.feedback"),
  });
  const currentMunicipality = (request: FastifyRequest) => {
    if (!request.municipality) {
      throw new ForbiddenError();
    }
    return request.municipality;
  };

  app.get("/admin/installningar", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    authorize(operationContext(request, services).actor, "settings.manage");
    return sendPage(reply, <SettingsPage ctx={pageContext(request, services.secret)} municipality={currentMunicipality(request)} />);
  });
  app.post("/admin/installningar", { config: page, attachValidation: true, schema: { hide: true, body: settingsInput } }, async (request, reply) => {
    const ctx = operationContext(request, services);
    authorize(ctx.actor, "settings.manage");
    const show = (problems: FieldProblem[]) =>
      sendPage(
        reply,
        <SettingsPage
          ctx={pageContext(request, services.secret)}
          municipality={currentMunicipality(request)}
          errors={fieldErrors(problems, request.t, settingsLabels(request))}
          values={submittedValues(request)}
        />,
        400,
      );
    const problems = formProblems(request);
    if (problems) {
      return show(problems);
    }
    try {
      await tenancy.updateSettings(ctx, request.body);
    } catch (error) {
      return show(serviceProblems(error));
    }
    services.tenants.invalidate();
    return redirectAfterPost(reply, "/admin/installningar", "common.saved");
  });

  // A region's own host has a statement of its own, for its own pages.
  app.get("/tillganglighet", { config: { ...page, access: "public", region: true }, schema: { ...noInput, hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      request.region ? (
        <RegionAccessibilityPage ctx={pageContext(request, services.secret)} region={request.region} />
      ) : (
        <AccessibilityStatementPage ctx={pageContext(request, services.secret)} municipality={currentMunicipality(request)} />
      ),
    ),
  );

  app.get(
    "/api/v1/municipality",
    {
      config: { ...api, access: "public" },
      schema: { ...noInput, summary: "api.op.the_municipality_this_host_serves", tags: ["organisation"], response: { 200: municipalityJson } },
    },
    async (request) => {
      const municipality = currentMunicipality(request);
      return presentMunicipality(municipality, await regionOf(services.db, municipality));
    },
  );

  app.put(
    "/api/v1/municipality",
    {
      config: api,
      schema: {
        summary: "api.op.change_the_municipality_s_settings_and",
        tags: ["organisation"],
        body: settingsInput,
        response: { 200: municipalityJson },
      },
    },
    async (request) => {
      await tenancy.updateSettings(operationContext(request, services), request.body);
      services.tenants.invalidate();
      const municipality = (await services.tenants.all()).find((m) => m.id === currentMunicipality(request).id) ?? currentMunicipality(request);
      return presentMunicipality(municipality, await regionOf(services.db, municipality));
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppServices } from "../../platform/http/app.js";
import { optionalText } from "../../platform/http/fields.js";
import { formState } from "../../platform/http/form-state.js";
import { handleFormPost, idParams, noInput } from "../../platform/http/forms.js";
import { operationContext } from "../../platform/http/operation.js";
import { pageContext, redirectAfterPost, sendPage } from "../../platform/http/render.js";
import type { FieldProblem } from "../../platform/errors.js";
import * as contacts from "./contact-service.js";
import { canCompanies } from "./policy.js";
import { contactInput } from "./schemas.js";
import * as companies from "./service.js";
import { ContactFormPage, ContactPage, ExtractPage, RetentionPage } from "./views/contact.js";

const companyQuery = z.object({ foretag: z.uuid().optional().catch(undefined) });

/** Contacts: create at a company, edit, link to more companies, and the person's rights (extract, erasure, retention). */
export async function contactRoutes(fastify: FastifyInstance, services: AppServices): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const ctxOf = (request: FastifyRequest) => operationContext(request, services);
  const labels = (request: FastifyRequest): Record<string, string> => ({
    name: request.t("companies.contact_name"),
    title: request.t("companies.contact_title"),
    email: request.t("companies.email"),
    phone: request.t("companies.phone"),
    role: request.t("companies.role"),
    lawful_basis: request.t("companies.lawful_basis"),
    source: request.t("companies.contact_source"),
    org_number: request.t("companies.org_number"),
    company_id: request.t("companies.name"),
  });

  const showNew = async (request: FastifyRequest, reply: FastifyReply, companyId: string, problems: FieldProblem[] | undefined, status: number) => {
    const { company } = await companies.getCompany(ctxOf(request), companyId);
    return sendPage(
      reply,
      <ContactFormPage ctx={pageContext(request, services.secret)} company={company} {...formState(request, problems, labels(request))} />,
      status,
    );
  };
  app.get("/foretag/:id/kontakter/ny", { config: { ...page, record: "company" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showNew(request, reply, request.params.id, undefined, 200),
  );
  app.post(
    "/foretag/:id/kontakter/ny",
    { config: { ...page, record: "company" }, attachValidation: true, schema: { hide: true, params: idParams, body: contactInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showNew(request, reply, request.params.id, problems, status),
        async () => `/kontakter/${(await contacts.createContact(ctxOf(request), request.params.id, request.body)).id}`,
      ),
  );

  const showEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    companyId: string | undefined,
    problems: FieldProblem[] | undefined,
    status: number,
  ) => {
    const detail = await contacts.getContact(ctxOf(request), id);
    const link = detail.companies.find((candidate) => candidate.company_id === companyId);
    return sendPage(
      reply,
      <ContactFormPage
        ctx={pageContext(request, services.secret)}
        company={link ? { id: link.company_id, name: link.company_name } : null}
        contact={detail.contact}
        role={link?.role}
        {...formState(request, problems, labels(request))}
      />,
      status,
    );
  };
  app.get(
    "/kontakter/:id/redigera",
    { config: { ...page, record: "contact" }, schema: { hide: true, params: idParams, querystring: companyQuery } },
    async (request, reply) => showEdit(request, reply, request.params.id, request.query.foretag, undefined, 200),
  );
  app.post(
    "/kontakter/:id/redigera",
    { config: { ...page, record: "contact" }, attachValidation: true, schema: { hide: true, params: idParams, querystring: companyQuery, body: contactInput } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showEdit(request, reply, request.params.id, request.query.foretag, problems, status),
        async () => {
          await contacts.updateContact(ctxOf(request), request.params.id, request.body, request.query.foretag ?? null);
          return `/kontakter/${request.params.id}`;
        },
      ),
  );

  const showContact = async (request: FastifyRequest, reply: FastifyReply, id: string, problems: FieldProblem[] | undefined, status: number) => {
    const ctx = ctxOf(request);
    const detail = await contacts.getContact(ctx, id);
    const rights = { manage: canCompanies(ctx.actor, "companies.manage"), personal: canCompanies(ctx.actor, "contacts.personal") };
    return sendPage(
      reply,
      <ContactPage ctx={pageContext(request, services.secret)} detail={detail} rights={rights} {...formState(request, problems, labels(request))} />,
      status,
    );
  };
  app.get("/kontakter/:id", { config: { ...page, record: "contact" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    showContact(request, reply, request.params.id, undefined, 200),
  );

  const linkBody = z.object({ org_number: z.string({ message: "required" }).trim().min(1, "required").max(20, "too_long"), role: optionalText(200) });
  app.post(
    "/kontakter/:id/foretag",
    { config: { ...page, record: "contact" }, attachValidation: true, schema: { hide: true, params: idParams, body: linkBody } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showContact(request, reply, request.params.id, problems, status),
        async () => {
          await contacts.linkContactToCompany(ctxOf(request), request.params.id, request.body.org_number, request.body.role);
          return `/kontakter/${request.params.id}`;
        },
      ),
  );

  const unlinkBody = z.object({ company_id: z.uuid("invalid_choice") });
  app.post(
    "/kontakter/:id/koppla-bort",
    { config: { ...page, record: "contact" }, attachValidation: true, schema: { hide: true, params: idParams, body: unlinkBody } },
    async (request, reply) =>
      handleFormPost(
        request,
        reply,
        (problems, status) => showContact(request, reply, request.params.id, problems, status),
        async () => {
          await contacts.unlinkContact(ctxOf(request), request.params.id, request.body.company_id);
          return `/kontakter/${request.params.id}`;
        },
      ),
  );

  app.get("/kontakter/:id/registerutdrag", { config: { ...page, record: "contact" }, schema: { hide: true, params: idParams } }, async (request, reply) =>
    sendPage(
      reply,
      <ExtractPage
        ctx={pageContext(request, services.secret)}
        id={request.params.id}
        extract={await contacts.contactExtract(ctxOf(request), request.params.id)}
      />,
    ),
  );
  app.get(
    "/kontakter/:id/registerutdrag.json",
    { config: { ...page, record: "contact" }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const extract = await contacts.contactExtract(ctxOf(request), request.params.id);
      return reply
        .type("application/json; charset=utf-8")
        .header("cache-control", "no-store")
        .header("content-disposition", `attachment; filename="registerutdrag-${request.params.id}.json"`)
        .send(JSON.stringify(extract, null, 2));
    },
  );

  app.post(
    "/kontakter/:id/radera",
    {
      config: {
        ...page,
        record: "contact",
        confirm: async (request) => {
          const { id } = request.params as { id: string };
          const { contact } = await contacts.getContact(ctxOf(request), id);
          return {
            title: request.t("companies.erase_confirm_title", { name: contact.name }),
            text: request.t("companies.erase_confirm_text"),
            button: request.t("companies.erase"),
            back: `/kontakter/${id}`,
          };
        },
      },
      schema: { hide: true, params: idParams },
    },
    async (request, reply) => {
      await contacts.eraseContact(ctxOf(request), request.params.id);
      return redirectAfterPost(reply, "/foretag", "companies.contact_erased");
    },
  );

  app.get("/kontakter/gallring", { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const stale = await contacts.staleContacts(ctx);
    return sendPage(
      reply,
      <RetentionPage
        ctx={pageContext(request, services.secret)}
        months={stale.months}
        contacts={stale.contacts}
        canPurge={canCompanies(ctx.actor, "contacts.personal")}
      />,
    );
  });
  app.post(
    "/kontakter/gallring",
    {
      config: {
        ...page,
        confirm: async (request) => {
          const stale = await contacts.staleContacts(ctxOf(request));
          return {
            title: request.t("companies.retention_confirm_title", { count: stale.contacts.length }),
            text: request.t("companies.erase_confirm_text"),
            details: stale.contacts.map((contact) => (contact.companies ? `${contact.name} (${contact.companies})` : contact.name)),
            button: request.t("companies.retention_purge", { count: stale.contacts.length }),
            back: "/kontakter/gallring",
          };
        },
      },
      schema: { hide: true, body: z.object({ _csrf: z.string().optional() }) },
    },
    async (request, reply) => {
      const count = await contacts.purgeStaleContacts(ctxOf(request));
      return redirectAfterPost(reply, "/kontakter/gallring", count > 0 ? "companies.retention_purged" : "companies.retention_none");
    },
  );
}

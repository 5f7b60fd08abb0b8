import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FieldProblem } from "../errors.js";
import { confirmDelete } from "./confirm.js";
import { handleFormPost, idParams, noInput } from "./forms.js";

/** Renders a record's form: blank (no id) or the record's, with problems and the values kept when a post failed. */
export type ShowForm = (
  request: FastifyRequest,
  reply: FastifyReply,
  id: string | null,
  problems: FieldProblem[] | undefined,
  status: number,
) => Promise<FastifyReply>;

/**
 * The staff pages of one kind of record, each URL a line in the module's route file:
 *
 * - `GET` and `POST` `{path}/ny`: the blank form, and creating;
 * - `GET` and `POST` `{path}/:id` (or `{path}/:id/{edit}`): the record's form, and saving;
 * - `POST` `{path}/:id/ta-bort`: deleting, when `remove` is given.
 *
 * Bad input and a service's field problems re-show the form (400, or 409 for a delete the
 * service refuses) with the values kept; otherwise the post redirects to `done`: the list,
 * or the saved record's own page (`done` given its id; `create` resolves to the new record
 * or its id).
 */
export interface FormPages<Body> {
  path: string;
  /** The kind of record `:id` names (the route config's `record`). */
  record: string;
  body: z.ZodType<Body>;
  show: ShowForm;
  create: (request: FastifyRequest, body: Body) => Promise<unknown>;
  update: (request: FastifyRequest, id: string, body: Body) => Promise<unknown>;
  remove?: (request: FastifyRequest, id: string) => Promise<unknown>;
  /** The record's name, for the page that asks before a delete (loaded in scope: another municipality's is a 404). */
  named?: (request: FastifyRequest, id: string) => Promise<string>;
  /** Where a post goes when it succeeds; a delete goes to `deleted`, or to `done` when that is a path. */
  done: string | ((id: string) => string);
  deleted?: string;
  /** A segment after `:id` for the edit page (`redigera`), when `{path}/:id` shows the record. */
  edit?: string;
}

const csrfOnly = z.object({ _csrf: z.string().optional() });

/** The id of what a service saved: the id itself, or the record. */
function idOf(saved: unknown): string {
  return typeof saved === "string" ? saved : String((saved as { id: string }).id);
}

export function formPages<Body>(fastify: FastifyInstance, pages: FormPages<Body>): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const page = { kind: "page" as const };
  const record = { ...page, record: pages.record };
  const editPath = `${pages.path}/:id${pages.edit ? `/${pages.edit}` : ""}`;
  const body = pages.body as z.ZodType;
  const done = (id: string) => (typeof pages.done === "string" ? pages.done : pages.done(id));

  app.get(`${pages.path}/ny`, { config: page, schema: { ...noInput, hide: true } }, async (request, reply) => pages.show(request, reply, null, undefined, 200));
  app.post(`${pages.path}/ny`, { config: page, attachValidation: true, schema: { hide: true, body } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => pages.show(request, reply, null, problems, status),
      async () => done(idOf(await pages.create(request, request.body as Body))),
    ),
  );
  app.get(editPath, { config: record, schema: { hide: true, params: idParams } }, async (request, reply) =>
    pages.show(request, reply, request.params.id, undefined, 200),
  );
  app.post(editPath, { config: record, attachValidation: true, schema: { hide: true, params: idParams, body } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => pages.show(request, reply, request.params.id, problems, status),
      async () => (await pages.update(request, request.params.id, request.body as Body), done(request.params.id)),
    ),
  );
  const remove = pages.remove;
  const deleted = pages.deleted ?? (typeof pages.done === "string" ? pages.done : undefined);
  if (remove) {
    if (!deleted) {
      throw new Error(`${pages.path}: a delete needs a page to go to (deleted)`);
    }
    app.post(
      `${pages.path}/:id/ta-bort`,
      {
        config: { ...record, confirm: confirmDelete(namedOrThrow(pages.path, pages.named)) },
        attachValidation: true,
        schema: { hide: true, params: idParams, body: csrfOnly },
      },
      async (request, reply) =>
        handleFormPost(
          request,
          reply,
          (problems) => pages.show(request, reply, request.params.id, problems, 409),
          async () => (await remove(request, request.params.id), deleted),
          "common.deleted",
        ),
    );
  }
}

/** Which form a child record's page shows: a new one under its parent, or an existing one. */
export type ChildTarget = { parentId: string } | { id: string };

/**
 * The staff pages of a record that belongs to another (an action of a programme): new ones
 * are made under the parent, the rest live at the record's own path.
 *
 * - `GET` and `POST` `{parent.path}/:id/{segment}/ny`, `:id` naming the parent;
 * - `GET` and `POST` `{path}/:id` (or `{path}/:id/{edit}`);
 * - `POST` `{path}/:id/ta-bort`, when `remove` is given; it resolves to where to go.
 */
export interface ChildFormPages<Body, Saved> {
  parent: { path: string; record: string };
  /** The record's own pages (`/admin/atgarder`); its last segment names it under the parent. */
  path: string;
  record: string;
  body: z.ZodType<Body>;
  edit?: string;
  show: (request: FastifyRequest, reply: FastifyReply, target: ChildTarget, problems: FieldProblem[] | undefined, status: number) => Promise<FastifyReply>;
  create: (request: FastifyRequest, parentId: string, body: Body) => Promise<Saved>;
  update: (request: FastifyRequest, id: string, body: Body) => Promise<Saved>;
  /** Where a save goes: the saved record's page, or its parent's. */
  done: (saved: Saved) => string;
  remove?: (request: FastifyRequest, id: string) => Promise<string>;
  /** The record's name, for the page that asks before a delete. */
  named?: (request: FastifyRequest, id: string) => Promise<string>;
}

export function childFormPages<Body, Saved>(fastify: FastifyInstance, pages: ChildFormPages<Body, Saved>): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const underParent = { kind: "page" as const, record: pages.parent.record };
  const own = { kind: "page" as const, record: pages.record };
  const newPath = `${pages.parent.path}/:id/${pages.path.split("/").pop()}/ny`;
  const editPath = `${pages.path}/:id${pages.edit ? `/${pages.edit}` : ""}`;
  const body = pages.body as z.ZodType;

  app.get(newPath, { config: underParent, schema: { hide: true, params: idParams } }, async (request, reply) =>
    pages.show(request, reply, { parentId: request.params.id }, undefined, 200),
  );
  app.post(newPath, { config: underParent, attachValidation: true, schema: { hide: true, params: idParams, body } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => pages.show(request, reply, { parentId: request.params.id }, problems, status),
      async () => pages.done(await pages.create(request, request.params.id, request.body as Body)),
    ),
  );
  app.get(editPath, { config: own, schema: { hide: true, params: idParams } }, async (request, reply) =>
    pages.show(request, reply, { id: request.params.id }, undefined, 200),
  );
  app.post(editPath, { config: own, attachValidation: true, schema: { hide: true, params: idParams, body } }, async (request, reply) =>
    handleFormPost(
      request,
      reply,
      (problems, status) => pages.show(request, reply, { id: request.params.id }, problems, status),
      async () => pages.done(await pages.update(request, request.params.id, request.body as Body)),
    ),
  );
  const remove = pages.remove;
  if (remove) {
    app.post(
      `${pages.path}/:id/ta-bort`,
      {
        config: { ...own, confirm: confirmDelete(namedOrThrow(pages.path, pages.named)) },
        attachValidation: true,
        schema: { hide: true, params: idParams, body: csrfOnly },
      },
      async (request, reply) =>
        handleFormPost(
          request,
          reply,
          (problems) => pages.show(request, reply, { id: request.params.id }, problems, 409),
          () => remove(request, request.params.id),
          "common.deleted",
        ),
    );
  }
}

/** A delete asks first, by the record's name: a delete without `named` is a mistake in the route file. */
function namedOrThrow(path: string, named: ((request: FastifyRequest, id: string) => Promise<string>) | undefined) {
  if (!named) {
    throw new Error(`${path}: a delete asks first, and needs the record's name for it (named)`);
  }
  return named;
}
